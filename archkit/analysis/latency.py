"""Latency: each component's own time as a queue, each client journey end to end.

Own time: a capacity-limited component is an M/M/c queue with c = replicas × concurrency
(mean and p99 from Erlang C, see queueing.py); other kinds are M/M/∞ (no queueing: the
response time is the exponential service time, p99 = s·ln 100). At utilization >= 1 a
component has no steady state: its latencies are None, and so are those of every journey
that calls it synchronously.

A journey's time at a component n is T(n) = own(n) + Σ N_ℓ·T(target) over its sequential
synchronous links + max over its ``parallel: true`` links. N_ℓ is the number of calls per
request: ``calls`` split into whole calls (floor, plus one more with the fractional part's
probability) and, out of a cache, only on a miss. Retries are left out of latency (they
happen with probability 1 − availability, ~0.1%).

* Mean: exact by linearity (E[T(n)] = E[own] + Σ E[N]·E[T]); the mean of a parallel group's
  maximum is taken from its distribution (below).
* p99: every T(n) is a distribution on a common grid of 2,048 points (held as its Fourier
  transform on 4,096): components' own-time CDFs are discretized, sequential calls multiply
  transforms (convolution), random call counts are mixtures of transform powers, and
  parallel groups take the product of CDFs (independent calls). The grid ends at
  mean + 12·sd of the largest journey, which by Cantelli's inequality lies beyond its p99;
  the p99 is read off the CDF (linear interpolation). Error: about one grid step
  (journey range / 2,048).
"""

from __future__ import annotations

import functools
import math
from dataclasses import dataclass

import numpy as np

from archkit.analysis import queueing
from archkit.analysis.network import Edge, Network, Node

GRID_POINTS = 2048
GROUP_SPAN = 4.0  # journeys whose grid bounds differ by more than this get their own grid
P99 = 0.99


@dataclass
class OwnTime:
    mean: float | None  # ms; None when saturated
    p99: float | None
    var: float  # ms²; used to size the journey grid
    wait_prob: float  # Erlang C, 0 for M/M/∞
    wait_rate: float = 0.0  # 1/ms: rate of the exponential wait of those who queue (cμ̄ − λ)


def own_time(node: Node, rps: float) -> OwnTime:
    """Own time per request at ``node`` under ``rps`` arrivals (ms)."""
    s = node.service_ms
    if node.down:  # taken down (what-if): no requests are served, so no latency
        return OwnTime(None, None, math.inf, 0.0)
    if node.bypassed or s <= 0:
        return OwnTime(0.0, 0.0, 0.0, 0.0)
    if not node.capacity_limited:
        return OwnTime(s, queueing.exp_quantile(P99, s), s * s, 0.0)
    lam = rps / 1000.0
    c = node.servers
    a = lam * s
    if a >= c:
        return OwnTime(None, None, math.inf, 1.0)
    pw = queueing.erlang_c(c, a)
    theta = c / s - lam
    mean = s + pw / theta
    var_w = 2 * pw / theta**2 - (pw / theta) ** 2
    return OwnTime(mean, queueing.mmc_response_quantile(P99, lam, s, c), s * s + var_w, pw, theta)


def flow_own_time(node: Node, rps: float, service_ms: float) -> OwnTime:
    """Own time of one operation at ``node``: the component's shared queue (all its operations'
    load, at their rps-weighted mean service time ``node.service_ms``) plus this operation's own
    exponential service time (first come, first served)."""
    if service_ms == node.service_ms:
        return own_time(node, rps)
    if node.down:
        return OwnTime(None, None, math.inf, 0.0)
    if node.bypassed or service_ms <= 0:
        return OwnTime(0.0, 0.0, 0.0, 0.0)
    if not node.capacity_limited:
        return OwnTime(service_ms, queueing.exp_quantile(P99, service_ms), service_ms**2, 0.0)
    lam, c, s_bar = rps / 1000.0, node.servers, node.service_ms
    if lam * s_bar >= c:
        return OwnTime(None, None, math.inf, 1.0)
    pw = queueing.erlang_c(c, lam * s_bar)
    theta = c / s_bar - lam
    var_w = 2 * pw / theta**2 - (pw / theta) ** 2
    p99 = queueing.mixture_quantile(P99, [(1.0, pw, theta, service_ms)])
    return OwnTime(service_ms + pw / theta, p99, service_ms**2 + var_w, pw, theta)


