"""PERF103 — a component runs hot at peak: utilization >= 70% (from the analysis)."""

from __future__ import annotations

from collections.abc import Iterator

from archkit.analysis import Analysis
from archkit.rules.base import Hit, Rule
from archkit.rules.context import Context


def check(ctx: Context) -> Iterator[Hit]:
    analysis: Analysis = ctx.analysis
    for cid in analysis.hot():
        c = analysis.components[cid]
        u = c.utilization or 0.0
        yield Hit(
            (cid,),
            f"{c.kind} '{cid}' runs at {u:.0%} utilization at peak ({c.rps:,.1f} rps over {c.replicas} × "
            f"{c.concurrency} slots); requests wait {c.wait_probability:.0%} of the time and it saturates at "
            f"{c.rps / u:,.0f} rps; {c.replicas_needed} replicas keep it at {analysis.target_utilization:.0%}",
        )


RULE = Rule(
    code="PERF103",
    name="component-hot",
    category="performance",
    severity="medium",
    summary="A component's utilization at peak is 70% or more (but under 100%).",
    rationale="Queueing delay grows as 1/(1 − utilization): above ~70% a small burst or a lost replica makes "
    "waiting time dominate the latency, and there is little headroom for growth or failover.",
    fix="Add replicas or concurrency until utilization is under the target (replicas_needed in `archkit "
    "analyze`), or make the work cheaper.",
    reads=("components.replicas", "components.concurrency", "components.service_time_ms", "links.calls"),
    check=check,
    needs_analysis=True,
)
