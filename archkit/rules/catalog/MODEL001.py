"""MODEL001 — a component is connected to nothing."""

from __future__ import annotations

from collections.abc import Iterator

from archkit.rules.base import Hit, Rule
from archkit.rules.context import Context

UNLINKED_OK = frozenset({"client", "monitoring", "secrets", "dns"})  # platform pieces are often left unlinked


def check(ctx: Context) -> Iterator[Hit]:
    if len(ctx.components) < 2:
        return
    for c in ctx.arch.components:
        if c.kind in UNLINKED_OK or ctx.in_links[c.id] or ctx.out_links[c.id]:
            continue
        yield Hit((c.id,), f"{c.kind} '{c.id}' has no links: nothing calls it and it calls nothing")


RULE = Rule(
    code="MODEL001",
    name="orphan-component",
    category="model",
    severity="low",
    summary="A component has no links at all.",
    rationale="An unlinked component is either dead (remove it) or a missing link, and then every rule and number "
    "that depends on the graph (load, latency, exposure) is wrong for it.",
    fix="Add the links that reach it and that it makes, or remove it from the model.",
    reads=("links", "components.kind"),
    check=check,
)
