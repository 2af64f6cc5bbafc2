"""The figures a change moves: per operation (or journey) p99 and availability against targets,
capacity, the bottleneck and the monthly cost."""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from archkit.analysis.result import Analysis


@dataclass(frozen=True)
class Figure:
    scope: str  # "operation" | "journey" | "system"
    item: str
    name: str  # "p99 ms", "availability %", "max rps", "bottleneck", "USD per month"
    before: Any
    after: Any
    met_before: bool | None = None
    met_after: bool | None = None

    @property
    def target_lost(self) -> bool:
        return self.met_before is True and self.met_after is False

    def to_dict(self) -> dict[str, Any]:
        return {
            "scope": self.scope,
            "item": self.item,
            "name": self.name,
            "before": self.before,
            "after": self.after,
            "met_before": self.met_before,
            "met_after": self.met_after,
            "target_lost": self.target_lost,
        }


def _moved(a: Any, b: Any) -> bool:
    if isinstance(a, int | float) and isinstance(b, int | float):
        return abs(a - b) > 1e-6 * max(1.0, abs(a), abs(b))
    return bool(a != b)


def figure_changes(base: Analysis, head: Analysis) -> list[Figure]:
    out: list[Figure] = []
    scope = "operation" if head.operations or base.operations else "journey"
    left = base.operations if scope == "operation" else base.journeys
    right = head.operations if scope == "operation" else head.journeys
    for key in [*left, *(k for k in right if k not in left)]:
        x, y = left.get(key), right.get(key)
        for name, attr, meets in (
            ("p99 ms", "latency_p99", "meets_latency"),
            ("availability %", "availability", "meets_availability"),
        ):
            a, b = getattr(x, attr, None), getattr(y, attr, None)
            ma, mb = getattr(x, meets, None), getattr(y, meets, None)
            if _moved(a, b) or ma != mb:
                out.append(Figure(scope, key, name, a, b, ma, mb))
    for name, a, b in (
        ("max rps", base.max_rps, head.max_rps),
        ("bottleneck", base.bottleneck, head.bottleneck),
        ("USD per month", base.total_cost, head.total_cost),
    ):
        if _moved(a, b):
            out.append(Figure("system", "", name, a, b))
    return out
