"""PERF002 — a hot database read path has no cache."""

from __future__ import annotations

from collections.abc import Iterator

from archkit.model.schema import ReviewSettings
from archkit.rules.base import Hit, Rule, listing
from archkit.rules.context import Context

HOT_RPS = ReviewSettings.model_fields[
    "hot_read_rps"
].default  # default; `review.hot_read_rps` in the model overrides it
FAST_MS = 1.0  # a store answering in under a millisecond gains nothing from a cache in front
IN_MEMORY_TECH = ("redis", "memcached", "valkey", "keydb", "dragonfly")


def check(ctx: Context) -> Iterator[Hit]:
    limit = ctx.arch.review.hot_read_rps
    carried = ctx.traffic.links
    for db in ctx.of_kind("database", "search"):
        if ctx.arch.service_time_of(db) <= FAST_MS or any(t in (db.tech or "").lower() for t in IN_MEMORY_TECH):
            continue  # already an in-memory store
        reads = [(i, lk) for i, lk in ctx.links_into(db.id) if lk.access != "write"]
        load = sum(carried.get(i, 0.0) for i, lk in reads if ctx.kind(lk.source) != "cache")
        if load < limit:
            continue
        callers = {lk.source for _, lk in reads}
        if any(ctx.kind(c) == "cache" for c in callers):
            continue
        if any(ctx.kind(other.target) == "cache" for c in callers for other in ctx.out_links[c]):
            continue
        pure = sum(carried.get(i, 0.0) for i, lk in reads if lk.access == "read" and ctx.kind(lk.source) != "cache")
        what = "reads/s" if pure >= limit else "requests/s (access not declared as read on every link)"
        yield Hit(
            (db.id,),
            f"{db.kind} '{db.id}' serves about {load:,.0f} {what} at peak from {listing(sorted(callers))} "
            "with no cache in front",
            links=tuple(lk.key for _, lk in reads),
            severity="medium" if pure >= limit else "low",
        )


RULE = Rule(
    code="PERF002",
    name="hot-read-no-cache",
    category="performance",
    severity="medium",
    summary=f"A database serves more than {HOT_RPS:,.0f} reads/s at peak and nothing caches them "
    "(in-memory stores and stores answering in under 1 ms are left out).",
    rationale="Read-heavy paths are usually skewed (a small hot set read repeatedly). Serving them from the database "
    "costs replicas, connections and latency that a cache with a modest hit ratio removes.",
    fix="Add a cache (cache-aside or read-through) for the hot reads with a hit_ratio estimate, or read replicas "
    "if the reads are not cacheable.",
    reads=(
        "links.calls",
        "links.access",
        "components.rps",
        "requirements.peak_rps",
        "components.kind",
        "components.tech",
        "components.service_time_ms",
    ),
    check=check,
)
