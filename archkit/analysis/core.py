"""``analyze(arch, ...)``: load, utilization, latency, availability, capacity and cost in one pass."""

from __future__ import annotations

import dataclasses
import math
from collections.abc import Iterable

from archkit.analysis import availability as av
from archkit.analysis import capacity, cost, load
from archkit.analysis.latency import JourneyLatency, OwnTime, contributors, journey_grids, visits
from archkit.analysis.load import propagate
from archkit.analysis.network import AnalysisError, Network, build_network
from archkit.analysis.operations import (
    component_own_times,
    operation_results,
    own_of,
    own_times,
    share_service_time,
)
from archkit.analysis.result import Analysis, ComponentResult, JourneyResult, TimeoutResult
from archkit.model import Architecture
from archkit.model.calls import CallIndex
from archkit.model.collector import collector_paused
from archkit.model.errors import Problem
from archkit.model.kinds import KIND_INFO

HOT = 0.7  # utilization at or above which a component is flagged hot
BASE_ASSUMPTIONS = (
    "Arrivals are Poisson and service times exponential at every component (M/M/c); real traffic is "
    "burstier, so latencies near saturation are optimistic.",
    "Components are independent: each is its own queue (a Jackson network), and replicas fail independently.",
    "Capacity-limited kinds queue with c = replicas × concurrency servers; elastic kinds ({elastic}) are "
    "M/M/∞: no queueing, latency = service time.",
    "Journey latency follows synchronous calls only (sequential calls add, `parallel: true` calls take the "
    "slowest); p99 by numeric convolution of independent per-call distributions.",
    "Availability: serial product over a journey's synchronous dependencies, each counted once; k of n "
    "replicas (quorum) must be up; fallbacks in parallel; asynchronous consumers excluded; clients 100%.",
    "Retries multiply load by 1 + p + … + p^retries (p = the target's unavailability); they are not counted in latency.",
)


