"""PERF006 — connection pools add up to more than the database accepts."""

from __future__ import annotations

from collections.abc import Iterator

from archkit.rules.base import Hit, Rule
from archkit.rules.context import Context


def check(ctx: Context) -> Iterator[Hit]:
    for db in ctx.of_kind("database", "search", "cache"):
        if db.max_connections is None:
            continue
        pooled = [lk for lk in ctx.in_links[db.id] if lk.pool_size is not None]
        total = sum(ctx.components[lk.source].replicas * (lk.pool_size or 0) for lk in pooled)
        if total <= db.max_connections:
            continue
        parts = ", ".join(f"{lk.source} {ctx.components[lk.source].replicas}x{lk.pool_size}" for lk in pooled)
        yield Hit(
            (db.id,),
            f"connection pools to '{db.id}' add up to {total} ({parts}) but it accepts max_connections {db.max_connections}",
            links=tuple(lk.key for lk in pooled),
        )


RULE = Rule(
    code="PERF006",
    name="connection-exhaustion",
    category="performance",
    severity="high",
    summary="Replicas x pool_size over all callers exceeds the store's max_connections.",
    rationale="When every pool fills (at peak, or during a slow query), the store refuses connections and requests "
    "fail; scaling out the callers makes it worse, not better.",
    fix="Lower pool sizes, put a connection pooler (PgBouncer, RDS Proxy) in front, or raise max_connections "
    "with the memory it needs.",
    reads=("links.pool_size", "components.replicas", "components.max_connections"),
    check=check,
)
