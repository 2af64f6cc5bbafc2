"""SEC014 — payment or health data is not segmented: its boundary is shared with services that never touch it."""

from __future__ import annotations

from collections.abc import Iterator

from archkit.rules.base import Hit, Rule, listing
from archkit.rules.context import Context

# Application code: what an attacker runs from once inside a segment, and what audit scope covers.
APPLICATION_KINDS = frozenset({"gateway", "service", "function", "worker"})
REGIME = {"payment": "PCI DSS", "health": "HIPAA"}


def check(ctx: Context) -> Iterator[Hit]:
    kinds = {
        "payment": [a for a in ctx.arch.data_assets if a.payment],
        "health": [a for a in ctx.arch.data_assets if a.health],
    }
    for kind, assets in kinds.items():
        if not assets:
            continue
        ids = {a.id for a in assets}
        holders: set[str] = {c for a in assets for c in a.stored_in}
        for link in ctx.arch.links:
            if ids & set(link.data):
                holders.update((link.source, link.target))
        boundaries = sorted({b for c in holders if c in ctx.components and (b := ctx.components[c].boundary)})
        for boundary in boundaries:
            if ctx.arch.boundary(boundary).trust == "public":
                continue  # the internet and third parties: not a segment this system draws
            inside = [c for c in ctx.arch.components if c.boundary == boundary]
            handlers = [c.id for c in inside if c.id in holders]
            bystanders = [c.id for c in inside if c.id not in holders and c.kind in APPLICATION_KINDS]
            if not bystanders:
                continue
            yield Hit(
                tuple(handlers),
                f"{kind} data ({listing(sorted(ids))}) passes through {listing(handlers)} in "
                f"boundary '{boundary}', which {len(bystanders)} service(s) that never touch it share "
                f"({listing(bystanders)}): all of them are in {REGIME[kind]} scope and one step from the data",
            )


RULE = Rule(
    code="SEC014",
    name="regulated-data-not-segmented",
    category="security",
    severity="medium",
    summary="Payment or health data passes through a trust boundary shared with services that never touch it.",
    rationale="Everything that shares a network segment with cardholder or health data is in audit scope and is a "
    "path to it: an ad or recommendation service next to the payment service is in PCI scope too.",
    fix="Keep the data inside a boundary of its own (tokenize at the client or post straight into the segment; a "
    "namespace or VPC with network policy) and declare it, so the rest of the system is out of scope.",
    reads=("data_assets.payment", "data_assets.health", "data_assets.stored_in", "links.data", "components.boundary"),
    check=check,
)
