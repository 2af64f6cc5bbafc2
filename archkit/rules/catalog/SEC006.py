"""SEC006 — a store holding confidential or regulated data is not encrypted at rest."""

from __future__ import annotations

from collections.abc import Iterator

from archkit.rules.base import Hit, Rule
from archkit.rules.context import Context


def check(ctx: Context) -> Iterator[Hit]:
    regimes = ctx.compliance
    for cid, assets in ctx.stored_assets.items():
        c = ctx.components[cid]
        if c.encrypted_at_rest is True:
            continue
        if c.kind == "cache" and c.encrypted_at_rest is None:
            continue  # in-memory unless said otherwise
        sensitive = [a for a in assets if ctx.sensitive(a)]
        if not sensitive:
            continue
        regulated = (
            ("pci" in regimes and any(a.payment for a in sensitive))
            or ("hipaa" in regimes and any(a.health for a in sensitive))
            or ("gdpr" in regimes and any(a.personal for a in sensitive))
        )
        names = ", ".join(a.id for a in sensitive)
        if c.encrypted_at_rest is False:
            severity = "critical" if regulated else "high"
            state = "declares encrypted_at_rest: false"
        else:
            severity = "medium"
            state = "does not declare encrypted_at_rest"
        regime = f" under {', '.join(sorted(regimes & {'pci', 'hipaa', 'gdpr'}))}" if regulated else ""
        yield Hit((cid,), f"{c.kind} '{cid}' stores {names}{regime} and {state}", severity=severity)  # type: ignore[arg-type]


RULE = Rule(
    code="SEC006",
    name="sensitive-store-unencrypted",
    category="security",
    severity="high",
    summary="A store holding confidential, personal, payment or health data is not encrypted at rest.",
    rationale="Disks, snapshots and backups leave the running system (decommissioned hardware, copied snapshots, "
    "misplaced backups). PCI DSS and HIPAA require encryption at rest; GDPR expects it as a basic safeguard.",
    fix="Enable storage encryption (managed KMS keys at least) and set `encrypted_at_rest: true`.",
    reads=("components.encrypted_at_rest", "data_assets", "requirements.compliance"),
    check=check,
)
