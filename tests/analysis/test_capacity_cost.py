"""Replicas needed (utilization, latency, N+1) and the cost estimate."""

from __future__ import annotations

import pytest

from archkit.analysis import analyze, capacity, cost, queueing

from .helpers import model


@pytest.mark.parametrize(("n", "zones", "expected"), [(1, 1, 2), (4, 1, 5), (2, 3, 3), (4, 2, 8), (4, 3, 6)])
def test_n_plus_one(n: int, zones: int, expected: int):
    assert capacity.n_plus_one(n, zones) == expected


def test_replicas_for_target_utilization():
    # 250 rps × 10 ms = 2.5 erlangs over concurrency 2 at 70% -> 1.79 -> 2 replicas; at 50% -> 3
    assert capacity.replicas_for_utilization(250, 10, 2, 0.7) == 2
    assert capacity.replicas_for_utilization(250, 10, 2, 0.5) == 3
    assert capacity.replicas_for_utilization(0, 10, 2, 0.7) == 1
    assert capacity.replicas_for_utilization(140, 10, 2, 0.7) == 1  # exactly 0.7 fits


def test_replicas_needed_also_meet_the_latency_target():
    slo = 55.0
    arch = model(
        "  - {id: app, kind: client}\n  - {id: api, kind: service, service_time_ms: 10, zones: 2}\n",
        "  - {from: app, to: api}\n",
        f"{{peak_rps: 100, latency_p99_ms: {slo}}}",
    )
    by_utilization = capacity.replicas_for_utilization(100, 10, 1, 0.7)
    expected = next(n for n in range(by_utilization, 20) if queueing.mmc_response_quantile(0.99, 0.1, 10, n) <= slo)
    assert expected > by_utilization  # the latency target, not utilization, decides here
    api = analyze(arch).components["api"]
    assert api.replicas_needed == expected
    assert api.replicas_needed_n_plus_1 == capacity.n_plus_one(expected, 2)
    # Without a latency target only utilization counts.
    plain = model(
        "  - {id: app, kind: client}\n  - {id: api, kind: service, service_time_ms: 10}\n",
        "  - {from: app, to: api}\n",
        "{peak_rps: 100}",
    )
    assert analyze(plain).components["api"].replicas_needed == by_utilization


def test_cost_estimate_exact():
    arch = model(
        "  - {id: app, kind: client}\n"
        "  - {id: api, kind: service, replicas: 3}\n"
        "  - {id: db, kind: database, replicas: 2}\n"
        "  - {id: fn, kind: function, service_time_ms: 100}\n"
        "  - {id: partner, kind: external, cost_usd_per_month: 99}\n",
        "  - {from: app, to: api}\n  - {from: api, to: db}\n  - {from: api, to: fn, calls: 0.1}\n  - {from: api, to: partner}\n",
        "{peak_rps: 100, data_volume_gb: 100, data_growth_gb_per_month: 10, budget_usd_per_month: 600}",
    )
    r = analyze(arch)
    c = r.components
    assert c["api"].cost.total == pytest.approx(3 * 0.096 * 730)
    assert c["db"].cost.storage_gb == 100
    assert c["db"].cost.total == pytest.approx(2 * 0.152 * 730 + 100 * 0.115 * 2)
    assert c["db"].cost.total_at_horizon == pytest.approx(2 * 0.152 * 730 + (100 + 120) * 0.115 * 2)
    requests = 10 * cost.SECONDS_PER_MONTH
    assert c["fn"].cost.total == pytest.approx(requests / 1e6 * 0.20 + requests * 0.1 * 1.0 * 0.0000166667)
    assert c["partner"].cost.total == 99 and c["partner"].cost.source == "override"
    assert c["app"].cost.total == 0
    total = sum(x.cost.total for x in c.values())
    assert r.total_cost == pytest.approx(total)
    assert r.over_budget is (total > 600)
    data = r.to_dict()["cost"]
    assert data["price_date"] == cost.PRICE_DATE and data["budget_usd_per_month"] == 600
    assert data["drivers"][0] == "db"


def test_no_budget_means_no_verdict():
    arch = model("  - {id: app, kind: client}\n  - {id: api, kind: service}\n", "  - {from: app, to: api}\n")
    assert analyze(arch).over_budget is None
