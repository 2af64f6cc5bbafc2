"""PERF102 — a component is saturated at peak: utilization >= 100% (from the analysis)."""

from __future__ import annotations

from collections.abc import Iterator

from archkit.analysis import Analysis
from archkit.rules.base import Hit, Rule
from archkit.rules.context import Context


def check(ctx: Context) -> Iterator[Hit]:
    analysis: Analysis = ctx.analysis
    for cid in analysis.saturated():
        c = analysis.components[cid]
        u = c.utilization or 0.0
        yield Hit(
            (cid,),
            f"{c.kind} '{cid}' receives {c.rps:,.1f} rps at peak and needs {u:.0%} of its "
            f"{c.replicas} × {c.concurrency} slots ({c.service_time_ms:g} ms each): its queue grows without bound; "
            f"it needs {c.replicas_needed} replicas for {analysis.target_utilization:.0%} utilization",
        )


RULE = Rule(
    code="PERF102",
    name="component-saturated",
    category="performance",
    severity="critical",
    summary="A component's utilization at peak (arrival rate × service time / (replicas × concurrency)) is 100% or more.",
    rationale="At or above 100% utilization requests arrive faster than they can be served: the queue, and with "
    "it the latency of every journey through the component, grows until requests time out.",
    fix="Add replicas or concurrency (see replicas_needed in `archkit analyze`), make the work cheaper, cache in "
    "front of it, or move it off the synchronous path behind a queue.",
    reads=("components.replicas", "components.concurrency", "components.service_time_ms", "links.calls"),
    check=check,
    needs_analysis=True,
)
