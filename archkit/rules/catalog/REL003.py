"""REL003 — a synchronous chain of services is deeper than a request can afford."""

from __future__ import annotations

import itertools
from collections.abc import Iterator

from archkit.model.schema import ReviewSettings
from archkit.rules.base import Hit, Rule
from archkit.rules.context import Context

MAX_DEPTH = ReviewSettings.model_fields[
    "max_sync_depth"
].default  # default; `review.max_sync_depth` in the model overrides it
CHAIN_KINDS = frozenset({"service", "function"})


def check(ctx: Context) -> Iterator[Hit]:
    limit = ctx.arch.review.max_sync_depth
    import networkx as nx

    nodes = [n for n in ctx.on_journey if ctx.kind(n) in CHAIN_KINDS]
    sub = ctx.sync_dag.subgraph(nodes)
    best: dict[str, list[str]] = {}
    for n in nx.topological_sort(sub):
        preds = [best[p] for p in sub.predecessors(n)]
        longest = max(preds, key=len) if preds else []
        best[n] = [*longest, n]
    seen: set[tuple[str, ...]] = set()
    for n, chain in best.items():
        if len(chain) <= limit or any(True for _ in sub.successors(n)):
            continue  # report only chains that end at their deepest node
        key = tuple(chain)
        if key in seen:
            continue
        seen.add(key)
        links = tuple(f"{a}->{b}" for a, b in itertools.pairwise(chain))
        yield Hit(
            key,
            f"{len(chain)} services are called one after another in one request ({' -> '.join(chain)}); "
            f"more than {limit} multiplies latency and failure odds",
            links=links,
        )


RULE = Rule(
    code="REL003",
    name="deep-sync-chain",
    category="reliability",
    severity="medium",
    summary=f"More than {MAX_DEPTH} services call each other synchronously, in sequence, within one request.",
    rationale="Each synchronous hop adds its latency, its tail and its failure probability to the request; deep "
    "chains are where p99 and availability targets are lost, and where cascading timeouts start.",
    fix="Flatten the chain: have the entry call services in parallel, move work that does not shape the answer "
    "onto a queue, or keep a local read model instead of calling through.",
    reads=("links.sync", "components.kind"),
    check=check,
)
