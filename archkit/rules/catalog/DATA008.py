"""DATA008 — a foreign key whose column no index leads with."""

from __future__ import annotations

from collections.abc import Iterator

from archkit.data.ddl import local_references, relational_entities
from archkit.data.index_plan import SMALL_TABLE_ROWS, existing_indexes
from archkit.rules.base import Hit, Rule
from archkit.rules.context import Context
from archkit.rules.data_design import horizon_rows


def check(ctx: Context) -> Iterator[Hit]:
    for entities in relational_entities(ctx.arch).values():
        for e in entities:
            if horizon_rows(ctx, e) <= SMALL_TABLE_ROWS:
                continue
            leading = {i.fields[0] for i in existing_indexes(e) if i.fields}
            for f in local_references(e, entities):
                if f.name not in leading:
                    yield Hit(
                        (e.store,),
                        f"{e.id}.{f.name} references {f.references} but no index of {e.id} starts with {f.name}: "
                        f"deleting or re-keying a row of {f.references.split('.')[0] if f.references else ''} scans "
                        f"{horizon_rows(ctx, e):,} rows under lock",
                        fix=f"Add to {e.id}'s indexes: {{fields: [{f.name}]}} (or put {f.name} first in an index "
                        "the access patterns need anyway).",
                    )


RULE = Rule(
    code="DATA008",
    name="foreign-key-without-index",
    category="data",
    severity="medium",
    summary="A foreign key column is not the leading column of any index.",
    rationale="PostgreSQL does not index foreign keys by itself. Every delete or key update of a parent row "
    "checks the child table for references: without an index that is a full scan, holding locks.",
    fix="Index the referencing column (alone, or first in a composite index).",
    reads=("entities.fields.references", "entities.indexes"),
    check=check,
)
