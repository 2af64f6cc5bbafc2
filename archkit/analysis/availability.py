"""Availability of each client journey and each operation over its synchronous dependencies.

* A component is up when at least ``quorum`` (default 1) of its ``replicas`` are up, each
  replica independently up with the component's availability (default per kind):
  1 − (1 − a)^n for quorum 1, the binomial tail for k of n.
* A request needs every component it reaches by synchronous, non-optional calls (each counted
  once, how often it is called does not matter): the serial product of their availabilities.
  An optional call (``optional: true`` on a link or step) degrades the answer, it does not fail it.
* A synchronous link with a ``fallback`` is up when the target's part of the journey or the
  fallback's part is up: 1 − (1 − A_target)(1 − A_fallback) (parts counted once).
* A component with operations serves one operation per request, chosen by share: the
  availability is the share-weighted mix over the operations chosen (every combination of
  choices along the way, up to ``MAX_CHOICES``; past that, and behind a fallback, a request is
  taken to need every operation with a share, which can only understate availability).
* Asynchronous links are off the request path: their consumers do not count.
* Clients count as always available. A component taken down (``without``) counts 0; a
  cache taken down is bypassed (counts 1, its store is reached directly).
"""

from __future__ import annotations

from archkit.analysis.network import Edge, Network

MINUTES_PER_MONTH = 730 * 60  # 730 h: the average month (8,760 h / 12)
HOURS_PER_YEAR = 8760
MAX_CHOICES = 256  # combinations of operation choices evaluated exactly per request

Choices = dict[str, str]  # dispatcher flow -> the operation flow chosen


def journey_availability(net: Network, root: str) -> float:
    """Availability of requests starting at ``root`` (a client, a component or component.operation), fraction."""
    budget = [MAX_CHOICES]
    return _mix(net, root, {}, budget)


def _mix(net: Network, root: str, choices: Choices, budget: list[int]) -> float:
    """Expectation over the undecided dispatchers this request reaches of the availability."""
    undecided = _undecided(net, root, choices)
    if undecided is None or budget[0] <= 0:
        return _part(net, root, frozenset(), choices)
    total = 0.0
    for e in _live(net, undecided):
        budget[0] -= 1
        total += e.calls * _mix(net, root, {**choices, undecided: e.target}, budget)
    return total


def _live(net: Network, dispatcher: str) -> list[Edge]:
    return [e for e in net.out[dispatcher] if e.dispatch]


def _undecided(net: Network, root: str, choices: Choices) -> str | None:
    """The first dispatcher (with a choice to make) on the required path that has no choice yet."""
    seen, stack = {root}, [root]
    while stack:
        fid = stack.pop()
        if net.node(fid).down:
            continue
        if net.flows[fid].dispatch and fid not in choices and len(_live(net, fid)) > 1:
            return fid
        for e in _required(net, fid, choices):
            if e.fallback and not e.redirected and e.fallback in net.flows:
                continue
            if e.target not in seen:
                seen.add(e.target)
                stack.append(e.target)
    return None


def _required(net: Network, fid: str, choices: Choices) -> list[Edge]:
    """The synchronous, non-optional edges a request at ``fid`` needs (a dispatcher: its choice)."""
    edges = [e for e in net.out[fid] if e.sync and not e.optional]
    chosen = choices.get(fid)
    if chosen is not None:
        return [e for e in edges if e.target == chosen]
    return edges


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


def _reach(net: Network, root: str, choices: Choices) -> tuple[set[str], list[tuple[str, str]]]:
    """Flows reached without crossing a link that has a fallback, and those links' ends."""
    seen, stack = {root}, [root]
    protected: list[tuple[str, str]] = []
    while stack:
        fid = stack.pop()
        if net.node(fid).down:
            continue
        for e in _required(net, fid, choices):
            if e.fallback and not e.redirected and e.fallback in net.flows:
                if (e.target, e.fallback) not in protected:
                    protected.append((e.target, e.fallback))
                continue
            if e.target not in seen:
                seen.add(e.target)
                stack.append(e.target)
    return seen, protected


def _product(net: Network, components: set[str]) -> float:
    a = 1.0
    for cid in components:
        a *= net.nodes[cid].component_availability()
    return a


def _components(net: Network, flows: set[str]) -> set[str]:
    return {net.flows[f].component for f in flows}


def _part(net: Network, root: str, counted: frozenset[str], choices: Choices) -> float:
    """``counted``: components already in the product (each component counts once)."""
    seen, protected = _reach(net, root, choices)
    reached = _components(net, seen)
    a = _product(net, reached - counted)
    inner = counted | reached
    for target, fallback in protected:
        # Components both branches need (e.g. the store behind a cache that is also the
        # fallback) are counted once, outside the either-or.
        shared = (
            _components(net, _reach(net, target, choices)[0]) & _components(net, _reach(net, fallback, choices)[0])
        ) - inner
        a *= _product(net, shared)
        both = inner | shared
        primary = 1.0 if net.flows[target].component in both else _part(net, target, both, choices)
        spare = 1.0 if net.flows[fallback].component in both else _part(net, fallback, both, choices)
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
