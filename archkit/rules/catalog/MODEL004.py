"""MODEL004 — links with no protocol."""

from __future__ import annotations

from collections.abc import Iterator

from archkit.rules.base import Hit, Rule, listing
from archkit.rules.context import Context


def check(ctx: Context) -> Iterator[Hit]:
    links = [lk for lk in ctx.arch.links if not lk.protocol]
    if links:
        ends = tuple(dict.fromkeys(cid for lk in links for cid in (lk.source, lk.target)))
        yield Hit(
            ends,
            f"{len(links)} links declare no protocol: {listing(lk.key for lk in links)}",
            links=tuple(lk.key for lk in links),
        )


RULE = Rule(
    code="MODEL004",
    name="link-without-protocol",
    category="model",
    severity="low",
    summary="Links do not say which protocol they use.",
    rationale="The protocol decides whether a link is encrypted by default and what it costs; without it the "
    "transport-security rules assume plaintext and readers of the diagram cannot tell an RPC from a publish.",
    fix="Set `protocol` on each link (https, grpc, sql, redis, amqp, kafka, ...).",
    reads=("links.protocol",),
    check=check,
)
