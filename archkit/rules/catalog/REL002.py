"""REL002 — components call each other synchronously in a cycle."""

from __future__ import annotations

from collections.abc import Iterator

from archkit.rules.base import Hit, Rule
from archkit.rules.context import Context


def check(ctx: Context) -> Iterator[Hit]:
    for group in ctx.sync_cycles:
        members = set(group)
        links = tuple(
            lk.key for lk in ctx.arch.links if ctx.waits(lk) and lk.source in members and lk.target in members
        )
        yield Hit(
            tuple(group),
            f"synchronous call cycle between {', '.join(group)}: a slow or failing member holds threads "
            "in every other one until all time out together",
            links=links,
        )


RULE = Rule(
    code="REL002",
    name="sync-cycle",
    category="reliability",
    severity="high",
    summary="Components call each other synchronously in a cycle.",
    rationale="A synchronous cycle turns any slowdown into a distributed deadlock: each member waits on the next "
    "while holding its own capacity. It also makes independent deploys and load estimates impossible.",
    fix="Break the cycle: make one direction asynchronous (an event on a queue), merge the services, "
    "or move the shared logic into a component both call.",
    reads=("links.from", "links.to", "links.sync"),
    check=check,
)
