"""DATA014 — a table past 10^8 rows at the horizon with no partitioning."""

from __future__ import annotations

from collections.abc import Iterator

from archkit.rules.base import Hit, Rule
from archkit.rules.context import Context
from archkit.rules.data_design import horizon_rows, relational

HUGE_ROWS = 100_000_000


def check(ctx: Context) -> Iterator[Hit]:
    months = ctx.arch.requirements.planning_horizon_months
    for e in ctx.arch.entities:
        rows = horizon_rows(ctx, e)
        store = ctx.components.get(e.store)
        if rows <= HUGE_ROWS or not relational(ctx, e) or e.partition_by or (store and store.partitioned):
            continue
        yield Hit(
            (e.store,),
            f"{e.id} reaches {rows:,} rows in {months} months and is not partitioned: index builds, vacuum and "
            "a restore of one table take hours",
        )


RULE = Rule(
    code="DATA014",
    name="large-table-unpartitioned",
    category="data",
    severity="medium",
    summary="A table passes 10^8 rows within the planning horizon with no partition key.",
    rationale="Past a hundred million rows, maintenance on one table (VACUUM, CREATE INDEX, a restore) runs "
    "for hours and its indexes outgrow memory. Partitioning by time or tenant bounds each piece and lets "
    "old partitions be dropped instead of deleted.",
    fix="Declare partition_by (a time or tenant field the access patterns filter on), or a retention that "
    "keeps the table under 10^8 rows.",
    reads=("entities.rows", "entities.rows_per_month", "entities.partition_by", "components.partitioned"),
    check=check,
)
