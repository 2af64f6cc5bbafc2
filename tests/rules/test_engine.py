"""The engine: waivers, decisions, crashing rules, selection, the Review API."""

from __future__ import annotations

import copy
import dataclasses
import datetime as dt
import json

import pytest

from archkit.model import ModelError
from archkit.rules import Finding, all_rules, check
from archkit.rules.registry import registry

from .conftest import TODAY, model_from

SPOF_MODEL = {
    "components": [
        {"id": "app", "kind": "client"},
        {"id": "api", "kind": "service", "replicas": 1, "health_check": True, "observability": ["logs"]},
        {"id": "db", "kind": "database", "replicas": 1, "backup": True},
    ],
    "links": [{"from": "app", "to": "api", "protocol": "https"}, {"from": "api", "to": "db", "protocol": "sql"}],
}


def _with(**extra: object) -> dict:
    return copy.deepcopy({**SPOF_MODEL, **extra})  # a test may change its copy; never the shared one


def _rel001(review) -> list[Finding]:
    return [f for f in review.findings if f.rule == "REL001"]


def test_at_least_40_rules_in_all_categories() -> None:
    rules = [r for r in all_rules() if not r.needs_analysis]
    assert len(rules) >= 40
    assert {r.category for r in rules} >= {"security", "reliability", "performance", "data", "operability", "model"}
    assert len({r.code for r in all_rules()}) == len(all_rules())


def test_unwaived_spof_counts() -> None:
    review = check(model_from(SPOF_MODEL), select=["REL001"], today=TODAY)
    # one cause (one replica), one finding listing every component it covers
    assert [(f.components, f.severity, f.waived) for f in review.findings] == [(("api", "db"), "high", False)]
    assert review.failed("high") and review.summary()["counted"] == 1
    assert [c for c, _ in review.findings[0].parts] == ["api", "db"]


def test_waiver_waives_only_its_components() -> None:
    waiver = {
        "rule": "REL001",
        "components": ["db"],
        "reason": "managed failover",
        "owner": "ana",
        "expires": "2027-01-31",
    }
    review = check(model_from(_with(waivers=[waiver])), select=["REL001"], today=TODAY)
    by_id = {f.components: f for f in review.findings}
    assert by_id[("db",)].waived and by_id[("db",)].waiver == "managed failover (ana, until 2027-01-31)"
    assert not by_id[("api",)].waived
    assert review.summary()["waived"] == 1 and review.summary()["counted"] == 1
    assert [f.components for f in review.at_or_above("high")] == [("api",)]


def test_waiver_without_components_waives_every_finding_of_the_rule() -> None:
    waiver = {"rule": "rel001", "reason": "prototype", "owner": "ana"}
    review = check(model_from(_with(waivers=[waiver])), select=["REL001"], today=TODAY)
    assert [(f.components, f.waived) for f in review.findings] == [(("api", "db"), True)]
    assert not review.failed("info")


def test_expired_waiver_stops_waiving_and_says_so() -> None:
    waiver = {"rule": "REL001", "components": ["db"], "reason": "pilot", "owner": "ana", "expires": "2026-11-01"}
    review = check(model_from(_with(waivers=[waiver])), select=["REL001", "MODEL006"], today=TODAY)
    db = next(f for f in review.findings if f.rule == "REL001" and "db" in f.components)
    assert not db.waived and db.components == ("api", "db")
    assert "waiver by ana expired on 2026-11-01" in db.message
    expired = [f for f in review.findings if f.rule == "MODEL006"]
    assert [(f.components, f.severity) for f in expired] == [(("db",), "low")]
    # the same waiver on the day it expires still waives
    review = check(model_from(_with(waivers=[waiver])), select=["REL001"], today=dt.date(2026, 11, 1))
    assert next(f for f in review.findings if f.components == ("db",)).waived
    assert not next(f for f in review.findings if f.components == ("api",)).waived


