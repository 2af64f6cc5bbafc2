"""PERF005 — a slow external call sits on the request path where it could be asynchronous."""

from __future__ import annotations

from collections.abc import Iterator

from archkit.rules.base import Hit, Rule
from archkit.rules.context import Context

SHARE_OF_BUDGET = 0.5  # an external taking half the latency target dominates the journey
ASYNC_PROTOCOLS = frozenset({"smtp"})  # sending mail never needs to block a request


def check(ctx: Context) -> Iterator[Hit]:
    target = ctx.arch.requirements.latency_p99_ms
    for link in ctx.arch.links:
        if not link.sync or ctx.kind(link.target) != "external" or link.source not in ctx.on_journey:
            continue
        ext = ctx.components[link.target]
        if (link.protocol or "").lower() in ASYNC_PROTOCOLS:
            yield Hit(
                (link.source, ext.id),
                f"{link.source} sends mail through '{ext.id}' while the client waits: put it on a queue",
                links=(link.key,),
            )
            continue
        if target is None:
            continue
        time = ctx.arch.service_time_of(ext)
        if time < SHARE_OF_BUDGET * target:
            continue
        declared = ext.service_time_ms is not None
        yield Hit(
            (link.source, ext.id),
            f"{link.source} waits on the external '{ext.id}' ({time:g} ms{'' if declared else ', the default for externals'}) "
            f"inside a request whose p99 target is {target:g} ms",
            links=(link.key,),
            severity="medium" if declared else "low",
        )


RULE = Rule(
    code="PERF005",
    name="slow-external-sync",
    category="performance",
    severity="medium",
    summary="A client request waits on a slow third-party call (or on sending mail) that could be done asynchronously.",
    rationale="A third party's latency and outages become yours when the request waits on it. Work the user does not "
    "need in the response (notifications, mail, exports, webhooks) belongs on a queue.",
    fix="Acknowledge the request, publish the work to a queue and call the provider from a worker; if the answer "
    "is needed, cache it or set a tight timeout with a fallback.",
    reads=("links.sync", "links.protocol", "components.service_time_ms", "requirements.latency_p99_ms"),
    check=check,
)
