"""MODEL002 — a client reaches nothing."""

from __future__ import annotations

from collections.abc import Iterator

from archkit.rules.base import Hit, Rule
from archkit.rules.context import Context


def check(ctx: Context) -> Iterator[Hit]:
    for c in ctx.of_kind("client"):
        if not ctx.out_links[c.id]:
            yield Hit((c.id,), f"client '{c.id}' has no outgoing links: its traffic goes nowhere in the model")


RULE = Rule(
    code="MODEL002",
    name="client-reaches-nothing",
    category="model",
    severity="low",
    summary="A client has no outgoing links.",
    rationale="Clients are where load and journeys start. A client that calls nothing contributes no traffic, no "
    "journey and no latency or availability figure, which silently understates the system.",
    fix="Link the client to the entry it calls (CDN, load balancer, gateway), or remove it.",
    reads=("links.from", "components.kind"),
    check=check,
)
