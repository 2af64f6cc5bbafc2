"""API102 — an API the internet reaches has no rate limit, on its component or in front of it."""

from __future__ import annotations

from collections.abc import Iterator

from archkit.api.facts import is_public, operation_auth, rate_limiter
from archkit.model.operation import WRITE_METHODS
from archkit.rules.base import Hit, Rule
from archkit.rules.context import Context


def check(ctx: Context) -> Iterator[Hit]:
    for c in ctx.arch.components:
        if c.api is None or not is_public(ctx.arch, c.id) or rate_limiter(ctx.arch, c.id) is not None:
            continue
        writes = [op.id for op in c.operations if (op.method or "") in WRITE_METHODS]
        open_ops = [op.id for op in c.operations if not operation_auth(c, op).secured]
        what = f"{len(c.operations)} operation(s)" if c.operations else "its operations"
        detail = []
        if writes:
            detail.append(f"{len(writes)} write(s)")
        if open_ops:
            detail.append(f"{len(open_ops)} without credentials")
        extra = f" ({', '.join(detail)})" if detail else ""
        yield Hit(
            (c.id,),
            f"the {c.api.style} API of '{c.id}' faces the internet and nothing throttles {what}{extra}",
            severity="high" if open_ops and writes else None,
        )


RULE = Rule(
    code="API102",
    name="public-api-without-rate-limit",
    category="api",
    severity="medium",
    summary="An API the internet reaches has no rate limit on its component or on a gateway in front of it.",
    rationale="One client, buggy or hostile, can take the whole API and everything behind it down, or scrape "
    "and brute-force it at machine speed. Unauthenticated writes make it worse.",
    fix="Declare `rate_limit_rps` on the component or on the gateway in front of it, per client, above the "
    "legitimate peak.",
    reads=("components.api", "components.rate_limit_rps", "boundaries.trust", "links"),
    reference="OWASP API4:2023 (unrestricted resource consumption)",
    check=check,
)
