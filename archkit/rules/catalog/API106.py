"""API106 — an operation that moves money is not idempotent, and its path does not say so."""

from __future__ import annotations

from collections.abc import Iterator

from archkit.api.lint.security import SENSITIVE_FLOW
from archkit.rules.api_architecture import api_operations
from archkit.rules.base import Hit, Rule
from archkit.rules.context import Context


def check(ctx: Context) -> Iterator[Hit]:
    for c, op in api_operations(ctx):
        if (op.method or "").upper() != "POST" or op.idempotent:
            continue
        if op.path and SENSITIVE_FLOW.search(op.path):
            continue  # the path names the flow: API044 reports it from the document
        chain = ctx.calls.chain(c.id, op.id, asynchronous=True)
        paying = [
            call.target
            for call in chain
            if any(a.payment for a in ctx.stored_assets.get(call.target, []))
            or any(ctx.assets[a].payment for a in call.link.data if a in ctx.assets)
        ]
        if paying:
            yield Hit(
                (c.id,),
                f"{c.id}.{op.id} ({op.route or 'no route'}) reaches payment data at "
                f"{', '.join(dict.fromkeys(paying))} and is not idempotent: a retried request pays twice",
            )


RULE = Rule(
    code="API106",
    name="payment-flow-not-idempotent",
    category="api",
    severity="high",
    summary="A POST whose chain reaches payment data is not idempotent (and its path does not reveal the flow).",
    rationale="Mobile networks drop answers, clients retry: without an idempotency key a retried request charges "
    "or orders twice. Only the model shows that /baskets/{id}/confirm ends at the payment provider.",
    fix="Set `idempotent: true` and require an Idempotency-Key (`archkit api` declares the header and 409).",
    reads=("components.operations.idempotent", "components.operations.steps", "data_assets.payment", "links.data"),
    reference="OWASP API6:2023; IETF draft-ietf-httpapi-idempotency-key-header",
    check=check,
)
