"""Component and journey latency: M/M/c own time, convolution of a journey, parallel calls."""

from __future__ import annotations

import math

import pytest
from scipy.optimize import brentq

from archkit.analysis import analyze

from .helpers import model


def _quantile(sf, q: float = 0.99) -> float:
    return brentq(lambda t: sf(t) - (1 - q), 1e-9, 1e6, xtol=1e-10)


# Two M/M/1 stages at 100 rps: a (5 ms -> response Exp(rate 1/5 - 0.1 = 0.1/ms)),
# b (2 ms -> response Exp(0.5 - 0.1 = 0.4/ms)).
STAGES = (
    "  - {id: c, kind: client}\n"
    "  - {id: a, kind: service, service_time_ms: 5}\n"
    "  - {id: b, kind: service, service_time_ms: 2}\n"
)


def test_component_own_time_is_mm1():
    r = analyze(model(STAGES, "  - {from: c, to: a}\n  - {from: a, to: b}\n"))
    assert r.components["a"].latency_mean == pytest.approx(10.0)  # 1 / (0.2 − 0.1)
    assert r.components["a"].latency_p99 == pytest.approx(10.0 * math.log(100))
    assert r.components["b"].latency_mean == pytest.approx(2.5)
    assert r.components["a"].wait_probability == pytest.approx(0.5)


def test_sequential_journey_mean_and_p99_match_the_exact_sum():
    r = analyze(model(STAGES, "  - {from: c, to: a}\n  - {from: a, to: b}\n"))
    j = r.journeys["c"]
    assert j.latency_mean == pytest.approx(12.5)
    x, y = 0.1, 0.4  # Exp rates; P(X + Y > t) for the hypoexponential sum
    exact = _quantile(lambda t: (y * math.exp(-x * t) - x * math.exp(-y * t)) / (y - x))
    assert j.latency_p99 == pytest.approx(exact, rel=3e-3)
    assert [c for c, _ in j.contributors] == ["a", "b"]


def test_parallel_calls_take_the_slowest():
    links = "  - {from: c, to: a}\n  - {from: a, to: b, parallel: true}\n  - {from: a, to: b2, parallel: true}\n"
    comps = STAGES + "  - {id: b2, kind: service, service_time_ms: 2}\n"
    j = analyze(model(comps, links)).journeys["c"]
    # own time of a (Exp 0.1) + max of two independent Exp(0.4)
    assert j.latency_mean == pytest.approx(10 + 1 / 0.4 + 1 / 0.4 - 1 / 0.8, rel=3e-3)

    def sf(t: float) -> float:
        # P(X + M > t), X ~ Exp(0.1), M = max of two Exp(0.4): numeric convolution of the exact densities.
        from scipy.integrate import quad

        def f_m(u: float) -> float:
            return 2 * 0.4 * math.exp(-0.4 * u) * (1 - math.exp(-0.4 * u))

        return quad(lambda u: f_m(u) * math.exp(-0.1 * max(t - u, 0.0)), 0, 200)[0]

    assert j.latency_p99 == pytest.approx(_quantile(sf), rel=5e-3)
    sequential = analyze(model(comps, links.replace(", parallel: true", ""))).journeys["c"]
    assert sequential.latency_mean == pytest.approx(15.0)
    assert j.latency_p99 < sequential.latency_p99


def test_calls_multiply_and_fractions_mix():
    twice = analyze(model(STAGES, "  - {from: c, to: a}\n  - {from: a, to: b, calls: 2}\n"))
    assert twice.components["b"].rps == pytest.approx(200)
    b_mean = 1 / (0.5 - 0.2)
    assert twice.journeys["c"].latency_mean == pytest.approx(10 + 2 * b_mean)
    half = analyze(model(STAGES, "  - {from: c, to: a}\n  - {from: a, to: b, calls: 0.5}\n"))
    assert half.journeys["c"].latency_mean == pytest.approx(10 + 0.5 * 1 / (0.5 - 0.05))


def test_cache_hits_skip_the_store():
    comps = (
        "  - {id: c, kind: client}\n  - {id: cache, kind: cache, service_time_ms: 1, concurrency: 1000}\n"
        "  - {id: db, kind: external, service_time_ms: 20}\n"
    )
    r = analyze(model(comps, "  - {from: c, to: cache}\n  - {from: cache, to: db}\n"))
    assert r.journeys["c"].latency_mean == pytest.approx(1 + 20)
    comps = comps.replace("concurrency: 1000", "concurrency: 1000, hit_ratio: 0.75")
    r = analyze(model(comps, "  - {from: c, to: cache}\n  - {from: cache, to: db}\n"))
    assert r.journeys["c"].latency_mean == pytest.approx(1 + 0.25 * 20, rel=1e-6)


