"""PERF003 — one request makes many synchronous calls (fan-out)."""

from __future__ import annotations

from collections.abc import Iterator

from archkit.model.schema import ReviewSettings
from archkit.rules.base import Hit, Rule
from archkit.rules.context import Context

MAX_FANOUT = ReviewSettings.model_fields["max_fanout"].default  # default; `review.max_fanout` in the model overrides it


def check(ctx: Context) -> Iterator[Hit]:
    limit = ctx.arch.review.max_fanout
    for c in ctx.arch.components:
        if c.kind == "client":
            continue
        links = [lk for lk in ctx.out_links[c.id] if ctx.waits(lk) and ctx.kind(lk.target) != "monitoring"]
        total = sum(lk.calls for lk in links)
        if total <= limit:
            continue
        worst = max(links, key=lambda lk: lk.calls)
        yield Hit(
            (c.id,),
            f"'{c.id}' makes {total:g} synchronous calls per request (most: {worst.calls:g} to {worst.target}); "
            "its latency is the slowest of them and its load multiplies downstream",
            links=tuple(lk.key for lk in links),
        )


RULE = Rule(
    code="PERF003",
    name="fan-out",
    category="performance",
    severity="medium",
    summary=f"A component makes more than {MAX_FANOUT:g} synchronous calls per request it serves.",
    rationale="With many calls per request, tail latency approaches the slowest call's p99 and a small slowdown "
    "downstream multiplies into a large one upstream; N+1 query patterns look exactly like this.",
    fix="Batch the calls (one query for N ids), denormalise what is read together, or precompute it.",
    reads=("links.calls", "links.sync"),
    check=check,
)
