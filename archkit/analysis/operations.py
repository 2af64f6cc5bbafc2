"""Numbers per operation: own times over a shared queue, and each operation end to end.

A component with operations is one queue (c = replicas × concurrency servers) fed by all its
operations: its utilization is Σ λ_op·s_op / c, and the Erlang C wait is computed at the
combined load with the rps-weighted mean service time s̄ = Σ λ_op·s_op / Σ λ_op (first come,
first served, so every operation waits alike). An operation's own time is that wait plus its
own service time. End to end, an operation adds its synchronous steps (parallel ones count the
slowest, optional ones included); its availability excludes optional and asynchronous steps.
"""

from __future__ import annotations

import dataclasses
import math
from typing import TYPE_CHECKING

from archkit.analysis import availability as av
from archkit.analysis import queueing
from archkit.analysis.latency import P99, JourneyLatency, OwnTime, contributors, flow_own_time, journey_grids
from archkit.analysis.network import Network
from archkit.analysis.result import OperationResult
from archkit.model.calls import CallIndex

if TYPE_CHECKING:
    from archkit.model import Architecture


def share_service_time(net: Network, flow_rps: dict[str, float]) -> None:
    """Set each component with operations to the rps-weighted mean service time of its operations
    (share-weighted, or plain mean, when no request reaches it)."""
    by_component = net.flows_by_component()
    for cid, node in net.nodes.items():
        ops = [f for f in by_component[cid] if f.op is not None]
        if not ops:
            continue
        total = sum(flow_rps[f.id] for f in ops)
        if total > 0:
            mean = sum(flow_rps[f.id] * f.service_ms for f in ops) / total
        else:
            mean = sum(f.service_ms for f in ops) / len(ops)
        net.nodes[cid] = dataclasses.replace(node, service_ms=mean)


def own_of(net: Network, fid: str, rps: dict[str, float]) -> OwnTime:
    """Own time per request of one flow (a dispatcher only routes: no time of its own)."""
    flow = net.flows[fid]
    if flow.dispatch:
        return OwnTime(0.0, 0.0, 0.0, 0.0)
    return flow_own_time(net.nodes[flow.component], rps[flow.component], flow.service_ms)


def own_times(net: Network, rps: dict[str, float]) -> dict[str, OwnTime]:
    return {fid: own_of(net, fid, rps) for fid in net.flows}


def component_own_times(net: Network, flow_rps: dict[str, float], own: dict[str, OwnTime]) -> dict[str, OwnTime]:
    """A component's own time per request: itself, or the rps-weighted mix of its operations."""
    out: dict[str, OwnTime] = {}
    by_component = net.flows_by_component()
    for cid in net.nodes:
        ops = [f for f in by_component[cid] if f.op is not None]
        if not ops:
            out[cid] = own[cid]
            continue
        total = sum(flow_rps[f.id] for f in ops)
        weights = [(flow_rps[f.id] / total) if total > 0 else 1.0 / len(ops) for f in ops]
        times = [own[f.id] for f in ops]
        if any(t.mean is None for t in times):
            out[cid] = OwnTime(None, None, math.inf, times[0].wait_prob)
            continue
        mean = sum(w * (t.mean or 0.0) for w, t in zip(weights, times, strict=True))
        second = sum(w * (t.var + (t.mean or 0.0) ** 2) for w, t in zip(weights, times, strict=True))
        node = net.nodes[cid]
        if node.down or node.bypassed:
            p99: float | None = 0.0 if node.bypassed else None
        else:
            parts = [
                (w, t.wait_prob, t.wait_rate, f.service_ms)
                for w, t, f in zip(weights, times, ops, strict=True)
                if f.service_ms > 0
            ]
            p99 = queueing.mixture_quantile(P99, parts)
        out[cid] = OwnTime(mean, p99, max(second - mean * mean, 0.0), times[0].wait_prob, times[0].wait_rate)
    return out


def operation_results(
    arch: Architecture,
    net: Network,
    flow_rps: dict[str, float],
    rps: dict[str, float],
    own: dict[str, OwnTime],
    order: list[str],
    probe: JourneyLatency,
) -> dict[str, OperationResult]:
    """Every operation of the model, keyed ``component.operation``, in model order."""
    req = arch.requirements
    ops = net.operation_flows()
    grids = journey_grids(net, rps, own, [f.id for f in ops], order, probe)
    results: dict[str, OperationResult] = {}
    declared = {(c.id, op.id): op for c in arch.components for op in c.operations}
    entries = {f"{c}.{o}" for c, o in CallIndex(arch).entry_operations()}
    masks = av.Masks(net, order)
    position = {fid: i for i, fid in enumerate(order)}
    for flow in ops:
        assert flow.op is not None
        op = declared[(flow.component, flow.op)]
        lat = grids[flow.id]
        deps = masks.dependencies(flow.id)
        a = masks.availability(flow.id)
        result = OperationResult(
            id=flow.id,
            component=flow.component,
            operation=flow.op,
            method=op.method,
            path=op.path,
            rps=flow_rps[flow.id],
            # an operation that cannot succeed (a what-if took a dependency down) has no latency
            latency_mean=lat.parallel_adjusted_mean(flow.id) if a > 0 else None,
            latency_p99=lat.quantile(flow.id) if a > 0 else None,
            latency_target=op.latency_p99_ms if op.latency_p99_ms is not None else req.latency_p99_ms,
            availability=100.0 * a,
            availability_target=op.availability if op.availability is not None else req.availability,
            downtime_minutes_per_month=av.downtime(a)[0],
            dependencies=deps,
            optional=masks.optional(flow.id, deps),
            weakest=av.weakest(net, deps),
            entry=flow.id in entries,
            has_own_target=op.latency_p99_ms is not None or op.availability is not None,
        )
        if result.meets_latency is False:  # where the time goes, for the operations that need the answer
            result.contributors = contributors(net, lat, order, flow.id, position)[:5]
        results[flow.id] = result
    return results
