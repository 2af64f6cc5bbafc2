"""REL101 — a client journey misses the availability target (from the analysis)."""

from __future__ import annotations

from collections.abc import Iterator

from archkit.analysis import Analysis
from archkit.analysis.availability import downtime
from archkit.rules.base import Hit, Rule
from archkit.rules.context import Context


def check(ctx: Context) -> Iterator[Hit]:
    analysis: Analysis = ctx.analysis
    for client, j in analysis.journeys.items():
        if j.meets_availability is not False or j.availability_target is None:
            continue
        allowed = downtime(j.availability_target / 100.0)[0]
        weakest = ", ".join(f"{cid} {analysis.components[cid].availability:.3f}%" for cid in j.weakest)
        yield Hit(
            (client, *j.weakest),
            f"requests from '{client}' are available {j.availability:.4f}% against a target of "
            f"{j.availability_target:g}% ({j.downtime_minutes_per_month:.0f} min/month down, "
            f"{allowed:.0f} allowed); weakest dependencies: {weakest or 'none below 100%'}",
            severity="high" if j.downtime_minutes_per_month > 2 * allowed else "medium",
        )


RULE = Rule(
    code="REL101",
    name="availability-target-missed",
    category="reliability",
    severity="high",
    summary="A client journey's availability, composed over its synchronous dependencies, is below requirements.availability.",
    rationale="A request needs every component on its synchronous path: their availabilities multiply, so the "
    "journey is always less available than its weakest dependency, and a target above that cannot be met.",
    fix="Add replicas to the weakest dependencies (1 − (1 − a)^n), give calls to a flaky dependency a "
    "`fallback`, or take it off the request path behind a queue.",
    reads=("requirements.availability", "components.availability", "components.replicas", "links.fallback"),
    check=check,
    needs_analysis=True,
)
