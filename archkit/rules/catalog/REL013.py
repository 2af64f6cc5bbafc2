"""REL013 — replicas of a component on a client journey all run in one availability zone."""

from __future__ import annotations

from collections.abc import Iterator

from archkit.rules.base import Hit, Rule
from archkit.rules.context import MANAGED_KINDS, Context

HIGH_AVAILABILITY = 99.95  # targets from here on need to survive a zone outage


def check(ctx: Context) -> Iterator[Hit]:
    target = ctx.arch.requirements.availability
    if target is None or target < HIGH_AVAILABILITY:
        return
    for c in ctx.arch.components:
        if c.id not in ctx.on_journey or c.kind in MANAGED_KINDS or c.replicas < 2:
            continue
        if c.zones == 1 and ctx.declared(c, "zones"):
            yield Hit(
                (c.id,),
                f"{c.kind} '{c.id}' runs {c.replicas} replicas, all in one zone (zones: 1), on a journey whose "
                f"availability target is {target:g}%: one zone outage takes every replica down",
            )


RULE = Rule(
    code="REL013",
    name="single-zone",
    category="reliability",
    severity="medium",
    summary=f"With an availability target of {HIGH_AVAILABILITY:g}% or more, a component on a client journey "
    "declares all its replicas in one zone.",
    rationale="Zone outages (power, network, a bad change in one data centre) happen a few times a year and last "
    "hours; 99.95% allows about 22 minutes a month. Replicas in one zone protect against host failures only.",
    fix="Spread the replicas over 2-3 zones (zones: 2 or more) with a load balancer or failover across them.",
    reads=("requirements.availability", "components.zones", "components.replicas", "links.sync"),
    check=check,
)
