"""The model as the analysis sees it: effective per-component numbers and links, what-ifs applied.

``build_network`` turns an ``Architecture`` into plain numbers (defaults from KIND_INFO,
replica overrides, components taken down) so the other modules never look at defaults
again. A component taken down with ``without=[...]`` is modelled like this:

* a **cache** is bypassed: it serves no hits (hit ratio 0), adds no time and no
  availability term, so every request it received goes on to the store behind it;
* any **other component** fails every call: its availability term is 0 and the load it
  received is shed (nothing flows on from it);
* a **link with a ``fallback``** into a component that is down sends its calls to the
  fallback instead (load and latency follow the fallback).

Writes into a cache (``access: write``) end at the cache: only reads can miss and go on to
the store behind it.
"""

from __future__ import annotations

import math
from dataclasses import dataclass, field

from archkit.model import Architecture
from archkit.model.errors import ModelError, Problem, did_you_mean
from archkit.model.kinds import KIND_INFO
from archkit.model.schema import Link


class AnalysisError(ModelError):
    """The model cannot be analysed as it stands (a synchronous cycle, a diverging loop, a bad what-if)."""


@dataclass
class Node:
    id: str
    kind: str
    replicas: int
    concurrency: int
    service_ms: float  # mean own time per request
    availability: float  # one replica, fraction 0..1
    quorum: int
    zones: int
    capacity_limited: bool
    hit_ratio: float  # caches: share of requests served without going further
    down: bool = False  # fails every call (without=...)
    bypassed: bool = False  # a cache taken down: requests pass straight through

    @property
    def servers(self) -> int:
        return self.replicas * self.concurrency

    @property
    def is_client(self) -> bool:
        return self.kind == "client"

    @property
    def pass_share(self) -> float:
        """Share of the requests arriving here that go on along outgoing links."""
        if self.down:
            return 0.0
        return 1.0 - self.hit_ratio

    def component_availability(self) -> float:
        """Availability of the component as a whole, fraction: k of n replicas up (k = quorum)."""
        if self.down:
            return 0.0
        if self.is_client or self.bypassed:
            return 1.0
        return k_of_n(self.availability, self.replicas, self.quorum)


@dataclass
class Flow:
    """What a request is doing at a component: the component itself (no operations), one of its
    operations (``component.operation``), or the dispatcher that routes requests arriving without
    an operation name to the operations by share (id = the component id, no own time)."""

    id: str
    component: str
    op: str | None  # the operation id; None for a plain component or a dispatcher
    service_ms: float  # own time per request of this flow (0 for a dispatcher)
    dispatch: bool = False


@dataclass
class Edge:
    index: int  # position in arch.links (-1 for a dispatcher's routing edge)
    source: str  # flow ids: a component id, or component.operation
    target: str  # after a fallback redirect
    calls: float
    sync: bool
    parallel: bool
    retries: int
    fallback: str | None
    redirected: bool = False  # target was down; the calls go to the fallback
    write_only: bool = False  # access: write into a cache: stored there, never forwarded as a miss
    optional: bool = False  # the caller tolerates a failure: outside availability, inside latency
    timeout_ms: float | None = None
    dispatch: bool = False  # a dispatcher's routing to an operation: calls = its share
    where: str = ""  # the model field this edge comes from, for error messages


@dataclass
class Network:
    nodes: dict[str, Node]
    edges: list[Edge]
    out: dict[str, list[Edge]] = field(default_factory=dict)
    client_rps: dict[str, float] = field(default_factory=dict)
    notes: list[str] = field(default_factory=list)
    flows: dict[str, Flow] = field(default_factory=dict)

    def node(self, flow_id: str) -> Node:
        """The component a flow runs on."""
        return self.nodes[self.flows[flow_id].component]

    def pass_share(self, flow_id: str) -> float:
        """Share of the requests arriving at a flow that go on along its outgoing edges."""
        node = self.node(flow_id)
        if self.flows[flow_id].dispatch:
            return 0.0 if node.down else 1.0
        return node.pass_share

    @property
    def has_operations(self) -> bool:
        return any(f.op is not None for f in self.flows.values())

    def flows_by_component(self) -> dict[str, list[Flow]]:
        """Each component's flows (itself, or its dispatcher and operations), in model order."""
        out: dict[str, list[Flow]] = {cid: [] for cid in self.nodes}
        for flow in self.flows.values():
            out[flow.component].append(flow)
        return out

    def operation_flows(self) -> list[Flow]:
        return [f for f in self.flows.values() if f.op is not None]


def k_of_n(a: float, n: int, k: int) -> float:
    """P(at least k of n independent replicas are up), each up with probability ``a``."""
    k = max(1, min(k, n))
    if k == 1:
        return 1.0 - (1.0 - a) ** n
    return sum(math.comb(n, i) * a**i * (1.0 - a) ** (n - i) for i in range(k, n + 1))


