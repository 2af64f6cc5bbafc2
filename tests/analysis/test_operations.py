"""Numbers per operation against textbook formulas computed here, independently of archkit."""

from __future__ import annotations

import json
import math
import subprocess
import sys

import pytest
from scipy.optimize import brentq

import archkit

from .helpers import model


def erlang_c(c: int, a: float) -> float:
    """P(wait) in M/M/c with offered load a = λ·s (textbook sum form)."""
    top = a**c / math.factorial(c) * c / (c - a)
    return top / (sum(a**k / math.factorial(k) for k in range(c)) + top)


def response_p99(pw: float, theta: float, s: float) -> float:
    """p99 of wait (0 w.p. 1 − pw, else Exp(theta)) plus Exp(mean s), by root finding on its survival function."""
    mu = 1.0 / s

    def sf(t: float) -> float:
        hypo = (mu * math.exp(-theta * t) - theta * math.exp(-mu * t)) / (mu - theta)
        return (1 - pw) * math.exp(-mu * t) + pw * hypo

    return brentq(lambda t: sf(t) - 0.01, 0.0, 1e5)


TWO_OPS = model(
    """\
  - {id: web, kind: client, rps: 100}
  - id: api
    kind: service
    replicas: 2
    concurrency: 2
    operations:
      - {id: fast, share: 0.7, service_time_ms: 10}
      - {id: slow, share: 0.3, service_time_ms: 30}
""",
    "  - {from: web, to: api}\n",
)


def test_two_operations_share_one_queue_each_with_its_own_time() -> None:
    result = archkit.analyze(TWO_OPS)
    lam, c = 0.1, 4  # requests per ms, servers
    s_bar = 0.7 * 10 + 0.3 * 30  # 16 ms: rps-weighted mean service time
    a = lam * s_bar
    pw = erlang_c(c, a)
    theta = c / s_bar - lam
    api = result.components["api"]
    assert api.utilization == pytest.approx(a / c)  # Σ λ_op·s_op / c = 0.4
    assert api.wait_probability == pytest.approx(pw)
    for name, s in (("fast", 10.0), ("slow", 30.0)):
        op = result.operations[f"api.{name}"]
        assert op.latency_mean == pytest.approx(s + pw / theta, rel=2e-3)
        assert op.latency_p99 == pytest.approx(response_p99(pw, theta, s), rel=5e-3)
    assert result.operations["api.fast"].rps == pytest.approx(70.0)
    assert result.operations["api.slow"].rps == pytest.approx(30.0)
    # the component's own time is the traffic-weighted mix of its operations
    assert api.latency_mean == pytest.approx(0.7 * (10 + pw / theta) + 0.3 * (30 + pw / theta), rel=1e-6)
    # the client's journey is the same mix
    assert result.journeys["web"].latency_mean == pytest.approx(api.latency_mean, rel=2e-3)


OPTIONAL = model(
    """\
  - {id: web, kind: client, rps: 50}
  - id: frontend
    kind: service
    replicas: 2
    operations:
      - {id: browse, share: 0.8, steps: [{to: catalog}, {to: ads, optional: true}]}
      - {id: checkout, share: 0.2, steps: [{to: catalog}, {to: payments}]}
  - {id: catalog, kind: service, replicas: 2}
  - {id: ads, kind: service, availability: 99}
  - {id: payments, kind: external, availability: 99.5}
""",
    "  - {from: web, to: frontend}\n  - {from: frontend, to: catalog}\n"
    "  - {from: frontend, to: ads}\n  - {from: frontend, to: payments}\n",
    "{peak_rps: 50, availability: 99.9}",
)


def _k_of_n(a: float, n: int) -> float:
    return 1 - (1 - a) ** n


def test_optional_step_stays_outside_availability_and_inside_latency() -> None:
    result = archkit.analyze(OPTIONAL)
    front, catalog = _k_of_n(0.999, 2), _k_of_n(0.999, 2)
    browse = result.operations["frontend.browse"]
    checkout = result.operations["frontend.checkout"]
    assert browse.availability == pytest.approx(100 * front * catalog)  # ads excluded
    assert checkout.availability == pytest.approx(100 * front * catalog * 0.995)
    assert browse.optional == ["ads"] and browse.dependencies == ["catalog"]
    # latency includes the optional call: ads' own time shows up in browse's mean
    ads_time = result.components["ads"].latency_mean
    catalog_time = result.components["catalog"].latency_mean
    front_time = result.components["frontend"].latency_mean
    assert browse.latency_mean == pytest.approx(front_time + catalog_time + ads_time, rel=2e-3)
    # the journey is the traffic-weighted mix of the operations it reaches
    assert result.journeys["web"].availability == pytest.approx(0.8 * browse.availability + 0.2 * checkout.availability)


