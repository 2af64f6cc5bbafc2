"""API105 — an API operation carries payment or personal data over a plaintext step."""

from __future__ import annotations

from collections.abc import Iterator

from archkit.rules.api_architecture import api_operations
from archkit.rules.base import Hit, Rule
from archkit.rules.context import Context


def _kinds(ctx: Context, component: str, link_assets: list[str]) -> list[str]:
    found: list[str] = []
    assets = [ctx.assets[a] for a in link_assets if a in ctx.assets] + ctx.stored_assets.get(component, [])
    for a in assets:
        if a.payment and "payment" not in found:
            found.append("payment")
        if a.health and "health" not in found:
            found.append("health")
        if a.personal and "personal" not in found:
            found.append("personal")
    if "personal" not in found and any(f.personal for e in ctx.arch.entities if e.store == component for f in e.fields):
        found.append("personal")
    return found


def check(ctx: Context) -> Iterator[Hit]:
    for c, op in api_operations(ctx):
        for call in ctx.calls.chain(c.id, op.id):
            if call.link.encrypted:
                continue
            kinds = _kinds(ctx, call.target, list(call.link.data))
            if not kinds:
                continue
            yield Hit(
                (c.id, call.link.source, call.link.target),
                f"{c.id}.{op.id} sends {' and '.join(kinds)} data over {call.link.key} unencrypted "
                f"(protocol {call.link.protocol or 'not declared'}, tls {'false' if call.link.tls is False else 'not declared'})",
                links=(call.link.key,),
                severity="high" if "payment" in kinds or "health" in kinds else "medium",
            )
            break  # the first plaintext step names the operation's problem; SEC005/SEC012 list every link


RULE = Rule(
    code="API105",
    name="sensitive-operation-plaintext-step",
    category="api",
    severity="high",
    summary="An API operation carries payment, health or personal data over an unencrypted step of its chain.",
    rationale="The API is served over TLS, so its document looks safe; one plaintext hop behind it exposes the "
    "same data to anyone on that network segment.",
    fix="Encrypt every step of the operation's chain that carries the data (`tls: true`, mTLS in the mesh).",
    reads=("components.operations.steps", "links.tls", "links.protocol", "links.data", "data_assets", "entities"),
    reference="OWASP API8:2023 (security misconfiguration); PCI DSS 4.0 req. 4.2",
    check=check,
)
