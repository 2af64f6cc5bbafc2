"""DATA016 — an entity holding personal data with no retention."""

from __future__ import annotations

from collections.abc import Iterator

from archkit.rules.base import Hit, Rule
from archkit.rules.context import Context

_PRIVACY_REGIMES = frozenset({"gdpr", "hipaa", "ccpa"})


def check(ctx: Context) -> Iterator[Hit]:
    assets = ctx.assets
    regimes = ctx.compliance & _PRIVACY_REGIMES
    for e in ctx.arch.entities:
        personal = [f.name for f in e.fields if f.personal]
        asset = assets.get(e.asset or "")
        if not personal and not (asset is not None and asset.personal):
            continue
        store = ctx.components.get(e.store)
        if e.retention_days is not None or (store is not None and store.retention_days is not None):
            continue
        what = (
            f"personal fields {', '.join(personal)}"
            if personal
            else f"personal data (asset {asset.id if asset else ''})"
        )
        yield Hit(
            (e.store,),
            f"{e.id} holds {what} and neither it nor {e.store} declares retention_days: rows stay forever",
            severity="medium" if regimes else "low",
        )


RULE = Rule(
    code="DATA016",
    name="personal-data-without-retention",
    category="data",
    severity="medium",
    summary="An entity holds personal data and no retention is declared for it or its store.",
    rationale="Storage limitation (GDPR art. 5(1)(e)) and erasure requests need a rule for when personal rows "
    "go; without one they accumulate, and every breach exposes all of them.",
    fix="Declare retention_days on the entity (how long after the account or the purpose ends rows are "
    "deleted), and build the purge job it implies.",
    reads=("entities.fields.personal", "entities.asset", "entities.retention_days", "components.retention_days"),
    check=check,
)
