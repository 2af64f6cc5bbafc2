"""Helpers for the API rules that judge an API against the architecture around it (API1xx)."""

from __future__ import annotations

from collections.abc import Iterator

from archkit.model.operation import Operation
from archkit.model.schema import Component
from archkit.rules.context import Context


def api_operations(ctx: Context) -> Iterator[tuple[Component, Operation]]:
    """(component, operation) for every operation of every component that exposes an API."""
    for c in ctx.arch.components:
        if c.api is not None:
            for op in c.operations:
                yield c, op


def latency_floor_ms(ctx: Context, component: str, op_id: str | None, seen: frozenset[str] = frozenset()) -> float:
    """The least mean time one request of ``component.op_id`` takes with no load at all: its own
    service time plus its synchronous steps (parallel runs count their slowest). No queueing, no
    network, nothing past a component without operations: a lower bound, so a target below it is
    out of reach at any traffic."""
    c = ctx.components[component]
    op = next((o for o in c.operations if o.id == op_id), None) if op_id else None
    own = (op.service_time_ms if op and op.service_time_ms else None) or ctx.arch.service_time_of(c)
    key = f"{component}.{op_id}"
    if op is None or key in seen:
        return own
    total, run = own, 0.0
    for step in op.steps:
        link = ctx.calls.first_link.get((component, step.target))
        if link is None or not ctx.waits(link):
            continue
        target = ctx.components[step.target]
        target_op = step.op
        if target_op is None and target.operations:
            # reached without a name: its operations by share; the cheapest bounds it from below
            floors = [latency_floor_ms(ctx, step.target, o.id, seen | {key}) for o in target.operations if o.share]
            cost = min(floors) if floors else ctx.arch.service_time_of(target)
        else:
            cost = latency_floor_ms(ctx, step.target, target_op, seen | {key})
        cost *= step.calls  # a fraction is a share of requests: its mean cost
        if step.parallel:
            run = max(run, cost)
            continue
        total += run + cost
        run = 0.0
    return total + run


__all__ = ["api_operations", "latency_floor_ms"]
