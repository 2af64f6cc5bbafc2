"""DATA007 — an access pattern that no declared index serves, on a table past 10^4 rows."""

from __future__ import annotations

from collections.abc import Iterator

from archkit.data.index_plan import SMALL_TABLE_ROWS, existing_indexes, prefix_of
from archkit.rules.base import Hit, Rule
from archkit.rules.context import Context
from archkit.rules.data_design import horizon_rows, relational, runs


def check(ctx: Context) -> Iterator[Hit]:
    for e in ctx.arch.entities:
        rows = horizon_rows(ctx, e)
        if not relational(ctx, e) or rows <= SMALL_TABLE_ROWS:
            continue
        plan = ctx.entity_plans[e.id]
        for pattern, pp in zip(e.access, plan.patterns, strict=True):
            if pp.recommended is None or pp.declared is not None:
                continue
            rec = pp.recommended
            near = [i for i in existing_indexes(e) if i.origin == "declared" and prefix_of(i, rec)]
            why = (
                f"the declared {near[0].label} stops short of {', '.join(rec.fields[len(near[0].columns) :])}, "
                "so every page sorts"
                if near
                else f"on {rows:,} rows it scans or sorts"
            )
            yield Hit(
                (e.store,),
                f"{e.id}.{pattern.id}{runs(pattern)} is served by no declared index: {why}; the plan adds {rec.label}",
                fix=f"Add to {e.id}'s indexes: {rec.as_yaml()} — then `archkit data --prove` shows the plan.",
            )


RULE = Rule(
    code="DATA007",
    name="access-pattern-without-index",
    category="data",
    severity="high",
    summary="An access pattern on a table past 10^4 rows has no declared index that finds its rows in order.",
    rationale="Without an index whose leading columns are the equality fields, then the sort, then the range, "
    "the database reads the table (or a large slice) and sorts it for every page: fine on the test data, "
    "an outage at the planning horizon.",
    fix="Declare the recommended index (equality fields, then order_by, then range, then the key as tiebreaker).",
    reads=("entities.access", "entities.indexes", "entities.rows", "entities.rows_per_month"),
    check=check,
)
