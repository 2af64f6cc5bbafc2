"""REL102 — losing one replica (or one zone) would saturate a component at peak (from the analysis)."""

from __future__ import annotations

import math
from collections.abc import Iterator

from archkit.analysis import Analysis
from archkit.rules.base import Hit, Rule
from archkit.rules.context import Context


def survivors(replicas: int, zones: int) -> int:
    """Replicas left after losing one (single zone) or the largest zone (replicas spread evenly)."""
    return replicas - (1 if zones <= 1 else math.ceil(replicas / zones))


def check(ctx: Context) -> Iterator[Hit]:
    analysis: Analysis = ctx.analysis
    for cid, c in analysis.components.items():
        if c.status not in ("ok", "hot") or c.utilization is None or c.replicas < 2:
            continue  # saturated already (PERF102), elastic, or a single replica (REL001)
        zones = ctx.components[cid].zones
        left = survivors(c.replicas, zones)
        if left < 1:
            continue  # one replica per zone and one zone lost: REL001-style single point, reported elsewhere
        after = c.utilization * c.replicas / left
        if after < 1.0:
            continue
        lost = "one zone" if zones > 1 else "one replica"
        yield Hit(
            (cid,),
            f"{c.kind} '{cid}' runs {c.replicas} replicas at {c.utilization:.0%}; with {lost} lost the other {left} "
            f"would run at {after:.0%} and saturate at peak; it needs {c.replicas_needed_n_plus_1} replicas for N+1",
        )


RULE = Rule(
    code="REL102",
    name="no-failover-headroom",
    category="reliability",
    severity="high",
    summary="Losing one replica (or, spread over zones, one zone) would push a component to 100% utilization or more at peak.",
    rationale="Replicas only protect availability if the survivors can carry the load: otherwise the failure of "
    "one instance saturates the rest, their queues grow, and the outage spreads to every caller.",
    fix="Run the replicas N+1 needs (replicas_needed_n_plus_1 in `archkit analyze`), spread them over more zones, "
    "or shed load (rate limits, degraded mode) when capacity is lost.",
    reads=("components.replicas", "components.zones", "components.concurrency", "components.service_time_ms"),
    check=check,
    needs_analysis=True,
)
