"""PERF001 — several services write to the same database."""

from __future__ import annotations

from collections.abc import Iterator

from archkit.model.kinds import COMPUTE_KINDS
from archkit.rules.base import Hit, Rule
from archkit.rules.context import Context

WRITES = (None, "write", "read_write")  # undeclared access means read_write


def writers(ctx: Context, store_id: str) -> dict[str, bool]:
    """Compute components writing to the store -> whether the access was declared."""
    out: dict[str, bool] = {}
    for lk in ctx.in_links[store_id]:
        if ctx.kind(lk.source) in COMPUTE_KINDS and lk.access in WRITES:
            out[lk.source] = out.get(lk.source, False) or lk.access is not None
    return out


def check(ctx: Context) -> Iterator[Hit]:
    for db in ctx.of_kind("database"):
        found = writers(ctx, db.id)
        if len(found) < 2:
            continue
        owners = {ctx.components[w].owner for w in found}
        if len(owners) == 1 and None not in owners:
            continue  # one team's service and its workers: one bounded context
        declared = all(found.values())
        names = ", ".join(found)
        yield Hit(
            (db.id, *found),
            f"database '{db.id}' is written by {len(found)} components ({names}){'' if declared else ' (access not declared on every link; read_write assumed)'}: "
            "they contend for its locks and connections and are coupled through its schema",
            links=tuple(lk.key for lk in ctx.in_links[db.id] if lk.source in found),
            severity="medium" if declared else "low",
        )


RULE = Rule(
    code="PERF001",
    name="shared-database-writers",
    category="performance",
    severity="medium",
    summary="One database is written by several services owned by different teams (or with no owner declared).",
    rationale="Shared write paths contend for the same rows, locks and connection slots, so one service's batch "
    "job slows everyone else's requests; and a schema change needs every writer to deploy together.",
    fix="Give the data one owning service that others call (or subscribe to its events); split the database "
    "per service; declare `access: read` on links that only read.",
    reads=("links.access", "components.owner", "components.kind"),
    check=check,
)
