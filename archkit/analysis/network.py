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
class Edge:
    index: int  # position in arch.links
    source: str
    target: str  # after a fallback redirect
    calls: float
    sync: bool
    parallel: bool
    retries: int
    fallback: str | None
    redirected: bool = False  # target was down; the calls go to the fallback
    write_only: bool = False  # access: write into a cache: stored there, never forwarded as a miss


@dataclass
class Network:
    nodes: dict[str, Node]
    edges: list[Edge]
    out: dict[str, list[Edge]] = field(default_factory=dict)
    client_rps: dict[str, float] = field(default_factory=dict)
    notes: list[str] = field(default_factory=list)


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

    edges: list[Edge] = []
    for i, link in enumerate(arch.links):
        if link.source not in nodes or link.target not in nodes:
            continue
        target, redirected = link.target, False
        if nodes[target].down and link.fallback and link.fallback in nodes and not nodes[link.fallback].down:
            target, redirected = link.fallback, True
        write_only = link.access == "write" and nodes[target].kind == "cache"
        edges.append(
            Edge(
                i,
                link.source,
                target,
                link.calls,
                link.sync,
                link.parallel,
                link.retries,
                link.fallback,
                redirected,
                write_only,
            )
        )
    out: dict[str, list[Edge]] = {cid: [] for cid in nodes}
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
    return Network(nodes=nodes, edges=edges, out=out, client_rps=client_rps, notes=notes)
