"""API103 — a list operation pages by offset over an entity past 10^5 rows."""

from __future__ import annotations

from collections.abc import Iterator

from archkit.api.facts import operation_entity
from archkit.api.lint.pagination import CURSOR_PARAMS, OFFSET_PARAMS
from archkit.rules.api_architecture import api_operations
from archkit.rules.base import Hit, Rule
from archkit.rules.context import Context
from archkit.rules.data_design import horizon_rows

LARGE_ROWS = 100_000


def check(ctx: Context) -> Iterator[Hit]:
    for c, op in api_operations(ctx):
        entity = operation_entity(ctx.arch, op)
        if op.returns != "list" or entity is None or c.api is None:
            continue
        rows = horizon_rows(ctx, entity)
        if rows <= LARGE_ROWS:
            continue
        if any(p.by == f"{c.id}.{op.id}" for p in entity.access):
            continue  # its access pattern is modelled: DATA010 judges the query itself
        spec = ctx.api_specs.get(c.id)
        if spec is not None and spec.file is not None:
            found = next((o for o in spec.operations() if o.data.get("operationId") == op.id), None)
            names = {str(p.get("name", "")).lower() for p, _ in found.parameters} if found else set()
            offset = bool(names & OFFSET_PARAMS) and not names & CURSOR_PARAMS
        else:
            offset = c.api.pagination == "offset"
        if offset:
            yield Hit(
                (c.id, entity.store),
                f"{c.id}.{op.id} lists {entity.id} by offset over {rows:,} rows at the planning horizon: deep pages "
                "read and discard every skipped row, and items inserted while a client scrolls are skipped or repeated",
            )


RULE = Rule(
    code="API103",
    name="offset-pagination-over-large-entity",
    category="api",
    severity="medium",
    summary="A list operation pages by offset over an entity past 10^5 rows.",
    rationale="The API contract fixes the pagination for every client; offset paging over a large, growing table "
    "makes deep pages linearly slower and makes clients skip or repeat items while data changes.",
    fix="Page by cursor: `api.pagination: cursor` (an opaque next_cursor over the sort key and id).",
    reads=("components.api.pagination", "components.operations.entity", "entities.rows", "entities.access.by"),
    reference="Zalando 160; OWASP API4:2023",
    check=check,
)
