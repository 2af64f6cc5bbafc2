"""PERF007 — many instances open connections to a database with no pooling declared."""

from __future__ import annotations

from collections.abc import Iterator

from archkit.rules.base import Hit, Rule
from archkit.rules.context import Context

MANY_REPLICAS = 10
HTTP_PROTOCOLS = frozenset({"https", "http", "grpc", "grpcs", "graphql"})  # HTTP-API stores (DynamoDB, Firestore)


def check(ctx: Context) -> Iterator[Hit]:
    for db in ctx.of_kind("database"):
        unpooled = [
            lk
            for lk in ctx.in_links[db.id]
            if lk.pool_size is None
            and ctx.kind(lk.source) != "cache"
            and (lk.protocol or "").lower() not in HTTP_PROTOCOLS
        ]
        functions = [lk for lk in unpooled if ctx.kind(lk.source) == "function"]
        replicas = sum(ctx.components[lk.source].replicas for lk in unpooled if ctx.kind(lk.source) != "function")
        if functions:
            names = ", ".join(lk.source for lk in functions)
            yield Hit(
                (db.id, *dict.fromkeys(lk.source for lk in functions)),
                f"serverless functions ({names}) connect to database '{db.id}' with no pooling declared: "
                "every concurrent invocation opens its own connection",
                links=tuple(lk.key for lk in functions),
                severity="medium",
            )
        elif replicas >= MANY_REPLICAS:
            yield Hit(
                (db.id,),
                f"{replicas} replicas connect to database '{db.id}' and none of the links declares pool_size",
                links=tuple(lk.key for lk in unpooled),
                severity="low",
            )


RULE = Rule(
    code="PERF007",
    name="no-connection-pooling",
    category="performance",
    severity="medium",
    summary="Serverless functions, or many replicas, open database connections (not an HTTP API) with no pooling declared.",
    rationale="Database connections are expensive (a process or megabytes each). Functions scale to hundreds of "
    "instances in seconds, each with its own connection, and exhaust the database at the first traffic spike.",
    fix="Use a pooler or proxy in front of the database (RDS Proxy, PgBouncer) and declare pool_size on the links.",
    reads=("links.pool_size", "links.protocol", "components.kind", "components.replicas"),
    check=check,
)
