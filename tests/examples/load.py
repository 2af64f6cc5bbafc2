"""A small, independent load model used to check that the examples are sound at peak.

It follows DESIGN.md: client rps flows along every outgoing link multiplied by ``calls``;
links out of a cache carry only the misses (1 - hit_ratio); utilization is
rps x service_time / (replicas x concurrency), with the kind defaults from kinds.py.
Kept here (not in archkit.analysis) so the examples are checked even before, and
independently of, the analysis package.
"""

from __future__ import annotations

from archkit.model import Architecture
from archkit.model.kinds import KIND_INFO


def arrival_rps(arch: Architecture) -> dict[str, float]:
    """Arrival rate at each component, in requests (or messages) per second."""
    rps = {c.id: 0.0 for c in arch.components}
    clients = arch.clients()
    even = (arch.requirements.peak_rps or 0.0) / max(len(clients), 1)
    for c in clients:
        rps[c.id] = c.rps if c.rps is not None else even
    order = _topological(arch)
    for cid in order:
        comp = arch.component(cid)
        share = 1.0 - comp.hit_ratio if comp.kind == "cache" and comp.hit_ratio is not None else 1.0
        for link in arch.links_from(cid):
            rps[link.target] += rps[cid] * link.calls * share
    return rps


def utilization(arch: Architecture) -> dict[str, float]:
    """Utilization of every capacity-limited component (clients and elastic kinds left out)."""
    rps = arrival_rps(arch)
    out: dict[str, float] = {}
    for c in arch.components:
        info = KIND_INFO[c.kind]
        if not info.capacity_limited:
            continue
        service = (c.service_time_ms if c.service_time_ms is not None else info.service_time_ms) / 1000
        concurrency = c.concurrency if c.concurrency is not None else info.concurrency
        out[c.id] = rps[c.id] * service / (c.replicas * concurrency)
    return out


def _topological(arch: Architecture) -> list[str]:
    indegree = {c.id: 0 for c in arch.components}
    for link in arch.links:
        indegree[link.target] += 1
    ready = [c.id for c in arch.components if indegree[c.id] == 0]
    order: list[str] = []
    while ready:
        cid = ready.pop(0)
        order.append(cid)
        for link in arch.links_from(cid):
            indegree[link.target] -= 1
            if indegree[link.target] == 0:
                ready.append(link.target)
    if len(order) != len(arch.components):
        raise ValueError(f"{arch.name}: the links form a cycle; this load model needs a DAG")
    return order