def _own_cdf(node: Node, rps: float, t: np.ndarray, service_ms: float | None = None) -> np.ndarray:
    """CDF of the own time at the points ``t`` (evaluated only where it is still below 1);
    ``service_ms``: one operation's own service time (default: the component's)."""
    s = node.service_ms if service_ms is None else service_ms
    out = np.ones_like(t)
    if node.down or node.bypassed or s <= 0:
        return out
    mu = 1.0 / s
    pw, theta = 0.0, mu
    if node.capacity_limited:
        lam, c = rps / 1000.0, node.servers
        pw = queueing.erlang_c(c, lam * node.service_ms)
        # (the shared queue drains at c/s̄ − λ; written as c·μ − λ when s is the component's own)
        theta = c * mu - lam if service_ms is None else c / node.service_ms - lam
    # Beyond 40 mean lifetimes of the slowest phase the CDF is 1 to double precision.
    step = t[1] - t[0] if len(t) > 1 else 1.0
    n = min(len(t), int(40.0 / min(mu, theta) / step) + 2)
    x = t[:n]
    e_mu = np.exp(-mu * x)
    if pw == 0.0:
        out[:n] = 1.0 - e_mu
        return out
    if abs(theta - mu) <= 1e-9 * mu:
        hypo = e_mu * (1 + mu * x)
    else:
        hypo = (mu * np.exp(-theta * x) - theta * e_mu) / (mu - theta)
    out[:n] = 1.0 - ((1.0 - pw) * e_mu + pw * hypo)
    return out


@functools.lru_cache(maxsize=4096)
def count_pmf(calls: float, miss: float) -> tuple[tuple[int, float], ...]:
    """Distribution of the number of calls per request: floor/ceil of ``calls``, only on a miss."""
    whole = math.floor(calls)
    frac = calls - whole
    pmf: dict[int, float] = {}
    for k, p in ((0, 1.0 - miss), (whole, miss * (1.0 - frac)), (whole + 1, miss * frac)):
        if p > 0:
            pmf[k] = pmf.get(k, 0.0) + p
    return tuple(sorted(pmf.items()))


