"""SEC013 — an entry point anyone on the internet may call, without credentials, writes to a store."""

from __future__ import annotations

from collections.abc import Iterator

from archkit.model.kinds import STORE_KINDS
from archkit.model.operation import WRITE_METHODS
from archkit.rules.base import Hit, Rule, listing
from archkit.rules.context import APP_KINDS, Context


def _open(ctx: Context, cid: str) -> bool:
    return ctx.components[cid].auth in (None, "none")


def unauthenticated_entries(ctx: Context) -> list[str]:
    """Internet-facing application entries with no component on the way that authenticates."""
    found: list[str] = []
    for _source, chain in ctx.internet_paths:
        entry = chain[-1]
        if ctx.kind(entry) in APP_KINDS and all(_open(ctx, cid) for cid in chain) and entry not in found:
            found.append(entry)
    return found


def written_stores(ctx: Context, entry: str) -> dict[str, list[str]]:
    """Store -> the path of components to it, for stores the entry's requests write to, following
    synchronous links through components that do not authenticate either."""
    out: dict[str, list[str]] = {}
    stack: list[list[str]] = [[entry]]
    seen = {entry}
    while stack:
        path = stack.pop()
        here = path[-1]
        writes_here = any((op.method or "") in WRITE_METHODS for op in ctx.components[here].operations)
        for link in ctx.out_links[here]:
            target = link.target
            if ctx.kind(target) in STORE_KINDS:
                if link.access in ("write", "read_write") or (link.access is None and writes_here):
                    out.setdefault(target, [*path, target])
                continue
            if target in seen or not ctx.waits(link) or ctx.kind(target) not in APP_KINDS or not _open(ctx, target):
                continue
            seen.add(target)
            stack.append([*path, target])
    return out


def check(ctx: Context) -> Iterator[Hit]:
    for entry in unauthenticated_entries(ctx):
        stores = written_stores(ctx, entry)
        if not stores:
            continue
        via = "; ".join(" -> ".join(path) for path in stores.values())
        yield Hit(
            (entry, *stores),
            f"{ctx.kind(entry)} '{entry}' takes requests from the internet without credentials, and they write to "
            f"{listing(stores)} with no authentication on the way ({via})",
        )


RULE = Rule(
    code="SEC013",
    name="unauthenticated-write-path",
    category="security",
    severity="high",
    summary="An internet-facing entry point with no authentication writes to a store through its call chain.",
    rationale="Anonymous reads can be fine by design (a shop's catalogue); anonymous writes are spam, abuse and "
    "storage growth anyone can drive, and every store on the path inherits it.",
    fix="Authenticate the entry (or the service that writes), or bound anonymous writes: a session id issued by "
    "the server, a rate limit per client and per session, a captcha on the write.",
    reads=("components.auth", "links.access", "components.operations.method", "boundaries.trust"),
    check=check,
)
