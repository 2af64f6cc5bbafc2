"""DATA005 — under GDPR, logs or messages holding personal data have no retention limit."""

from __future__ import annotations

from collections.abc import Iterator

from archkit.rules.base import Hit, Rule
from archkit.rules.context import Context


def check(ctx: Context) -> Iterator[Hit]:
    if "gdpr" not in ctx.compliance:
        return
    for c in ctx.of_kind("monitoring"):
        if c.retention_days is None:
            yield Hit(
                (c.id,),
                f"monitoring '{c.id}' keeps logs and traces (which hold user ids and IP addresses) with no retention_days",
            )
    for c in ctx.of_kind("queue", "stream"):
        if c.retention_days is not None:
            continue
        personal = {a.id for a in ctx.stored_assets.get(c.id, []) if a.personal}
        personal |= {a.id for lk in ctx.in_links[c.id] for a in ctx.link_assets(lk) if a.personal}
        if personal:
            yield Hit(
                (c.id,),
                f"{c.kind} '{c.id}' carries personal data ({', '.join(sorted(personal))}) with no retention_days",
            )


RULE = Rule(
    code="DATA005",
    name="personal-data-no-retention",
    category="data",
    severity="medium",
    summary="Under GDPR, telemetry or a message log that holds personal data has no retention limit.",
    rationale="GDPR's storage limitation principle: personal data is kept no longer than needed. Logs, traces and "
    "event streams are the copies that are forgotten, and they are not covered by erasure requests.",
    fix="Set a retention period (e.g. 30 days for logs, the replay window for streams) and declare retention_days.",
    reads=("requirements.compliance", "components.retention_days", "data_assets.personal", "links.data"),
    check=check,
)
