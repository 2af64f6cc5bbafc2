"""SEC001 — a data store is reachable from the public side without a gateway or service in front."""

from __future__ import annotations

from collections.abc import Iterator

from archkit.rules.base import Hit, Rule
from archkit.rules.context import Context

# Object stores are left out on purpose: public buckets and pre-signed URLs are a deliberate
# pattern with its own controls; a database, cache, index or broker never should be.
EXPOSABLE = frozenset({"database", "cache", "search", "queue", "stream"})


def check(ctx: Context) -> Iterator[Hit]:
    forwarded: dict[str, list[str]] = {}  # store -> pass-through components in front of it
    sources: dict[str, list[str]] = {}  # store -> untrusted components whose requests reach it that way
    for source, chain in ctx.internet_paths:
        if len(chain) > 1 and ctx.kind(chain[-1]) in EXPOSABLE:
            forwarded.setdefault(chain[-1], [])
            forwarded[chain[-1]] += [cid for cid in chain[:-1] if cid not in forwarded[chain[-1]]]
            sources.setdefault(chain[-1], []).append(source)
    for c in ctx.arch.components:
        if c.kind not in EXPOSABLE:
            continue
        callers = [lk for lk in ctx.in_links[c.id] if ctx.untrusted(lk.source)]
        if callers:
            names = ", ".join(dict.fromkeys(lk.source for lk in callers))
            yield Hit(
                (c.id,),
                f"{c.kind} '{c.id}' is called directly from the public side by {names}, "
                "with no gateway, load balancer or service in between"
                + (
                    ""
                    if any(ctx.trust_declared(lk.source) for lk in callers)
                    else " (callers have no boundary: assumed public)"
                ),
                links=tuple(lk.key for lk in callers),
                severity=None if any(ctx.trust_declared(lk.source) for lk in callers) else "medium",
            )
        elif ctx.trust(c.id) == "public":
            yield Hit((c.id,), f"{c.kind} '{c.id}' sits in a public boundary: anyone who finds it can try to connect")
        elif c.id in forwarded:
            via = ", ".join(forwarded[c.id])
            yield Hit(
                (c.id,),
                f"{c.kind} '{c.id}' is reached from the public side through {via} only: a CDN or load balancer "
                "forwards traffic but does not authenticate it, so the store is effectively exposed",
                severity="high" if any(ctx.trust_declared(src) for src in sources[c.id]) else "medium",
            )


RULE = Rule(
    code="SEC001",
    name="store-exposed",
    category="security",
    severity="critical",
    summary="A database, cache, search index or broker is reachable from the public side directly, or only "
    "through a CDN or load balancer.",
    rationale="Data stores have coarse authentication and large attack surfaces (default credentials, "
    "unauthenticated admin ports, injection). Exposed stores are the most common cause of mass data leaks.",
    fix="Move the store into an internal or restricted boundary and reach it only through a service "
    "that authenticates callers; if a client truly needs it, put a gateway in front.",
    reads=("components.kind", "components.boundary", "boundaries.trust", "links"),
    check=check,
)
