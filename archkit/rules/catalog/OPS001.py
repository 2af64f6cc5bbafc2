"""OPS001 — no logs, metrics or traces declared for application components."""

from __future__ import annotations

from collections.abc import Iterator

from archkit.rules.base import Hit, Rule, listing
from archkit.rules.context import Context

KINDS = ("gateway", "service", "function", "worker")


def check(ctx: Context) -> Iterator[Hit]:
    undeclared = []
    for c in ctx.of_kind(*KINDS):
        if c.observability is None:
            undeclared.append(c.id)
        elif not c.observability:
            yield Hit((c.id,), f"{c.kind} '{c.id}' declares no telemetry (observability: [])", severity="medium")
    if undeclared:
        yield Hit(tuple(undeclared), f"telemetry is not declared for {listing(undeclared)}", severity="low")


RULE = Rule(
    code="OPS001",
    name="no-telemetry",
    category="operability",
    severity="medium",
    summary="A gateway, service, function or worker emits no logs, metrics or traces.",
    rationale="What is not measured cannot be alerted on or debugged: an incident in a component without telemetry "
    "is diagnosed by guessing, and its SLOs cannot be shown to hold.",
    fix="Emit at least metrics (RED: rate, errors, duration) and structured logs; add traces on request paths. "
    "Declare them in `observability`.",
    reads=("components.observability", "components.kind"),
    check=check,
)
