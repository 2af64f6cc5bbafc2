"""Load propagation by the forced-flow law: the arrival rate at every component.

Each client sends its rps. A request arriving at a component follows every outgoing link
(synchronous or not), ``calls`` times; links out of a cache carry only the misses
(``× (1 − hit_ratio)``); a link with ``retries: r`` to a target that fails with
probability p carries ``× (1 + p + … + p^r)``, the expected attempts per call.

Synchronous calls must not form a cycle (a request would wait on itself): that is an
``AnalysisError`` naming the cycle. A cycle that includes an asynchronous link (a
consumer that publishes back to the queue it reads) is solved exactly as the linear
system λ = λ₀ + Mᵀλ on that strongly connected part, provided its gain (spectral radius
of M) is below 1; otherwise every message would multiply forever and that is an error too.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import TYPE_CHECKING

import numpy as np

from archkit.analysis.network import AnalysisError, Edge, Network
from archkit.model.errors import Problem

if TYPE_CHECKING:
    from archkit.model import Architecture


def edge_weight(net: Network, e: Edge) -> float:
    """Calls carried on ``e`` per request arriving at its source (misses, retries included)."""
    if e.dispatch:  # routing by share: no misses, no retries
        return e.calls if not net.node(e.source).down else 0.0
    weight = e.calls * net.pass_share(e.source)
    if e.retries:
        p = 1.0 - net.node(e.target).component_availability()
        weight *= sum(p**k for k in range(e.retries + 1))
    return weight


def _kahn(nodes: list[str], succ: dict[str, list[str]]) -> list[str]:
    indegree = dict.fromkeys(nodes, 0)
    for targets in succ.values():
        for t in targets:
            indegree[t] += 1
    ready = [cid for cid in reversed(nodes) if indegree[cid] == 0]
    order: list[str] = []
    while ready:
        cid = ready.pop()
        order.append(cid)
        for t in succ.get(cid, ()):
            indegree[t] -= 1
            if indegree[t] == 0:
                ready.append(t)
    return order


def sync_order(arch: Architecture, net: Network) -> list[str]:
    """Flows in topological order of the synchronous calls; a cycle is an AnalysisError naming it."""
    succ: dict[str, list[str]] = {}
    for e in net.edges:
        if e.sync:
            succ.setdefault(e.source, []).append(e.target)
    nodes = list(net.flows)
    order = _kahn(nodes, succ)
    if len(order) == len(nodes):
        return order
    # Every component left over has a synchronous caller that is also left over: walk callers back to a repeat.
    left = set(nodes) - set(order)
    pred: dict[str, str] = {}
    for e in net.edges:
        if e.sync and e.source in left and e.target in left:
            pred.setdefault(e.target, e.source)
    walk = [next(cid for cid in nodes if cid in left)]
    while walk[-1] not in walk[:-1]:
        walk.append(pred[walk[-1]])
    start = walk.index(walk[-1])
    cycle = list(reversed(walk[start:]))  # caller → callee order, first == last
    first = next(e.where for e in net.edges if e.sync and e.source == cycle[0] and e.target == cycle[1])
    raise AnalysisError(
        [
            Problem(
                arch.source_path,
                arch.line_of(first),
                first,
                "synchronous calls form a cycle: " + " → ".join(cycle) + " (make one call asynchronous or remove it)",
            )
        ]
    )


def component_rps(net: Network, flow_rps: dict[str, float]) -> dict[str, float]:
    """Arrival rate at every component: the sum over its flows (a dispatcher only routes)."""
    rps = dict.fromkeys(net.nodes, 0.0)
    for fid, flow in net.flows.items():
        if not flow.dispatch:
            rps[flow.component] += flow_rps[fid]
    return rps


def propagate(arch: Architecture, net: Network) -> dict[str, float]:
    """Arrival rate (requests/s) at every flow (a component, or one of its operations), in model order.

    A cache forwards only its read misses: requests that reach it over ``access: write``
    links end there (``forwarded`` tracks the requests that may go on).
    """
    sync_order(arch, net)
    weights: dict[tuple[str, str], float] = {}
    ending: dict[tuple[str, str], float] = {}  # the part of a pair's weight that ends at the target
    succ: dict[str, list[str]] = {}
    for e in net.edges:
        w = edge_weight(net, e)
        if w > 0:
            key = (e.source, e.target)
            if key not in weights:
                succ.setdefault(e.source, []).append(e.target)
            weights[key] = weights.get(key, 0.0) + w
            if e.write_only:
                ending[key] = ending.get(key, 0.0) + w
    nodes = list(net.flows)
    inflow = {cid: net.client_rps.get(cid, 0.0) for cid in nodes}
    forwarded = dict(inflow)
    rps = dict.fromkeys(nodes, 0.0)
    order = _kahn(nodes, succ)
    if len(order) == len(nodes):  # no loop at all: one pass in topological order
        for cid in order:
            rps[cid] = inflow[cid]
            for t in succ.get(cid, ()):
                flow = forwarded[cid] * weights[(cid, t)]
                inflow[t] += flow
                forwarded[t] += flow - forwarded[cid] * ending.get((cid, t), 0.0)
        return rps
    return _propagate_with_loops(arch, nodes, succ, weights, inflow, rps)


def _propagate_with_loops(
    arch: Architecture,
    nodes: list[str],
    succ: dict[str, list[str]],
    weights: dict[tuple[str, str], float],
    inflow: dict[str, float],
    rps: dict[str, float],
) -> dict[str, float]:
    import networkx as nx

    g = nx.DiGraph()
    g.add_nodes_from(nodes)
    g.add_edges_from(weights)
    condensed = nx.condensation(g)
    for scc in nx.topological_sort(condensed):
        members: list[str] = sorted(condensed.nodes[scc]["members"])
        if len(members) == 1:
            rps[members[0]] = inflow[members[0]]
        else:
            _solve_loop(arch, members, inflow, weights, rps)
        for cid in members:
            for target in succ.get(cid, ()):
                if target not in members:
                    inflow[target] += rps[cid] * weights[(cid, target)]
    return rps


def _solve_loop(
    arch: Architecture,
    members: list[str],
    inflow: dict[str, float],
    weights: dict[tuple[str, str], float],
    rps: dict[str, float],
) -> None:
    pos = {cid: i for i, cid in enumerate(members)}
    m = np.zeros((len(members), len(members)))
    for (a, b), w in weights.items():
        if a in pos and b in pos:
            m[pos[b], pos[a]] += w
    gain = float(max(abs(np.linalg.eigvals(m))))
    if gain >= 1.0:
        import networkx as nx

        loop = nx.DiGraph([(a, b) for (a, b) in weights if a in pos and b in pos])
        cycle = [u for u, _ in nx.find_cycle(loop)]
        members = [*cycle, cycle[0]]
        raise AnalysisError(
            [
                Problem(
                    arch.source_path,
                    None,
                    "links",
                    f"the loop through {' → '.join(members)} multiplies load by {gain:.2f} per round (must be < 1): "
                    "every message would create more messages forever; lower `calls` on the loop",
                )
            ]
        )
    x = np.linalg.solve(np.eye(len(members)) - m, np.array([inflow[c] for c in members]))
    for cid in members:
        rps[cid] = float(x[pos[cid]])


@dataclass(frozen=True)
class Traffic:
    """Requests/s at peak: arriving at each component and flow, and carried by each link."""

    components: dict[str, float]
    flows: dict[str, float]
    links: dict[int, float]  # link index -> calls/s over it (misses, retries included)


def traffic(arch: Architecture) -> Traffic:
    """The load propagation alone (what the review reads); an ``AnalysisError`` when the model
    cannot be analysed (a synchronous cycle, a diverging loop)."""
    from archkit.analysis.network import build_network

    net = build_network(arch)
    return traffic_of(net, propagate(arch, net))


def traffic_of(net: Network, flow_rps: dict[str, float]) -> Traffic:
    """The load at each component and flow and over each link, once ``propagate`` has run."""
    carried: dict[int, float] = {}
    for e in net.edges:
        if e.index >= 0:
            carried[e.index] = carried.get(e.index, 0.0) + flow_rps[e.source] * edge_weight(net, e)
    return Traffic(component_rps(net, flow_rps), flow_rps, carried)
