"""DATA001 — a database has neither a replica nor a backup."""

from __future__ import annotations

from collections.abc import Iterator

from archkit.rules.base import Hit, Rule
from archkit.rules.context import Context


def check(ctx: Context) -> Iterator[Hit]:
    for db in ctx.of_kind("database"):
        if db.backup is True:
            continue
        single = db.replicas == 1 or db.replication == "none"
        if not single:
            continue
        declared = db.backup is False and (ctx.declared(db, "replicas") or db.replication == "none")
        copies = (
            "runs a single copy" if db.replicas == 1 else "has replicas that do not receive writes (replication: none)"
        )
        backup = "backup: false" if db.backup is False else "no backup declared"
        yield Hit(
            (db.id,),
            f"database '{db.id}' {copies} and {backup}: a disk failure or a bad migration loses its data",
            severity="high" if declared else "medium",
        )


RULE = Rule(
    code="DATA001",
    name="store-without-redundancy",
    category="data",
    severity="high",
    summary="A database keeps one copy of its data: no replica receiving writes and no backup.",
    rationale="Disks fail, volumes get deleted and migrations go wrong. With one copy, any of these is permanent "
    "data loss; replicas cover hardware, backups cover mistakes.",
    fix="Take restorable backups (point-in-time recovery for databases) and declare backup: true; add a replica "
    "with sync or async replication for failover.",
    reads=("components.backup", "components.replicas", "components.replication"),
    check=check,
)