@collector_paused()
def analyze(
    arch: Architecture,
    *,
    traffic_factor: float = 1.0,
    without: Iterable[str] = (),
    replicas: dict[str, int] | None = None,
    target_utilization: float = 0.7,
) -> Analysis:
    """Analyse ``arch`` at peak × ``traffic_factor``, with components ``without`` taken down and
    ``replicas`` overridden; ``target_utilization`` sizes ``replicas_needed``."""
    without = tuple(dict.fromkeys([without] if isinstance(without, str) else without))
    if not 0.0 < target_utilization <= 1.0:
        raise AnalysisError(
            [Problem(arch.source_path, None, "", f"target_utilization must be in (0, 1], not {target_utilization!r}")]
        )
    net = build_network(arch, traffic_factor=traffic_factor, without=without, replicas=replicas)
    flow_rps = propagate(arch, net)
    as_declared = traffic_factor == 1.0 and not without and not replicas
    traffic = load.traffic_of(net, flow_rps) if as_declared else None  # before service times are shared
    rps = load.component_rps(net, flow_rps)
    share_service_time(net, flow_rps)
    own = own_times(net, rps)
    comp_own = component_own_times(net, flow_rps, own)
    sync_order = load.sync_order(arch, net)
    clients = list(net.client_rps)
    probe = JourneyLatency(net, rps, own)  # moments of every flow, shared by the grids
    probe.prepare_grid([fid for fid in net.flows if not net.node(fid).is_client], sync_order, spectra=False)
    grids = journey_grids(net, rps, own, clients, sync_order, probe)
    req = arch.requirements

    calls = CallIndex(arch) if net.has_operations else None
    # Visits per request from each client: they depend on calls and hit ratios, not replicas, so the
    # journeys and the replica sizing below share them (one walk of a large model per client).
    client_visits = {cid: visits(net, sync_order, cid) for cid in clients}
    journeys: dict[str, JourneyResult] = {}
    for cid in clients:
        journeys[cid] = _journey(net, grids[cid], client_visits[cid], cid, req.latency_p99_ms, req.availability)
        journeys[cid].reaches_operations = calls is not None and bool(calls.entry_operations([cid]))

    call_grid = _call_grids(arch, net, grids, sync_order, probe)
    call_means = {cid: m for cid, m in probe.mean.items() if m is not None and not net.node(cid).is_client}
    needed = _replicas_needed(arch, net, rps, own, sync_order, target_utilization, client_visits)
    prices = cost.estimate(
        arch, rps, {k: n.replicas for k, n in net.nodes.items()}, {k: n.service_ms for k, n in net.nodes.items()}
    )
    components: dict[str, ComponentResult] = {}
    for cid, node in net.nodes.items():
        serving = (node.capacity_limited or node.is_client) and not (node.down or node.bypassed)
        u = rps[cid] * node.service_ms / 1000.0 / node.servers if serving else None
        if node.down:
            status = "down"
        elif node.bypassed:
            status = "bypassed"
        elif node.is_client:
            status = "client"
        elif u is None:
            status = "elastic"
        else:
            status = "saturated" if u >= 1.0 else "hot" if u >= HOT else "ok"
        n_needed = needed.get(cid, node.replicas)
        calls_it = cid in call_grid and not node.is_client
        components[cid] = ComponentResult(
            id=cid,
            kind=node.kind,
            rps=rps[cid],
            utilization=u,
            status=status,
            latency_mean=comp_own[cid].mean,
            latency_p99=comp_own[cid].p99,
            service_time_ms=node.service_ms,
            replicas=node.replicas,
            concurrency=node.concurrency,
            wait_probability=comp_own[cid].wait_prob,
            availability=100.0 * node.component_availability(),
            replicas_needed=n_needed,
            replicas_needed_n_plus_1=capacity.n_plus_one(n_needed, node.zones) if cid in needed else n_needed,
            cost=prices[cid],
            call_latency_mean=call_grid[cid].parallel_adjusted_mean(cid) if calls_it else call_means.get(cid),
            call_latency_p99=call_grid[cid].quantile(cid) if calls_it else None,
        )

    limited = [c for c in components.values() if c.status in ("ok", "hot", "saturated")]
    total = sum(net.client_rps.values())
    bottleneck, max_rps = None, None
    if limited and total > 0:
        top = max(limited, key=lambda c: (c.utilization or 0.0, c.id))
        if top.utilization:
            bottleneck, max_rps = top.id, total / top.utilization

    elastic = ", ".join(k for k, i in KIND_INFO.items() if not i.capacity_limited and k != "client")
    assumptions = [a.format(elastic=elastic) for a in BASE_ASSUMPTIONS]
    assumptions.extend(net.notes)
    assumptions.append(cost.cost_assumption(req.peak_to_average))
    for cid in without:
        node = net.nodes[cid]
        if node.bypassed:
            assumptions.append(
                f"what-if: cache {cid} is down and bypassed: every request it received goes to what is behind it"
            )
        else:
            moved = [e for e in net.edges if e.redirected and e.target != cid and arch.links[e.index].target == cid]
            to = f"; calls with a fallback go to {', '.join(sorted({e.target for e in moved}))}" if moved else ""
            assumptions.append(f"what-if: {cid} is down: every call to it fails and the load it received is shed{to}")
    if replicas:
        assumptions.append("what-if: replicas " + ", ".join(f"{k}={v}" for k, v in sorted(replicas.items())))
    if traffic_factor != 1.0:
        assumptions.append(f"what-if: client traffic × {traffic_factor:g}")
    operations = operation_results(arch, net, flow_rps, rps, own, sync_order, probe) if net.has_operations else {}
    return Analysis(
        name=arch.name,
        components=components,
        journeys=journeys,
        bottleneck=bottleneck,
        max_rps=max_rps,
        total_rps=total,
        traffic_factor=traffic_factor,
        without=without,
        replicas_override=dict(replicas or {}),
        target_utilization=target_utilization,
        budget=req.budget_usd_per_month,
        horizon_months=req.planning_horizon_months,
        assumptions=assumptions,
        peak_to_average=req.peak_to_average,
        timeouts=_timeouts(arch, net, call_grid),
        operations=operations,
        traffic=traffic,
    )


def _call_grids(
    arch: Architecture, net: Network, grids: dict[str, JourneyLatency], order: list[str], probe: JourneyLatency
) -> dict[str, JourneyLatency]:
    """For every component, a grid holding the distribution of a call to it (downstream included).

    Components on client journeys reuse those grids; of the rest (consumers behind queues and
    what they call) only those called with a ``timeout_ms`` get grids of their own, to keep
    large models fast.
    """
    out: dict[str, JourneyLatency] = {}
    for lat in grids.values():
        for cid in lat.covered:
            out.setdefault(cid, lat)
    timed = {e.target for e in net.edges if e.sync and e.timeout_ms is not None}
    rest = [cid for cid in timed if cid not in out and not net.node(cid).down]
    if rest:
        extra = journey_grids(net, probe.rps, probe.own, rest, order, probe)
        for cid in rest:
            out[cid] = extra[cid]
    return {cid: lat for cid, lat in out.items() if lat.mean.get(cid) is not None}


