"""DATA010 — offset pagination over an entity past 10^5 rows."""

from __future__ import annotations

from collections.abc import Iterator

from archkit.rules.base import Hit, Rule
from archkit.rules.context import Context
from archkit.rules.data_design import horizon_rows, pagination

LARGE_ROWS = 100_000


def check(ctx: Context) -> Iterator[Hit]:
    for e in ctx.arch.entities:
        rows = horizon_rows(ctx, e)
        if rows <= LARGE_ROWS:
            continue
        for pattern in e.access:
            if pattern.kind != "read" or not pattern.limit or pagination(ctx, pattern) != "offset":
                continue
            yield Hit(
                (e.store,),
                f"{e.id}.{pattern.id} pages by offset over {rows:,} rows: page n reads and discards "
                f"n x {pattern.limit} rows, and rows inserted while a client pages shift the pages",
            )


RULE = Rule(
    code="DATA010",
    name="offset-pagination-on-large-entity",
    category="data",
    severity="medium",
    summary="A list over an entity past 10^5 rows pages with OFFSET.",
    rationale="OFFSET n makes the database produce and throw away n rows: deep pages get linearly slower, and "
    "concurrent inserts make clients skip or repeat items.",
    fix="Page by cursor (keyset): WHERE (sort key, id) < (last seen) ORDER BY sort key, id LIMIT n; set "
    "pagination: cursor on the pattern or the API.",
    reads=("entities.access.pagination", "components.api.pagination", "entities.rows"),
    check=check,
)