def test_waiver_naming_an_unknown_rule_is_a_model_error_with_line() -> None:
    text = """\
archkit: 1
name: x
components:
  - {id: api, kind: service}
waivers:
  - {rule: OPS0003, reason: r, owner: o}
  - rule: NOPE999
    reason: r
    owner: o
"""
    import archkit

    arch = archkit.loads(text, "m.yaml")
    with pytest.raises(ModelError) as err:
        check(arch)
    assert [str(p) for p in err.value.problems] == [
        "m.yaml:6: waivers[0].rule: unknown rule 'OPS0003' (did you mean 'OPS003'?); see `archkit rules`",
        "m.yaml:7: waivers[1].rule: unknown rule 'NOPE999'; see `archkit rules`",
    ]


def test_accepted_decision_waives_its_rule_for_its_components() -> None:
    decision = {
        "id": "ADR-1",
        "title": "One DB node",
        "status": "accepted",
        "components": ["db"],
        "accepts": ["REL001"],
    }
    review = check(model_from(_with(decisions=[decision])), select=["REL001"], today=TODAY)
    assert [(f.components, f.waived, f.waiver) for f in review.findings] == [
        (("api",), False, None),
        (("db",), True, "accepted by ADR-1: One DB node"),
    ]
    assert "service 'api'" in review.findings[0].message and "'db'" not in review.findings[0].message
    proposed = {**decision, "status": "proposed"}
    review = check(model_from(_with(decisions=[proposed])), select=["REL001"], today=TODAY)
    assert not any(f.waived for f in review.findings)


def test_a_crashing_rule_becomes_a_finding_naming_it(monkeypatch: pytest.MonkeyPatch) -> None:
    def boom(ctx: object) -> list:
        raise AttributeError("'Component' object has no attribute 'replica'")

    rule = registry()["REL001"]
    monkeypatch.setitem(registry(), "REL001", dataclasses.replace(rule, check=boom))
    review = check(model_from(SPOF_MODEL), select=["REL001", "DATA001"], today=TODAY)
    assert [(f.rule, f.source, f.severity) for f in review.findings] == [("REL001", "error", "high")]
    (f,) = review.errors
    assert f.message == (
        "rule REL001 (single-point-of-failure) crashed and did not check this model: "
        "AttributeError: 'Component' object has no attribute 'replica'"
    )
    assert "--ignore REL001" in f.fix
    assert review.failed("high") and review.summary()["errors"] == 1
    # a crash is never waived
    waived = check(
        model_from(_with(waivers=[{"rule": "REL001", "reason": "r", "owner": "o"}])), select=["REL001"], today=TODAY
    )
    assert [(f.source, f.waived) for f in waived.findings] == [("error", False)]


def test_select_and_ignore() -> None:
    arch = model_from(SPOF_MODEL)
    assert check(arch, select=["rel001,DATA001"], today=TODAY).rules_run == ("REL001", "DATA001")
    assert check(arch, select="REL001, data001", today=TODAY).rules_run == ("REL001", "DATA001")
    assert "REL001" not in check(arch, ignore=["REL001"], today=TODAY).rules_run
    with pytest.raises(KeyError, match="unknown rule 'OPS0003' \\(did you mean 'OPS003'\\?\\)"):
        check(arch, select=["OPS0003"])
    with pytest.raises(KeyError, match="unknown rule 'XYZ'"):
        check(arch, ignore=["XYZ"])


def test_findings_sorted_by_severity_and_to_dict() -> None:
    model = _with(requirements={"zero_downtime_deploys": True})
    model["components"][2] = {"id": "db", "kind": "database"}
    review = check(model_from(model, "m.yaml"), today=TODAY)
    ranks = ["info", "low", "medium", "high", "critical"]
    severities = [ranks.index(f.severity) for f in review.findings]
    assert severities == sorted(severities, reverse=True) and severities[0] == 3
    data = json.loads(json.dumps(review.to_dict()))
    assert set(data) == {"findings", "summary"}
    first = data["findings"][0]
    assert {
        "rule",
        "name",
        "severity",
        "category",
        "components",
        "links",
        "message",
        "fix",
        "waived",
        "waiver",
        "source",
        "line",
    } <= set(first)
    assert data["summary"]["total"] == len(review.findings)
    assert data["summary"]["by_severity"]["high"] == sum(1 for f in review.findings if f.severity == "high")


