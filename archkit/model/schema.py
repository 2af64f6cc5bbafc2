"""The model file as typed classes: one class per section, one description per field.

The descriptions are the documentation: docs/format.md and the JSON Schema are generated
from them. Unknown keys are rejected everywhere (a misspelt field must never pass
silently). Optional booleans default to ``None``, meaning "not declared": rules treat an
undeclared property more gently than a declared ``false``.
"""

from __future__ import annotations

import datetime as dt
from typing import Literal, get_args

from pydantic import Field

from archkit.model.entity import Entity
from archkit.model.fields import AuthMethod, Id, Percent, PositiveFloat, Strict
from archkit.model.kinds import Kind, Trust
from archkit.model.operation import Api, Operation

FORMAT_VERSION = 1

Severity = Literal["info", "low", "medium", "high", "critical"]
# The one severity order of archkit (findings, critique points, reports): least to most severe.
SEVERITIES: tuple[str, ...] = get_args(Severity)
MOST_SEVERE_FIRST: tuple[str, ...] = tuple(reversed(SEVERITIES))


class FunctionalRequirement(Strict):
    id: str = Field(
        description="Requirement id, e.g. FR1: letters, digits, '.', '-' and '_', starting with a letter; unique.",
        min_length=1,
        pattern=r"^[A-Za-z][A-Za-z0-9._-]*$",
    )
    text: str = Field(description="What the system must do, in one sentence.", pattern=r"\S")
    served_by: list[Id] = Field(default_factory=list, description="Ids of the components that implement it.")


class Requirements(Strict):
    peak_rps: PositiveFloat | None = Field(
        None, description="Requests per second arriving at the system at peak, all clients together."
    )
    latency_p99_ms: PositiveFloat | None = Field(
        None, description="End-to-end 99th-percentile latency target for each client journey, in milliseconds."
    )
    availability: Percent | None = Field(None, description="Availability target per client journey, in percent.")
    data_volume_gb: float | None = Field(None, ge=0, description="Data stored today, in GB.")
    data_growth_gb_per_month: float | None = Field(None, ge=0, description="Data growth, in GB per month.")
    consistency: Literal["strong", "eventual"] | None = Field(
        None, description="Consistency the product needs for reads after writes: strong | eventual."
    )
    compliance: list[str] = Field(
        default_factory=list, description="Regimes that apply (free list); gdpr, pci and hipaa are understood by rules."
    )
    budget_usd_per_month: float | None = Field(None, ge=0, description="Infrastructure budget in USD per month.")
    zero_downtime_deploys: bool = Field(
        False,
        description="Deploys must not interrupt traffic (rolling or blue/green), so every tier needs 2+ replicas.",
    )
    peak_to_average: float = Field(
        3.0,
        ge=1,
        description="Peak traffic over the monthly average; per-request prices (functions, object store "
        "requests) are paid on the average, peak_rps / peak_to_average.",
    )
    planning_horizon_months: int = Field(
        12, gt=0, description="How far ahead capacity and storage cost are planned, in months."
    )
    functional: list[FunctionalRequirement] = Field(
        default_factory=list, description="Functional requirements, traced to the components that serve them."
    )


class Boundary(Strict):
    id: Id
    name: str | None = Field(None, description="Display name (default: the id).")
    trust: Trust = Field(description="Trust level: public | dmz | internal | restricted.")
    description: str | None = Field(None, description="What lives here and why it is separate.")


