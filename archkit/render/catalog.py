"""Which picture a component gets: kind, refined by tech, through ONE data table.

Each entry lists candidates in order: a node class of the diagrams catalogue as
``"module:Class"`` (its module path has moved between releases, so several may be listed)
or ``"archkit:name"``, one of archkit's own neutral icons in ``archkit/render/icons/``.
The first candidate that imports and whose PNG exists wins; the kind's own archkit icon
is the last resort, so a missing catalogue class never breaks a diagram.
Tested with diagrams 0.25.1; pyproject.toml allows >=0.24,<0.26 and tests/render/test_catalog.py
checks every mapped class against the installed release.
"""

from __future__ import annotations

import functools
import importlib
import re
from pathlib import Path

from archkit.errors import InternalError

ICONS_DIR = Path(__file__).resolve().parent / "icons"

# Generic concepts: the catalogue has no neutral picture for most, so archkit's own come first.
KIND_ICONS: dict[str, tuple[str, ...]] = {
    "client": ("archkit:client",),
    "cdn": ("archkit:cdn",),
    "dns": ("archkit:dns",),
    "load_balancer": ("archkit:load_balancer",),
    "gateway": ("archkit:gateway",),
    "service": ("archkit:service",),
    "function": ("archkit:function",),
    "worker": ("archkit:worker",),
    "database": ("archkit:database",),
    "cache": ("archkit:cache",),
    "queue": ("archkit:queue",),
    "stream": ("archkit:stream",),
    "object_store": ("archkit:object_store",),
    "search": ("archkit:search",),
    "identity": ("archkit:identity",),
    "secrets": ("archkit:secrets",),
    "monitoring": ("archkit:monitoring",),
    "external": ("archkit:external",),
}

# Known technologies (the component's `tech`, lower-cased, punctuation and versions ignored).
TECH_ICONS: dict[str, tuple[str, ...]] = {
    "postgresql": ("diagrams.onprem.database:Postgresql", "diagrams.onprem.database:PostgreSQL"),
    "mysql": ("diagrams.onprem.database:Mysql", "diagrams.onprem.database:MySQL"),
    "mariadb": ("diagrams.onprem.database:Mariadb", "diagrams.onprem.database:MariaDB"),
    "mongodb": ("diagrams.onprem.database:Mongodb", "diagrams.onprem.database:MongoDB"),
    "cassandra": ("diagrams.onprem.database:Cassandra",),
    "cockroachdb": ("diagrams.onprem.database:Cockroachdb", "diagrams.onprem.database:CockroachDB"),
    "clickhouse": ("diagrams.onprem.database:Clickhouse", "diagrams.onprem.database:ClickHouse"),
    "oracle": ("diagrams.onprem.database:Oracle",),
    "mssql": ("diagrams.onprem.database:Mssql", "diagrams.onprem.database:MSSQL"),
    "neo4j": ("diagrams.onprem.database:Neo4J",),
    "influxdb": ("diagrams.onprem.database:Influxdb", "diagrams.onprem.database:InfluxDB"),
    "dynamodb": ("diagrams.aws.database:Dynamodb", "diagrams.aws.database:DynamoDB"),
    "redis": ("diagrams.onprem.inmemory:Redis",),
    "memcached": ("diagrams.onprem.inmemory:Memcached",),
    "hazelcast": ("diagrams.onprem.inmemory:Hazelcast",),
    "kafka": ("diagrams.onprem.queue:Kafka",),
    "rabbitmq": ("diagrams.onprem.queue:Rabbitmq", "diagrams.onprem.queue:RabbitMQ"),
    "activemq": ("diagrams.onprem.queue:Activemq", "diagrams.onprem.queue:ActiveMQ"),
    "nats": ("diagrams.onprem.queue:Nats", "diagrams.onprem.queue:NATS"),
    "celery": ("diagrams.onprem.queue:Celery",),
    "sqs": ("diagrams.aws.integration:SimpleQueueServiceSqs", "diagrams.aws.integration:SQS"),
    "kinesis": ("diagrams.aws.analytics:KinesisDataStreams", "diagrams.aws.analytics:Kinesis"),
    "nginx": ("diagrams.onprem.network:Nginx",),
    "kong": ("diagrams.onprem.network:Kong",),
    "envoy": ("diagrams.onprem.network:Envoy",),
    "haproxy": ("diagrams.onprem.network:Haproxy", "diagrams.onprem.network:HAProxy"),
    "traefik": ("diagrams.onprem.network:Traefik",),
    "istio": ("diagrams.onprem.network:Istio",),
    "elasticsearch": ("diagrams.elastic.elasticsearch:Elasticsearch", "diagrams.elastic.elasticsearch:ElasticSearch"),
    "opensearch": ("diagrams.elastic.elasticsearch:Elasticsearch",),
    "solr": ("diagrams.onprem.search:Solr",),
    "s3": ("diagrams.aws.storage:SimpleStorageServiceS3", "diagrams.aws.storage:S3"),
    "minio": ("archkit:object_store",),
    "ceph": ("diagrams.onprem.storage:Ceph",),
    "vault": ("diagrams.onprem.security:Vault",),
    "keycloak": ("archkit:identity",),
    "prometheus": ("diagrams.onprem.monitoring:Prometheus",),
    "grafana": ("diagrams.onprem.monitoring:Grafana",),
    "datadog": ("diagrams.onprem.monitoring:Datadog",),
    "python": ("diagrams.programming.language:Python",),
    "go": ("diagrams.programming.language:Go",),
    "golang": ("diagrams.programming.language:Go",),
    "java": ("diagrams.programming.language:Java",),
    "kotlin": ("diagrams.programming.language:Kotlin",),
    "node": ("diagrams.programming.language:Nodejs", "diagrams.programming.language:NodeJS"),
    "nodejs": ("diagrams.programming.language:Nodejs", "diagrams.programming.language:NodeJS"),
    "typescript": ("diagrams.programming.language:Typescript", "diagrams.programming.language:TypeScript"),
    "javascript": ("diagrams.programming.language:Javascript", "diagrams.programming.language:JavaScript"),
    "ruby": ("diagrams.programming.language:Ruby",),
    "rust": ("diagrams.programming.language:Rust",),
    "php": ("diagrams.programming.language:Php", "diagrams.programming.language:PHP"),
    "csharp": ("diagrams.programming.language:Csharp",),
    "dotnet": ("diagrams.programming.language:Csharp",),
    "scala": ("diagrams.programming.language:Scala",),
    "elixir": ("diagrams.programming.language:Elixir",),
    "android": ("diagrams.generic.os:Android",),
    "ios": ("diagrams.generic.os:IOS",),
    "mobile": ("diagrams.generic.device:Mobile",),
}

