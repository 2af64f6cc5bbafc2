"""``diff(a, b)``: what changed between two analyses (e.g. before and after a what-if)."""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import TYPE_CHECKING, Any

from archkit.analysis.result import Analysis

if TYPE_CHECKING:
    import pandas as pd

COMPONENT_FIELDS = ("rps", "utilization", "status", "latency_mean", "latency_p99", "availability", "replicas_needed")
JOURNEY_FIELDS = ("latency_mean", "latency_p99", "availability", "meets_latency", "meets_availability")


@dataclass
class AnalysisDiff:
    components: dict[str, dict[str, tuple[Any, Any]]] = field(default_factory=dict)
    journeys: dict[str, dict[str, tuple[Any, Any]]] = field(default_factory=dict)
    overall: dict[str, tuple[Any, Any]] = field(default_factory=dict)

    def __bool__(self) -> bool:
        return bool(self.components or self.journeys or self.overall)

    def to_dict(self) -> dict[str, Any]:
        def pairs(d: dict[str, tuple[Any, Any]]) -> dict[str, dict[str, Any]]:
            return {k: {"before": a, "after": b} for k, (a, b) in d.items()}

        return {
            "components": {cid: pairs(f) for cid, f in self.components.items()},
            "journeys": {cid: pairs(f) for cid, f in self.journeys.items()},
            "overall": pairs(self.overall),
        }

    def frame(self) -> pd.DataFrame:
        """One row per changed figure: scope, id, field, before, after."""
        import pandas as pd

        rows = [
            {"scope": scope, "id": key, "field": name, "before": a, "after": b}
            for scope, table in (("component", self.components), ("journey", self.journeys))
            for key, fields in table.items()
            for name, (a, b) in fields.items()
        ]
        rows += [
            {"scope": "overall", "id": "", "field": k, "before": a, "after": b} for k, (a, b) in self.overall.items()
        ]
        return pd.DataFrame(rows, columns=["scope", "id", "field", "before", "after"])

    def __str__(self) -> str:
        out = [f"{k}: {a} → {b}" for k, (a, b) in self.overall.items()]
        for scope, table in (("component", self.components), ("journey", self.journeys)):
            for key, fields in table.items():
                out.append(f"{scope} {key}: " + "; ".join(f"{n} {_fmt(a)} → {_fmt(b)}" for n, (a, b) in fields.items()))
        return "\n".join(out) if out else "no change"


def _fmt(value: Any) -> str:
    return f"{value:.4g}" if isinstance(value, float) else str(value)


def _changed(a: Any, b: Any) -> bool:
    if isinstance(a, float) and isinstance(b, float):
        return abs(a - b) > 1e-9 * max(1.0, abs(a), abs(b))
    return bool(a != b)


def diff(a: Analysis, b: Analysis) -> AnalysisDiff:
    """Figures that differ from ``a`` to ``b`` (components or journeys present in only one show None)."""
    result = AnalysisDiff()
    for scope, left, right, names in (
        ("components", a.components, b.components, COMPONENT_FIELDS),
        ("journeys", a.journeys, b.journeys, JOURNEY_FIELDS),
    ):
        table = getattr(result, scope)
        for key in [*left, *(k for k in right if k not in left)]:
            x, y = left.get(key), right.get(key)
            changes = {}
            for name in names:
                va, vb = getattr(x, name, None), getattr(y, name, None)
                if _changed(va, vb):
                    changes[name] = (va, vb)
            if changes:
                table[key] = changes
    for name, va, vb in (
        ("bottleneck", a.bottleneck, b.bottleneck),
        ("max_rps", a.max_rps, b.max_rps),
        ("total_rps", a.total_rps, b.total_rps),
        ("usd_per_month", a.total_cost, b.total_cost),
    ):
        if _changed(va, vb):
            result.overall[name] = (va, vb)
    return result
