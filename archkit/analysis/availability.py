"""Availability of each client journey and each operation over its synchronous dependencies.

* A component is up when at least ``quorum`` (default 1) of its ``replicas`` are up, each
  replica independently up with the component's availability (default per kind):
  1 − (1 − a)^n for quorum 1, the binomial tail for k of n.
* A request needs every component it reaches by synchronous, non-optional calls (each counted
  once, how often it is called does not matter): the serial product of their availabilities.
  An optional call (``optional: true`` on a link or step) degrades the answer, it does not fail it.
* A synchronous link with a ``fallback`` is up when the target's part of the journey or the
  fallback's part is up: 1 − (1 − A_target)(1 − A_fallback) (parts counted once).
* A component with operations serves one operation per request, chosen by share: its part is
  the share-weighted mix Σ wᵢ·A(opᵢ), each operation's part counting only the components not
  already counted above it. (Components that two such mixes both need below them are counted in
  each, which can only understate availability; with one mix per request it is exact.)
* Asynchronous links are off the request path: their consumers do not count.
* Clients count as always available. A component taken down (``without``) counts 0; a
  cache taken down is bypassed (counts 1, its store is reached directly).
"""

from __future__ import annotations

import numpy as np

from archkit.analysis.network import Edge, Network

MINUTES_PER_MONTH = 730 * 60  # 730 h: the average month (8,760 h / 12)
HOURS_PER_YEAR = 8760


def journey_availability(net: Network, root: str) -> float:
    """Availability of requests starting at ``root`` (a client, a component or component.operation), fraction."""
    return _part(net, root, frozenset())


def _required(net: Network, fid: str) -> list[Edge]:
    """The synchronous, non-optional edges a request at ``fid`` needs."""
    return [e for e in net.out[fid] if e.sync and not e.optional]


def _choice(net: Network, fid: str) -> bool:
    """A dispatcher that really chooses (more than one operation with a share)."""
    return net.flows[fid].dispatch and len(_required(net, fid)) > 1


def dependencies(net: Network, root: str) -> list[str]:
    """Every component a request from ``root`` needs synchronously (fallbacks included, optional calls not)."""
    seen, stack = {root}, [root]
    while stack:
        fid = stack.pop()
        for e in net.out[fid]:
            if not e.sync or e.optional:
                continue
            for nxt in (e.target, e.fallback):
                if nxt and nxt in net.flows and nxt not in seen:
                    seen.add(nxt)
                    stack.append(nxt)
    own = net.flows[root].component
    reached = {net.flows[f].component for f in seen} - {own}
    return [cid for cid in net.nodes if cid in reached]


def _reach(net: Network, root: str) -> tuple[set[str], list[tuple[str, str]], list[str]]:
    """Flows reached without crossing a link that has a fallback or a choosing dispatcher; those
    links' ends; and the dispatchers met (their choices are mixed in by ``_part``)."""
    seen, stack = {root}, [root]
    protected: list[tuple[str, str]] = []
    choices: list[str] = []
    while stack:
        fid = stack.pop()
        if net.node(fid).down:
            continue
        if _choice(net, fid):
            choices.append(fid)
            continue
        for e in _required(net, fid):
            if e.fallback and not e.redirected and e.fallback in net.flows:
                if (e.target, e.fallback) not in protected:
                    protected.append((e.target, e.fallback))
                continue
            if e.target not in seen:
                seen.add(e.target)
                stack.append(e.target)
    return seen, protected, choices


def _product(net: Network, components: set[str]) -> float:
    a = 1.0
    for cid in components:
        a *= net.nodes[cid].component_availability()
    return a


def _components(net: Network, flows: set[str]) -> set[str]:
    return {net.flows[f].component for f in flows}


def _part(net: Network, root: str, counted: frozenset[str]) -> float:
    """``counted``: components already in the product (each component counts once)."""
    seen, protected, choices = _reach(net, root)
    reached = _components(net, seen)
    a = _product(net, reached - counted)
    inner = counted | reached
    for target, fallback in protected:
        # Components both branches need (e.g. the store behind a cache that is also the
        # fallback) are counted once, outside the either-or.
        shared = (_components(net, _reach(net, target)[0]) & _components(net, _reach(net, fallback)[0])) - inner
        a *= _product(net, shared)
        both = inner | shared
        primary = 1.0 if net.flows[target].component in both else _part(net, target, both)
        spare = 1.0 if net.flows[fallback].component in both else _part(net, fallback, both)
        a *= 1.0 - (1.0 - primary) * (1.0 - spare)
    for dispatcher in choices:
        a *= sum(e.calls * _part(net, e.target, inner) for e in _required(net, dispatcher))
    return a


class Masks:
    """Every flow's required components as a boolean row, built once leaves first, so the
    availability and dependencies of thousands of operations cost a vector product each.

    Only flows whose required calls meet no fallback and no choosing dispatcher are ``simple``;
    the others go through ``_part``."""

    def __init__(self, net: Network, order: list[str]) -> None:
        self.net = net
        self.index = {cid: i for i, cid in enumerate(net.nodes)}
        self.ids = list(self.index)
        n = len(self.index)
        self.avail = np.array([node.component_availability() for node in net.nodes.values()])
        self.required: dict[str, np.ndarray] = {}
        self.any_sync: dict[str, np.ndarray] = {}
        self.simple: dict[str, bool] = {}
        for fid in reversed(order):  # callees before callers
            own = np.zeros(n, dtype=bool)
            own[self.index[net.flows[fid].component]] = True
            required, anything, simple = own.copy(), own.copy(), not _choice(net, fid)
            if not net.node(fid).down:
                for e in net.out[fid]:
                    if not e.sync:
                        continue
                    anything |= self.any_sync[e.target]
                    if e.optional:
                        continue
                    required |= self.required[e.target]
                    simple = simple and self.simple[e.target] and not (e.fallback and not e.redirected)
            self.required[fid], self.any_sync[fid], self.simple[fid] = required, anything, simple

    def availability(self, fid: str) -> float:
        if not self.simple[fid]:
            return journey_availability(self.net, fid)
        return float(np.prod(self.avail[self.required[fid]]))

    def dependencies(self, fid: str) -> list[str]:
        if not self.simple[fid]:
            return dependencies(self.net, fid)
        return self._names(self.required[fid], fid)

    def optional(self, fid: str, required: list[str]) -> list[str]:
        """Components reached only through optional synchronous calls."""
        names = self._names(self.any_sync[fid], fid)
        return [cid for cid in names if cid not in set(required)]

    def _names(self, mask: np.ndarray, fid: str) -> list[str]:
        own = self.net.flows[fid].component
        return [self.ids[i] for i in np.flatnonzero(mask) if self.ids[i] != own]


def downtime(availability_fraction: float) -> tuple[float, float]:
    """(minutes per month, hours per year) of expected downtime."""
    gap = 1.0 - availability_fraction
    return gap * MINUTES_PER_MONTH, gap * HOURS_PER_YEAR


def weakest(net: Network, deps: list[str], limit: int = 3) -> list[str]:
    """The dependencies that cost the most availability (lowest component availability first)."""
    ranked = sorted(deps, key=lambda cid: (net.nodes[cid].component_availability(), cid))
    return [cid for cid in ranked[:limit] if net.nodes[cid].component_availability() < 1.0]
