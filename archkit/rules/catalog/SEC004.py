"""SEC004 — nothing on an internet path into the system limits the request rate."""

from __future__ import annotations

from collections.abc import Iterator

from archkit.rules.base import Hit, Rule
from archkit.rules.context import APP_KINDS, Context


def check(ctx: Context) -> Iterator[Hit]:
    flagged: dict[str, list[str]] = {}
    for chain in ctx.internet_chains:
        entry = ctx.components[chain[-1]]
        if entry.kind not in APP_KINDS or entry.api is not None:
            continue  # an API's entry: API102 reports it, naming its operations
        if any(ctx.components[cid].rate_limit_rps is not None for cid in chain):
            continue
        flagged.setdefault(entry.id, []).extend(chain[:-1])
    for cid, before in flagged.items():
        via = f" (reached through {', '.join(dict.fromkeys(before))})" if before else ""
        yield Hit(
            (cid,),
            f"{ctx.kind(cid)} '{cid}' faces the internet{via} and nothing on the way declares rate_limit_rps",
        )


RULE = Rule(
    code="SEC004",
    name="entry-without-rate-limit",
    category="security",
    severity="medium",
    summary="No component on an internet-facing path declares a rate limit.",
    rationale="Without throttling at the edge, one abusive or buggy client can saturate the services and "
    "stores behind the entry (denial of service, credential stuffing, scraping).",
    fix="Declare `rate_limit_rps` on the gateway, load balancer or CDN (WAF) in front, sized above the "
    "legitimate peak.",
    reads=("components.rate_limit_rps", "components.kind", "boundaries.trust", "links"),
    check=check,
)
