"""PERF102 — a component is saturated at peak: utilization >= 100% (from the analysis)."""

from __future__ import annotations

from collections.abc import Iterator

from archkit.analysis import Analysis
from archkit.rules.base import Hit, Rule
from archkit.rules.context import Context


def check(ctx: Context) -> Iterator[Hit]:
    """One finding for every saturated component (one cause: capacity below the peak), critical when
    the model declares the capacity it saturates with, high when it rests on archkit's defaults
    (the message says which; declaring service_time_ms and concurrency settles it)."""
    analysis: Analysis = ctx.analysis
    declared: list[tuple[str, str]] = []
    assumed: list[tuple[str, str]] = []
    for cid in analysis.saturated():
        c = analysis.components[cid]
        u = c.utilization or 0.0
        model = ctx.components[cid]
        detail = (
            f"'{cid}' at {u:.0%} ({c.rps:,.0f} rps on {c.replicas} × {c.concurrency} slots of {c.service_time_ms:g} ms; "
            f"{c.replicas_needed} replicas for {analysis.target_utilization:.0%})"
        )
        if model.service_time_ms is None and model.concurrency is None and model.kind != "client":
            assumed.append((cid, detail))
        else:
            declared.append((cid, detail))
    if declared:
        yield Hit(
            tuple(c for c, _ in declared),
            "{n} component(s) saturate at peak: their queues grow without bound and every journey through "
            "them times out",
            parts=tuple(declared),
        )
    if assumed:
        yield Hit(
            tuple(c for c, _ in assumed),
            "{n} component(s) saturate at peak on archkit's default service time and concurrency for their kind "
            "(declare service_time_ms and concurrency to settle it)",
            parts=tuple(assumed),
            severity="high",
            because="it rests on archkit's default capacity for the kind, not on figures the model declares",
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
