"""DATA003 — strong consistency is required but a database replicates asynchronously."""

from __future__ import annotations

from collections.abc import Iterator

from archkit.rules.base import Hit, Rule
from archkit.rules.context import Context


def check(ctx: Context) -> Iterator[Hit]:
    if ctx.arch.requirements.consistency != "strong":
        return
    for db in ctx.of_kind("database"):  # caches and indexes are derived: their staleness is a TTL question
        if db.replicas > 1 and db.replication == "async":
            yield Hit(
                (db.id,),
                f"database '{db.id}' replicates asynchronously across {db.replicas} replicas, but the system requires "
                "strong consistency: reads from a replica can miss acknowledged writes, and failover loses them",
            )


RULE = Rule(
    code="DATA003",
    name="strong-consistency-async-replication",
    category="data",
    severity="medium",
    summary="requirements.consistency is strong, but a database replicates asynchronously.",
    rationale="Asynchronous replicas lag the primary: reads served from them are stale, and writes acknowledged "
    "just before a failover are lost, which is exactly what strong consistency rules out.",
    fix="Use synchronous replication (or a consensus store) and read from the primary, or relax the requirement "
    "for the data that tolerates it and record the decision.",
    reads=("requirements.consistency", "components.replication", "components.replicas"),
    check=check,
)
