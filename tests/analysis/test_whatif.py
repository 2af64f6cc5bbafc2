"""What-if analyses (traffic factor, components down, replica overrides), diff, and the result shapes."""

from __future__ import annotations

import json

import pytest

from archkit.analysis import analyze, diff

from .helpers import model
from .test_load import SHOP


def test_traffic_factor_scales_load_but_not_max_rps():
    base, tenfold = analyze(SHOP), analyze(SHOP, traffic_factor=10)
    assert tenfold.components["api"].rps == pytest.approx(10 * base.components["api"].rps)
    assert tenfold.total_rps == pytest.approx(5000)
    assert tenfold.max_rps == pytest.approx(base.max_rps)
    assert tenfold.components["api"].status == "saturated"  # 3.125
    assert any("× 10" in a for a in tenfold.assumptions)


def test_cache_down_sends_every_read_to_the_store():
    r = analyze(SHOP, without=["cache"])
    assert r.components["cache"].status == "bypassed"
    assert r.components["db"].rps == pytest.approx(750 + 50)  # all 750 cache calls + 50 direct
    assert r.components["cache"].availability == 100.0
    assert any("cache cache is down and bypassed" in a for a in r.assumptions)


def test_component_down_sheds_its_load_and_fails_the_journey():
    r = analyze(SHOP, without=["api"])
    assert r.components["api"].status == "down"
    assert r.components["cache"].rps == 0.0 and r.components["q"].rps == 0.0
    assert r.journeys["web"].availability == 0.0
    assert r.components["api"].latency_mean is None and r.components["api"].latency_p99 is None
    assert r.components["q"].rps == 0.0 and r.components["worker"].status == "ok"
    assert r.bottleneck != "api"


def test_component_down_with_fallback_moves_the_load():
    arch = model(
        "  - {id: app, kind: client}\n  - {id: api, kind: service, replicas: 2}\n"
        "  - {id: primary, kind: external, availability: 99}\n  - {id: backup, kind: external, availability: 99.5}\n",
        "  - {from: app, to: api}\n  - {from: api, to: primary, fallback: backup}\n",
        "{peak_rps: 40}",
    )
    normal = analyze(arch)
    assert normal.components["primary"].rps == 40 and normal.components["backup"].rps == 0
    assert normal.journeys["app"].availability == pytest.approx(100 * (1 - 0.001**2) * (1 - 0.01 * 0.005))
    down = analyze(arch, without=["primary"])
    assert down.components["primary"].rps == 0 and down.components["backup"].rps == 40
    assert down.journeys["app"].availability == pytest.approx(100 * (1 - 0.001**2) * 0.995)


def test_replica_override_changes_utilization_and_cost():
    base, more = analyze(SHOP), analyze(SHOP, replicas={"worker": 4})
    assert more.components["worker"].utilization == pytest.approx(0.25)
    assert more.components["worker"].cost.total == pytest.approx(4 * base.components["worker"].cost.total)
    assert more.bottleneck == "api"


def test_diff_lists_what_changed_and_nothing_else():
    a, b = analyze(SHOP), analyze(SHOP, replicas={"worker": 4})
    d = diff(a, b)
    assert set(d.components) == {"worker"}
    assert d.components["worker"]["status"] == ("saturated", "ok")
    assert d.overall["bottleneck"] == ("worker", "api")
    assert not diff(a, analyze(SHOP))
    assert str(diff(a, a)) == "no change"
    frame = d.frame()
    assert list(frame.columns) == ["scope", "id", "field", "before", "after"]
    assert ("component", "worker", "utilization") in set(zip(frame.scope, frame.id, frame.field, strict=True))
    assert json.dumps(d.to_dict())


def test_to_dict_follows_the_contract_and_is_strict_json():
    data = analyze(SHOP).to_dict()
    text = json.dumps(data, allow_nan=False)
    assert json.loads(text) == data
    assert {"components", "journeys", "bottleneck", "max_rps"} <= set(data)
    api = data["components"]["api"]
    assert {"rps", "utilization", "latency_ms", "replicas_needed"} <= set(api)
    assert set(api["latency_ms"]) == {"mean", "p99"}
    assert set(data["journeys"]["web"]) >= {"latency_ms", "availability"}
    assert data["bottleneck"] == "worker" and data["max_rps"] == 500.0


def test_frames_for_notebooks():
    frames = analyze(SHOP).frames()
    assert set(frames) == {"components", "journeys", "cost", "timeouts", "operations"}
    assert frames["operations"].empty  # a model without operations has none
    assert frames["timeouts"].empty  # SHOP declares no timeouts
    assert frames["components"].loc["api", "rps"] == pytest.approx(250)
    assert list(frames["journeys"].index) == ["web", "app"]
    assert frames["cost"].loc["api", "usd_per_month"] > 0


def test_text_output_names_bottleneck_and_assumptions():
    text = analyze(SHOP).to_text()
    assert "bottleneck: worker at 100%" in text
    assert "SATURATED (>= 100%): worker" in text
    assert "assumptions" in text and "Poisson" in text


def test_a_client_taken_down_sends_nothing():
    r = analyze(SHOP, without=["web"])
    assert r.total_rps == pytest.approx(200)
    assert r.components["gw"].rps == pytest.approx(200)
    assert r.journeys["web"].availability == 0.0 and r.journeys["web"].latency_mean is None
    assert r.journeys["app"].availability > 0
