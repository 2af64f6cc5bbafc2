"""DATA012 — a read that must see the latest write, served by an asynchronously replicated store."""

from __future__ import annotations

from collections.abc import Iterator

from archkit.rules.base import Hit, Rule
from archkit.rules.context import Context


def check(ctx: Context) -> Iterator[Hit]:
    default = ctx.arch.requirements.consistency
    for e in ctx.arch.entities:
        store = ctx.components.get(e.store)
        if store is None or store.replication != "async" or store.replicas < 2:
            continue
        strong = [a.id for a in e.access if a.kind == "read" and (a.consistency or default) == "strong"]
        if strong:
            yield Hit(
                (e.store,),
                f"{e.id}: {', '.join(strong)} must read the latest write, but {e.store} replicates asynchronously "
                f"to {store.replicas - 1} replica(s): a read there can miss a write the client just made",
            )


RULE = Rule(
    code="DATA012",
    name="strong-read-on-async-replica",
    category="data",
    severity="high",
    summary="A strongly consistent read goes to a store whose replicas receive writes asynchronously.",
    rationale="An asynchronous replica lags the primary; a read routed to it returns stale data — the user who "
    "just posted does not see the post, a balance check passes twice.",
    fix="Route these reads to the primary (or a synchronous replica), read-your-writes by session, or relax "
    "the pattern to consistency: eventual if stale reads are acceptable.",
    reads=("entities.access.consistency", "requirements.consistency", "components.replication", "components.replicas"),
    check=check,
)
