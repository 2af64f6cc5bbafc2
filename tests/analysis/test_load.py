"""Load propagation (forced-flow law): exact arrival rates on small models."""

from __future__ import annotations

import pytest

from archkit.analysis import AnalysisError, analyze
from archkit.model import ModelError

from .helpers import model

SHOP = model(
    "  - {id: web, kind: client, rps: 300}\n"
    "  - {id: app, kind: client}\n"
    "  - {id: gw, kind: gateway}\n"
    "  - {id: api, kind: service, replicas: 4, concurrency: 2, service_time_ms: 10}\n"
    "  - {id: cache, kind: cache, hit_ratio: 0.9}\n"
    "  - {id: db, kind: database}\n"
    "  - {id: q, kind: queue}\n"
    "  - {id: worker, kind: worker, service_time_ms: 40}\n",
    "  - {from: web, to: gw}\n"
    "  - {from: app, to: gw}\n"
    "  - {from: gw, to: api, calls: 0.5}\n"
    "  - {from: api, to: cache, calls: 3}\n"
    "  - {from: cache, to: db}\n"
    "  - {from: api, to: db, calls: 0.2}\n"
    "  - {from: api, to: q, sync: false, calls: 0.1}\n"
    "  - {from: q, to: worker, sync: false}\n",
    "{peak_rps: 200}",
)


def test_forced_flow_exact_rates():
    r = analyze(SHOP)
    rps = {cid: c.rps for cid, c in r.components.items()}
    # web declares 300; app shares peak_rps (200) alone; gw gets both; api half of it.
    assert rps["web"] == 300 and rps["app"] == 200
    assert rps["gw"] == pytest.approx(500)
    assert rps["api"] == pytest.approx(250)
    assert rps["cache"] == pytest.approx(750)
    # db: misses from the cache (750 × 0.1) + direct writes (250 × 0.2)
    assert rps["db"] == pytest.approx(75 + 50)
    assert rps["q"] == pytest.approx(25) and rps["worker"] == pytest.approx(25)
    assert r.total_rps == pytest.approx(500)


def test_utilization_bottleneck_and_max_rps():
    r = analyze(SHOP)
    # api: 250 rps × 10 ms / (4 × 2) = 0.3125; worker: 25 × 40 ms / 1 = 1.0 -> saturated, the bottleneck
    assert r.components["api"].utilization == pytest.approx(0.3125)
    assert r.components["worker"].utilization == pytest.approx(1.0)
    assert r.components["worker"].status == "saturated"
    assert r.components["worker"].latency_mean is None and r.components["worker"].latency_p99 is None
    assert r.bottleneck == "worker"
    assert r.max_rps == pytest.approx(500.0)
    assert r.saturated() == ["worker"]
    assert r.to_dict()["components"]["worker"]["latency_ms"] == {"mean": None, "p99": None}


def test_hot_threshold_and_elastic_kinds():
    r = analyze(SHOP, traffic_factor=0.7)
    assert r.components["worker"].utilization == pytest.approx(0.7)
    assert r.components["worker"].status == "hot"
    assert r.components["api"].status == "ok"
    assert r.hot() == ["worker"]
    assert r.components["web"].utilization == 0.0
    assert r.max_rps == pytest.approx(500.0)  # total client traffic at saturation does not depend on the factor


def test_cache_without_hit_ratio_passes_everything_and_says_so():
    arch = model(
        "  - {id: c, kind: client}\n  - {id: cache, kind: cache}\n  - {id: db, kind: database}\n",
        "  - {from: c, to: cache}\n  - {from: cache, to: db}\n",
    )
    r = analyze(arch)
    assert r.components["db"].rps == pytest.approx(100)
    assert any("cache: no hit_ratio declared" in a for a in r.assumptions)


def test_retries_multiply_load_by_expected_attempts():
    arch = model(
        "  - {id: c, kind: client}\n  - {id: flaky, kind: external, availability: 90}\n",
        "  - {from: c, to: flaky, retries: 2}\n",
    )
    # p = 0.1: 1 + 0.1 + 0.01 attempts per call
    assert analyze(arch).components["flaky"].rps == pytest.approx(100 * 1.11)


