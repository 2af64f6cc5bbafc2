"""SEC009 — personal data flows to an external system under GDPR."""

from __future__ import annotations

from collections.abc import Iterator

from archkit.rules.base import Hit, Rule
from archkit.rules.context import Context


def check(ctx: Context) -> Iterator[Hit]:
    if "gdpr" not in ctx.compliance:
        return
    for c in ctx.of_kind("external"):
        links = [lk for lk in ctx.in_links[c.id] if any(a.personal for a in ctx.link_assets(lk))]
        if not links:
            continue
        assets = sorted({a.id for lk in links for a in ctx.link_assets(lk) if a.personal})
        yield Hit(
            (c.id,),
            f"personal data ({', '.join(assets)}) is sent to the external system '{c.id}': "
            "it is a processor that needs a data processing agreement and a lawful transfer basis",
            links=tuple(lk.key for lk in links),
        )


RULE = Rule(
    code="SEC009",
    name="personal-data-to-external",
    category="security",
    severity="medium",
    summary="Under GDPR, personal data is sent to a third-party system.",
    rationale="A third party receiving personal data is a processor: GDPR requires a data processing agreement, "
    "a record of processing, and a lawful basis for any transfer outside the EEA. These are easy to miss in design.",
    fix="Confirm the DPA and where the provider processes the data; send only what it needs (ids or tokens "
    "instead of names and content), and record the decision.",
    reads=("requirements.compliance", "links.data", "data_assets.personal", "components.kind"),
    check=check,
)
