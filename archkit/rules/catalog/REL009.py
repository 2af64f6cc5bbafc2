"""REL009 — retries at several layers of one synchronous path multiply the load on failure."""

from __future__ import annotations

import itertools
from collections.abc import Iterator

from archkit.model.schema import ReviewSettings
from archkit.rules.base import Hit, Rule
from archkit.rules.context import Context

MAX_AMPLIFICATION = ReviewSettings.model_fields[
    "max_retry_amplification"
].default  # default; `review.max_retry_amplification` in the model overrides it


def check(ctx: Context) -> Iterator[Hit]:
    limit = ctx.arch.review.max_retry_amplification
    retries: dict[tuple[str, str], int] = {}
    for link in ctx.arch.links:
        if ctx.waits(link):
            pair = (link.source, link.target)
            retries[pair] = max(retries.get(pair, 0), link.retries)
    # (attempts, path) over paths from a client, maximising attempts
    best = ctx.heaviest_paths(lambda a, b: 1 + retries.get((a, b), 0))
    for n, (attempts, path) in best.items():
        if attempts <= limit:
            continue
        parent = path[-2]
        if best[parent][0] > limit:
            continue  # reported where the amplification first crosses the limit
        layers = [f"{a}->{b}" for a, b in itertools.pairwise(path) if retries.get((a, b), 0) > 0]
        if len(layers) < 2:
            continue
        yield Hit(
            tuple(path[1:]),
            f"retries on {', '.join(layers)} multiply: when '{n}' fails, one client request becomes {attempts:g} attempts on it",
            links=tuple(layers),
        )


RULE = Rule(
    code="REL009",
    name="retry-amplification",
    category="reliability",
    severity="medium",
    summary=f"Retries at several layers of one call path multiply to more than {MAX_AMPLIFICATION:g} attempts.",
    rationale="Each layer retrying a failed call multiplies the attempts that reach the bottom: 3 layers x 3 tries "
    "is 27 calls per request, a self-inflicted overload exactly when the deepest component is struggling.",
    fix="Retry at one layer only (usually the one closest to the caller), with backoff and a retry budget; "
    "set retries: 0 on the inner links.",
    reads=("links.retries", "links.sync"),
    check=check,
)
