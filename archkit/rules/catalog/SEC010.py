"""SEC010 — a restricted boundary is entered directly from the public side or the DMZ."""

from __future__ import annotations

from collections.abc import Iterator

from archkit.rules.base import Hit, Rule
from archkit.rules.catalog.SEC001 import EXPOSABLE
from archkit.rules.catalog.SEC002 import EXPOSED_KINDS
from archkit.rules.context import Context


def _reported_elsewhere(ctx: Context, source: str, target: str) -> bool:
    # a public caller reaching a store or service directly is SEC001/SEC002's (stronger) finding
    return ctx.untrusted(source) and ctx.kind(target) in (EXPOSABLE | EXPOSED_KINDS)


def _origin_fetch(ctx: Context, source: str, target: str) -> bool:
    # A CDN reading its origin bucket is the standard pattern (origin access identity).
    return ctx.kind(source) == "cdn" and ctx.kind(target) == "object_store"


def check(ctx: Context) -> Iterator[Hit]:
    for c in ctx.arch.components:
        if ctx.trust(c.id) != "restricted":
            continue
        links = [
            lk
            for lk in ctx.in_links[c.id]
            if ctx.trust(lk.source) in ("public", "dmz")
            and not _origin_fetch(ctx, lk.source, c.id)
            and not _reported_elsewhere(ctx, lk.source, c.id)
        ]
        if links:
            callers = ", ".join(f"{lk.source} ({ctx.trust(lk.source)})" for lk in links)
            yield Hit(
                (c.id,),
                f"'{c.id}' is in a restricted boundary but is called directly by {callers}, skipping the internal tier",
                links=tuple(lk.key for lk in links),
            )


RULE = Rule(
    code="SEC010",
    name="restricted-skip",
    category="security",
    severity="medium",
    summary="A component in a restricted boundary is called directly from a public or DMZ boundary.",
    rationale="Restricted zones exist so that an attacker who owns an edge host still has to pass an internal, "
    "authenticated tier. A direct route from the edge removes that second layer.",
    fix="Route the call through an internal service, or move the component out of the restricted zone "
    "if it does not hold restricted data.",
    reads=("components.boundary", "boundaries.trust", "links"),
    check=check,
)
