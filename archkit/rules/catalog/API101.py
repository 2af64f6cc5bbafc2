"""API101 — a gateway (or the component) rate-limits, and the API document declares no 429."""

from __future__ import annotations

from collections.abc import Iterator

from archkit.api.facts import rate_limiter
from archkit.rules.base import Hit, Rule, listing
from archkit.rules.context import Context


def check(ctx: Context) -> Iterator[Hit]:
    for cid, spec in ctx.api_specs.items():
        limiter = rate_limiter(ctx.arch, cid)
        if limiter is None:
            continue
        missing = [op.route for op in spec.operations() if not {"429", "4XX"} & set(map(str, op.responses))]
        if not missing:
            continue
        by = "it" if limiter.id == cid else f"{limiter.kind} '{limiter.id}' in front of it"
        doc = spec.file or "its generated document"
        yield Hit(
            (cid, *((limiter.id,) if limiter.id != cid else ())),
            f"{by} throttles at {limiter.rate_limit_rps:,.0f} rps, but {doc} declares no 429 on "
            f"{len(missing)} operation(s): {listing(missing)}",
            file=spec.file,
            line=spec.line(("paths",)) if spec.file else None,
        )


RULE = Rule(
    code="API101",
    name="rate-limit-without-429",
    category="api",
    severity="medium",
    summary="A gateway (or the component itself) rate-limits the API, but its document declares no 429.",
    rationale="The architecture throttles; the contract says it never happens. Generated clients treat 429 as "
    "an unknown failure, do not read Retry-After, and retry at once: the storm the limit was there to stop.",
    fix="Declare 429 with Retry-After and RateLimit headers on every operation behind the limiter "
    "(`archkit api` generates them).",
    reads=("components.rate_limit_rps", "components.api.spec", "links"),
    reference="OWASP API4:2023; RFC 6585 4; draft-ietf-httpapi-ratelimit-headers",
    check=check,
)
