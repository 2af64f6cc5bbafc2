"""DATA009 — a declared index that no access pattern uses."""

from __future__ import annotations

from collections.abc import Iterator

from archkit.rules.base import Hit, Rule
from archkit.rules.context import Context
from archkit.rules.data_design import relational


def check(ctx: Context) -> Iterator[Hit]:
    for e in ctx.arch.entities:
        if not relational(ctx, e) or not e.access:
            continue  # without access patterns the model says nothing about use
        for index in ctx.entity_plans[e.id].unused:
            yield Hit(
                (e.store,),
                f"{e.id}'s index {index.label} serves none of its {len(e.access)} access patterns "
                f"({', '.join(a.id for a in e.access)}): every write to {e.id} maintains it for nothing",
            )


RULE = Rule(
    code="DATA009",
    name="unused-index",
    category="data",
    severity="low",
    summary="A declared index serves none of the entity's access patterns.",
    rationale="Each index slows every insert and update of its table, takes memory from the cache and disk "
    "from backups. An index no query uses is all cost.",
    fix="Drop the index (DROP INDEX CONCURRENTLY), or declare the access pattern it exists for.",
    reads=("entities.indexes", "entities.access"),
    check=check,
)