def test_elastic_kinds_do_not_queue():
    r = analyze(
        model(
            "  - {id: c, kind: client}\n  - {id: x, kind: external, service_time_ms: 100}\n",
            "  - {from: c, to: x}\n",
            "{peak_rps: 1000000}",
        )
    )
    x = r.components["x"]
    assert x.utilization is None and x.status == "elastic"
    assert x.latency_mean == pytest.approx(100)
    assert x.latency_p99 == pytest.approx(100 * math.log(100))
    assert r.bottleneck is None


def test_saturated_dependency_leaves_the_journey_without_latency():
    r = analyze(model(STAGES, "  - {from: c, to: a}\n  - {from: a, to: b}\n", "{peak_rps: 250, latency_p99_ms: 100}"))
    assert r.components["a"].status == "saturated"
    j = r.journeys["c"]
    assert j.latency_mean is None and j.latency_p99 is None
    assert j.meets_latency is False
    assert j.saturated == ["a"]
    assert r.to_dict()["journeys"]["c"]["latency_ms"] == {"mean": None, "p99": None}


def test_latency_target_met_and_missed():
    ok = analyze(model(STAGES, "  - {from: c, to: a}\n  - {from: a, to: b}\n", "{peak_rps: 100, latency_p99_ms: 80}"))
    assert ok.journeys["c"].meets_latency is True
    late = analyze(model(STAGES, "  - {from: c, to: a}\n  - {from: a, to: b}\n", "{peak_rps: 100, latency_p99_ms: 40}"))
    assert late.journeys["c"].meets_latency is False
    none = analyze(model(STAGES, "  - {from: c, to: a}\n"))
    assert none.journeys["c"].meets_latency is None


def test_a_short_journey_keeps_its_precision_next_to_a_long_one():
    comps = (
        "  - {id: fast, kind: client, rps: 10}\n  - {id: slow, kind: client, rps: 10}\n"
        "  - {id: cache, kind: external, service_time_ms: 0.5}\n  - {id: batch, kind: external, service_time_ms: 20000}\n"
    )
    r = analyze(model(comps, "  - {from: fast, to: cache}\n  - {from: slow, to: batch}\n"))
    assert r.journeys["fast"].latency_p99 == pytest.approx(0.5 * math.log(100), rel=3e-3)
    assert r.journeys["slow"].latency_p99 == pytest.approx(20000 * math.log(100), rel=3e-3)


def test_call_latency_and_timeouts():
    # api (M/M/1, 5 ms at 100 rps -> Exp(0.1/ms)) calls b (Exp(0.4/ms)); gateway gives api 30 ms.
    comps = STAGES + "  - {id: w, kind: worker, service_time_ms: 1}\n  - {id: d, kind: external, service_time_ms: 2}\n"
    links = (
        "  - {from: c, to: a, timeout_ms: 30, retries: 1}\n  - {from: a, to: b, timeout_ms: 50}\n"
        "  - {from: c, to: w, sync: false}\n  - {from: w, to: d, timeout_ms: 1}\n"
    )
    r = analyze(model(comps, links))
    a = r.components["a"]
    assert a.call_latency_mean == pytest.approx(12.5, rel=2e-3)  # the retry adds 0.1% load
    assert r.components["b"].call_latency_p99 == pytest.approx(math.log(100) / 0.4, rel=3e-3)
    by_link = {t.key: t for t in r.timeouts}
    x, y = 0.1, 0.4
    exact = (y * math.exp(-x * 30) - x * math.exp(-y * 30)) / (y - x)  # P(X + Y > 30)
    assert by_link["c->a"].share_over == pytest.approx(exact, rel=0.01)
    assert by_link["a->b"].share_over == pytest.approx(math.exp(-0.4 * 50), abs=1e-6)
    # w is reached only asynchronously: its call to d (M/M/∞, Exp(0.5/ms)) still gets a grid of its own.
    assert by_link["w->d"].share_over == pytest.approx(math.exp(-0.5 * 1), rel=0.01)
    assert r.to_dict()["timeouts"][0] == {
        "link": "c->a",
        "timeout_ms": 30.0,
        "retries": 1,
        "call_p99_ms": pytest.approx(by_link["c->a"].call_p99, abs=1e-3),
        "share_over_timeout": pytest.approx(exact, rel=0.01),
    }
    assert r.components["c"].call_latency_mean is None  # clients are not called
    assert r.frames()["timeouts"].loc["a->b", "timeout_ms"] == 50
    text = r.to_text()
    assert "timeouts shorter than the call takes at peak" in text
    tight = text.split("timeouts shorter")[1].split("cost:")[0]
    assert "c->a: timeout 30 ms" in tight and "a->b" not in tight
