"""SEC012 — payment or health data travels over an unencrypted link inside a trust zone."""

from __future__ import annotations

from collections.abc import Iterator

from archkit.rules.base import Hit, Rule
from archkit.rules.catalog.SEC005 import PLAINTEXT_PROTOCOLS
from archkit.rules.context import Context


def check(ctx: Context) -> Iterator[Hit]:
    """One finding per regulated data asset (one cause: that data is not encrypted inside the zone),
    listing every link that carries it in clear text."""
    by_asset: dict[str, list[tuple[str, str, bool]]] = {}  # asset -> (link key, how, stated plaintext)
    for link in ctx.arch.links:
        if link.encrypted:
            continue
        a, b = ctx.trust(link.source), ctx.trust(link.target)
        if a is not None and b is not None and a != b:
            continue  # a crossing: SEC005 reports it
        stated = link.tls is False or (link.protocol or "").lower() in PLAINTEXT_PROTOCOLS
        how = "tls: false" if link.tls is False else f"{link.protocol or 'no protocol'}, tls not declared"
        for x in ctx.link_assets(link):
            if x.payment or x.health:
                by_asset.setdefault(x.id, []).append((link.key, how, stated))
    for asset, links in by_asset.items():
        keys = tuple(k for k, _, _ in links)
        ends = tuple(dict.fromkeys(c for k in keys for c in k.split("->")))
        yield Hit(
            ends,
            f"{asset} travels unencrypted over {len(links)} link(s): "
            + "; ".join(f"{k} ({how})" for k, how, _ in links),
            links=keys,
            severity="high" if any(stated for _, _, stated in links) else "medium",
            because="a link states plain text (tls: false or a plaintext protocol)"
            if any(stated for _, _, stated in links)
            else "no link states plain text; TLS is only undeclared",
        )


RULE = Rule(
    code="SEC012",
    name="regulated-data-plaintext",
    category="security",
    severity="high",
    summary="Cardholder or health data is sent over a link that is not encrypted, even inside one zone.",
    rationale="Internal networks are shared with many hosts; PCI DSS and HIPAA audits expect regulated data "
    "encrypted in transit everywhere, and flat internal networks are how breaches spread.",
    fix="Encrypt the link (TLS, or mTLS through a service mesh) and set `tls: true`.",
    reads=("links.tls", "links.protocol", "links.data", "data_assets.payment", "data_assets.health"),
    check=check,
)
