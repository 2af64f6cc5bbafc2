"""The component kinds archkit understands, as data.

Everything that varies by kind (is it stateful, is it an entry point, the defaults the
analysis assumes) lives in this one table so that adding a kind is a one-line change
here plus an icon mapping in the renderer. See DEVELOPMENT.md, "Add a component kind".
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Literal, get_args

Kind = Literal[
    "client",
    "cdn",
    "dns",
    "load_balancer",
    "gateway",
    "service",
    "function",
    "worker",
    "database",
    "cache",
    "queue",
    "stream",
    "object_store",
    "search",
    "identity",
    "secrets",
    "monitoring",
    "external",
]
KINDS: tuple[str, ...] = get_args(Kind)

Trust = Literal["public", "dmz", "internal", "restricted"]
TRUST_LEVELS: tuple[str, ...] = get_args(Trust)
# Higher is more trusted; a link going from a lower to a higher level crosses inward.
TRUST_RANK: dict[str, int] = {name: rank for rank, name in enumerate(TRUST_LEVELS)}


@dataclass(frozen=True)
class KindInfo:
    """What archkit assumes about a kind when the model does not say."""

    summary: str
    role: Literal["client", "edge", "compute", "store", "messaging", "platform", "external"]
    stateful: bool  # holds data that must survive a restart
    availability: float  # percent, one replica, when the component gives none
    service_time_ms: float  # mean own time per request, when the component gives none
    concurrency: int  # requests one replica serves at once, when the component gives none
    capacity_limited: bool  # False: managed/elastic, never the bottleneck by default


KIND_INFO: dict[str, KindInfo] = {
    "client": KindInfo(
        "A user-facing app or a calling system outside the backend", "client", False, 100.0, 0.0, 1, False
    ),
    "cdn": KindInfo("Content delivery network / edge cache", "edge", False, 99.99, 1.0, 1000, False),
    "dns": KindInfo("Name resolution", "edge", False, 99.99, 1.0, 1000, False),
    "load_balancer": KindInfo("Layer 4/7 load balancer", "edge", False, 99.99, 0.5, 1000, False),
    "gateway": KindInfo("API gateway / reverse proxy", "edge", False, 99.95, 2.0, 256, True),
    "service": KindInfo("A long-running application service", "compute", False, 99.9, 10.0, 1, True),
    "function": KindInfo("A serverless function", "compute", False, 99.95, 20.0, 1, False),
    "worker": KindInfo("A background consumer / job runner", "compute", False, 99.9, 50.0, 1, True),
    "database": KindInfo("A database (relational, document, key-value)", "store", True, 99.95, 5.0, 16, True),
    "cache": KindInfo("An in-memory cache", "store", True, 99.9, 0.5, 64, True),
    "queue": KindInfo("A message queue / broker", "messaging", True, 99.95, 1.0, 64, True),
    "stream": KindInfo("A log/stream platform (Kafka, Kinesis)", "messaging", True, 99.95, 2.0, 64, True),
    "object_store": KindInfo("Blob / object storage", "store", True, 99.99, 20.0, 1000, False),
    "search": KindInfo("A search index", "store", True, 99.9, 15.0, 16, True),
    "identity": KindInfo("Identity provider (OIDC, SAML, user directory)", "platform", True, 99.95, 10.0, 64, False),
    "secrets": KindInfo("Secrets manager / vault", "platform", True, 99.99, 5.0, 64, False),
    "monitoring": KindInfo("Logs, metrics and traces backend", "platform", True, 99.9, 1.0, 1000, False),
    "external": KindInfo("A third-party system outside your control", "external", False, 99.9, 100.0, 1000, False),
}

assert set(KIND_INFO) == set(KINDS), "every kind needs a KindInfo row"

STORE_KINDS = frozenset(k for k, i in KIND_INFO.items() if i.role == "store")
MESSAGING_KINDS = frozenset(k for k, i in KIND_INFO.items() if i.role == "messaging")
COMPUTE_KINDS = frozenset(k for k, i in KIND_INFO.items() if i.role == "compute")
ENTRY_KINDS = frozenset({"cdn", "load_balancer", "gateway"})
# Kinds a team either buys as a cloud service or runs itself (`hosting: managed | self`).
HOSTED_KINDS = frozenset({"database", "cache", "search", "queue", "stream"})
# Kinds that run on instances or pods, so `cpu` and `memory_gb` can price them.
POD_KINDS = frozenset({"service", "worker", "gateway"}) | HOSTED_KINDS

# Protocols that are encrypted by definition; any other protocol is plaintext unless tls: true.
ENCRYPTED_PROTOCOLS = frozenset({"https", "grpcs", "wss", "mtls", "tls", "sftp", "ssh"})
KNOWN_PROTOCOLS = (
    "https",
    "http",
    "grpc",
    "grpcs",
    "graphql",
    "websocket",
    "wss",
    "sql",
    "redis",
    "memcached",
    "amqp",
    "kafka",
    "mqtt",
    "s3",
    "smtp",
    "dns",
    "tcp",
    "udp",
    "ldap",
    "tls",
    "mtls",
    "ssh",
    "sftp",
)
