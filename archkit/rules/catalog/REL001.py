"""REL001 — a single-replica component sits on a client journey (single point of failure)."""

from __future__ import annotations

from collections.abc import Iterator

from archkit.model.schema import Component
from archkit.rules.base import Hit, Rule, listing
from archkit.rules.context import MANAGED_KINDS, Context

DEPLOYED = frozenset({"gateway", "service", "worker"})  # the tiers OPS003 covers


def single_points(ctx: Context) -> list[Component]:
    """Components client requests wait on that run one replica with no fallback for their callers."""
    found = []
    for c in ctx.arch.components:
        if c.id not in ctx.on_journey or c.kind in MANAGED_KINDS or c.kind == "client" or c.replicas > 1:
            continue
        inbound = [
            lk
            for lk in ctx.in_links[c.id]
            if ctx.waits(lk) and (lk.source in ctx.on_journey or ctx.kind(lk.source) == "client")
        ]
        if inbound and all(lk.fallback is not None for lk in inbound):
            continue  # callers degrade to a fallback instead of failing
        found.append(c)
    return found


def check(ctx: Context) -> Iterator[Hit]:
    zero_downtime = ctx.arch.requirements.zero_downtime_deploys
    for c in single_points(ctx):
        clients = [cl for cl, reached in ctx.journeys.items() if c.id in reached]
        declared = ctx.declared(c, "replicas")
        cut = " and is a cut point of the call graph" if c.id in ctx.articulation_points else ""
        what = "runs 1 replica" if declared else "declares no replicas (default 1)"
        # the same root cause as OPS003's: said here once, with what it means for deploys
        deploys = (
            ", and every deploy is an outage (zero_downtime_deploys)" if zero_downtime and c.kind in DEPLOYED else ""
        )
        yield Hit(
            (c.id,),
            f"{c.kind} '{c.id}' {what}{cut}; requests from {listing(clients, 3)} fail while it is down or "
            f"restarting{deploys}",
            severity="high" if declared and c.kind != "cache" else "medium",
        )


RULE = Rule(
    code="REL001",
    name="single-point-of-failure",
    category="reliability",
    severity="high",
    summary="A component that client requests wait on runs a single replica and has no fallback.",
    rationale="One instance fails on every crash, host failure, deploy and zone outage; every journey through it "
    "inherits its downtime. Managed kinds (CDN, load balancer, function, object store, identity, secrets) are "
    "left out: one model replica there is already a redundant service.",
    fix="Run 2+ replicas (across zones for stores, with failover), or give the callers a fallback (`fallback:` "
    "on the link). Accept it with a waiver when the journey's availability target allows.",
    reads=("components.replicas", "components.kind", "links.sync", "links.fallback"),
    check=check,
)
