"""OPS003 — zero-downtime deploys are required but a tier runs a single replica."""

from __future__ import annotations

from collections.abc import Iterator

from archkit.rules.base import Hit, Rule
from archkit.rules.catalog.REL001 import DEPLOYED, single_points
from archkit.rules.context import Context

TIERS = DEPLOYED


def check(ctx: Context) -> Iterator[Hit]:
    if not ctx.arch.requirements.zero_downtime_deploys:
        return
    on_journey = {c.id for c in single_points(ctx)}  # REL001 reports those, deploys included
    for c in ctx.arch.components:
        if c.kind not in TIERS or c.replicas > 1 or c.id in on_journey:
            continue
        declared = ctx.declared(c, "replicas")
        what = "runs 1 replica" if declared else "declares no replicas (default 1)"
        effect = "stops serving" if c.kind != "worker" else "stops consuming"
        yield Hit(
            (c.id,),
            f"{c.kind} '{c.id}' {what} but deploys must not interrupt traffic: every deploy {effect} until the new instance is up",
            severity="high" if declared else "medium",
        )


RULE = Rule(
    code="OPS003",
    name="zero-downtime-single-replica",
    category="operability",
    severity="high",
    summary="Zero-downtime deploys are required, but a gateway, service or worker runs one replica.",
    rationale="A rolling or blue/green deploy replaces instances one at a time; with one instance there is "
    "always a moment with none, which the requirement forbids.",
    fix="Run at least 2 replicas (behind a health-checked load balancer, or as competing consumers) "
    "and deploy them one at a time.",
    reads=("requirements.zero_downtime_deploys", "components.replicas", "components.kind"),
    check=check,
)
