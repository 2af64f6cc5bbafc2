"""REL005 — a queue or stream has no consumer."""

from __future__ import annotations

from collections.abc import Iterator

from archkit.rules.base import Hit, Rule
from archkit.rules.context import Context


def check(ctx: Context) -> Iterator[Hit]:
    for c in ctx.of_kind("queue", "stream"):
        if ctx.out_links[c.id] or ctx.consumers(c.id):
            continue
        producers = [lk.source for lk in ctx.in_links[c.id]]
        by = f" (written by {', '.join(dict.fromkeys(producers))})" if producers else ""
        yield Hit((c.id,), f"{c.kind} '{c.id}' has no consumer{by}: messages pile up until it is full")


RULE = Rule(
    code="REL005",
    name="queue-without-consumer",
    category="reliability",
    severity="medium",
    summary="A queue or stream has nothing consuming it.",
    rationale="Messages that nobody reads fill the broker's disk and then block the producers; or the consumer "
    "exists but is missing from the design, so its capacity and failure modes are never reviewed.",
    fix="Add the consumer and its link (`queue -> consumer`, or `consumer -> queue` with access: read), "
    "or remove the queue.",
    reads=("components.kind", "links", "links.access"),
    check=check,
)