def test_no_traffic_declared_means_zero_and_no_bottleneck():
    arch = model("  - {id: c, kind: client}\n  - {id: api, kind: service}\n", "  - {from: c, to: api}\n", "{}")
    r = analyze(arch)
    assert r.components["api"].rps == 0.0
    assert r.bottleneck is None and r.max_rps is None
    assert any("no requirements.peak_rps" in a for a in r.assumptions)


def test_synchronous_cycle_is_an_error_naming_it():
    arch = model(
        "  - {id: c, kind: client}\n  - {id: a, kind: service}\n  - {id: b, kind: service}\n",
        "  - {from: c, to: a}\n  - {from: a, to: b}\n  - {from: b, to: a}\n",
    )
    with pytest.raises(AnalysisError) as err:
        analyze(arch)
    assert isinstance(err.value, ModelError)
    (problem,) = err.value.problems
    assert "synchronous calls form a cycle: a → b → a" in problem.message or "b → a → b" in problem.message
    assert problem.line is not None and problem.file == "t.yaml"


def test_async_loop_that_converges_is_solved_exactly():
    # worker re-publishes 20% of messages to the queue it reads: q = 100 + 0.2 q -> 125.
    arch = model(
        "  - {id: c, kind: client}\n  - {id: q, kind: queue}\n  - {id: w, kind: worker, service_time_ms: 1}\n",
        "  - {from: c, to: q, sync: false}\n  - {from: q, to: w, sync: false}\n  - {from: w, to: q, sync: false, calls: 0.2}\n",
    )
    r = analyze(arch)
    assert r.components["q"].rps == pytest.approx(125)
    assert r.components["w"].rps == pytest.approx(125)


def test_async_loop_that_diverges_is_an_error():
    arch = model(
        "  - {id: c, kind: client}\n  - {id: q, kind: queue}\n  - {id: w, kind: worker}\n",
        "  - {from: c, to: q, sync: false}\n  - {from: q, to: w, sync: false}\n  - {from: w, to: q, sync: false, calls: 1}\n",
    )
    with pytest.raises(
        AnalysisError, match=r"the loop through (q → w → q|w → q → w) multiplies load by 1\.00 per round"
    ):
        analyze(arch)


def test_unknown_what_if_id_says_did_you_mean():
    with pytest.raises(AnalysisError, match="unknown component 'cahce' \\(did you mean 'cache'\\?\\)"):
        analyze(SHOP, without=["cahce"])


def test_writes_into_a_cache_end_there_reads_miss_through():
    arch = model(
        "  - {id: c, kind: client}\n  - {id: api, kind: service, replicas: 4}\n  - {id: w, kind: worker, replicas: 4}\n"
        "  - {id: cache, kind: cache, hit_ratio: 0.8}\n  - {id: db, kind: database}\n",
        "  - {from: c, to: api}\n  - {from: c, to: w, sync: false, calls: 0.5}\n"
        "  - {from: api, to: cache, access: read}\n  - {from: w, to: cache, access: write, calls: 2}\n"
        "  - {from: cache, to: db}\n",
    )
    r = analyze(arch)
    assert r.components["cache"].rps == pytest.approx(100 + 100)  # 100 reads + 50 × 2 writes
    assert r.components["db"].rps == pytest.approx(100 * 0.2)  # only read misses go on
    down = analyze(arch, without=["cache"])
    assert down.components["db"].rps == pytest.approx(100)  # every read, no writes


@pytest.mark.parametrize(
    ("kwargs", "message"),
    [
        ({"replicas": {"api": 0}}, "replicas for 'api' must be a whole number >= 1"),
        ({"traffic_factor": -1.0}, "traffic_factor must be >= 0"),
        ({"target_utilization": 0.0}, "target_utilization must be in \\(0, 1\\]"),
    ],
)
def test_bad_what_if_arguments(kwargs: dict, message: str):
    with pytest.raises(AnalysisError, match=message):
        analyze(SHOP, **kwargs)
