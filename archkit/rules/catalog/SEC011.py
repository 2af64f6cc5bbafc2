"""SEC011 — payment or health data is held but the regime that governs it is not declared."""

from __future__ import annotations

from collections.abc import Iterator

from archkit.rules.base import Hit, Rule
from archkit.rules.context import Context


def check(ctx: Context) -> Iterator[Hit]:
    for attr, regime, label in (("payment", "pci", "cardholder data"), ("health", "hipaa", "health information")):
        if regime in ctx.compliance:
            continue
        assets = [a for a in ctx.arch.data_assets if getattr(a, attr)]
        if not assets:
            continue
        stores = tuple(dict.fromkeys(cid for a in assets for cid in a.stored_in))
        yield Hit(
            stores,
            f"{', '.join(a.id for a in assets)} hold {label}, but requirements.compliance does not list {regime}",
        )


RULE = Rule(
    code="SEC011",
    name="regime-undeclared",
    category="security",
    severity="medium",
    summary="Payment or health data is in the model but pci / hipaa is not in requirements.compliance.",
    rationale="Cardholder and health data bring obligations (scope, segmentation, encryption, audit logs) that "
    "shape the design; undeclared, the stricter rules for them are not applied in review either.",
    fix="Add pci or hipaa to requirements.compliance, or tokenise the data so the system never holds it "
    "(e.g. a payment provider's tokens instead of card numbers) and clear the flag.",
    reads=("data_assets.payment", "data_assets.health", "requirements.compliance"),
    check=check,
)
