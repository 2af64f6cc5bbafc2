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
    requests = 10 / 3 * cost.SECONDS_PER_MONTH  # 10 rps at peak, paid on the average: peak ÷ 3 by default
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


def _one(component: str, requirements: str = "{peak_rps: 90}") -> cost.ComponentCost:
    arch = model("  - {id: app, kind: client}\n" + component, "  - {from: app, to: x}\n", requirements)
    return analyze(arch).components["x"].cost


def test_cpu_and_memory_price_pods_per_vcpu_and_gb_hour():
    pods = _one("  - {id: x, kind: service, replicas: 3, cpu: 0.5, memory_gb: 1}\n")
    assert pods.compute == pytest.approx(3 * (0.5 * cost.PER_VCPU_HOUR + 1 * cost.PER_GB_HOUR) * 730)
    assert pods.basis == "pods: 0.5 vCPU, 1 GB"
    sized = _one("  - {id: x, kind: service, replicas: 3}\n")  # no cpu/memory: the size's instance
    assert sized.compute == pytest.approx(3 * 0.096 * 730) and sized.basis == "medium instance (2 vCPU, 8 GB)"


def test_hosting_decides_managed_or_self_run_price():
    managed = _one("  - {id: x, kind: cache, replicas: 2}\n")
    self_run = _one("  - {id: x, kind: cache, replicas: 2, hosting: self}\n")
    pods = _one("  - {id: x, kind: cache, replicas: 2, hosting: self, cpu: 1, memory_gb: 4}\n")
    assert managed.compute == pytest.approx(2 * 0.149 * 730) and managed.basis == "managed, medium"
    assert self_run.compute == pytest.approx(2 * 0.096 * 730) and self_run.basis.startswith("self-hosted")
    assert pods.compute == pytest.approx(2 * (cost.PER_VCPU_HOUR + 4 * cost.PER_GB_HOUR) * 730)


def test_self_hosted_database_pays_disks_per_replica():
    managed = _one("  - {id: x, kind: database, replicas: 2, storage_gb: 100}\n")
    self_run = _one("  - {id: x, kind: database, replicas: 2, storage_gb: 100, hosting: self}\n")
    assert managed.storage == pytest.approx(100 * 0.115 * 2)
    assert self_run.storage == pytest.approx(100 * cost.SELF_HOSTED_DISK_GB_MONTH * 2)


def test_per_request_prices_follow_peak_to_average():
    fn = "  - {id: x, kind: function, service_time_ms: 100}\n"
    default, steady = _one(fn), _one(fn, "{peak_rps: 90, peak_to_average: 1}")
    assert steady.compute == pytest.approx(3 * default.compute)  # default 3: a third of the peak is paid
    at_peak = 90 * cost.SECONDS_PER_MONTH
    assert steady.compute == pytest.approx(at_peak / 1e6 * 0.20 + at_peak * 0.1 * 1.0 * 0.0000166667)
    # Instances are sized for the peak: the ratio never changes what a service costs.
    service = "  - {id: x, kind: service}\n"
    assert _one(service).compute == _one(service, "{peak_rps: 90, peak_to_average: 6}").compute


def test_every_analysis_states_the_cost_assumption():
    r = analyze(model("  - {id: app, kind: client}\n  - {id: x, kind: service}\n", "  - {from: app, to: x}\n"))
    assert any("peak ÷ 3" in a and cost.PRICE_DATE in a for a in r.assumptions)
    assert r.to_dict()["cost"]["peak_to_average"] == 3


@pytest.mark.parametrize(
    ("component", "field", "says"),
    [
        ("{id: x, kind: service, hosting: self}", "hosting", "not to a service"),
        ("{id: x, kind: service, cpu: 1}", "cpu", "add memory_gb"),
        ("{id: x, kind: service, memory_gb: 2}", "memory_gb", "add cpu"),
        ("{id: x, kind: database, cpu: 1, memory_gb: 2}", "cpu", "set hosting: self"),
        ("{id: x, kind: function, cpu: 1, memory_gb: 2}", "cpu", "not priced per instance"),
    ],
)
def test_pricing_fields_only_where_they_price_something(component: str, field: str, says: str):
    import archkit

    text = f"archkit: 1\nname: t\ncomponents:\n  - {component}\n"
    with pytest.raises(archkit.ModelError) as err:
        archkit.loads(text, "t.yaml")
    problem = err.value.problems[0]
    assert problem.path == f"components[0].{field}" and says in problem.message and problem.line == 4


def test_pricing_fields_where_they_apply_are_valid():
    import archkit

    archkit.loads(
        "archkit: 1\nname: t\ncomponents:\n"
        "  - {id: a, kind: service, cpu: 0.25, memory_gb: 0.5}\n"
        "  - {id: b, kind: database, hosting: self, cpu: 2, memory_gb: 8}\n"
        "  - {id: c, kind: cache, hosting: managed}\n",
        "t.yaml",
    )