class Component(Strict):
    id: Id
    kind: Kind = Field(description="What the component is; decides defaults, icon and the rules that apply.")
    name: str | None = Field(None, description="Display name (default: the id).")
    description: str | None = Field(None, description="What it does, in a sentence.")
    tech: str | None = Field(
        None, description="Technology (free text, e.g. postgresql, redis, kafka, nginx, go); known names pick an icon."
    )
    boundary: Id | None = Field(None, description="Id of the trust boundary it runs in.")
    rps: PositiveFloat | None = Field(
        None, description="Clients only: requests/s this client sends at peak (default: peak_rps split evenly)."
    )
    replicas: int = Field(1, gt=0, description="Running instances.")
    concurrency: int | None = Field(
        None, gt=0, description="Requests one replica serves at once (default 1; per-kind defaults in docs)."
    )
    service_time_ms: PositiveFloat | None = Field(
        None, description="Mean own processing time per request in ms, excluding downstream calls (default per kind)."
    )
    availability: Percent | None = Field(None, description="Availability of one replica in percent (default per kind).")
    quorum: int | None = Field(
        None, gt=0, description="Replicas that must be up for the component to serve (k of n; default 1)."
    )
    zones: int = Field(1, gt=0, description="Availability zones the replicas are spread over.")
    auth: AuthMethod | None = Field(
        None, description="How callers are authenticated: none | api_key | jwt | oauth2 | mtls."
    )
    rate_limit_rps: PositiveFloat | None = Field(None, description="Requests/s admitted before throttling.")
    health_check: bool | None = Field(None, description="The platform probes it and replaces unhealthy replicas.")
    autoscaling: bool | None = Field(None, description="Replicas are added automatically under load.")
    observability: list[Literal["logs", "metrics", "traces"]] | None = Field(
        None, description="Telemetry it emits: any of logs, metrics, traces."
    )
    encrypted_at_rest: bool | None = Field(None, description="Stores: data on disk is encrypted.")
    backup: bool | None = Field(None, description="Stores: regular backups are taken and restorable.")
    replication: Literal["none", "sync", "async"] | None = Field(
        None, description="Stores: how replicas receive writes: none | sync | async."
    )
    retention_days: PositiveFloat | None = Field(None, description="Stores/queues: data older than this is deleted.")
    partitioned: bool | None = Field(None, description="Stores: data is partitioned/sharded to bound growth per node.")
    max_connections: int | None = Field(None, gt=0, description="Databases: connections the server accepts.")
    hit_ratio: float | None = Field(
        None,
        ge=0,
        le=1,
        description="Caches: share of requests served from the cache (links out of a cache carry misses).",
    )
    dead_letter_queue: bool | None = Field(
        None, description="Queues/streams: messages that keep failing are moved aside, not retried forever."
    )
    secrets: list[str] = Field(
        default_factory=list, description="Names of the secrets it needs (DB password, API keys, signing keys)."
    )
    size: Literal["small", "medium", "large", "xlarge"] = Field(
        "medium", description="Instance size for the cost estimate: small | medium | large | xlarge."
    )
    cpu: PositiveFloat | None = Field(
        None,
        description="vCPUs per replica, priced per vCPU-hour (pods, containers); goes with memory_gb "
        "and replaces size in the cost estimate.",
    )
    memory_gb: PositiveFloat | None = Field(
        None, description="Memory per replica in GB, priced per GB-hour; goes with cpu."
    )
    hosting: Literal["managed", "self"] | None = Field(
        None,
        description="Databases, caches, search, queues and streams: managed (a cloud service, the default) "
        "or self (run on your own instances or pods, priced as compute plus disks).",
    )
    storage_gb: float | None = Field(
        None, ge=0, description="Stores: data held, in GB (default: share of data_volume_gb)."
    )
    cost_usd_per_month: float | None = Field(
        None, ge=0, description="Override of the estimated monthly cost of this component, all replicas."
    )
    owner: str | None = Field(None, description="Team that owns it.")
    api: Api | None = Field(
        None, description="How this component exposes an API to its callers (style, versioning, errors, pagination)."
    )
    operations: list[Operation] = Field(
        default_factory=list,
        description="What it serves: each operation with the calls (steps) one request makes. "
        "Without operations every request follows all outgoing links.",
    )


class Link(Strict):
    source: Id = Field(alias="from", description="Id of the calling (or publishing) component.")
    target: Id = Field(alias="to", description="Id of the called (or consuming) component.")
    protocol: str | None = Field(
        None, description="https | http | grpc | graphql | sql | redis | amqp | kafka | tcp | ..."
    )
    calls: PositiveFloat = Field(
        1.0,
        description="Calls to `to` per request arriving at `from` (fan-out); a fraction is a share of requests.",
    )
    sync: bool = Field(True, description="The caller waits for the answer; false for fire-and-forget / publish.")
    parallel: bool = Field(
        False, description="Issued concurrently with the caller's other parallel calls (latency counts the slowest)."
    )
    tls: bool | None = Field(None, description="Encrypted in transit (default: true for https/grpcs/wss, else false).")
    access: Literal["read", "write", "read_write"] | None = Field(
        None, description="To stores: read | write | read_write (default read_write)."
    )
    timeout_ms: PositiveFloat | None = Field(None, description="Caller's timeout on this call, in ms.")
    retries: int = Field(0, ge=0, description="Retries the caller makes after a failed call.")
    circuit_breaker: bool | None = Field(None, description="The caller stops calling a failing target for a while.")
    pool_size: int | None = Field(None, gt=0, description="Connections each caller replica keeps open to the target.")
    fallback: Id | None = Field(None, description="Component used instead when `to` is down.")
    optional: bool = Field(
        False, description="The caller tolerates a failure of this call (its answer degrades, the request succeeds)."
    )
    data: list[Id] = Field(default_factory=list, description="Ids of the data assets this link carries.")
    description: str | None = Field(None, description="What flows over the link.")

    @property
    def key(self) -> str:
        return f"{self.source}->{self.target}"

    @property
    def encrypted(self) -> bool:
        from archkit.model.kinds import ENCRYPTED_PROTOCOLS

        if self.tls is not None:
            return self.tls
        return (self.protocol or "").lower() in ENCRYPTED_PROTOCOLS