def _timeouts(arch: Architecture, net: Network, call_grid: dict[str, JourneyLatency]) -> list[TimeoutResult]:
    found: list[TimeoutResult] = []
    for e in net.edges:
        timeout = e.timeout_ms
        if timeout is None or not e.sync or net.node(e.source).down or net.node(e.target).down:
            continue
        source, target = net.flows[e.source], net.flows[e.target]
        op = e.source if source.op is not None else None
        lat = call_grid.get(e.target)
        if lat is None:  # saturated at or below the target: every call times out eventually
            found.append(TimeoutResult(source.component, target.component, timeout, e.retries, None, 1.0, op))
            continue
        over = lat.exceed(e.target, timeout) or 0.0
        found.append(
            TimeoutResult(source.component, target.component, timeout, e.retries, lat.quantile(e.target), over, op)
        )
    return found


def _journey(
    net: Network,
    lat: JourneyLatency,
    counts: dict[str, float],
    cid: str,
    target_ms: float | None,
    target_pct: float | None,
) -> JourneyResult:
    contributions = contributors(net, lat, [], cid, counts=counts)
    deps = av.dependencies(net, cid)
    a = av.journey_availability(net, cid)
    # A journey that cannot succeed (a what-if took a dependency down) has no latency to speak of.
    mean, p99 = (None, None) if a == 0 else (lat.parallel_adjusted_mean(cid), lat.quantile(cid))
    month, year = av.downtime(a)
    saturated = [o for o, c in contributions if c == math.inf]
    return JourneyResult(
        client=cid,
        rps=net.client_rps[cid],
        latency_mean=mean,
        latency_p99=p99,
        latency_target=target_ms,
        contributors=[(o, c) for o, c in contributions[:5]],
        saturated=saturated,
        availability=100.0 * a,
        availability_target=target_pct,
        downtime_minutes_per_month=month,
        downtime_hours_per_year=year,
        dependencies=deps,
        weakest=av.weakest(net, deps),
    )


def _replicas_needed(
    arch: Architecture,
    net: Network,
    rps: dict[str, float],
    own_now: dict[str, OwnTime],
    order: list[str],
    target: float,
    client_visits: dict[str, dict[str, float]],
) -> dict[str, int]:
    needed: dict[str, int] = {}
    for cid, node in net.nodes.items():
        if node.capacity_limited and not (node.down or node.bypassed):
            needed[cid] = capacity.replicas_for_utilization(rps[cid], node.service_ms, node.concurrency, target)
    slo = arch.requirements.latency_p99_ms
    if slo is None or not needed:
        return needed
    sized = Network(
        nodes={cid: dataclasses.replace(n, replicas=needed.get(cid, n.replicas)) for cid, n in net.nodes.items()},
        edges=net.edges,
        out=net.out,
        client_rps=net.client_rps,
        flows=net.flows,
    )
    own: dict[str, OwnTime] = {
        fid: own_now[fid] if sized.node(fid).replicas == net.node(fid).replicas else own_of(sized, fid, rps)
        for fid in sized.flows
    }
    by_component = sized.flows_by_component()
    for _ in range(capacity.MAX_LATENCY_STEPS):
        # Per journey, the component that queues the most (mean wait × visits), if any
        # queues measurably; only then is it worth evaluating which journeys are late.
        candidate: dict[str, str] = {}
        for client in sized.client_rps:
            best, best_wait = None, 0.005 * slo
            for fid, count in client_visits[client].items():
                cid = sized.flows[fid].component
                if cid in needed and not sized.flows[fid].dispatch:
                    wait = count * ((own[fid].mean or 0.0) - sized.flows[fid].service_ms)
                    if wait > best_wait:
                        best, best_wait = cid, wait
            if best is not None:
                candidate[client] = best
        if not candidate:
            break
        grids = journey_grids(sized, rps, own, list(candidate), order)
        # One more replica for that component on every late journey (several per round).
        picks = {cid for client, cid in candidate.items() if (grids[client].quantile(client) or math.inf) > slo}
        if not picks:
            break
        for cid in picks:
            needed[cid] += 1
            sized.nodes[cid] = dataclasses.replace(sized.nodes[cid], replicas=needed[cid])
            for flow in by_component[cid]:
                own[flow.id] = own_of(sized, flow.id, rps)
    return needed
