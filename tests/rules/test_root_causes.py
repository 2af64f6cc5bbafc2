"""One finding per root cause, ranked by severity then blast radius: on the examples and on a model
of Google's Online Boutique written from its public description (tests/fixtures/online-boutique.yaml),
which once drew 30 findings, 21 of them from one cause (one replica everywhere)."""

from __future__ import annotations

from pathlib import Path

import pytest

import archkit
from archkit.rules import check

from .conftest import TODAY

ROOT = Path(__file__).resolve().parents[2]
MODELS = [*sorted(ROOT.glob("examples/*.yaml")), ROOT / "tests" / "fixtures" / "online-boutique-components.yaml"]
# The per-operation Online Boutique: each cause once too; its frontend's API contract adds findings of
# its own (unversioned, no error bodies, no idempotency on checkout), so it has more than 11.
PER_OPERATION = ROOT / "tests" / "fixtures" / "online-boutique.yaml"
# Rules that say the same cause in other words; at most one of each group may name a component.
SAME_CAUSE = [
    ("REL001", "OPS003"),
    ("PERF101", "PERF102"),
    ("SEC003", "SEC013", "API031"),
    ("SEC004", "API102"),
    ("API102", "API045", "API046"),
]


def _active(path: Path) -> list:
    return [f for f in check(archkit.load(path), today=TODAY).findings if not f.waived]


@pytest.mark.parametrize("path", [*MODELS, PER_OPERATION], ids=lambda p: p.stem)
def test_no_root_cause_twice_and_no_more_findings_than_components(path: Path) -> None:
    arch = archkit.load(path)
    active = _active(path)
    rules = [f.rule for f in active]
    assert len(rules) == len(set(rules)), rules  # each rule says its cause once
    if path != PER_OPERATION:
        assert len(active) <= len(arch.components)
    else:
        assert len(active) <= 15  # was 22 before one finding per cause
    for group in SAME_CAUSE:
        named = [set(f.components) for f in active if f.rule in group]
        assert len(named) < 2 or not set.intersection(*named), group
    plaintext = [set(f.links) for f in active if f.rule in ("SEC005", "SEC012")]
    assert len(plaintext) < 2 or not set.intersection(*plaintext)


def test_online_boutique_first_finding_is_card_data_over_plain_http() -> None:
    active = _active(ROOT / "tests" / "fixtures" / "online-boutique-components.yaml")
    first = active[0]
    assert (first.rule, first.severity, first.links) == ("SEC005", "critical", ("shoppers->frontend",))
    assert "card-details" in first.message
    rel001 = next(f for f in active if f.rule == "REL001")
    assert len(rel001.components) == 11 and len(rel001.parts) == 11  # one finding for the one cause
    assert not any(f.rule == "PERF101" for f in active)  # saturation is PERF102's, said once
    perf102 = next(f for f in active if f.rule == "PERF102")
    assert perf102.severity == "high" and "default service time" in perf102.message  # capacity never declared


def test_the_order_is_severity_then_blast_radius() -> None:
    review = check(archkit.load(ROOT / "examples" / "social-sharing.yaml"), today=TODAY)
    active = [f for f in review.findings if not f.waived]
    from archkit.rules.base import SEVERITY_RANK

    keys = [(-SEVERITY_RANK[f.severity], -f.blast) for f in active]
    assert keys == sorted(keys)
    mediums = [f for f in active if f.severity == "medium"]
    assert mediums[0].rule == "DATA006" and mediums[0].blast == max(f.blast for f in mediums)


def test_a_target_the_chain_cannot_meet_idle_is_api104s_alone() -> None:
    """Three sequential 40 ms calls against a 100 ms target: API104 (the chain's floor) reports it;
    PERF101 (the loaded p99) would say the same cause again, so it stays quiet for that operation."""
    from .conftest import model_from

    arch = model_from(
        {
            "requirements": {"peak_rps": 10},
            "components": [
                {"id": "web", "kind": "client"},
                {
                    "id": "api",
                    "kind": "service",
                    "service_time_ms": 10,
                    "concurrency": 8,
                    "api": {"style": "rest"},
                    "operations": [
                        {
                            "id": "checkout",
                            "method": "POST",
                            "path": "/orders",
                            "share": 1,
                            "latency_p99_ms": 100,
                            "steps": [{"to": "pay"}, {"to": "pay"}, {"to": "pay"}],
                        },
                    ],
                },
                {"id": "pay", "kind": "service", "service_time_ms": 40, "concurrency": 8, "replicas": 2},
            ],
            "links": [
                {"from": "web", "to": "api", "protocol": "https"},
                {"from": "api", "to": "pay", "protocol": "https"},
            ],
        }
    )
    rules = [f.rule for f in check(arch, select=["API104", "PERF101"], today=TODAY).findings]
    assert rules == ["API104"]


def test_a_severity_set_by_context_says_why_in_the_message_and_the_json() -> None:
    first = _active(MODELS[-1])[0]
    assert first.rule == "SEC005" and first.severity == "critical"
    assert first.message.endswith("— critical because card or health data crosses in clear text from the public side")
    assert first.to_dict()["because"] == "card or health data crosses in clear text from the public side"


def test_sec005_because_follows_the_facts_not_the_rule() -> None:
    base = (
        "archkit: 1\nname: t\nboundaries:\n  - {id: net, trust: public}\n  - {id: core, trust: internal}\n"
        "components:\n  - {id: web, kind: client, boundary: net}\n  - {id: api, kind: service, boundary: core}\n"
        "links:\n  - {from: web, to: api, protocol: http%s}\n"
    )
    card = base.replace(
        "components:", "data_assets:\n  - {id: cards, classification: restricted, payment: true}\ncomponents:"
    )
    crossing = {
        "clear text from the public side": (card % ", data: [cards]", "critical"),
        "the model states plain text": (base % ", tls: false", "high"),
        "no sensitive data is declared on it": (base % "", "medium"),
    }
    for because, (text, severity) in crossing.items():
        (hit,) = [f for f in check(archkit.loads(text, "t.yaml"), today=TODAY).findings if f.rule == "SEC005"]
        assert hit.severity == severity and because in (hit.because or ""), (because, hit.message)


def test_a_finding_whose_severity_is_the_rules_own_has_no_because() -> None:
    for f in _active(PER_OPERATION):
        if f.rule in ("API031", "REL015", "OPS001"):
            assert f.because is None and "because" not in f.to_dict() and " — " not in f.message
