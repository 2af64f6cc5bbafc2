"""DATA006 — an operation reads or writes a store another team owns (directly or through its cache)."""

from __future__ import annotations

from collections.abc import Iterator

from archkit.model.kinds import STORE_KINDS
from archkit.rules.base import Hit, Rule, listing
from archkit.rules.catalog.DATA002 import check as foreign_reads
from archkit.rules.context import Context


def check(ctx: Context) -> Iterator[Hit]:
    found: dict[tuple[str, str], list[str]] = {}
    via: dict[tuple[str, str], str] = {}
    for c in ctx.arch.components:
        if c.owner is None:
            continue
        for op in c.operations:
            for step in op.steps:
                target = ctx.components[step.target]
                stores: list[tuple[str, str | None]] = (
                    [(target.id, None)] if target.kind in STORE_KINDS and target.kind != "cache" else []
                )
                if target.kind == "cache":  # a cache in front of someone else's store is still their data
                    stores += [
                        (lk.target, target.id)
                        for lk in ctx.out_links[target.id]
                        if ctx.kind(lk.target) in STORE_KINDS and ctx.kind(lk.target) != "cache"
                    ]
                    stores.append((target.id, None))
                for store, cache in stores:
                    owner = ctx.components[store].owner
                    if owner is None or owner == c.owner:
                        continue
                    key = (c.id, store)
                    found.setdefault(key, [])
                    if op.id not in found[key]:
                        found[key].append(op.id)
                    if cache is not None:
                        via[key] = cache
    direct_reads = {(hit.components[1], hit.components[0]) for hit in foreign_reads(ctx)}
    for (cid, store), ops in found.items():
        if (cid, store) in direct_reads:
            continue  # DATA002 reports the direct read of the link; one finding per root cause
        through = f" through the cache '{via[(cid, store)]}'" if (cid, store) in via else ""
        yield Hit(
            (cid, store),
            f"operations {listing(f'{cid}.{o}' for o in ops)} (team {ctx.components[cid].owner}) reach "
            f"'{store}', owned by team {ctx.components[store].owner}{through}: its schema becomes a shared contract",
        )


RULE = Rule(
    code="DATA006",
    name="operation-reaches-other-teams-store",
    category="data",
    severity="medium",
    summary="An operation of one team's component calls a store (or the cache in front of it) that another team owns.",
    rationale="A store read by two teams couples their deploys: a column rename or an index change breaks the "
    "other team without a contract in between. Ownership of data should follow ownership of the service.",
    fix="Call the owning team's API (an operation of their service) instead, or move the data to the team "
    "that uses it; if sharing is intended, record it as a decision.",
    reads=("components.owner", "components.operations", "components.kind"),
    check=check,
)
