"""SEC005 — an unencrypted link crosses a trust boundary."""

from __future__ import annotations

from collections.abc import Iterator

from archkit.rules.base import Hit, Rule, Severity, listing
from archkit.rules.context import Context

PLAINTEXT_PROTOCOLS = frozenset({"http", "ws", "ftp", "telnet"})


def check(ctx: Context) -> Iterator[Hit]:
    unstated: list[str] = []  # crossings whose TLS setting the model leaves open, reported together
    for link in ctx.arch.links:
        a, b = ctx.trust(link.source), ctx.trust(link.target)
        if a is None or b is None or a == b or link.encrypted:
            continue
        sensitive = [asset.id for asset in ctx.link_assets(link) if ctx.sensitive(asset)]
        declared = link.tls is False
        # http is plaintext by definition; for sql, amqp, redis... TLS is a setting the model did not state
        plaintext_protocol = (link.protocol or "").lower() in PLAINTEXT_PROTOCOLS
        if not (declared or sensitive or plaintext_protocol):
            unstated.append(link.key)
            continue
        how = "tls: false" if declared else f"protocol {link.protocol or '(none)'} without tls: true"
        carries = f", carrying {', '.join(sensitive)}" if sensitive else ""
        # Severity from what travels and where: card or health data in clear text from the public
        # side is read by anyone on the path; the same link without such data is a weakness.
        regulated = any(x.payment or x.health for x in ctx.link_assets(link))
        from_public = "public" in (a, b)
        if regulated and from_public and (declared or plaintext_protocol):
            severity: Severity = "critical"
            because = "card or health data crosses in clear text from the public side"
        elif declared or (sensitive and plaintext_protocol):
            severity = "high"
            because = "the model states plain text" if declared else "sensitive data travels on a plaintext protocol"
        else:
            severity = "medium"
            because = "no sensitive data is declared on it"
        yield Hit(
            (link.source, link.target),
            f"link {link.key} crosses from {a} to {b} in plaintext ({how}){carries}",
            links=(link.key,),
            severity=severity,
            because=because,
        )
    if unstated:
        ends = tuple(dict.fromkeys(cid for key in unstated for cid in key.split("->")))
        yield Hit(
            ends,
            f"{len(unstated)} links cross trust boundaries with protocols that are plaintext unless TLS is "
            f"turned on, and do not declare tls: {listing(unstated)}",
            links=tuple(unstated),
            severity="medium",
        )


RULE = Rule(
    code="SEC005",
    name="plaintext-crossing",
    category="security",
    severity="high",
    summary="A link between boundaries of different trust is not encrypted in transit.",
    rationale="Traffic that leaves a trust zone can be read or altered by anyone on the path between the zones "
    "(shared networks, peering, the internet). Encryption is cheap compared with the exposure.",
    fix="Use TLS on the link (https, grpcs, or `tls: true` for a protocol wrapped in TLS or mTLS by a mesh).",
    reads=("links.tls", "links.protocol", "links.data", "components.boundary", "boundaries.trust"),
    check=check,
)
