"""The analysis result: per component, per journey, cost; as a dict (the JSON contract), DataFrames or text."""

from __future__ import annotations

import math
from dataclasses import dataclass, field
from typing import TYPE_CHECKING, Any

from archkit.analysis.cost import PRICE_DATE, PRICE_SOURCE, ComponentCost

if TYPE_CHECKING:
    import pandas as pd

    from archkit.analysis.load import Traffic


def _r(value: float | None, digits: int = 3) -> float | None:
    if value is None or not math.isfinite(value):
        return None
    return round(float(value), digits)


@dataclass
class ComponentResult:
    id: str
    kind: str
    rps: float
    utilization: float | None  # None: not capacity-limited (elastic kinds, clients)
    status: str  # ok | hot | saturated | elastic | client | down | bypassed
    latency_mean: float | None  # ms, own time incl. queueing; None when saturated
    latency_p99: float | None
    service_time_ms: float
    replicas: int
    concurrency: int
    wait_probability: float
    availability: float  # percent, the component with its replicas
    replicas_needed: int
    replicas_needed_n_plus_1: int
    cost: ComponentCost
    call_latency_mean: float | None = None  # ms a caller waits: own time + synchronous downstream
    call_latency_p99: float | None = None

    def to_dict(self) -> dict[str, Any]:
        return {
            "kind": self.kind,
            "rps": _r(self.rps),
            # The public JSON always holds a number: an elastic (M/M/∞) component, a client or a
            # component taken down queues nothing, so 0.0; `status` says which.
            "utilization": _r(self.utilization, 4) if self.utilization is not None else 0.0,
            "status": self.status,
            "latency_ms": {"mean": _r(self.latency_mean), "p99": _r(self.latency_p99)},
            "call_latency_ms": {"mean": _r(self.call_latency_mean), "p99": _r(self.call_latency_p99)},
            "service_time_ms": self.service_time_ms,
            "replicas": self.replicas,
            "concurrency": self.concurrency,
            "wait_probability": _r(self.wait_probability, 4),
            "availability": _r(self.availability, 6),
            "replicas_needed": self.replicas_needed,
            "replicas_needed_n_plus_1": self.replicas_needed_n_plus_1,
            "cost": self.cost.to_dict(),
        }


@dataclass
class JourneyResult:
    client: str
    rps: float
    latency_mean: float | None
    latency_p99: float | None
    latency_target: float | None
    contributors: list[tuple[str, float]]  # (component, ms per request incl. visits), largest first
    saturated: list[str]
    availability: float  # percent
    availability_target: float | None
    downtime_minutes_per_month: float
    downtime_hours_per_year: float
    dependencies: list[str]
    weakest: list[str]
    reaches_operations: bool = False  # its requests reach operations: the mix of those is this journey

    @property
    def meets_latency(self) -> bool | None:
        if self.latency_target is None or self.availability == 0:
            return None  # no target, or it is down: latency does not apply
        return self.latency_p99 is not None and self.latency_p99 <= self.latency_target

    @property
    def meets_availability(self) -> bool | None:
        if self.availability_target is None:
            return None
        return self.availability >= self.availability_target - 1e-9

    @property
    def availability_gap(self) -> float | None:
        """Percentage points above (+) or below (−) the target."""
        return None if self.availability_target is None else self.availability - self.availability_target

    def to_dict(self) -> dict[str, Any]:
        return {
            "rps": _r(self.rps),
            "latency_ms": {"mean": _r(self.latency_mean), "p99": _r(self.latency_p99)},
            "latency_target_ms": self.latency_target,
            "meets_latency": self.meets_latency,
            "latency_contributors": [
                {"component": c, "ms": _r(ms) if math.isfinite(ms) else None} for c, ms in self.contributors
            ],
            "saturated": self.saturated,
            "availability": _r(self.availability, 6),
            "availability_target": self.availability_target,
            "availability_gap": _r(self.availability_gap, 6),
            "meets_availability": self.meets_availability,
            "downtime_minutes_per_month": _r(self.downtime_minutes_per_month, 2),
            "downtime_hours_per_year": _r(self.downtime_hours_per_year, 3),
            "dependencies": self.dependencies,
            "weakest": self.weakest,
        }