def build_network(
    arch: Architecture,
    *,
    traffic_factor: float = 1.0,
    without: tuple[str, ...] | list[str] = (),
    replicas: dict[str, int] | None = None,
) -> Network:
    ids = arch.ids()
    problems = []
    for cid in [*without, *(replicas or {})]:
        if cid not in ids:
            problems.append(Problem(arch.source_path, None, "", f"unknown component '{cid}'{did_you_mean(cid, ids)}"))
    for cid, n in (replicas or {}).items():
        if not isinstance(n, int) or n < 1:
            problems.append(
                Problem(arch.source_path, None, "", f"replicas for '{cid}' must be a whole number >= 1, not {n!r}")
            )
    if traffic_factor < 0 or not math.isfinite(traffic_factor):
        problems.append(Problem(arch.source_path, None, "", f"traffic_factor must be >= 0, not {traffic_factor!r}"))
    if problems:
        raise AnalysisError(problems)

    notes: list[str] = []
    nodes: dict[str, Node] = {}
    down = set(without)
    for c in arch.components:
        info = KIND_INFO[c.kind]
        hit = 0.0
        if c.kind == "cache":
            if c.hit_ratio is None:
                notes.append(f"{c.id}: no hit_ratio declared; assumed 0 (every request is a miss)")
            else:
                hit = c.hit_ratio
        node = Node(
            id=c.id,
            kind=c.kind,
            replicas=(replicas or {}).get(c.id, c.replicas),
            concurrency=arch.concurrency_of(c),
            service_ms=arch.service_time_of(c),
            availability=arch.availability_of(c) / 100.0,
            quorum=c.quorum or 1,
            zones=c.zones,
            capacity_limited=info.capacity_limited,
            hit_ratio=hit,
        )
        if c.id in down:
            if c.kind == "cache":
                node.bypassed, node.hit_ratio = True, 0.0
            else:
                node.down = True
        nodes[c.id] = node

    flows, edges = build_flows(arch, nodes)
    out: dict[str, list[Edge]] = {fid: [] for fid in flows}
    for e in edges:
        out[e.source].append(e)

    clients = [c for c in arch.clients()]
    without_rps = [c for c in clients if c.rps is None]
    peak = arch.requirements.peak_rps
    client_rps: dict[str, float] = {}
    for c in clients:
        if c.rps is not None:
            base = c.rps
        elif peak is not None:
            base = peak / len(without_rps)
        else:
            base = 0.0
        client_rps[c.id] = 0.0 if c.id in down else base * traffic_factor
    if without_rps and peak is not None:
        notes.append(
            f"clients without rps ({', '.join(c.id for c in without_rps)}) share requirements.peak_rps "
            f"({peak:g}) evenly: {peak / len(without_rps):g} rps each"
        )
    elif without_rps:
        notes.append(
            f"clients without rps and no requirements.peak_rps: {', '.join(c.id for c in without_rps)} send 0 rps"
        )
    return Network(nodes=nodes, edges=edges, out=out, client_rps=client_rps, notes=notes, flows=flows)


def build_flows(arch: Architecture, nodes: dict[str, Node]) -> tuple[dict[str, Flow], list[Edge]]:
    """Flows and the edges between them, in model order.

    A component without operations is one flow whose requests follow every outgoing link (as
    before operations existed). A component with operations is a dispatcher plus one flow per
    operation; an operation's outgoing traffic is exactly its steps, each along its link.
    """
    flows: dict[str, Flow] = {}
    for c in arch.components:
        node = nodes[c.id]
        if not c.operations:
            flows[c.id] = Flow(c.id, c.id, None, node.service_ms)
            continue
        flows[c.id] = Flow(c.id, c.id, None, 0.0, dispatch=True)
        for op in c.operations:
            service = op.service_time_ms if op.service_time_ms is not None else node.service_ms
            flows[f"{c.id}.{op.id}"] = Flow(f"{c.id}.{op.id}", c.id, op.id, service)
    edges: list[Edge] = []
    first_link: dict[tuple[str, str], int] = {}
    for i, link in enumerate(arch.links):
        first_link.setdefault((link.source, link.target), i)
    for ci, c in enumerate(arch.components):
        if not c.operations:
            continue
        for j, op in enumerate(c.operations):
            if op.share > 0:
                edges.append(
                    Edge(
                        -1,
                        c.id,
                        f"{c.id}.{op.id}",
                        op.share,
                        True,
                        False,
                        0,
                        None,
                        dispatch=True,
                        where=f"components[{ci}].operations[{j}].share",
                    )
                )
    for i, link in enumerate(arch.links):
        if link.source not in nodes or link.target not in nodes or flows[link.source].dispatch:
            continue
        edges.append(_edge(nodes, flows, i, link, link.source, link.target, link.calls, f"links[{i}]"))
    for ci, c in enumerate(arch.components):
        for j, op in enumerate(c.operations):
            for k, step in enumerate(op.steps):
                index = first_link[(c.id, step.target)]
                link = arch.links[index]
                target = f"{step.target}.{step.op}" if step.op else step.target
                e = _edge(
                    nodes,
                    flows,
                    index,
                    link,
                    f"{c.id}.{op.id}",
                    target,
                    step.calls,
                    f"components[{ci}].operations[{j}].steps[{k}]",
                )
                e.parallel = step.parallel
                if step.retries is not None:
                    e.retries = step.retries
                if step.optional is not None:
                    e.optional = step.optional
                if step.timeout_ms is not None:
                    e.timeout_ms = step.timeout_ms
                edges.append(e)
    return flows, edges


def _edge(
    nodes: dict[str, Node],
    flows: dict[str, Flow],
    index: int,
    link: Link,
    source: str,
    target: str,
    calls: float,
    where: str,
) -> Edge:
    redirected = False
    if nodes[link.target].down and link.fallback and link.fallback in nodes and not nodes[link.fallback].down:
        target, redirected = link.fallback, True
    write_only = (
        link.access == "write"
        and nodes[flows[target].component].kind == "cache"
        and not flows[target].dispatch
        and flows[target].op is None
    )
    return Edge(
        index,
        source,
        target,
        calls,
        link.sync,
        link.parallel,
        link.retries,
        link.fallback,
        redirected,
        write_only,
        optional=link.optional,
        timeout_ms=link.timeout_ms,
        where=where,
    )
