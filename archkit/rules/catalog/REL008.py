"""REL008 — a cache holds the only copy of some data."""

from __future__ import annotations

from collections.abc import Iterator

from archkit.rules.base import Hit, Rule
from archkit.rules.context import PERSISTENT_KINDS, Context


def _backed(ctx: Context, cache_id: str) -> bool:
    """The cache can be refilled: it reads through to a store, or its callers also use one."""
    if ctx.components[cache_id].backup is True:
        return True
    if any(ctx.kind(lk.target) in PERSISTENT_KINDS for lk in ctx.out_links[cache_id]):
        return True
    for lk in ctx.in_links[cache_id]:
        if lk.fallback is not None and ctx.kind(lk.fallback) in PERSISTENT_KINDS:
            return True
        if any(ctx.kind(other.target) in PERSISTENT_KINDS for other in ctx.out_links[lk.source]):
            return True
    return False


def check(ctx: Context) -> Iterator[Hit]:
    for asset in ctx.arch.data_assets:
        if not asset.stored_in or any(ctx.kind(cid) != "cache" for cid in asset.stored_in):
            continue
        if any(_backed(ctx, cid) for cid in asset.stored_in):
            continue
        yield Hit(
            tuple(asset.stored_in),
            f"data asset '{asset.id}' is stored only in cache {', '.join(asset.stored_in)}, and nothing "
            "around it reads from a database: a restart or eviction loses it",
        )


RULE = Rule(
    code="REL008",
    name="cache-only-copy",
    category="reliability",
    severity="high",
    summary="Data lives only in a cache, with no persistent store to rebuild it from.",
    rationale="Caches evict under memory pressure, lose data on restart or failover (asynchronous replicas), and "
    "are rarely backed up. Used as the system of record they lose data silently.",
    fix="Write the data to a database (and cache it), or make the cache durable on purpose (persistence, "
    "backups) and declare backup: true.",
    reads=("data_assets.stored_in", "components.kind", "components.backup", "links", "links.fallback"),
    check=check,
)
