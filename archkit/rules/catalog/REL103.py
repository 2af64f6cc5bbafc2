"""REL103 — an operation's availability target is above what its required dependencies allow (from the analysis)."""

from __future__ import annotations

from collections.abc import Iterator

from archkit.analysis import Analysis
from archkit.rules.base import Hit, Rule
from archkit.rules.context import Context
from archkit.rules.operation_numbers import dependencies_allow, named_weakest, reviewed_operations


def check(ctx: Context) -> Iterator[Hit]:
    """One finding for every operation whose target its required dependencies cannot allow (one cause:
    the targets ask more than the chain can give), each with its ceiling and weakest dependencies."""
    analysis: Analysis = ctx.analysis
    found: list[tuple[str, str, list[str]]] = []  # (operation, detail, weakest)
    components: list[str] = []
    for o in reviewed_operations(analysis):
        if o.availability_target is None or not o.dependencies:
            continue
        ceiling = dependencies_allow(analysis, o)
        if ceiling >= o.availability_target:
            continue
        weakest = named_weakest(analysis, o.weakest)
        found.append(
            (
                o.id,
                f"{o.id} targets {o.availability_target:g}%, at most {ceiling:.4f}% (weakest: {weakest or 'none'})",
                o.weakest,
            )
        )
        components += [o.component, *o.weakest]
    if not found:
        return
    yield Hit(
        tuple(dict.fromkeys(components)),
        f"{len(found)} operation{'s' if len(found) != 1 else ''} target more availability than the dependencies they "
        "cannot do without allow, even if their own component never failed: " + "; ".join(d for _, d, _ in found),
        severity="high",
    )


RULE = Rule(
    code="REL103",
    name="availability-target-beyond-dependencies",
    category="reliability",
    severity="high",
    summary="An operation's availability target is higher than the product of its synchronous, non-optional "
    "dependencies' availabilities: no change to the operation itself can meet it.",
    rationale="Availability multiplies along the calls a request cannot do without. Adding replicas to the "
    "operation's own component does not help when a dependency alone is below the target.",
    fix="Make the weakest dependency optional for this operation (degrade the answer), give the call a fallback, "
    "move it behind a queue, raise that dependency's availability, or lower the target with the product owner.",
    reads=("components.operations", "components.availability", "components.replicas", "links.optional"),
    check=check,
    needs_analysis=True,
)
