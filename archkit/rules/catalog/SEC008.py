"""SEC008 — components need secrets but the design has no secrets store."""

from __future__ import annotations

from collections.abc import Iterator

from archkit.rules.base import Hit, Rule, listing
from archkit.rules.context import Context


def check(ctx: Context) -> Iterator[Hit]:
    if ctx.of_kind("secrets"):
        return
    holders = [c for c in ctx.arch.components if c.secrets]
    if holders:
        count = sum(len(c.secrets) for c in holders)
        yield Hit(
            tuple(c.id for c in holders),
            f"{count} secrets needed by {listing(c.id for c in holders)}, and no secrets store to keep and rotate them",
        )


RULE = Rule(
    code="SEC008",
    name="secrets-without-store",
    category="security",
    severity="medium",
    summary="Components declare secrets but there is no secrets manager.",
    rationale="Secrets without a store end up in environment files, images or repositories, cannot be rotated "
    "quickly after a leak, and leave no audit trail of who read them.",
    fix="Add a component of kind `secrets` (Vault, AWS Secrets Manager, ...) and fetch secrets from it at start-up.",
    reads=("components.secrets", "components.kind"),
    check=check,
)
