"""API104 — an operation's latency target is below what its call chain needs with no load at all."""

from __future__ import annotations

from collections.abc import Iterator

from archkit.rules.api_architecture import api_operations, latency_floor_ms
from archkit.rules.base import Hit, Rule
from archkit.rules.context import Context


def check(ctx: Context) -> Iterator[Hit]:
    default = ctx.arch.requirements.latency_p99_ms
    for c, op in api_operations(ctx):
        target = op.latency_p99_ms or default
        if target is None or not op.steps:
            continue
        floor = latency_floor_ms(ctx, c.id, op.id)
        if floor > target:
            yield Hit(
                (c.id,),
                f"{c.id}.{op.id} targets p99 {target:g} ms, but its own time and the calls it waits for take "
                f"{floor:,.0f} ms on average with no load at all: no capacity reaches the target",
            )


RULE = Rule(
    code="API104",
    name="latency-target-below-call-chain",
    category="api",
    severity="high",
    summary="An operation's p99 latency target is below the mean time its call chain needs at zero load.",
    rationale="The API promises a latency its own design cannot deliver even idle: adding replicas does not help, "
    "only changing the chain does (fewer sequential calls, parallel steps, a cache, async work).",
    fix="Shorten the synchronous chain (parallel steps, a cache, move work to a queue), or set a target the "
    "chain can meet.",
    reads=("components.operations.steps", "components.operations.latency_p99_ms", "components.service_time_ms"),
    reference="Google SRE (SLOs from the dependency chain); no spec linter can see the chain",
    check=check,
)
