"""REL012 — a queue's only consumer runs a single replica."""

from __future__ import annotations

from collections.abc import Iterator

from archkit.rules.base import Hit, Rule
from archkit.rules.context import Context

CONSUMER_KINDS = frozenset({"worker", "service"})  # functions scale out by themselves


def check(ctx: Context) -> Iterator[Hit]:
    for q in ctx.of_kind("queue", "stream"):
        consumers = [cid for cid in ctx.consumers(q.id)]
        if not consumers or any(
            ctx.kind(cid) not in CONSUMER_KINDS or ctx.components[cid].replicas > 1 for cid in consumers
        ):
            continue
        for cid in consumers:
            c = ctx.components[cid]
            declared = ctx.declared(c, "replicas")
            yield Hit(
                (cid, q.id),
                f"{c.kind} '{cid}' is the only consumer of {q.kind} '{q.id}' and runs one replica: "
                "when it crashes, everything downstream of the queue stops and the backlog grows",
                severity="medium" if declared else "low",
            )


RULE = Rule(
    code="REL012",
    name="single-consumer",
    category="reliability",
    severity="medium",
    summary="Every consumer of a queue runs a single replica.",
    rationale="The queue protects producers, not the outcome: with one consumer instance, a crash, a deploy or a "
    "slow message stops processing entirely, and the backlog then takes time to drain.",
    fix="Run 2+ consumer replicas as competing consumers (or a consumer group), and alert on queue age.",
    reads=("components.replicas", "components.kind", "links"),
    check=check,
)
