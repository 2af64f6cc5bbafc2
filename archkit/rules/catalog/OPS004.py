"""OPS004 — some components have no owner while the model assigns owners to others."""

from __future__ import annotations

from collections.abc import Iterator

from archkit.rules.base import Hit, Rule, listing
from archkit.rules.context import Context

UNOWNED_OK = frozenset({"client", "external"})  # not operated by the team


def check(ctx: Context) -> Iterator[Hit]:
    operated = [c for c in ctx.arch.components if c.kind not in UNOWNED_OK]
    if not any(c.owner for c in operated):
        return  # the model does not use ownership at all
    missing = [c.id for c in operated if not c.owner]
    if missing:
        yield Hit(
            tuple(missing),
            f"{listing(missing)} {'has' if len(missing) == 1 else 'have'} no owner: nobody is paged when "
            f"{'it fails' if len(missing) == 1 else 'they fail'}",
        )


RULE = Rule(
    code="OPS004",
    name="no-owner",
    category="operability",
    severity="low",
    summary="The model names owning teams, but some operated components have none.",
    rationale="An unowned component gets no on-call, no upgrades and no capacity planning; incidents in it start "
    "with finding out who can act.",
    fix="Set `owner` on every component you operate (clients and externals excepted).",
    reads=("components.owner", "components.kind"),
    check=check,
)
