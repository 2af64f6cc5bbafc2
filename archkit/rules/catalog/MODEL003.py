"""MODEL003 — components without a trust boundary."""

from __future__ import annotations

from collections.abc import Iterator

from archkit.rules.base import Hit, Rule, listing
from archkit.rules.context import Context

OUTSIDE = frozenset({"client", "external"})  # outside the system: no boundary needed


def check(ctx: Context) -> Iterator[Hit]:
    inside = [c for c in ctx.arch.components if c.kind not in OUTSIDE]
    if not inside:
        return
    if not ctx.arch.boundaries:
        yield Hit(
            (),
            "the model declares no trust boundaries: exposure, plaintext-crossing and restricted-zone rules cannot run",
            severity="info",
        )
        return
    missing = [c.id for c in inside if c.boundary is None]
    if missing:
        yield Hit(tuple(missing), f"{listing(missing)} {'is' if len(missing) == 1 else 'are'} in no trust boundary")


RULE = Rule(
    code="MODEL003",
    name="no-boundary",
    category="model",
    severity="low",
    summary="Components inside the system are in no trust boundary (or the model has no boundaries).",
    rationale="Trust boundaries are what the security rules reason over: a component without one is never "
    "checked for exposure or plaintext crossings, so a gap there stays invisible.",
    fix="Declare `boundaries` (public, dmz, internal, restricted) and set `boundary` on each component.",
    reads=("components.boundary", "boundaries"),
    check=check,
)
