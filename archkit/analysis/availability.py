"""Availability of each client journey over its synchronous dependencies.

* A component is up when at least ``quorum`` (default 1) of its ``replicas`` are up, each
  replica independently up with the component's availability (default per kind):
  1 − (1 − a)^n for quorum 1, the binomial tail for k of n.
* A journey needs every component it reaches by synchronous calls (each counted once, how
  often it is called does not matter): the serial product of their availabilities.
* A synchronous link with a ``fallback`` is up when the target's part of the journey or the
  fallback's part is up: 1 − (1 − A_target)(1 − A_fallback) (parts counted once).
* Asynchronous links are off the request path: their consumers do not count.
* Clients count as always available. A component taken down (``without``) counts 0; a
  cache taken down is bypassed (counts 1, its store is reached directly).
"""

from __future__ import annotations

from archkit.analysis.network import Network

MINUTES_PER_MONTH = 730 * 60  # 730 h: the average month (8,760 h / 12)
HOURS_PER_YEAR = 8760


def journey_availability(net: Network, root: str) -> float:
    """Availability of requests starting at ``root`` as a fraction."""
    return _part(net, root, frozenset())


def dependencies(net: Network, root: str) -> list[str]:
    """Every component a request from ``root`` reaches synchronously (fallbacks included)."""
    seen, stack = {root}, [root]
    while stack:
        cid = stack.pop()
        for e in net.out[cid]:
            if not e.sync:
                continue
            for nxt in (e.target, e.fallback):
                if nxt and nxt in net.nodes and nxt not in seen:
                    seen.add(nxt)
                    stack.append(nxt)
    seen.discard(root)
    return [cid for cid in net.nodes if cid in seen]


def _reach(net: Network, root: str) -> tuple[set[str], list[tuple[str, str]]]:
    """Components reached without crossing a link that has a fallback, and those links' ends."""
    seen, stack = {root}, [root]
    protected: list[tuple[str, str]] = []
    while stack:
        cid = stack.pop()
        if net.nodes[cid].down:
            continue
        for e in net.out[cid]:
            if not e.sync:
                continue
            if e.fallback and not e.redirected and e.fallback in net.nodes:
                if (e.target, e.fallback) not in protected:
                    protected.append((e.target, e.fallback))
                continue
            if e.target not in seen:
                seen.add(e.target)
                stack.append(e.target)
    return seen, protected


def _product(net: Network, ids: set[str]) -> float:
    a = 1.0
    for cid in ids:
        a *= net.nodes[cid].component_availability()
    return a


def _part(net: Network, root: str, counted: frozenset[str]) -> float:
    seen, protected = _reach(net, root)
    a = _product(net, seen - counted)
    inner = counted | seen
    for target, fallback in protected:
        # Components both branches need (e.g. the store behind a cache that is also the
        # fallback) are counted once, outside the either-or.
        shared = (_reach(net, target)[0] & _reach(net, fallback)[0]) - inner
        a *= _product(net, shared)
        both = inner | shared
        primary = 1.0 if target in both else _part(net, target, both)
        spare = 1.0 if fallback in both else _part(net, fallback, both)
        a *= 1.0 - (1.0 - primary) * (1.0 - spare)
    return a


def downtime(availability_fraction: float) -> tuple[float, float]:
    """(minutes per month, hours per year) of expected downtime."""
    gap = 1.0 - availability_fraction
    return gap * MINUTES_PER_MONTH, gap * HOURS_PER_YEAR


def weakest(net: Network, deps: list[str], limit: int = 3) -> list[str]:
    """The dependencies that cost the most availability (lowest component availability first)."""
    ranked = sorted(deps, key=lambda cid: (net.nodes[cid].component_availability(), cid))
    return [cid for cid in ranked[:limit] if net.nodes[cid].component_availability() < 1.0]
