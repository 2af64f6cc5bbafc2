"""Monthly cost estimate from a shipped, dated price table.

Compute: hourly price per instance (by kind and size) × 730 h × replicas. Storage:
GB-month price × GB (× replicas for stores that keep a copy per replica). A store's GB is
its ``storage_gb``, or else an even share of ``requirements.data_volume_gb`` among the
stores (database, object_store, search) that declare none; at the planning horizon every
store also gets an even share of ``data_growth_gb_per_month × planning_horizon_months``.
Functions and object-store requests are priced per request on the *average* traffic,
rps / ``requirements.peak_to_average`` (default 3): instances must be sized for the peak, but
a request is billed when it happens, and the rps the analysis carries is the peak.
A component's ``cost_usd_per_month`` replaces the estimate. Externals cost 0 unless overridden.

How compute is priced, per component:
- ``cpu`` and ``memory_gb`` declared: pods, per vCPU-hour and GB-hour (Fargate prices) × replicas;
- a database, cache, search, queue or stream with ``hosting: self`` and no cpu/memory: the
  general-purpose instance of its size, with its disks (EBS) instead of managed storage;
- otherwise the kind's instance of its ``size`` (managed services for the stateful kinds).

Prices are indicative AWS us-east-1 on-demand list prices, rounded, as of PRICE_DATE;
flat-priced managed services (CDN, identity, monitoring, secrets) use typical monthly
bills for a small / medium / large / xlarge usage. Override with your own numbers.
"""

from __future__ import annotations

from dataclasses import dataclass

from archkit.model import Architecture, Component
from archkit.model.kinds import HOSTED_KINDS

PRICE_DATE = "2025-06-01"
PRICE_SOURCE = "AWS us-east-1 on-demand list prices (rounded; indicative)"
HOURS_PER_MONTH = 730
SECONDS_PER_MONTH = HOURS_PER_MONTH * 3600
SIZES = ("small", "medium", "large", "xlarge")

# USD per instance-hour, by kind: (small, medium, large, xlarge) with the instance they stand for.
HOURLY: dict[str, tuple[float, float, float, float]] = {
    "service": (0.0416, 0.096, 0.192, 0.384),  # EC2 t3.medium, m6i.large, m6i.xlarge, m6i.2xlarge
    "worker": (0.0416, 0.096, 0.192, 0.384),  # same instances as services
    "gateway": (0.0416, 0.096, 0.192, 0.384),  # self-run proxy (nginx, envoy) on EC2
    "database": (0.065, 0.152, 0.304, 0.608),  # RDS PostgreSQL db.t4g.medium, db.m6g.large … 2xlarge
    "cache": (0.032, 0.149, 0.298, 0.596),  # ElastiCache cache.t4g.small, cache.m6g.large … 2xlarge
    "search": (0.073, 0.128, 0.256, 0.511),  # OpenSearch t3.medium, m6g.large … 2xlarge
    "queue": (0.027, 0.288, 0.576, 1.152),  # Amazon MQ mq.t3.micro, mq.m5.large … 2xlarge
    "stream": (0.0456, 0.21, 0.42, 0.84),  # MSK kafka.t3.small, kafka.m5.large … 2xlarge (per broker)
    "load_balancer": (0.0225, 0.03, 0.05, 0.08),  # ALB hour + typical LCUs
}
# What the general-purpose instance of each size holds, to say what a size stands for.
SIZE_SHAPE = ((2, 4), (2, 8), (4, 16), (8, 32))  # (vCPU, GB): t3.medium, m6i.large, .xlarge, .2xlarge
PER_VCPU_HOUR = 0.04048  # Fargate, Linux/x86
PER_GB_HOUR = 0.004445
SELF_HOSTED_DISK_GB_MONTH = 0.08  # EBS gp3, one volume per replica
# USD per month, flat, for services billed by usage rather than instances.
MONTHLY: dict[str, tuple[float, float, float, float]] = {
    "cdn": (20.0, 100.0, 500.0, 2000.0),
    "dns": (1.0, 5.0, 20.0, 50.0),
    "identity": (50.0, 250.0, 1000.0, 5000.0),
    "secrets": (5.0, 20.0, 50.0, 100.0),
    "monitoring": (100.0, 500.0, 2000.0, 8000.0),
    "object_store": (0.0, 0.0, 0.0, 0.0),  # storage and requests only
    "external": (0.0, 0.0, 0.0, 0.0),  # third parties: set cost_usd_per_month
    "client": (0.0, 0.0, 0.0, 0.0),
    "function": (0.0, 0.0, 0.0, 0.0),  # per request, below
}
# USD per GB-month of storage, and whether every replica holds a copy.
STORAGE: dict[str, tuple[float, bool]] = {
    "database": (0.115, True),  # RDS gp3
    "search": (0.135, True),  # EBS gp2 behind OpenSearch
    "object_store": (0.023, False),  # S3 Standard (replication inside the price)
    "queue": (0.10, True),
    "stream": (0.10, True),  # MSK broker storage
}
DATA_STORES = ("database", "object_store", "search")  # share requirements.data_volume_gb
FUNCTION_PER_MILLION_REQUESTS = 0.20
FUNCTION_PER_GB_SECOND = 0.0000166667
FUNCTION_MEMORY_GB = (0.5, 1.0, 2.0, 4.0)
OBJECT_STORE_PER_THOUSAND_REQUESTS = 0.0004


