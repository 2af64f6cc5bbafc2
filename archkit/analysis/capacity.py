"""Capacity: replicas needed for a target utilization and the latency target, and for N+1.

* Utilization: the fewest replicas n with λ·s / (n · concurrency) <= target (default 0.7).
* Latency: if a journey's p99 is still above requirements.latency_p99_ms with those
  replicas, a replica is added to the component on that journey whose queueing (mean wait ×
  visits per request) is largest, and the journeys are evaluated again, until every journey
  meets its target or no component on it queues measurably (then more replicas cannot help:
  the time is service time, a design problem). At most MAX_LATENCY_STEPS steps.
* N+1: the replicas needed when one is lost — n + 1 in a single zone; spread over z zones,
  the fewest m with m − ceil(m / z) >= n (a whole zone lost, replicas spread evenly).
"""

from __future__ import annotations

import math

MAX_LATENCY_STEPS = 60


def replicas_for_utilization(rps: float, service_ms: float, concurrency: int, target: float) -> int:
    offered = rps * service_ms / 1000.0
    return max(1, math.ceil(offered / (concurrency * target) - 1e-9))


def n_plus_one(n: int, zones: int) -> int:
    if zones <= 1:
        return n + 1
    m = n
    while m - math.ceil(m / zones) < n:
        m += 1
    return m
