"""PERF008 — a write operation fans out synchronously, one call per follower or recipient."""

from __future__ import annotations

from collections.abc import Iterator

from archkit.model.kinds import MESSAGING_KINDS
from archkit.model.operation import WRITE_METHODS
from archkit.rules.base import Hit, Rule
from archkit.rules.context import Context


def check(ctx: Context) -> Iterator[Hit]:
    limit = ctx.arch.review.max_fanout
    for c in ctx.arch.components:
        for op in c.operations:
            if (op.method or "") not in WRITE_METHODS:
                continue
            for step in op.steps:
                link = ctx.calls.first_link.get((c.id, step.target))
                if link is None or not ctx.waits(link) or step.calls < limit:
                    continue
                if ctx.kind(step.target) in MESSAGING_KINDS:
                    continue  # publishing N messages is still a write; the work happens later
                yield Hit(
                    (c.id, step.target),
                    f"{c.id}.{op.id} ({op.route or op.method}) waits on {step.calls:g} synchronous calls to "
                    f"{step.target}{'.' + step.op if step.op else ''} per request: its latency and its chance to fail "
                    "grow with the number of followers or recipients",
                    links=(link.key,),
                )


RULE = Rule(
    code="PERF008",
    name="synchronous-fan-out-on-write",
    category="performance",
    severity="high",
    summary="A write operation makes one synchronous call per follower or recipient (calls above review.max_fanout).",
    rationale="Fan-out on write inside the request makes the writer wait for every recipient: a user with 10,000 "
    "followers posts in seconds, and one slow or failing recipient fails the post.",
    fix="Publish one event and fan out asynchronously (a queue and workers, in batches), or fan out on read for "
    "accounts with many followers.",
    reads=("components.operations.steps.calls", "components.operations.method", "links.sync"),
    check=check,
)