def test_line_points_at_the_component() -> None:
    model = _with()
    model["components"][2] = {"id": "db", "kind": "database"}  # no backup: DATA001 has something to say
    review = check(model_from(model), select=["REL001", "DATA001"], today=TODAY)
    arch = model_from(model)
    lines = {f.rule: f.line for f in review.findings}
    # a finding of many parts points at its first component; a finding on one, at that one
    assert lines == {"REL001": arch.line_of_component("api"), "DATA001": arch.line_of_component("db")}


def test_frame_sorted_by_severity() -> None:
    model = _with(requirements={"zero_downtime_deploys": True})
    review = check(model_from(model), today=TODAY)
    frame = review.frame()
    assert list(frame.columns[:6]) == ["rule", "name", "severity", "category", "components", "links"]
    assert len(frame) == len(review.findings)
    assert list(frame["rule"]) == [f.rule for f in review.findings]
    assert frame["severity"].iloc[0] == "high" and frame["severity"].iloc[-1] in ("low", "info", "medium")
    assert frame["components"].iloc[0] == ", ".join(review.findings[0].components)


def test_baseline_marks_known_findings() -> None:
    review = check(model_from(SPOF_MODEL), select=["REL001"], today=TODAY)
    # a baseline written when only db was a single point (or by an older archkit, one finding each)
    known = [("REL001", ("db",), (), "")]
    marked = review.with_baseline(known)
    assert sorted((f.components, f.baseline, f.counts) for f in marked.findings) == [
        (("api",), False, True),
        (("db",), True, False),
    ]
    assert marked.summary()["baseline"] == 1 and marked.summary()["counted"] == 1
    # and today's key (every part) makes the whole finding known
    assert [f.baseline for f in review.with_baseline([review.findings[0].key]).findings] == [True]


def test_a_rule_yielding_garbage_is_reported_as_a_crash(monkeypatch: pytest.MonkeyPatch) -> None:
    rule = registry()["DATA001"]
    monkeypatch.setitem(registry(), "DATA001", dataclasses.replace(rule, check=lambda ctx: [("db",)]))
    review = check(model_from(SPOF_MODEL), select=["DATA001"], today=TODAY)
    assert [(f.rule, f.source) for f in review.findings] == [("DATA001", "error")]
    assert "AttributeError" in review.findings[0].message


def test_a_model_the_rules_cannot_evaluate_is_reported_once(monkeypatch: pytest.MonkeyPatch) -> None:
    from archkit.model import Problem

    def refuse(ctx: object) -> list:
        raise ModelError([Problem("m.yaml", 9, "links[1]", "synchronous calls form a cycle: a → b → a")])

    for code in ("DATA001", "REL001"):
        monkeypatch.setitem(registry(), code, dataclasses.replace(registry()[code], check=refuse))
    review = check(model_from(SPOF_MODEL), select=["REL001", "DATA001", "REL007"], today=TODAY)
    assert not review.errors  # not a crash: the model cannot be computed
    refusals = [f for f in review.findings if f.rule == "ANALYSIS"]
    assert [(f.rule, f.name, f.severity, f.source, f.message) for f in refusals] == [
        (
            "ANALYSIS",
            "analysis-refused",
            "medium",
            "analysis",
            "the model cannot be analysed, so REL001, DATA001 did not run: m.yaml:9: links[1]: synchronous calls "
            "form a cycle: a → b → a",
        )
    ]
    assert not any(f.rule == "COST001" for f in review.findings)


def test_listing_shortens_long_lists() -> None:
    from archkit.rules.base import listing

    assert listing(["a", "b"]) == "a, b"
    assert listing([f"s{i}" for i in range(9)], 3) == "s0, s1, s2 and 6 more"