class JourneyLatency:
    """Means and distributions of T(n) for every node reachable by synchronous calls."""

    def __init__(
        self, net: Network, rps: dict[str, float], own: dict[str, OwnTime], *, like: JourneyLatency | None = None
    ):
        """``like``: another instance over the same network and own times whose moments
        (which do not depend on the grid) can be shared."""
        self.net, self.rps, self.own = net, rps, own
        self.mean: dict[str, float | None] = like.mean if like is not None else {}
        self._var: dict[str, float] = like._var if like is not None else {}
        self._sync: dict[str, list[Edge]] = like._sync if like is not None else {}
        self._par: dict[str, bool] = like._par if like is not None else {}
        self._spec: dict[str, np.ndarray] = {}
        self._own_spec: dict[str, np.ndarray] = {}
        self._order: list[str] = []
        self.step = 1.0

    def sync_edges(self, cid: str) -> list[Edge]:
        found = self._sync.get(cid)
        if found is None:
            node = self.net.node
            found = [] if node(cid).down else [e for e in self.net.out[cid] if e.sync and not node(e.target).down]
            self._sync[cid] = found
        return found

    def _mixture_moments(self, cid: str) -> tuple[float | None, float]:
        """A dispatcher: one operation per request, chosen by share (a mixture, not a sum)."""
        mean, second = 0.0, 0.0
        for e in self.sync_edges(cid):
            m, v = self.moments(e.target)
            if m is None:
                return None, math.inf
            mean += e.calls * m
            second += e.calls * (v + m * m)
        return mean, max(second - mean * mean, 0.0)

    def moments(self, cid: str) -> tuple[float | None, float]:
        """Mean (None if it depends on a saturated component) and an upper variance (parallel as sum)."""
        if cid in self.mean:
            return self.mean[cid], self._var[cid]
        if self.net.flows[cid].dispatch:
            self.mean[cid], self._var[cid] = self._mixture_moments(cid)
            return self.mean[cid], self._var[cid]
        own = self.own[cid]
        if own.mean is None:
            self.mean[cid], self._var[cid] = None, math.inf
            return None, math.inf
        mean: float | None = own.mean
        var = own.var
        for e in self.sync_edges(cid):
            m, v = self.moments(e.target) if not e.write_only else (self.own[e.target].mean, self.own[e.target].var)
            if m is None or mean is None:
                mean = None
                break
            miss = self.net.pass_share(cid)
            pmf = count_pmf(e.calls, miss)
            en = sum(k * p for k, p in pmf)
            vn = sum(k * k * p for k, p in pmf) - en * en
            mean += en * m
            var += en * v + vn * m * m
        self.mean[cid], self._var[cid] = mean, (var if mean is not None else math.inf)
        return self.mean[cid], self._var[cid]

    def prepare_grid(self, roots: list[str], order: list[str] | None = None, *, spectra: bool = True) -> None:
        """Size the grid for ``roots``; with ``order`` (topological, synchronous links) the
        per-node work runs leaves first, so recursion stays shallow on deep call chains."""
        if order is not None:
            reach, stack = set(roots), list(roots)
            while stack:
                for e in self.sync_edges(stack.pop()):
                    if e.target not in reach:
                        reach.add(e.target)
                        stack.append(e.target)
            self._order = [cid for cid in reversed(order) if cid in reach]
            for cid in self._order:
                self.moments(cid)
                self._has_parallel(cid)
        bound = 0.0
        for r in roots:
            m, v = self.moments(r)
            if m is not None:
                bound = max(bound, m + 12.0 * math.sqrt(v))
        self.step = max(bound, 1e-6) / GRID_POINTS
        if spectra:
            for cid in self._order:
                self.spectrum(cid)

    def spectrum(self, cid: str) -> np.ndarray | None:
        """Fourier transform of T(cid)'s distribution on the grid (None if saturated below).

        Distributions are masses at 0, h, 2h, … on 2 × GRID_POINTS points; the grid's first
        half holds every journey up to mean + 12·sd, so the circular convolution of the
        transform never wraps a measurable mass around.
        """
        if cid in self._spec:
            return self._spec[cid]
        if self.moments(cid)[0] is None:
            return None
        if self.net.flows[cid].dispatch:
            mixed = np.zeros(GRID_POINTS + 1, dtype=complex)
            for e in self.sync_edges(cid):
                sub = self.spectrum(e.target)
                assert sub is not None
                mixed = mixed + e.calls * sub
            self._spec[cid] = mixed
            return mixed
        spec = self.own_spectrum(cid)
        assert spec is not None
        parallel_cdfs: list[np.ndarray] = []
        miss = self.net.pass_share(cid)
        for e in self.sync_edges(cid):
            sub = self.spectrum(e.target) if not e.write_only else self.own_spectrum(e.target)
            assert sub is not None
            contribution = _power_mix(sub, count_pmf(e.calls, miss))
            if e.parallel:
                parallel_cdfs.append(np.cumsum(np.fft.irfft(contribution, 2 * GRID_POINTS)))
            else:
                spec = spec * contribution
        if parallel_cdfs:
            group = np.clip(np.prod(parallel_cdfs, axis=0), 0.0, 1.0)
            spec = spec * np.fft.rfft(np.diff(np.concatenate(([0.0], group))))
        self._spec[cid] = spec
        return spec

    def own_spectrum(self, cid: str) -> np.ndarray | None:
        """Transform of the component's own time alone (a write into a cache ends there)."""
        if cid in self._own_spec:
            return self._own_spec[cid]
        if self.own[cid].mean is None:
            return None
        size, h = 2 * GRID_POINTS, self.step
        flow = self.net.flows[cid]
        node = self.net.nodes[flow.component]
        if flow.dispatch:
            cdf = np.ones(size)
        else:
            service = None if flow.service_ms == node.service_ms else flow.service_ms
            cdf = _own_cdf(node, self.rps[flow.component], (np.arange(size) + 0.5) * h, service)
        spec = np.fft.rfft(np.diff(np.concatenate(([0.0], cdf))))
        self._own_spec[cid] = spec
        return spec

    def pmf(self, cid: str) -> np.ndarray | None:
        spec = self.spectrum(cid)
        if spec is None:
            return None
        return np.clip(np.fft.irfft(spec, 2 * GRID_POINTS), 0.0, None)

    def parallel_adjusted_mean(self, cid: str) -> float | None:
        """Mean of T(cid) with parallel groups counted as their maximum (from the distributions)."""
        if not self._has_parallel(cid):
            return self.moments(cid)[0]
        dist = self.pmf(cid)
        if dist is None:
            return None
        grid = np.arange(len(dist)) * self.step
        return float(np.dot(dist, grid) / max(dist.sum(), 1e-12))

    def _has_parallel(self, cid: str) -> bool:
        """Whether a parallel group lies anywhere below ``cid`` (memoized; leaves first in prepare_grid)."""
        found = self._par.get(cid)
        if found is None:
            found = any(e.parallel or self._has_parallel(e.target) for e in self.sync_edges(cid))
            self._par[cid] = found
        return found

    @property
    def covered(self) -> list[str]:
        """Components whose distributions this grid holds (reached from its roots)."""
        return list(self._order)

    def exceed(self, cid: str, t: float) -> float | None:
        """P(T(cid) > t): e.g. the share of calls to ``cid`` that outlast a timeout of ``t`` ms."""
        dist = self.pmf(cid)
        if dist is None:
            return None
        cdf = np.cumsum(dist)
        x = t / self.step - 0.5  # masses sit at i·step and cover [(i − ½)·step, (i + ½)·step)
        if x < 0:  # inside the first cell, [0, step/2)
            return max(0.0, 1.0 - float(cdf[0]) * max(t, 0.0) / (0.5 * self.step))
        i = int(x)
        if i + 1 >= len(cdf):
            return max(0.0, 1.0 - float(cdf[-1]))
        frac = x - i
        return max(0.0, 1.0 - float(cdf[i] + frac * (cdf[i + 1] - cdf[i])))

    def quantile(self, cid: str, q: float = P99) -> float | None:
        dist = self.pmf(cid)
        if dist is None:
            return None
        cdf = np.cumsum(dist)
        i = int(np.searchsorted(cdf, q))
        if i >= len(cdf):
            return float(len(cdf) * self.step)
        if i == 0:
            return 0.0
        lo, hi = cdf[i - 1], cdf[i]
        frac = (q - lo) / (hi - lo) if hi > lo else 0.0
        return float((i - 1 + frac) * self.step + 0.5 * self.step)