class DataAsset(Strict):
    id: Id
    name: str | None = Field(None, description="Display name (default: the id).")
    classification: Literal["public", "internal", "confidential", "restricted"] = Field(
        "internal", description="public | internal | confidential | restricted."
    )
    personal: bool = Field(False, description="Contains personal data (GDPR) about people.")
    payment: bool = Field(False, description="Contains cardholder data (PCI DSS).")
    health: bool = Field(False, description="Contains health information (HIPAA).")
    stored_in: list[Id] = Field(default_factory=list, description="Ids of the components that store it.")
    description: str | None = Field(None, description="What the data is.")


class Waiver(Strict):
    rule: str = Field(description="Rule code the waiver applies to, e.g. REL001.", min_length=1)
    components: list[Id] = Field(default_factory=list, description="Components it applies to (empty: all).")
    reason: str = Field(description="Why the finding is accepted.", min_length=1)
    owner: str = Field(description="Who accepted it.", min_length=1)
    expires: dt.date | None = Field(None, description="Date (YYYY-MM-DD) after which the waiver stops waiving.")


class Decision(Strict):
    id: str = Field(description="Decision id, e.g. ADR-001.", min_length=1)
    title: str = Field(description="Short title of the decision.")
    status: Literal["proposed", "accepted", "rejected", "deprecated", "superseded"] = Field(
        "proposed", description="proposed | accepted | rejected | deprecated | superseded."
    )
    date: dt.date | None = Field(None, description="When it was decided (YYYY-MM-DD).")
    deciders: list[str] = Field(default_factory=list, description="Who decided.")
    context: str | None = Field(None, description="The forces at play; why a decision is needed.")
    options: list[str] = Field(default_factory=list, description="Options considered.")
    decision: str | None = Field(None, description="What was decided, and why this option.")
    consequences: str | None = Field(None, description="What becomes easier or harder.")
    components: list[Id] = Field(default_factory=list, description="Components the decision concerns.")
    accepts: list[str] = Field(default_factory=list, description="Rule codes of findings this decision accepts.")
    superseded_by: str | None = Field(None, description="Id of the decision that replaces this one.")


class View(Strict):
    id: Id
    name: str | None = Field(None, description="Title of the view (default: the id).")
    kind: Literal["system", "boundary", "journey", "data", "custom"] = Field(
        "custom", description="system | boundary | journey | data | custom."
    )
    boundary: Id | None = Field(None, description="boundary views: the boundary shown.")
    client: Id | None = Field(None, description="journey views: the client whose requests are followed.")
    components: list[Id] = Field(default_factory=list, description="custom views: the components shown.")


class ReviewSettings(Strict):
    """Thresholds of the review, for teams whose scale differs from the defaults."""

    hot_read_rps: PositiveFloat = Field(
        1000.0, description="PERF002: reads/s at peak from which a database without a cache is flagged."
    )
    max_fanout: PositiveFloat = Field(10.0, description="PERF003: synchronous calls per request a component may make.")
    max_call_amplification: PositiveFloat = Field(
        25.0, description="PERF004: calls one client request may make on one component through fan-outs."
    )
    max_sync_depth: int = Field(4, gt=0, description="REL003: services one request may wait on in sequence.")
    max_retry_amplification: PositiveFloat = Field(
        8.0, description="REL009: attempts retries at several layers may multiply into."
    )
    large_store_gb: PositiveFloat = Field(
        1000.0, description="DATA004: data at the planning horizon from which one node needs a growth plan, in GB."
    )


class ModelFile(Strict):
    """The whole file; ``Architecture`` extends it with queries and a builder."""

    archkit: int = Field(FORMAT_VERSION, ge=1, description="Format version of this file; this release reads 1.")
    name: str = Field(description="Name of the system.", min_length=1)
    description: str | None = Field(None, description="What the system does, for whom.")
    requirements: Requirements = Field(default_factory=Requirements, description="Targets and constraints.")
    boundaries: list[Boundary] = Field(default_factory=list, description="Trust boundaries (networks, accounts).")
    components: list[Component] = Field(default_factory=list, description="The parts of the system.")
    links: list[Link] = Field(default_factory=list, description="Who calls or sends to whom.")
    data_assets: list[DataAsset] = Field(default_factory=list, description="Data the system holds, classified.")
    entities: list[Entity] = Field(
        default_factory=list,
        description="The data stores hold: fields, keys, indexes and the access patterns run against them.",
    )
    waivers: list[Waiver] = Field(default_factory=list, description="Review findings accepted on purpose.")
    decisions: list[Decision] = Field(default_factory=list, description="Architecture decision records (ADRs).")
    views: list[View] = Field(default_factory=list, description="Named diagram views.")
    open_questions: list[str] = Field(default_factory=list, description="Questions the team still has to answer.")
    review: ReviewSettings = Field(default_factory=ReviewSettings, description="Thresholds of the review rules.")
