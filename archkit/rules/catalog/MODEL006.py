"""MODEL006 — a waiver has expired."""

from __future__ import annotations

from collections.abc import Iterator

from archkit.rules.base import Hit, Rule
from archkit.rules.context import Context


def check(ctx: Context) -> Iterator[Hit]:
    for w in ctx.arch.waivers:
        if w.expires is not None and w.expires < ctx.today:
            scope = f" for {', '.join(w.components)}" if w.components else ""
            yield Hit(
                tuple(w.components),
                f"the waiver of {w.rule}{scope} by {w.owner} expired on {w.expires.isoformat()} and no longer waives anything",
            )


RULE = Rule(
    code="MODEL006",
    name="waiver-expired",
    category="model",
    severity="low",
    summary="A waiver's expiry date has passed, so the findings it accepted count again.",
    rationale="Waivers are promises to fix later. An expired one means the promise came due: the team either "
    "fixes the finding or consciously renews the waiver with a new date.",
    fix="Fix the finding and delete the waiver, or renew it with a new `expires` and an up-to-date reason.",
    reads=("waivers.expires", "waivers.rule", "waivers.components"),
    check=check,
)
