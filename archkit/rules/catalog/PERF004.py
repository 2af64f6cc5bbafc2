"""PERF004 — calls multiply along a synchronous path: one client request becomes many calls deep down."""

from __future__ import annotations

import itertools
from collections.abc import Iterator

from archkit.model.schema import ReviewSettings
from archkit.rules.base import Hit, Rule
from archkit.rules.context import Context

MAX_AMPLIFICATION = ReviewSettings.model_fields[
    "max_call_amplification"
].default  # default; `review.max_call_amplification` in the model overrides it


def check(ctx: Context) -> Iterator[Hit]:
    limit = ctx.arch.review.max_call_amplification
    calls: dict[tuple[str, str], float] = {}
    for link in ctx.arch.links:
        if ctx.waits(link):
            calls[(link.source, link.target)] = calls.get((link.source, link.target), 0.0) + link.calls
    best = ctx.heaviest_paths(lambda a, b: calls.get((a, b), 1.0))
    for n, (factor, path) in best.items():
        if factor <= limit or best[path[-2]][0] > limit:
            continue
        multiplying = [f"{a}->{b}" for a, b in itertools.pairwise(path) if calls.get((a, b), 1.0) > 1]
        if len(multiplying) < 2:
            continue  # a single large fan-out is PERF003's finding
        yield Hit(
            tuple(path[1:]),
            f"one request from {path[0]} becomes {factor:g} calls on '{n}' ({' x '.join(f'{calls[(a, b)]:g}' for a, b in itertools.pairwise(path))})",
            links=tuple(multiplying),
        )


RULE = Rule(
    code="PERF004",
    name="call-amplification",
    category="performance",
    severity="medium",
    summary=f"Calls multiply across layers so that one client request makes more than {MAX_AMPLIFICATION:g} calls on a component.",
    rationale="Fan-outs compound: 5 calls that each make 6 calls is 30 per request. The deepest component then sees "
    "traffic far above the entry rate, which is easy to miss when each hop looks modest on its own.",
    fix="Batch or cache at the upper layer so the multiplication happens once, or move the expansion off the "
    "request path (precompute, queue).",
    reads=("links.calls", "links.sync"),
    check=check,
)
