"""OPS002 — a request crosses several services but some of them do not emit traces."""

from __future__ import annotations

from collections.abc import Iterator

from archkit.rules.base import Hit, Rule, listing
from archkit.rules.context import Context

HOP_KINDS = frozenset({"gateway", "service", "function"})


def check(ctx: Context) -> Iterator[Hit]:
    gaps: list[str] = []
    for reached in ctx.journeys.values():
        hops = [cid for cid in reached if ctx.kind(cid) in HOP_KINDS]
        if len(hops) < 2:
            continue
        for cid in hops:
            obs = ctx.components[cid].observability
            if obs is not None and "traces" not in obs and cid not in gaps:
                gaps.append(cid)
    if gaps:
        order = list(ctx.components)
        gaps.sort(key=order.index)
        yield Hit(
            tuple(gaps),
            f"{listing(gaps)} {'declares' if len(gaps) == 1 else 'declare'} telemetry without traces, on journeys that cross several services: "
            "a slow request cannot be followed through them",
        )


RULE = Rule(
    code="OPS002",
    name="trace-gap",
    category="operability",
    severity="low",
    summary="Services on a multi-service request path declare telemetry but no traces.",
    rationale="With more than one hop, per-service metrics cannot say where a slow or failed request spent its "
    "time; one service without trace propagation breaks every trace that passes through it.",
    fix="Propagate trace context (OpenTelemetry) in every hop and add `traces` to `observability`.",
    reads=("components.observability", "links.sync"),
    check=check,
)
