"""MODEL005 — a functional requirement is served by no component."""

from __future__ import annotations

from collections.abc import Iterator

from archkit.rules.base import Hit, Rule
from archkit.rules.context import Context


def check(ctx: Context) -> Iterator[Hit]:
    for fr in ctx.arch.requirements.functional:
        if not fr.served_by:
            yield Hit((), f"functional requirement {fr.id} ('{fr.text}') is served by no component")


RULE = Rule(
    code="MODEL005",
    name="requirement-untraced",
    category="model",
    severity="info",
    summary="A functional requirement does not name the components that serve it.",
    rationale="Tracing requirements to components shows which journeys carry which features, and which features "
    "a component's outage takes down; an untraced requirement is easy to leave unbuilt.",
    fix="List the components in the requirement's `served_by`.",
    reads=("requirements.functional",),
    check=check,
)