def test_without_an_optional_dependency_the_operation_stays_available() -> None:
    before = archkit.analyze(OPTIONAL)
    after = archkit.analyze(OPTIONAL, without=["ads"])
    assert after.operations["frontend.browse"].availability == pytest.approx(
        before.operations["frontend.browse"].availability
    )
    assert after.operations["frontend.browse"].latency_p99 is not None
    down = archkit.analyze(OPTIONAL, without=["payments"])
    assert down.operations["frontend.checkout"].availability == 0.0
    assert down.operations["frontend.browse"].availability > 99.9
    # load follows operations: ads only sees browse traffic, payments only checkout's
    assert before.components["ads"].rps == pytest.approx(40.0)
    assert before.components["payments"].rps == pytest.approx(10.0)


def test_a_link_no_step_uses_carries_no_traffic() -> None:
    arch = model(
        """\
  - {id: web, kind: client, rps: 10}
  - id: api
    kind: service
    operations:
      - {id: get, share: 1}
  - {id: db, kind: database}
""",
        "  - {from: web, to: api}\n  - {from: api, to: db}\n",
    )
    assert archkit.analyze(arch).components["db"].rps == 0.0


def test_parallel_steps_count_the_slowest() -> None:
    def op(parallel: str) -> float:
        arch = model(
            f"""\
  - {{id: web, kind: client, rps: 1}}
  - id: api
    kind: service
    service_time_ms: 1
    operations:
      - {{id: page, share: 1, steps: [{{to: a{parallel}}}, {{to: b{parallel}}}]}}
  - {{id: a, kind: function, service_time_ms: 50}}
  - {{id: b, kind: function, service_time_ms: 50}}
""",
            "  - {from: web, to: api}\n  - {from: api, to: a}\n  - {from: api, to: b}\n",
        )
        mean = archkit.analyze(arch).operations["api.page"].latency_mean
        assert mean is not None
        return mean

    sequential, parallel = op(""), op(", parallel: true")
    assert sequential == pytest.approx(1 + 50 + 50, rel=2e-3)
    assert parallel == pytest.approx(1 + 75, rel=5e-3)  # E[max of two Exp(50)] = 50 · (1 + 1/2)


def test_step_retries_and_calls_multiply_load() -> None:
    arch = model(
        """\
  - {id: web, kind: client, rps: 100}
  - id: api
    kind: service
    replicas: 4
    operations:
      - {id: list, share: 1, steps: [{to: db, calls: 3}, {to: psp, calls: 0.25, retries: 2}]}
  - {id: db, kind: database, replicas: 4}
  - {id: psp, kind: external, availability: 90}
""",
        "  - {from: web, to: api}\n  - {from: api, to: db}\n  - {from: api, to: psp}\n",
    )
    result = archkit.analyze(arch)
    assert result.components["db"].rps == pytest.approx(300.0)
    assert result.components["psp"].rps == pytest.approx(25.0 * (1 + 0.1 + 0.01))


def test_json_contract_for_operations(tmp_path) -> None:  # type: ignore[no-untyped-def]
    path = tmp_path / "two.yaml"
    path.write_text(archkit.dumps(TWO_OPS), encoding="utf-8")
    done = subprocess.run(
        [sys.executable, "-m", "archkit", "analyze", str(path), "--format", "json"], capture_output=True, text=True
    )
    assert done.returncode == 0, done.stderr
    out = json.loads(done.stdout)
    op = out["operations"]["api.fast"]
    for key in ("rps", "latency_ms", "availability", "latency_target_ms", "availability_target"):
        assert key in op
    assert set(op["latency_ms"]) == {"mean", "p99"}
    assert op["rps"] == 70.0
    assert op["meets_latency"] is None and op["meets_availability"] is None  # no targets declared
    saturated = subprocess.run(
        [sys.executable, "-m", "archkit", "analyze", str(path), "--format", "json", "--traffic-factor", "3"],
        capture_output=True,
        text=True,
    )
    hot = json.loads(saturated.stdout)["operations"]["api.slow"]  # 300 rps × 16 ms on 4 slots: saturated
    assert hot["latency_ms"] == {"mean": None, "p99": None}
