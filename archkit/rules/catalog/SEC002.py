"""SEC002 — an application service is called from the public side without a gateway or load balancer."""

from __future__ import annotations

from collections.abc import Iterator

from archkit.rules.base import Hit, Rule
from archkit.rules.context import Context

EXPOSED_KINDS = frozenset({"service", "worker"})


def check(ctx: Context) -> Iterator[Hit]:
    for c in ctx.arch.components:
        if c.kind not in EXPOSED_KINDS:
            continue
        callers = [lk for lk in ctx.in_links[c.id] if ctx.untrusted(lk.source) and ctx.kind(lk.source) == "client"]
        if callers:
            names = ", ".join(dict.fromkeys(lk.source for lk in callers))
            yield Hit(
                (c.id,),
                f"{c.kind} '{c.id}' is called directly from the public side by {names}: "
                "TLS termination, authentication and throttling all fall to the service itself",
                links=tuple(lk.key for lk in callers),
            )


RULE = Rule(
    code="SEC002",
    name="service-exposed",
    category="security",
    severity="medium",
    summary="An internal service or worker is called directly by an internet client, with no gateway or load balancer.",
    rationale="A gateway or load balancer is the one place that terminates TLS, authenticates, throttles and "
    "hides the internal topology. A directly exposed service re-implements each of these, usually partly.",
    fix="Put the service behind a gateway or load balancer in a DMZ boundary and keep the service internal.",
    reads=("components.kind", "components.boundary", "boundaries.trust", "links"),
    check=check,
)
