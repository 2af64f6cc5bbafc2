"""DATA013 — a cache holds copies of an entity with no TTL and no invalidation."""

from __future__ import annotations

from collections.abc import Iterator

from archkit.rules.base import Hit, Rule
from archkit.rules.context import Context


def check(ctx: Context) -> Iterator[Hit]:
    for e in ctx.arch.entities:
        cache = e.cache
        if cache is None or cache.ttl_s is not None or cache.invalidate_on_write:
            continue
        yield Hit(
            (cache.component, e.store),
            f"{cache.component} caches {e.id} with neither ttl_s nor invalidate_on_write: an updated or deleted "
            f"{e.id} stays served from the cache until it is evicted",
        )


RULE = Rule(
    code="DATA013",
    name="cache-without-expiry-or-invalidation",
    category="data",
    severity="medium",
    summary="An entity is cached with no time-to-live and no invalidation on write.",
    rationale="A cache entry that never expires and is never invalidated serves stale data forever — including "
    "data a user deleted, which under GDPR must disappear.",
    fix="Set ttl_s to the staleness the product tolerates, and/or invalidate_on_write: true (delete the key "
    "after the write commits).",
    reads=("entities.cache",),
    check=check,
)
