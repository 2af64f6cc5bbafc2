"""REL101 — a client journey, or an operation clients call, misses its availability target (from the analysis).

With operations the review reads each operation clients call (and each with a target of its own):
a journey is a mix of operations, and its average hides the one that misses."""

from __future__ import annotations

from collections.abc import Iterator

from archkit.analysis import Analysis
from archkit.analysis.availability import downtime
from archkit.rules.base import Hit, Rule
from archkit.rules.context import Context
from archkit.rules.operation_numbers import (
    dependencies_allow,
    journeys_by_operation,
    named_weakest,
    reviewed_operations,
)


def check(ctx: Context) -> Iterator[Hit]:
    analysis: Analysis = ctx.analysis
    for o in reviewed_operations(analysis):
        if o.meets_availability is not False or o.availability_target is None:
            continue
        if dependencies_allow(analysis, o) < o.availability_target:
            continue  # REL103: no change to this component can meet it
        allowed = downtime(o.availability_target / 100.0)[0]
        weakest = named_weakest(analysis, o.weakest)
        yield Hit(
            (o.component, *o.weakest),
            f"operation {o.id} is available {o.availability:.4f}% against a target of {o.availability_target:g}% "
            f"({o.downtime_minutes_per_month:.0f} min/month down, {allowed:.0f} allowed); weakest dependencies: "
            f"{weakest or 'none below 100%'}",
            severity="high" if o.downtime_minutes_per_month > 2 * allowed else "medium",
        )
    # Clients whose journeys miss for the same weakest dependencies share one root cause: one finding.
    groups: dict[tuple[str, ...], list[str]] = {}
    for client, j in analysis.journeys.items():
        if (
            j.meets_availability is not False
            or j.availability_target is None
            or client in journeys_by_operation(analysis)
        ):
            continue
        groups.setdefault(tuple(j.weakest), []).append(client)
    for weak, clients in groups.items():
        journeys = [analysis.journeys[c] for c in clients]
        worst = min(journeys, key=lambda j: j.availability)
        assert worst.availability_target is not None
        allowed = downtime(worst.availability_target / 100.0)[0]
        who = f"'{clients[0]}'" if len(clients) == 1 else ", ".join(f"'{c}'" for c in clients)
        figures = f"{worst.availability:.4f}%" if len(clients) == 1 else f"as little as {worst.availability:.4f}%"
        yield Hit(
            (*clients, *weak),
            f"requests from {who} are available {figures} against a target of "
            f"{worst.availability_target:g}% ({worst.downtime_minutes_per_month:.0f} min/month down, "
            f"{allowed:.0f} allowed); weakest dependencies: {named_weakest(analysis, list(weak)) or 'none below 100%'}",
            severity="high" if worst.downtime_minutes_per_month > 2 * allowed else "medium",
        )


RULE = Rule(
    code="REL101",
    name="availability-target-missed",
    category="reliability",
    severity="high",
    summary="A client journey's (or an operation's) availability, composed over its synchronous non-optional "
    "dependencies, is below its target.",
    rationale="A request needs every component on its synchronous path: their availabilities multiply, so the "
    "journey is always less available than its weakest dependency, and a target above that cannot be met.",
    fix="Add replicas to the weakest dependencies (1 − (1 − a)^n), give calls to a flaky dependency a "
    "`fallback`, or take it off the request path behind a queue.",
    reads=(
        "requirements.availability",
        "components.availability",
        "components.replicas",
        "links.fallback",
        "components.operations",
    ),
    check=check,
    needs_analysis=True,
)
