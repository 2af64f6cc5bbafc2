"""PERF101 — a client journey, or an operation clients call, misses its p99 latency target (from the analysis).

With operations each operation clients call is read on its own (a journey's p99 mixes fast reads
with slow writes and hides the one that misses)."""

from __future__ import annotations

import math
from collections.abc import Iterator

from archkit.analysis import Analysis
from archkit.rules.api_architecture import latency_floor_ms
from archkit.rules.base import Hit, Rule, Severity
from archkit.rules.context import Context
from archkit.rules.operation_numbers import journeys_by_operation, reviewed_operations


def responsible(analysis: Analysis, client: str, limit: int = 3) -> list[str]:
    """The components that spend most of a journey's time (saturated ones first)."""
    journey = analysis.journeys[client]
    if journey.saturated:
        return journey.saturated[:limit]
    total = sum(ms for _, ms in journey.contributors) or 1.0
    return [cid for cid, ms in journey.contributors[:limit] if ms >= 0.1 * total] or [
        cid for cid, _ in journey.contributors[:1]
    ]


def check(ctx: Context) -> Iterator[Hit]:
    analysis: Analysis = ctx.analysis
    for o in reviewed_operations(analysis):
        if o.meets_latency is not False or o.latency_target is None:
            continue
        if (
            ctx.components[o.component].api is not None
            and latency_floor_ms(ctx, o.component, o.operation) > o.latency_target
        ):
            continue  # unreachable even idle: API104 reports the target against the chain, once
        saturated = [cid for cid, ms in o.contributors if ms == math.inf]
        total = sum(ms for _, ms in o.contributors if ms != math.inf) or 1.0
        blame = (
            saturated
            or [cid for cid, ms in o.contributors[:3] if ms >= 0.1 * total]
            or [cid for cid, _ in o.contributors[:1]]
        )
        if o.latency_p99 is None:
            if saturated:
                continue  # the cause is capacity: PERF102 reports the saturated components once
            message = f"operation {o.id} has no steady-state latency: a dependency is down (target p99 {o.latency_target:g} ms)"
            op_severity: Severity = "critical"
        else:
            parts = ", ".join(f"{cid} {ms:.0f} ms" for cid, ms in o.contributors if cid in blame)
            message = (
                f"operation {o.id} takes p99 {o.latency_p99:.0f} ms (mean {o.latency_mean or 0:.0f} ms) "
                f"against a target of {o.latency_target:g} ms; most of it in {parts}"
            )
            op_severity = "high" if o.latency_p99 > 2 * o.latency_target else "medium"
        yield Hit(tuple(dict.fromkeys((o.component, *blame))), message, severity=op_severity)
    for client, j in analysis.journeys.items():
        if j.meets_latency is not False or j.latency_target is None or client in journeys_by_operation(analysis):
            continue
        blame = responsible(analysis, client)
        severity: Severity
        if j.latency_p99 is None:
            continue  # saturated components: PERF102 reports the cause once
        else:
            parts = ", ".join(f"{cid} {ms:.0f} ms" for cid, ms in j.contributors if cid in blame)
            message = (
                f"requests from '{client}' take p99 {j.latency_p99:.0f} ms (mean {j.latency_mean or 0:.0f} ms) "
                f"against a target of {j.latency_target:g} ms; most of it in {parts}"
            )
            severity = "high" if j.latency_p99 > 2 * j.latency_target else "medium"
        yield Hit((client, *blame), message, severity=severity)


RULE = Rule(
    code="PERF101",
    name="latency-slo-missed",
    category="performance",
    severity="high",
    summary="A client journey's (or an operation's) p99 latency, computed from the model, is above its target.",
    rationale="The end-to-end time of a request is the sum of the time spent at every component it calls "
    "synchronously, queueing included; if the design's own numbers miss the target at peak, production will too.",
    fix="Shorten the synchronous path: cache or precompute, call in parallel (`parallel: true`), move work "
    "behind a queue; add replicas where queueing dominates; or revisit the target.",
    reads=(
        "requirements.latency_p99_ms",
        "components.service_time_ms",
        "components.replicas",
        "links.calls",
        "components.operations",
    ),
    check=check,
    needs_analysis=True,
)