@pytest.mark.parametrize(
    ("filename", "body", "message"),
    [
        ("SEC999.py", "X = 1\n", "a rule file must define RULE = Rule(...)"),
        ("SEC998.py", "from archkit.rules.catalog.SEC001 import RULE\n", "file name must be the rule code (SEC001.py)"),
        (
            "SEC997.py",
            "import dataclasses\nfrom archkit.rules.catalog.SEC001 import RULE as R\n"
            "RULE = dataclasses.replace(R, code='SEC997', category='data')\n",
            "category must be 'security' for a SEC code",
        ),
    ],
)
def test_malformed_rule_files_are_refused(
    tmp_path, monkeypatch: pytest.MonkeyPatch, filename: str, body: str, message: str
) -> None:
    import sys

    from archkit.rules import catalog
    from archkit.rules.registry import RegistryError

    (tmp_path / filename).write_text(body, encoding="utf-8")
    monkeypatch.setattr(catalog, "__path__", [*catalog.__path__, str(tmp_path)])
    monkeypatch.setattr(catalog, "CODES", (*catalog.CODES, filename[:-3]))
    registry.cache_clear()
    try:
        with pytest.raises(RegistryError, match=message.replace("(", "\\(").replace(")", "\\)")):
            registry()
    finally:
        sys.modules.pop(f"archkit.rules.catalog.{filename[:-3]}", None)
        monkeypatch.undo()
        registry.cache_clear()
    assert "SEC001" in registry()


def test_waiver_naming_an_unknown_component_is_refused_when_loading() -> None:
    import archkit

    text = "archkit: 1\nname: x\ncomponents:\n  - {id: api, kind: service}\nwaivers:\n  - {rule: REL001, components: [apii], reason: r, owner: o}\n"
    with pytest.raises(ModelError) as err:
        archkit.loads(text, "m.yaml")
    (problem,) = err.value.problems
    assert (problem.line, problem.path) == (6, "waivers[0].components[0]")
    assert "unknown component 'apii' (did you mean 'api'?)" in problem.message


def test_a_listed_rule_file_that_fails_to_import_fails_loudly(tmp_path, monkeypatch: pytest.MonkeyPatch) -> None:
    """The registry is explicit: a listed rule that cannot be imported stops the review with its
    error; it never silently drops out of the review."""
    import sys

    from archkit.rules import catalog

    (tmp_path / "SEC996.py").write_text("raise RuntimeError('boom at import')\n", encoding="utf-8")
    monkeypatch.setattr(catalog, "__path__", [*catalog.__path__, str(tmp_path)])
    monkeypatch.setattr(catalog, "CODES", (*catalog.CODES, "SEC996"))
    registry.cache_clear()
    try:
        with pytest.raises(RuntimeError, match="boom at import"):
            check(model_from(SPOF_MODEL), today=TODAY)
    finally:
        sys.modules.pop("archkit.rules.catalog.SEC996", None)
        monkeypatch.undo()
        registry.cache_clear()


def test_every_rule_file_is_listed_in_the_registry() -> None:
    from pathlib import Path

    from archkit.rules import catalog

    files = sorted(p.stem for p in Path(catalog.__file__).parent.glob("*.py") if not p.stem.startswith("_"))
    assert files == sorted(catalog.CODES)
    assert len(set(catalog.CODES)) == len(catalog.CODES)


def test_aliases_keep_waivers_naming_an_old_code_working(monkeypatch: pytest.MonkeyPatch) -> None:
    import dataclasses

    from archkit.rules import registry as registry_module

    renamed = dataclasses.replace(registry()["REL001"], aliases=("REL900",))
    rules = {**registry(), "REL001": renamed}
    monkeypatch.setattr(registry_module, "registry", lambda: rules)
    registry_module.aliases.cache_clear()
    try:
        assert registry_module.canonical("rel900") == "REL001"
        assert registry_module.get_rule("REL900") is renamed
        with pytest.raises(KeyError, match="unknown rule 'REL901'"):
            registry_module.get_rule("REL901")
    finally:
        registry_module.aliases.cache_clear()


def test_a_waiver_scoped_to_components_never_waives_a_finding_that_names_none() -> None:
    """A waiver for [api] used to waive every finding with no component (MODEL003 here)."""
    text = (
        "archkit: 1\nname: x\ncomponents:\n  - {id: app, kind: client}\n  - {id: api, kind: service}\n"
        "links:\n  - {from: app, to: api}\n"
        "waivers:\n  - {rule: MODEL003, components: [api], reason: r, owner: o}\n"
    )
    import archkit

    review = check(archkit.loads(text, "m.yaml"), select=["MODEL003"], today=TODAY)
    (finding,) = review.findings
    assert finding.components == () and not finding.waived
    whole_rule = text.replace("components: [api], ", "")
    (finding,) = check(archkit.loads(whole_rule, "m.yaml"), select=["MODEL003"], today=TODAY).findings
    assert finding.waived


