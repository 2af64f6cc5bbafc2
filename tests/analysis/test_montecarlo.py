"""The journey p99 by numeric convolution agrees with Monte Carlo sampling of the same model.

The sampler below is an independent implementation of the journey semantics (own M/M/c time,
floor/ceil call counts, cache misses) that draws 600,000 requests; the p99 of the samples has
a standard error of about 0.6% (the tail is thin), so agreement within 2.5% checks the convolution on a real model
(the checkout example: a 5% path through a 250 ms payment provider makes a long tail).
"""

from __future__ import annotations

import math
from pathlib import Path

import numpy as np
import pytest

import archkit
from archkit.analysis import analyze, queueing
from archkit.analysis.load import propagate
from archkit.analysis.network import build_network

CHECKOUT = Path(__file__).resolve().parents[2] / "examples" / "checkout.yaml"


def _sampler(arch: archkit.Architecture, rng: np.random.Generator):  # type: ignore[no-untyped-def]
    """Requests drawn one by one through the flows: a component's operations share one queue (wait
    at the combined load and the rps-weighted mean service time, then the operation's own service);
    a request reaching a component without naming an operation takes exactly one, by share."""
    net = build_network(arch)
    flow_rps = propagate(arch, net)
    comp_rps: dict[str, float] = {cid: 0.0 for cid in net.nodes}
    work: dict[str, float] = {cid: 0.0 for cid in net.nodes}
    for fid, flow in net.flows.items():
        if not flow.dispatch:
            comp_rps[flow.component] += flow_rps[fid]
            work[flow.component] += flow_rps[fid] * flow.service_ms

    def own(fid: str, n: int) -> np.ndarray:
        flow = net.flows[fid]
        node = net.nodes[flow.component]
        s = flow.service_ms
        if flow.dispatch or s <= 0:
            return np.zeros(n)
        x = rng.exponential(s, n)
        if node.capacity_limited:
            lam, c = comp_rps[flow.component] / 1000, node.servers
            s_bar = work[flow.component] / comp_rps[flow.component]
            pw, theta = queueing.erlang_c(c, lam * s_bar), c / s_bar - lam
            x += np.where(rng.random(n) < pw, rng.exponential(1 / theta, n), 0.0)
        return x

    def journey(fid: str, n: int) -> np.ndarray:
        t = own(fid, n)
        if net.flows[fid].dispatch:  # one operation per request, by share
            routes = [e for e in net.out[fid] if e.sync]
            pick = rng.choice(len(routes), size=n, p=np.array([e.calls for e in routes]) / sum(e.calls for e in routes))
            for i, e in enumerate(routes):
                idx = np.nonzero(pick == i)[0]
                t[idx] += journey(e.target, len(idx))
            return t
        for e in net.out[fid]:
            if not e.sync:
                continue
            whole = math.floor(e.calls)
            k = whole + (rng.random(n) < e.calls - whole)
            k = np.where(rng.random(n) < net.nodes[net.flows[fid].component].pass_share, k, 0)
            for j in range(1, int(k.max(initial=0)) + 1):
                idx = np.nonzero(k >= j)[0]
                t[idx] += journey(e.target, len(idx))
        return t

    return journey


def test_convolution_p99_matches_monte_carlo_on_the_checkout_example():
    arch = archkit.load(CHECKOUT)
    assert any(c.operations for c in arch.components)  # the gateway routes by operation
    analysis = analyze(arch)
    sample = _sampler(arch, np.random.default_rng(7))
    web = sample("web", 600_000)
    assert analysis.journeys["web"].latency_mean == pytest.approx(web.mean(), rel=0.02)
    assert analysis.journeys["web"].latency_p99 == pytest.approx(np.quantile(web, 0.99), rel=0.025)
    # the operation with the payment provider on its path, on its own
    place = sample("gateway.place-order", 300_000)
    result = analysis.operations["gateway.place-order"]
    assert result.latency_mean == pytest.approx(place.mean(), rel=0.02)
    assert result.latency_p99 == pytest.approx(np.quantile(place, 0.99), rel=0.025)