@dataclass
class OperationResult:
    """One operation end to end: its load, its latency and availability against its targets."""

    id: str  # component.operation
    component: str
    operation: str
    method: str | None
    path: str | None
    rps: float
    latency_mean: float | None  # ms end to end; None when it (or a synchronous step) is saturated or down
    latency_p99: float | None
    latency_target: float | None
    availability: float  # percent, over its synchronous non-optional steps
    availability_target: float | None
    downtime_minutes_per_month: float
    dependencies: list[str]  # components it needs
    optional: list[str]  # components it calls only optionally
    weakest: list[str]
    contributors: list[tuple[str, float]] = field(default_factory=list)  # (component, ms), largest first
    entry: bool = False  # client requests reach it first (the operations a user sees)
    has_own_target: bool = False  # declares latency_p99_ms or availability itself

    @property
    def meets_latency(self) -> bool | None:
        if self.latency_target is None or self.availability == 0:
            return None  # no target, or it is down: latency does not apply
        return self.latency_p99 is not None and self.latency_p99 <= self.latency_target

    @property
    def meets_availability(self) -> bool | None:
        if self.availability_target is None:
            return None
        return self.availability >= self.availability_target - 1e-9

    def to_dict(self) -> dict[str, Any]:
        return {
            "component": self.component,
            "operation": self.operation,
            "method": self.method,
            "path": self.path,
            "rps": _r(self.rps),
            "latency_ms": {"mean": _r(self.latency_mean), "p99": _r(self.latency_p99)},
            "latency_target_ms": self.latency_target,
            "meets_latency": self.meets_latency,
            "availability": _r(self.availability, 6),
            "availability_target": self.availability_target,
            "meets_availability": self.meets_availability,
            "downtime_minutes_per_month": _r(self.downtime_minutes_per_month, 2),
            "dependencies": self.dependencies,
            "optional_dependencies": self.optional,
            "weakest": self.weakest,
            "latency_contributors": [
                {"component": c, "ms": _r(ms) if math.isfinite(ms) else None} for c, ms in self.contributors
            ],
            "entry": self.entry,
        }


@dataclass
class TimeoutResult:
    """A synchronous link with ``timeout_ms``, against the time the call takes at peak."""

    source: str
    target: str
    timeout_ms: float
    retries: int
    call_p99: float | None  # None: the target (or something it calls) is saturated
    share_over: float  # share of calls that outlast the timeout (1.0 when saturated)
    operation: str | None = None  # the calling operation (component.operation) when it is a step

    @property
    def key(self) -> str:
        return f"{self.source}->{self.target}"

    def to_dict(self) -> dict[str, Any]:
        out: dict[str, Any] = {
            "link": self.key,
            "timeout_ms": self.timeout_ms,
            "retries": self.retries,
            "call_p99_ms": _r(self.call_p99),
            "share_over_timeout": _r(self.share_over, 6),
        }
        if self.operation is not None:
            out["operation"] = self.operation
        return out


