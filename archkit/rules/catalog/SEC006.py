"""SEC006 — a store holding confidential or regulated data is not encrypted at rest."""

from __future__ import annotations

from collections.abc import Iterator

from archkit.rules.base import Hit, Rule
from archkit.rules.context import Context

NO_DISK_TECH = ("memcached",)  # purely in-memory stores: nothing rests on a disk to encrypt


def check(ctx: Context) -> Iterator[Hit]:
    regimes = ctx.compliance
    for cid, assets in ctx.stored_assets.items():
        c = ctx.components[cid]
        if c.encrypted_at_rest is True:
            continue
        if c.kind == "cache" and any(t in (c.tech or "").lower() for t in NO_DISK_TECH):
            continue  # nothing on disk: never "unencrypted at rest"
        sensitive = [a for a in assets if ctx.sensitive(a)]
        if not sensitive:
            continue
        # only the regimes whose kind of data this store holds
        applying = sorted(
            regime
            for regime, holds in (
                ("pci", any(a.payment for a in sensitive)),
                ("hipaa", any(a.health for a in sensitive)),
                ("gdpr", any(a.personal for a in sensitive)),
            )
            if holds and regime in regimes
        )
        names = ", ".join(a.id for a in sensitive)
        # The same facts decide for a declared false and for an undeclared value: leaving the field
        # out never lowers the risk; the message says which it was.
        severity = "critical" if {"pci", "hipaa"} & set(applying) else "high" if applying else "medium"
        if c.encrypted_at_rest is False:
            state = "declares encrypted_at_rest: false"
        else:
            state = "does not declare encrypted_at_rest (taken as unencrypted)"
        regime = f" under {', '.join(applying)}" if applying else ""
        because = (
            f"it holds {'card' if 'pci' in applying else 'health'} data, which "
            f"{' and '.join(r for r in applying if r != 'gdpr')} requires encrypted at rest"
            if severity == "critical"
            else f"it holds personal data under {', '.join(applying)}"
            if applying
            else "it holds sensitive data no declared regime covers"
        )
        yield Hit((cid,), f"{c.kind} '{cid}' stores {names}{regime} and {state}", severity=severity, because=because)  # type: ignore[arg-type]


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
