"""REL007 — services, gateways or workers have no health check."""

from __future__ import annotations

from collections.abc import Iterator

from archkit.rules.base import Hit, Rule, listing
from archkit.rules.context import Context

KINDS = ("gateway", "service", "worker")


def check(ctx: Context) -> Iterator[Hit]:
    undeclared = []
    for c in ctx.of_kind(*KINDS):
        if c.health_check is False:
            yield Hit(
                (c.id,),
                f"{c.kind} '{c.id}' declares health_check: false: a hung instance keeps receiving work",
                severity="medium",
            )
        elif c.health_check is None:
            undeclared.append(c.id)
    if undeclared:
        yield Hit(
            tuple(undeclared),
            f"health checks are not declared for {listing(undeclared)}",
            severity="low",
        )


RULE = Rule(
    code="REL007",
    name="no-health-check",
    category="reliability",
    severity="medium",
    summary="A gateway, service or worker is not health-checked, so a hung instance is never replaced.",
    rationale="Processes fail by hanging (deadlocks, exhausted pools) more often than by exiting. Without a probe "
    "the platform keeps routing traffic to them and never restarts them.",
    fix="Add liveness/readiness probes (or load balancer health checks) and set health_check: true.",
    reads=("components.health_check", "components.kind"),
    check=check,
)
