"""REL006 — a consumed queue has no dead-letter queue."""

from __future__ import annotations

from collections.abc import Iterator

from archkit.rules.base import Hit, Rule
from archkit.rules.context import Context


def check(ctx: Context) -> Iterator[Hit]:
    for c in ctx.of_kind("queue", "stream"):
        if c.dead_letter_queue is True or not (ctx.out_links[c.id] or ctx.consumers(c.id)):
            continue
        if c.kind == "stream" and c.dead_letter_queue is None:
            continue  # streams keep failed records in the log; only a declared false is a finding
        declared = c.dead_letter_queue is False
        state = "declares dead_letter_queue: false" if declared else "does not declare a dead-letter queue"
        yield Hit(
            (c.id,),
            f"{c.kind} '{c.id}' {state}: a message that always fails is redelivered forever and blocks its consumer",
            severity="medium" if declared and c.kind == "queue" else "low",
        )


RULE = Rule(
    code="REL006",
    name="queue-without-dlq",
    category="reliability",
    severity="medium",
    summary="A consumed queue has no dead-letter queue for messages that keep failing.",
    rationale="One poison message (bad payload, deleted entity) retried forever wastes consumer capacity, "
    "delays everything behind it, and hides the bug that produced it.",
    fix="Configure a dead-letter queue with a redelivery limit and an alert on its depth; set dead_letter_queue: true.",
    reads=("components.dead_letter_queue", "components.kind", "links"),
    check=check,
)