def _power_mix(spec: np.ndarray, counts: tuple[tuple[int, float], ...]) -> np.ndarray:
    """Transform of the sum of N independent copies: Σ P(N = k) · spec^k."""
    if len(counts) == 1 and counts[0] == (1, 1.0):
        return spec
    if counts[-1][0] <= 1:  # at most one call: a mixture of "no call" and one call
        weights = dict(counts)
        return weights.get(0, 0.0) + weights.get(1, 0.0) * spec
    out = np.zeros_like(spec)
    power = np.ones_like(spec)
    done = 0
    for k, p in counts:
        while done < k:
            power = power * spec
            done += 1
        out += p * power
    return out


def journey_grids(
    net: Network,
    rps: dict[str, float],
    own: dict[str, OwnTime],
    clients: list[str],
    order: list[str],
    probe: JourneyLatency | None = None,
) -> dict[str, JourneyLatency]:
    """One ``JourneyLatency`` per group of clients whose journeys have a similar length.

    The grid step is set by the longest journey of a group, so a 2 ms journey next to a
    2 s one in the same model would be read off a 1 ms grid; grouping journeys whose
    bounds are within a factor of GROUP_SPAN keeps every p99 within ~1/500 of its range.
    """
    if probe is None:
        probe = JourneyLatency(net, rps, own)
    probe.prepare_grid(clients, order, spectra=False)  # moments only (cached in the probe)
    bounds: dict[str, float] = {}
    for cid in clients:
        m, v = probe.moments(cid)
        bounds[cid] = (m + 12.0 * math.sqrt(v)) if m is not None and math.isfinite(v) else math.inf
    out: dict[str, JourneyLatency] = {}
    group: list[str] = []
    for cid in sorted(clients, key=lambda c: bounds[c]):
        if group and bounds[cid] > GROUP_SPAN * max(bounds[group[0]], 1e-9):
            _grid_for(probe, group, order, out)
            group = []
        group.append(cid)
    if group:
        _grid_for(probe, group, order, out)
    return out