@dataclass
class Analysis:
    name: str
    components: dict[str, ComponentResult]
    journeys: dict[str, JourneyResult]
    bottleneck: str | None
    max_rps: float | None
    total_rps: float
    traffic_factor: float
    without: tuple[str, ...]
    replicas_override: dict[str, int]
    target_utilization: float
    budget: float | None
    horizon_months: int
    assumptions: list[str] = field(default_factory=list)
    peak_to_average: float = 3.0  # per-request prices are paid on the peak over this
    timeouts: list[TimeoutResult] = field(default_factory=list)
    operations: dict[str, OperationResult] = field(default_factory=dict)
    # The load propagation at peak as declared (no what-if), kept so the review reads the
    # analysis' own traffic instead of propagating it a second time; not part of the output.
    traffic: Traffic | None = field(default=None, repr=False, compare=False)

    # ------------------------------------------------------------------ derived
    @property
    def total_cost(self) -> float:
        return sum(c.cost.total for c in self.components.values())

    @property
    def total_cost_at_horizon(self) -> float:
        return sum(c.cost.total_at_horizon for c in self.components.values())

    @property
    def over_budget(self) -> bool | None:
        return None if self.budget is None else self.total_cost > self.budget

    def hot(self) -> list[str]:
        return [c.id for c in self.components.values() if c.status == "hot"]

    def saturated(self) -> list[str]:
        return [c.id for c in self.components.values() if c.status == "saturated"]

    def headline_operations(self) -> list[OperationResult]:
        """The operations clients call first and those with targets of their own (internal ones
        inherit the journey targets and are read through the operations that call them)."""
        chosen = [o for o in self.operations.values() if o.entry or o.has_own_target]
        return chosen or list(self.operations.values())

    def slowest_operation(self) -> OperationResult | None:
        """The operation furthest over (or closest to) its latency target; saturated ones first."""
        timed = [o for o in self.headline_operations() if o.latency_target]
        if not timed:
            return None
        return max(
            timed,
            key=lambda o: (math.inf if o.latency_p99 is None else o.latency_p99 / (o.latency_target or 1.0), o.id),
        )

    def least_available_operation(self) -> OperationResult | None:
        """The operation furthest below (or closest to) its availability target."""
        ops = self.headline_operations()
        if not ops:
            return None
        return min(ops, key=lambda o: (o.availability - (o.availability_target or 0.0), o.id))

    def cost_drivers(self, limit: int = 3) -> list[str]:
        ranked = sorted(self.components.values(), key=lambda c: (-c.cost.total, c.id))
        return [c.id for c in ranked[:limit] if c.cost.total > 0]

    # ------------------------------------------------------------------ outputs
    def to_dict(self) -> dict[str, Any]:
        out: dict[str, Any] = {
            "name": self.name,
            "components": {cid: c.to_dict() for cid, c in self.components.items()},
            "journeys": {cid: j.to_dict() for cid, j in self.journeys.items()},
            "bottleneck": self.bottleneck,
            "max_rps": _r(self.max_rps, 1),
            "total_rps": _r(self.total_rps),
            "timeouts": [t.to_dict() for t in self.timeouts],
            "hot": self.hot(),
            "saturated": self.saturated(),
            "cost": {
                "usd_per_month": round(self.total_cost, 2),
                "usd_per_month_at_horizon": round(self.total_cost_at_horizon, 2),
                "horizon_months": self.horizon_months,
                "budget_usd_per_month": self.budget,
                "over_budget": self.over_budget,
                "drivers": self.cost_drivers(),
                "price_date": PRICE_DATE,
                "price_source": PRICE_SOURCE,
                "peak_to_average": self.peak_to_average,
            },
            "parameters": {
                "traffic_factor": self.traffic_factor,
                "without": list(self.without),
                "replicas": dict(self.replicas_override),
                "target_utilization": self.target_utilization,
            },
            "assumptions": list(self.assumptions),
        }
        if self.operations:  # a model without operations keeps exactly the output it had
            out["operations"] = {oid: o.to_dict() for oid, o in self.operations.items()}
        return out

    def frames(self) -> dict[str, pd.DataFrame]:
        """DataFrames for notebooks: "components", "journeys", "cost", "timeouts", "operations"."""
        import pandas as pd

        comp_rows = []
        for c in self.components.values():
            comp_rows.append(
                {
                    "id": c.id,
                    "kind": c.kind,
                    "rps": c.rps,
                    "utilization": c.utilization,
                    "status": c.status,
                    "latency_mean_ms": c.latency_mean,
                    "latency_p99_ms": c.latency_p99,
                    "availability": c.availability,
                    "replicas": c.replicas,
                    "replicas_needed": c.replicas_needed,
                    "replicas_needed_n_plus_1": c.replicas_needed_n_plus_1,
                    "usd_per_month": c.cost.total,
                }
            )
        journey_rows = []
        for j in self.journeys.values():
            journey_rows.append(
                {
                    "client": j.client,
                    "rps": j.rps,
                    "latency_mean_ms": j.latency_mean,
                    "latency_p99_ms": j.latency_p99,
                    "latency_target_ms": j.latency_target,
                    "meets_latency": j.meets_latency,
                    "availability": j.availability,
                    "availability_target": j.availability_target,
                    "downtime_minutes_per_month": j.downtime_minutes_per_month,
                    "meets_availability": j.meets_availability,
                }
            )
        op_rows = [
            {
                "operation": o.id,
                "method": o.method,
                "path": o.path,
                "rps": o.rps,
                "latency_mean_ms": o.latency_mean,
                "latency_p99_ms": o.latency_p99,
                "latency_target_ms": o.latency_target,
                "meets_latency": o.meets_latency,
                "availability": o.availability,
                "availability_target": o.availability_target,
                "meets_availability": o.meets_availability,
            }
            for o in self.operations.values()
        ]
        cost_rows = [{"id": c.id, "kind": c.kind, **c.cost.to_dict()} for c in self.components.values()]
        timeout_rows = [t.to_dict() for t in self.timeouts]
        return {
            "components": pd.DataFrame(comp_rows).set_index("id") if comp_rows else pd.DataFrame(),
            "journeys": pd.DataFrame(journey_rows).set_index("client") if journey_rows else pd.DataFrame(),
            "cost": pd.DataFrame(cost_rows).set_index("id") if cost_rows else pd.DataFrame(),
            "timeouts": pd.DataFrame(timeout_rows).set_index("link") if timeout_rows else pd.DataFrame(),
            "operations": pd.DataFrame(op_rows).set_index("operation") if op_rows else pd.DataFrame(),
        }

    def to_text(self) -> str:
        from archkit.analysis.text import render_text

        return render_text(self)

    def __str__(self) -> str:
        return self.to_text()
