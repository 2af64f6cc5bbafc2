"""Journey availability against cloud providers' published composite-availability examples."""

from __future__ import annotations

import pytest

import archkit
from archkit.analysis import analyze


def _model(components: str, links: str, target: str = "") -> archkit.Architecture:
    text = f"archkit: 1\nname: t\nrequirements: {{peak_rps: 10{target}}}\ncomponents:\n{components}links:\n{links}"
    return archkit.loads(text, "t.yaml")


def test_serial_composite_sla_azure():
    # Azure Architecture Center, "Composite SLAs" (quoted in Microsoft Q&A 122986): an App Service
    # web app (99.95%) that writes to SQL Database (99.99%): 99.95% × 99.99% = 99.94%.
    arch = _model(
        "  - {id: user, kind: client}\n"
        "  - {id: web, kind: service, availability: 99.95}\n"
        "  - {id: sql, kind: database, availability: 99.99}\n",
        "  - {from: user, to: web}\n  - {from: web, to: sql}\n",
    )
    result = analyze(arch).journeys["user"]
    assert result.availability == pytest.approx(99.94, abs=0.0005)
    assert result.availability == pytest.approx(100 * 0.9995 * 0.9999, abs=1e-9)


def test_fallback_path_azure():
    # Same source: if SQL Database is down, put transactions in a queue (99.9%). Database or
    # queue = 1 − 0.0001 × 0.001 = 99.99999%; web app and (database or queue) = ~99.95%.
    arch = _model(
        "  - {id: user, kind: client}\n"
        "  - {id: web, kind: service, availability: 99.95}\n"
        "  - {id: sql, kind: database, availability: 99.99}\n"
        "  - {id: queue, kind: queue, availability: 99.9}\n",
        "  - {from: user, to: web}\n  - {from: web, to: sql, fallback: queue}\n",
    )
    result = analyze(arch).journeys["user"]
    assert result.availability == pytest.approx(99.95, abs=0.0005)
    assert result.availability == pytest.approx(100 * 0.9995 * (1 - 0.0001 * 0.001), abs=1e-9)


def test_hard_dependencies_aws():
    # AWS Well-Architected Framework, Reliability Pillar ("Calculating availability with hard
    # dependencies"): a 99.99% system with two 99.99% hard dependencies: 99.99%³ ≈ 99.97%.
    arch = _model(
        "  - {id: user, kind: client}\n"
        "  - {id: app, kind: service, availability: 99.99}\n"
        "  - {id: dep1, kind: external, availability: 99.99}\n"
        "  - {id: dep2, kind: external, availability: 99.99}\n",
        "  - {from: user, to: app}\n  - {from: app, to: dep1}\n  - {from: app, to: dep2}\n",
    )
    assert analyze(arch).journeys["user"].availability == pytest.approx(99.97, abs=0.0005)


def test_redundant_tier_behind_a_single_dependency():
    # Redundant components in parallel: two independent 99.9% replicas give
    # 1 − (1 − 0.999)² = 99.9999% (AWS Reliability Pillar, "Calculating availability with
    # redundant components"; also the System Design Primer, "Availability in parallel").
    # Behind a single 99.99% load balancer the journey is 99.99% × 99.9999%.
    arch = _model(
        "  - {id: user, kind: client}\n"
        "  - {id: lb, kind: load_balancer, availability: 99.99}\n"
        "  - {id: api, kind: service, availability: 99.9, replicas: 2}\n",
        "  - {from: user, to: lb}\n  - {from: lb, to: api}\n",
    )
    result = analyze(arch)
    assert result.components["api"].availability == pytest.approx(99.9999, abs=1e-9)
    assert result.journeys["user"].availability == pytest.approx(100 * 0.9999 * 0.999999, abs=1e-9)


def test_two_regions_behind_traffic_manager_azure():
    # Azure Architecture Center, multi-region composite SLA: (1 − (1 − N)^R) × Traffic Manager,
    # N = one region's composite (App Service 99.95% × SQL 99.99%), R = 2, Traffic Manager 99.99%.
    arch = _model(
        "  - {id: user, kind: client}\n"
        "  - {id: tm, kind: dns, availability: 99.99}\n"
        "  - {id: app-a, kind: service, availability: 99.95}\n"
        "  - {id: sql-a, kind: database, availability: 99.99}\n"
        "  - {id: app-b, kind: service, availability: 99.95}\n"
        "  - {id: sql-b, kind: database, availability: 99.99}\n",
        "  - {from: user, to: tm}\n  - {from: tm, to: app-a, fallback: app-b}\n"
        "  - {from: app-a, to: sql-a}\n  - {from: app-b, to: sql-b}\n",
    )
    n = 0.9995 * 0.9999
    assert analyze(arch).journeys["user"].availability == pytest.approx(100 * (1 - (1 - n) ** 2) * 0.9999, abs=1e-9)


def test_quorum_k_of_n():
    # 2 of 3 replicas at 99%: 3·0.99²·0.01 + 0.99³ = 0.999702.
    arch = _model(
        "  - {id: user, kind: client}\n  - {id: db, kind: database, availability: 99, replicas: 3, quorum: 2}\n",
        "  - {from: user, to: db}\n",
    )
    assert analyze(arch).components["db"].availability == pytest.approx(99.9702, abs=1e-9)


def test_async_consumers_are_off_the_request_path():
    arch = _model(
        "  - {id: user, kind: client}\n"
        "  - {id: api, kind: service, availability: 99.9}\n"
        "  - {id: q, kind: queue, availability: 99.9}\n"
        "  - {id: worker, kind: worker, availability: 90}\n",
        "  - {from: user, to: api}\n  - {from: api, to: q, sync: false}\n  - {from: q, to: worker, sync: false}\n",
    )
    journey = analyze(arch).journeys["user"]
    assert journey.availability == pytest.approx(99.9, abs=1e-9)
    assert journey.dependencies == ["api"]


def test_shared_dependency_counted_once_and_downtime():
    # api calls db twice over two paths (directly and through a helper): db counts once.
    arch = _model(
        "  - {id: user, kind: client}\n"
        "  - {id: api, kind: service, availability: 99.9}\n"
        "  - {id: helper, kind: service, availability: 99.9}\n"
        "  - {id: db, kind: database, availability: 99.9}\n",
        "  - {from: user, to: api}\n  - {from: api, to: helper}\n  - {from: api, to: db, calls: 3}\n"
        "  - {from: helper, to: db}\n",
        ", availability: 99.9",
    )
    journey = analyze(arch).journeys["user"]
    a = 0.999**3
    assert journey.availability == pytest.approx(100 * a, abs=1e-9)
    assert journey.downtime_minutes_per_month == pytest.approx((1 - a) * 730 * 60, rel=1e-9)
    assert journey.downtime_hours_per_year == pytest.approx((1 - a) * 8760, rel=1e-9)
    assert journey.meets_availability is False
    assert journey.availability_gap == pytest.approx(100 * a - 99.9, abs=1e-9)
    assert journey.weakest == ["api", "db", "helper"]
