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
    """One finding for every single point (one cause, one replica), most connected first. A declared
    `replicas: 1` and an undeclared one are the same fact; the detail says which it was. A cache
    alone (its callers can fall back to the store) makes the finding medium, anything else high."""
    zero_downtime = ctx.arch.requirements.zero_downtime_deploys
    points = single_points(ctx)
    if not points:
        return
    parts = []
    for c in sorted(points, key=lambda c: (c.id not in ctx.articulation_points, c.kind == "cache")):
        notes = [n for n in ("cut point" if c.id in ctx.articulation_points else "",
                             "" if ctx.declared(c, "replicas") else "replicas not declared") if n]  # fmt: skip
        parts.append((c.id, f"{c.kind} '{c.id}'" + (f" ({', '.join(notes)})" if notes else "")))
    clients = [cl for cl, reached in ctx.journeys.items() if reached & {c.id for c in points}]
    # the same root cause as OPS003's: said here once, with what it means for deploys
    deploys = (
        "; every deploy of a gateway, service or worker among them is an outage (zero_downtime_deploys)"
        if zero_downtime and any(c.kind in DEPLOYED for c in points)
        else ""
    )
    yield Hit(
        tuple(p[0] for p in parts),
        f"requests from {listing(clients, 3)} wait on {{n}} component(s) that run a single replica with no "
        f"fallback, and fail while any of them is down or restarting{deploys}",
        parts=tuple(parts),
        severity="high" if any(c.kind != "cache" for c in points) else "medium",
        because=None
        if any(c.kind != "cache" for c in points)
        else "only caches are single, and their callers can still reach the store behind them",
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
