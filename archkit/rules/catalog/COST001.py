"""COST001 — the estimated monthly cost is over budget (from the analysis)."""

from __future__ import annotations

from collections.abc import Iterator

from archkit.analysis import Analysis
from archkit.rules.base import Hit, Rule
from archkit.rules.context import Context


def check(ctx: Context) -> Iterator[Hit]:
    analysis: Analysis = ctx.analysis
    budget = analysis.budget
    if budget is None:
        return
    drivers = analysis.cost_drivers()
    listed = ", ".join(f"{cid} ${analysis.components[cid].cost.total:,.0f}" for cid in drivers)
    now, later = analysis.total_cost, analysis.total_cost_at_horizon
    if now > budget:
        yield Hit(
            tuple(drivers),
            f"the estimated cost is ${now:,.0f}/month against a budget of ${budget:,.0f}/month "
            f"({now / budget - 1:.0%} over); largest: {listed}",
            severity="high" if now > 1.5 * budget else "medium",
        )
    elif later > budget:
        yield Hit(
            tuple(drivers),
            f"the estimated cost grows to ${later:,.0f}/month within {analysis.horizon_months} months "
            f"(budget ${budget:,.0f}/month, ${now:,.0f} today) as storage grows; largest: {listed}",
            severity="low",
        )


RULE = Rule(
    code="COST001",
    name="over-budget",
    category="cost",
    severity="medium",
    summary="The monthly cost estimated from the dated price table is above requirements.budget_usd_per_month "
    "(now, or at the planning horizon as storage grows).",
    rationale="Instances run 730 hours a month whether busy or not, and stored data only grows; a design that "
    "is over budget on paper will be over budget in production.",
    fix="Right-size instances (`size`) and replicas (replicas_needed in `archkit analyze`), expire old data "
    "(`retention_days`), or put your real prices in `cost_usd_per_month`.",
    reads=("requirements.budget_usd_per_month", "components.size", "components.replicas", "components.storage_gb"),
    check=check,
    needs_analysis=True,
)