def _grid_for(probe: JourneyLatency, group: list[str], order: list[str], out: dict[str, JourneyLatency]) -> None:
    lat = JourneyLatency(probe.net, probe.rps, probe.own, like=probe)
    lat.prepare_grid(group, order)
    for cid in group:
        out[cid] = lat


def visits(net: Network, order: list[str], root: str, position: dict[str, int] | None = None) -> dict[str, float]:
    """Expected synchronous visits to each component per request from ``root``."""
    v = {root: 1.0}
    forwarded = {root: 1.0}  # visits that go on along outgoing links (writes end at a cache)
    out, flows, nodes = net.out, net.flows, net.nodes
    # Walk only what the root reaches, in the same (topological) order: on a large model a
    # journey reaches a small part of it, and the additions happen in the same order as a walk
    # of the whole ``order``, so the figures are the same to the last bit. (Lookups are local
    # and the product computed once per edge: this runs once per client over thousands of edges.)
    if position is None:
        position = {cid: i for i, cid in enumerate(order)}
    reach, stack = {root}, [root]
    while stack:
        for e in out[stack.pop()]:
            if e.sync and e.target not in reach:
                reach.add(e.target)
                stack.append(e.target)
    for cid in sorted(reach, key=position.__getitem__):
        here = forwarded.get(cid)
        if not here:
            continue
        flow = flows[cid]
        node = nodes[flow.component]
        if node.down:
            continue
        share = here * (1.0 if flow.dispatch else node.pass_share)
        for e in out[cid]:
            if not e.sync:
                continue
            target = e.target
            if nodes[flows[target].component].down:
                continue
            added = share * e.calls
            v[target] = v.get(target, 0.0) + added
            if not e.write_only:
                forwarded[target] = forwarded.get(target, 0.0) + added
    return v


def contributors(
    net: Network,
    lat: JourneyLatency,
    order: list[str],
    root: str,
    position: dict[str, int] | None = None,
    *,
    counts: dict[str, float] | None = None,
) -> list[tuple[str, float]]:
    """(component, ms per request from ``root``, visits included), largest first; inf when saturated.
    A client root spends no time of its own; an operation root counts its own time. ``counts``:
    ``visits(net, order, root)`` when the caller has it already."""
    by_component: dict[str, float] = {}
    if counts is None:
        counts = visits(net, order, root, position)
    for other, count in counts.items():
        m = lat.own[other].mean
        flow = net.flows[other]
        if (other != root or not net.node(root).is_client) and count > 0 and not flow.dispatch:
            ms = count * m if m is not None else math.inf
            by_component[flow.component] = by_component.get(flow.component, 0.0) + ms
    return sorted(by_component.items(), key=lambda kv: (-kv[1], kv[0]))