@dataclass
class ComponentCost:
    compute: float
    storage: float
    storage_gb: float
    total: float
    total_at_horizon: float
    source: str  # "estimate" | "override"
    basis: str = ""  # how compute was priced, in words: "managed, medium", "pods: 2 vCPU, 4 GB"

    def to_dict(self) -> dict[str, float | str]:
        return {
            "compute_usd_per_month": round(self.compute, 2),
            "storage_usd_per_month": round(self.storage, 2),
            "storage_gb": round(self.storage_gb, 1),
            "usd_per_month": round(self.total, 2),
            "usd_per_month_at_horizon": round(self.total_at_horizon, 2),
            "source": self.source,
            "basis": self.basis,
        }


def cost_assumption(peak_to_average: float) -> str:
    """The one sentence every cost table states."""
    return (
        f"Cost: instances are sized for the peak; per-request prices (functions, object-store requests) "
        f"are paid on average traffic, the peak ÷ {peak_to_average:g} (requirements.peak_to_average). "
        f"Prices: {PRICE_SOURCE}, as of {PRICE_DATE}."
    )


def estimate(
    arch: Architecture, rps: dict[str, float], replicas: dict[str, int], service_ms: dict[str, float]
) -> dict[str, ComponentCost]:
    """Monthly cost per component; ``rps`` is the peak the analysis carries."""
    r = arch.requirements
    stores = [c for c in arch.components if c.kind in DATA_STORES]
    undeclared = [c for c in stores if c.storage_gb is None]
    share_now = (r.data_volume_gb or 0.0) / len(undeclared) if undeclared else 0.0
    growth = (r.data_growth_gb_per_month or 0.0) * r.planning_horizon_months
    growth_share = growth / len(stores) if stores else 0.0
    out: dict[str, ComponentCost] = {}
    for c in arch.components:
        n = replicas.get(c.id, c.replicas)
        average_rps = rps.get(c.id, 0.0) / r.peak_to_average
        compute, basis = _compute(c, n, average_rps, service_ms.get(c.id, 0.0))
        gb_now = c.storage_gb if c.storage_gb is not None else (share_now if c.kind in DATA_STORES else 0.0)
        gb_later = gb_now + (growth_share if c.kind in DATA_STORES else 0.0)
        price, per_replica = STORAGE.get(c.kind, (0.0, False))
        if c.hosting == "self" and c.kind in STORAGE:
            price, per_replica = SELF_HOSTED_DISK_GB_MONTH, True
        copies = n if per_replica else 1
        storage_now, storage_later = gb_now * price * copies, gb_later * price * copies
        if c.cost_usd_per_month is not None:
            value = c.cost_usd_per_month
            out[c.id] = ComponentCost(value, 0.0, gb_now, value, value, "override", "set in the model")
        else:
            out[c.id] = ComponentCost(
                compute, storage_now, gb_now, compute + storage_now, compute + storage_later, "estimate", basis
            )
    return out


def _compute(c: Component, n: int, average_rps: float, service_ms: float) -> tuple[float, str]:
    """USD per month for running the component, and how that was priced."""
    size = SIZES.index(c.size)
    if c.cpu is not None and c.memory_gb is not None:
        hourly = c.cpu * PER_VCPU_HOUR + c.memory_gb * PER_GB_HOUR
        return hourly * HOURS_PER_MONTH * n, f"pods: {c.cpu:g} vCPU, {c.memory_gb:g} GB"
    if c.kind in HOSTED_KINDS and c.hosting == "self":
        vcpu, gb = SIZE_SHAPE[size]
        return HOURLY["service"][size] * HOURS_PER_MONTH * n, f"self-hosted, {c.size} ({vcpu} vCPU, {gb} GB)"
    if c.kind in HOURLY:
        vcpu, gb = SIZE_SHAPE[size]
        basis = (
            f"managed, {c.size}"
            if c.kind in HOSTED_KINDS
            else f"{c.size} instance ({vcpu} vCPU, {gb} GB)"
            if c.kind in ("service", "worker", "gateway")
            else c.size
        )
        return HOURLY[c.kind][size] * HOURS_PER_MONTH * n, basis
    if c.kind == "function":
        seconds = average_rps * SECONDS_PER_MONTH
        gb_s = seconds * service_ms / 1000.0 * FUNCTION_MEMORY_GB[size]
        return (
            seconds / 1e6 * FUNCTION_PER_MILLION_REQUESTS + gb_s * FUNCTION_PER_GB_SECOND,
            f"per request at average traffic, {FUNCTION_MEMORY_GB[size]:g} GB",
        )
    if c.kind == "object_store":
        requests = average_rps * SECONDS_PER_MONTH / 1000 * OBJECT_STORE_PER_THOUSAND_REQUESTS
        return requests, "storage, and requests at average traffic"
    if c.kind == "external":
        return 0.0, "third party: set cost_usd_per_month"
    if c.kind == "client":
        return 0.0, ""
    return MONTHLY[c.kind][size], f"flat, {c.size} usage"