def test_a_baseline_tells_apart_findings_that_name_no_component(tmp_path) -> None:  # type: ignore[no-untyped-def]
    """Two requirement-level findings of one rule (no components, no links) are two keys, so
    baselining one does not silence the other; a crashed rule is never baselined."""
    import json

    from archkit.cli import main

    text = (
        "archkit: 1\nname: x\nrequirements:\n  functional:\n    - {id: FR1, text: one}\n    - {id: FR2, text: two}\n"
        "components:\n  - {id: app, kind: client}\n  - {id: api, kind: service}\nlinks:\n  - {from: app, to: api}\n"
    )
    import archkit

    review = check(archkit.loads(text, "m.yaml"), today=TODAY)
    componentless = [f for f in review.findings if not f.components and not f.links]
    by_rule: dict[str, list] = {}
    for f in componentless:
        by_rule.setdefault(f.rule, []).append(f)
    rule, twins = next((r, fs) for r, fs in by_rule.items() if len(fs) >= 2)
    marked = review.with_baseline([twins[0].key])
    assert [f.baseline for f in marked.findings if f.rule == rule and not f.components] == [True] + [False] * (
        len(twins) - 1
    )
    # the same through the CLI's JSON baseline
    model = tmp_path / "m.yaml"
    model.write_text(text, encoding="utf-8")
    baseline = tmp_path / "baseline.json"
    baseline.write_text(json.dumps({"findings": [twins[0].to_dict()]}, default=str), encoding="utf-8")
    out = tmp_path / "out.json"
    main(["check", str(model), "--baseline", str(baseline), "--format", "json", "--out", str(out)])
    result = json.loads(out.read_text(encoding="utf-8"))["findings"]
    assert sum(1 for f in result if f["rule"] == rule and f.get("baseline")) == 1


def test_rel101_never_names_a_component_that_reads_as_100_percent() -> None:
    import archkit

    text = (
        "archkit: 1\nname: x\nrequirements: {availability: 99.99}\ncomponents:\n"
        "  - {id: app, kind: client}\n  - {id: api, kind: service, replicas: 3}\n  - {id: db, kind: database}\n"
        "links:\n  - {from: app, to: api}\n  - {from: api, to: db}\n"
    )
    (finding,) = check(archkit.loads(text, "m.yaml"), select=["REL101"], today=TODAY).findings
    assert "db 99.950%" in finding.message
    assert "api" not in finding.message.split("weakest dependencies:")[1]  # 3 replicas: 99.9999999%


def test_one_single_replica_is_one_finding_even_with_zero_downtime_deploys() -> None:
    import archkit

    text = (
        "archkit: 1\nname: x\nrequirements: {zero_downtime_deploys: true}\ncomponents:\n"
        "  - {id: app, kind: client}\n  - {id: api, kind: service, replicas: 1}\nlinks:\n  - {from: app, to: api}\n"
    )
    review = check(archkit.loads(text, "m.yaml"), today=TODAY)
    about_api = [f for f in review.findings if f.components == ("api",) and f.rule in ("REL001", "OPS003")]
    assert [f.rule for f in about_api] == ["REL001"]
    assert "is an outage (zero_downtime_deploys)" in about_api[0].message


def test_sec006_names_only_the_regime_the_data_falls_under() -> None:
    """Carts hold personal data, not cards: the finding says gdpr, not "gdpr, pci"."""
    import archkit

    text = (
        "archkit: 1\nname: x\nrequirements: {compliance: [gdpr, pci]}\ncomponents:\n"
        "  - {id: api, kind: service}\n  - {id: redis-cart, kind: cache, tech: redis}\n"
        "links:\n  - {from: api, to: redis-cart}\n"
        "data_assets:\n  - {id: carts, personal: true, stored_in: [redis-cart]}\n"
    )
    (finding,) = check(archkit.loads(text, "m.yaml"), select=["SEC006"], today=TODAY).findings
    assert "under gdpr and" in finding.message and "pci" not in finding.message
    assert finding.severity == "high"
