"""Queueing formulas against published worked examples (sources cited per test)."""

from __future__ import annotations

import math

import pytest

from archkit.analysis import queueing


def test_mm1_gateway_example_jain():
    # R. Jain, "The Art of Computer Systems Performance Analysis" (Wiley, 1991), Example 31.1:
    # a gateway receives 125 packets/s and takes 2 ms to forward one. Published: utilization
    # 0.25, mean response time 2.67 ms, 90-percentile response time E[r]·ln 10 = 6.13 ms.
    lam, s = 125 / 1000, 2.0  # per ms, ms
    assert queueing.utilization(lam, s, 1) == pytest.approx(0.25)
    mean = queueing.mmc_mean_response(lam, s, 1)
    assert mean == pytest.approx(2.67, abs=0.005)
    assert queueing.mmc_response_quantile(0.90, lam, s, 1) == pytest.approx(6.13, abs=0.02)
    # For M/M/1 the q-quantile is exactly mean·ln(1/(1−q)): p99 = mean·ln 100.
    assert queueing.mmc_response_quantile(0.99, lam, s, 1) == pytest.approx(mean * math.log(100), rel=1e-8)


def test_erlang_c_call_centre_example():
    # The classic Erlang-C walkthrough (Mitan Ltd, "The Erlang-C formula", mitan.co.uk/erlang/
    # elgcmath.htm; the same example is used by most staffing calculators): 360 calls per half
    # hour, 240 s average call, 55 agents -> traffic intensity 48 erlangs, occupancy 0.873,
    # probability of waiting 23.87%, average speed of answer 8.18 s, 84.6% answered within 15 s.
    lam, s, c = 360 / 1800, 240.0, 55  # per second, seconds
    a = lam * s
    assert a == pytest.approx(48.0)
    assert queueing.utilization(lam, s, c) == pytest.approx(0.873, abs=0.0005)
    assert queueing.erlang_c(c, a) == pytest.approx(0.2387, abs=0.0001)
    assert queueing.mmc_mean_wait(lam, s, c) == pytest.approx(8.18, abs=0.01)
    assert 1 - queueing.mmc_wait_sf(15.0, lam, s, c) == pytest.approx(0.846, abs=0.001)


def test_erlang_c_two_servers_closed_form():
    # For c = 2 Erlang C reduces to 2ρ²/(1 + ρ) (Kleinrock, Queueing Systems vol. 1, §3.5):
    # Jain's gateway with two 4 ms processors at 125 packets/s has ρ = 0.25 -> P(wait) = 0.1
    # and mean response 4·(1 + 0.1 / (2·0.75)) = 4.267 ms.
    lam, s = 125 / 1000, 4.0
    assert queueing.erlang_c(2, lam * s) == pytest.approx(2 * 0.25**2 / 1.25)
    assert queueing.mmc_mean_response(lam, s, 2) == pytest.approx(4.2667, abs=1e-4)


@pytest.mark.parametrize(("lam", "s", "c"), [(0.5, 1.0, 1), (7.0, 1.0, 8), (0.9, 10.0, 12), (0.001, 5.0, 4)])
def test_response_quantile_inverts_the_cdf(lam: float, s: float, c: int):
    t = queueing.mmc_response_quantile(0.99, lam, s, c)
    assert queueing.mmc_response_sf(t, lam, s, c) == pytest.approx(0.01, rel=1e-6)
    assert t >= queueing.exp_quantile(0.99, s) - 1e-9  # queueing never makes it faster than service alone


def test_saturated_queue_has_no_finite_latency():
    assert queueing.mmc_mean_response(1.0, 1.0, 1) == math.inf
    assert queueing.mmc_response_quantile(0.99, 2.0, 1.0, 1) == math.inf
    assert queueing.erlang_c(4, 4.0) == 1.0
    assert queueing.erlang_c(4, 0.0) == 0.0


def _erlang_c_direct(c: int, a: float) -> float:
    """The textbook formula evaluated in log space (an independent implementation)."""
    from scipy.special import logsumexp

    terms = [k * math.log(a) - math.lgamma(k + 1) for k in range(c)]
    last = c * math.log(a) - math.lgamma(c + 1) + math.log(c / (c - a))
    return math.exp(last - logsumexp([*terms, last]))


@pytest.mark.parametrize(("c", "a"), [(1, 0.5), (8, 6.5), (55, 48.0), (2000, 1900.0)])
def test_erlang_c_matches_direct_formula_even_for_many_servers(c: int, a: float):
    # 2,000 servers: the naive factorial formula overflows a float; the recursion does not.
    assert queueing.erlang_c(c, a) == pytest.approx(_erlang_c_direct(c, a), rel=1e-9)
