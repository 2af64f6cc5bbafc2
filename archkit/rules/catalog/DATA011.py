"""DATA011 — an entity updated by the application with no concurrency control declared."""

from __future__ import annotations

from collections.abc import Iterator

from archkit.rules.base import Hit, Rule
from archkit.rules.context import Context


def check(ctx: Context) -> Iterator[Hit]:
    for e in ctx.arch.entities:
        updates = [a.id for a in e.access if a.kind == "update"]
        if updates and e.concurrency is None:
            yield Hit(
                (e.store,),
                f"{e.id} is updated by {', '.join(updates)} and declares no concurrency: two clients that read, "
                "change and write the same row overwrite each other (a lost update)",
            )


RULE = Rule(
    code="DATA011",
    name="updates-without-concurrency-control",
    category="data",
    severity="medium",
    summary="An entity has update access patterns and no declared concurrency control.",
    rationale="Read-modify-write from two clients silently loses one write. Optimistic concurrency (a version "
    "column checked on UPDATE, surfaced as ETag/If-Match in the API) makes the second writer retry.",
    fix="Set concurrency: optimistic and add {name: version, type: int} (or pessimistic, with SELECT … FOR "
    "UPDATE, for short hot rows); concurrency: none states that last-write-wins is intended.",
    reads=("entities.concurrency", "entities.access.kind"),
    check=check,
)
