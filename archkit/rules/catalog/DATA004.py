"""DATA004 — data grows substantially and no store has a retention or partitioning plan."""

from __future__ import annotations

from collections.abc import Iterator

from archkit.model.schema import ReviewSettings
from archkit.rules.base import Hit, Rule
from archkit.rules.context import Context

GROWING_KINDS = ("database", "search", "stream")
LARGE_GB = ReviewSettings.model_fields[
    "large_store_gb"
].default  # default; `review.large_store_gb` in the model overrides it


def check(ctx: Context) -> Iterator[Hit]:
    limit = ctx.arch.review.large_store_gb
    r = ctx.arch.requirements
    if not r.data_growth_gb_per_month:
        return
    growth = r.data_growth_gb_per_month * r.planning_horizon_months
    if (r.data_volume_gb or 0.0) + growth < limit:
        return  # stays under 1 TB within the planning horizon
    stores = [c for c in ctx.of_kind(*GROWING_KINDS) if c.retention_days is None and c.partitioned is not True]
    if stores and len(stores) == len(ctx.of_kind(*GROWING_KINDS)):
        today = f"{r.data_volume_gb:g} GB today, " if r.data_volume_gb is not None else ""
        yield Hit(
            tuple(c.id for c in stores),
            f"data reaches {(r.data_volume_gb or 0.0) + growth:,.0f} GB: it grows by {growth:,.0f} GB over {r.planning_horizon_months} months ({today}"
            f"{r.data_growth_gb_per_month:g} GB/month) and none of {', '.join(c.id for c in stores)} "
            "declares retention_days or partitioned: true",
        )


RULE = Rule(
    code="DATA004",
    name="growth-without-plan",
    category="data",
    severity="medium",
    summary="Data reaches 1 TB within the planning horizon, and no store declares retention or partitioning.",
    rationale="Unbounded growth on one node ends in slow queries, long backups and restores, and an emergency "
    "migration at the worst moment; deciding retention and partitioning early is cheap.",
    fix="Declare retention_days where old data can go (or be archived to an object store), and partition "
    "(by time or tenant) the stores that must keep everything.",
    reads=(
        "requirements.data_growth_gb_per_month",
        "requirements.data_volume_gb",
        "requirements.planning_horizon_months",
        "components.retention_days",
        "components.partitioned",
    ),
    check=check,
)