# Spellings people use, mapped to a key of TECH_ICONS.
TECH_ALIASES: dict[str, str] = {
    "postgres": "postgresql",
    "pg": "postgresql",
    "mongo": "mongodb",
    "aurora": "postgresql",
    "elastic": "elasticsearch",
    "es": "elasticsearch",
    "rabbit": "rabbitmq",
    "amazons3": "s3",
    "awss3": "s3",
    "gcs": "s3",
    "k8singress": "nginx",
    "springboot": "java",
    "spring": "java",
    "django": "python",
    "flask": "python",
    "fastapi": "python",
    "express": "node",
    "rails": "ruby",
    "c#": "csharp",
}


def normalize_tech(tech: str | None) -> str | None:
    """``"PostgreSQL 16"`` -> ``"postgresql"``; ``"Node.js"`` -> ``"nodejs"``; unknown -> None."""
    if not tech:
        return None
    words = re.split(r"[\s/,+]+", tech.strip().lower())
    for word in words:
        bare = re.sub(r"[^a-z0-9#]", "", word)  # "node.js" -> "nodejs", "s3" stays "s3"
        unversioned = re.sub(r"[^a-z0-9#]", "", re.sub(r"[\d.]+$", "", word))  # "redis7.2" -> "redis"
        for key in (bare, unversioned):
            key = TECH_ALIASES.get(key, key)
            if key in TECH_ICONS:
                return key
    return None


def candidates(kind: str, tech: str | None) -> tuple[str, ...]:
    """Icon candidates for a component, best first; always ends with an archkit icon."""
    key = normalize_tech(tech)
    own = KIND_ICONS.get(kind, ("archkit:generic",))
    return (*(TECH_ICONS[key] if key else ()), *own, "archkit:generic")


def resolve(candidate: str) -> Path | None:
    """The PNG file of one candidate, or None when it does not import or has no file."""
    return _resolve(candidate)


@functools.cache
def _resolve(candidate: str) -> Path | None:
    source, _, name = candidate.partition(":")
    if source == "archkit":
        path = ICONS_DIR / f"{name}.png"
        return path if path.is_file() else None
    try:
        cls = getattr(importlib.import_module(source), name)
    except (ImportError, AttributeError):  # a candidate this diagrams release does not have: try the next
        return None
    shipped = diagrams_icon_file(cls)
    return shipped if shipped is not None and shipped.is_file() else None


def diagrams_icon_file(cls: type) -> Path | None:
    """The PNG the diagrams library ships for one of its node classes (None for an abstract class).

    diagrams keeps that location in private class attributes (``_icon_dir``, ``_icon``); this is
    the one place that reads them, and it fails loudly, naming the release, if they change."""
    import diagrams

    try:
        icon_dir, icon = cls._icon_dir, cls._icon  # type: ignore[attr-defined]
    except AttributeError:
        version = getattr(diagrams, "__version__", "?")
        raise InternalError(
            f"diagrams {version}: {cls.__module__}.{cls.__name__} has no _icon_dir/_icon any more; "
            "archkit.render.catalog.diagrams_icon_file must follow the new layout"
        ) from None
    if icon_dir is None or icon is None:
        return None
    root = Path(diagrams.__file__ or "").resolve().parent.parent
    return root / icon_dir / icon


def icon_for(kind: str, tech: str | None = None) -> Path:
    """The icon file for a kind refined by tech (first candidate that resolves)."""
    for candidate in candidates(kind, tech):
        path = _resolve(candidate)
        if path is not None:
            return path
    raise FileNotFoundError(f"archkit's own icons are missing from {ICONS_DIR}")  # broken installation


def all_candidates() -> list[str]:
    """Every candidate named in the tables (the test imports each catalogue class)."""
    seen = {c for table in (KIND_ICONS, TECH_ICONS) for cands in table.values() for c in cands}
    return sorted(seen)
