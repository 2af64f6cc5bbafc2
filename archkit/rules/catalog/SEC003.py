"""SEC003 — the first application component on an internet path does not authenticate callers."""

from __future__ import annotations

from collections.abc import Iterator

from archkit.model.operation import WRITE_METHODS
from archkit.model.schema import Component
from archkit.rules.base import Hit, Rule
from archkit.rules.catalog.SEC013 import unauthenticated_entries, written_stores
from archkit.rules.context import APP_KINDS, Context


def _behind_all_authenticate(ctx: Context, gateway: str) -> bool:
    behind = [lk.target for lk in ctx.out_links[gateway] if ctx.kind(lk.target) in APP_KINDS]
    return bool(behind) and all(ctx.components[t].auth not in (None, "none") for t in behind)


def _open_api_writes(c: Component) -> bool:
    return any((op.method or "") in WRITE_METHODS and (op.auth or c.auth or "none") == "none" for op in c.operations)


def check(ctx: Context) -> Iterator[Hit]:
    flagged: dict[str, bool] = {}  # entry -> some source reaching it has a declared (public) boundary
    for source, chain in ctx.internet_paths:
        entry = ctx.components[chain[-1]]
        if entry.kind not in APP_KINDS:
            continue
        if any(ctx.components[cid].auth not in (None, "none") for cid in chain):
            continue
        if entry.kind == "gateway" and entry.auth is None and _behind_all_authenticate(ctx, entry.id):
            continue  # a pass-through gateway whose services each authenticate
        flagged[entry.id] = flagged.get(entry.id, False) or ctx.trust_declared(source)
    writes = {e for e in unauthenticated_entries(ctx) if written_stores(ctx, e)}
    # an API entry whose write operations take no credentials: API031 reports it, route by route
    writes |= {c.id for c in ctx.arch.components if c.api is not None and _open_api_writes(c)}
    for cid, declared_public in flagged.items():
        if cid in writes:
            continue  # its anonymous requests write to a store: SEC013 reports it, with the stores
        c = ctx.components[cid]
        assumed = "" if declared_public else " (its callers have no boundary: assumed public)"
        if c.auth == "none":
            yield Hit(
                (cid,),
                f"{c.kind} '{cid}' faces the internet and declares auth: none{assumed}",
                severity="high" if declared_public else "medium",
            )
        else:
            yield Hit(
                (cid,),
                f"{c.kind} '{cid}' faces the internet and declares no authentication (auth is not set){assumed}",
                severity="medium",
            )


RULE = Rule(
    code="SEC003",
    name="entry-without-auth",
    category="security",
    severity="high",
    summary="A gateway or service that faces the internet does not authenticate its callers.",
    rationale="The first application hop is where identity is established; everything behind it trusts what "
    "it forwards. Unauthenticated entries expose every route behind them to anyone.",
    fix="Set `auth` on the entry (jwt, oauth2, api_key or mtls). If the endpoint is public on purpose, "
    "record that with a waiver naming the owner.",
    reads=("components.auth", "components.kind", "boundaries.trust", "links"),
    check=check,
)
