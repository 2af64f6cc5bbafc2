"""DATA002 — a service reads another service's database directly."""

from __future__ import annotations

from collections.abc import Iterator

from archkit.model.kinds import COMPUTE_KINDS
from archkit.rules.base import Hit, Rule
from archkit.rules.catalog.PERF001 import writers
from archkit.rules.context import Context


def check(ctx: Context) -> Iterator[Hit]:
    for db in ctx.of_kind("database"):
        found = writers(ctx, db.id)
        if len(found) != 1:
            continue  # no writer: nothing owns it; several: PERF001
        (owner_id,) = found
        owner = ctx.components[owner_id]
        team = db.owner or owner.owner
        for lk in ctx.in_links[db.id]:
            reader = ctx.components[lk.source]
            if lk.access != "read" or reader.kind not in COMPUTE_KINDS or reader.id == owner_id:
                continue
            if team is None or reader.owner is None or reader.owner == team:
                continue  # same team (one bounded context, e.g. CQRS), or ownership not declared: cannot tell
            yield Hit(
                (db.id, reader.id),
                f"{reader.kind} '{reader.id}' ({reader.owner}) reads database '{db.id}', "
                f"which '{owner_id}' ({team}) owns and writes: its schema is now an API of two teams' services",
                links=(lk.key,),
            )


RULE = Rule(
    code="DATA002",
    name="foreign-database-read",
    category="data",
    severity="medium",
    summary="A service reads a database that another team's service owns and writes (owners declared and different).",
    rationale="Reading another service's tables couples both to one schema: the owner cannot change it without "
    "breaking the reader, and the reader bypasses the owner's rules, caching and access control.",
    fix="Read through the owning service's API, or have the owner publish events the reader keeps a local "
    "copy from. If both belong to one team and bounded context, declare the same `owner`.",
    reads=("links.access", "components.owner", "components.kind"),
    check=check,
)
