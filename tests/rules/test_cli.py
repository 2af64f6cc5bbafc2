"""archkit check / archkit rules: argument translation, formats and exit codes."""

from __future__ import annotations

import json
from pathlib import Path

import jsonschema
import pytest

import archkit
from archkit.cli import main
from archkit.rules import all_rules
from archkit.rules.docs import markdown

ROOT = Path(__file__).resolve().parents[2]
SOCIAL = str(ROOT / "examples" / "social-sharing.yaml")
SARIF_SCHEMA = json.loads((Path(__file__).parent / "data" / "sarif-2.1.0-subset.schema.json").read_text())

MODEL = """\
archkit: 1
name: Tiny
components:
  - {id: app, kind: client}
  - id: api
    kind: service
    replicas: 2
    health_check: true
    observability: [logs, metrics]
  - {id: db, kind: database, replicas: 1, backup: false}
links:
  - {from: app, to: api, protocol: https}
  - {from: api, to: db, protocol: sql}
"""


@pytest.fixture
def tiny(tmp_path: Path) -> Path:
    path = tmp_path / "tiny.yaml"
    path.write_text(MODEL, encoding="utf-8")
    return path


def _json(capsys: pytest.CaptureFixture[str], *argv: str) -> tuple[int, dict]:
    code = main(["check", *argv, "--format", "json"])
    return code, json.loads(capsys.readouterr().out)


def test_exit_codes_follow_fail_on(tiny: Path, capsys: pytest.CaptureFixture[str]) -> None:
    code, data = _json(capsys, str(tiny))
    severities = {(f["rule"], f["severity"]) for f in data["findings"]}
    assert ("DATA001", "high") in severities and ("REL001", "high") in severities
    assert code == 1
    assert main(["check", str(tiny), "--fail-on", "critical"]) == 0
    assert main(["check", str(tiny), "--ignore", "DATA001,REL001", "--fail-on", "high"]) == 0
    assert main(["check", str(tiny), "--ignore", "DATA001,REL001", "--fail-on", "info"]) == 1


def test_json_shape(tiny: Path, capsys: pytest.CaptureFixture[str]) -> None:
    _, data = _json(capsys, str(tiny), "--select", "DATA001")
    assert data["summary"]["by_severity"] == {"critical": 0, "high": 1, "medium": 0, "low": 0, "info": 0}
    (finding,) = data["findings"]
    assert finding["rule"] == "DATA001" and finding["components"] == ["db"] and finding["links"] == []
    assert finding["line"] == archkit.load(tiny).line_of_component("db") == 10
    assert finding["message"].startswith("database 'db' runs a single copy")


def test_unknown_code_is_a_usage_error(tiny: Path, capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["check", str(tiny), "--select", "PERF1O1"]) == 2  # a letter O for the zero
    err = capsys.readouterr().err
    assert err.startswith("archkit check: unknown rule 'PERF1O1' (did you mean 'PERF101'?)")
    assert main(["check", str(tiny), "--ignore", "nope"]) == 2


def test_bad_model_exits_2_with_file_and_line(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    bad = tmp_path / "bad.yaml"
    bad.write_text("archkit: 1\nname: x\ncomponents:\n  - {id: a, kind: servise}\n", encoding="utf-8")
    assert main(["check", str(bad)]) == 2
    assert capsys.readouterr().err.startswith(f"{bad}:4: components[0].kind:")
    assert main(["check", str(tmp_path / "missing.yaml")]) == 2


def test_sarif_is_valid_and_located(tiny: Path, capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["check", str(tiny), "--format", "sarif"]) == 1
    sarif = json.loads(capsys.readouterr().out)
    jsonschema.validate(sarif, SARIF_SCHEMA, format_checker=jsonschema.FormatChecker())
    run = sarif["runs"][0]
    assert [r["id"] for r in run["tool"]["driver"]["rules"]] == [r.code for r in all_rules()]
    by_rule = {r["ruleId"]: r for r in run["results"]}
    db = by_rule["DATA001"]
    assert db["level"] == "error"
    assert db["locations"][0]["physicalLocation"]["region"] == {"startLine": 10}
    assert db["locations"][0]["physicalLocation"]["artifactLocation"]["uri"].endswith("tiny.yaml")
    assert run["tool"]["driver"]["rules"][db["ruleIndex"]]["id"] == "DATA001"
    levels = {r["properties"]["severity"]: r["level"] for r in run["results"]}
    assert levels.get("low", "note") == "note" and levels.get("medium", "warning") == "warning"


def test_sarif_marks_waived_findings_as_suppressed(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    path = tmp_path / "waived.yaml"
    path.write_text(
        MODEL + "waivers:\n  - {rule: DATA001, components: [db], reason: scratch data, owner: ana}\n", encoding="utf-8"
    )
    assert main(["check", str(path), "--format", "sarif", "--select", "DATA001"]) == 0
    (result,) = json.loads(capsys.readouterr().out)["runs"][0]["results"]
    assert result["suppressions"] == [{"kind": "external", "status": "accepted", "justification": "scratch data (ana)"}]


def test_baseline_only_new_findings_count(tiny: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    baseline = tmp_path / "baseline.json"
    assert main(["check", str(tiny), "--format", "json", "--out", str(baseline)]) == 1
    capsys.readouterr()
    code, data = _json(capsys, str(tiny), "--baseline", str(baseline))
    assert code == 0
    assert data["summary"]["counted"] == 0 and data["summary"]["baseline"] == len(data["findings"]) > 0
    # a change that adds a new high finding fails again, and only that one counts
    worse = tmp_path / "worse.yaml"
    worse.write_text(MODEL.replace("replicas: 2\n", "replicas: 1\n"), encoding="utf-8")
    code, data = _json(capsys, str(worse), "--baseline", str(baseline))
    assert code == 1
    assert [(f["rule"], f["components"]) for f in data["findings"] if not f["baseline"]] == [("REL001", ["api"])]


@pytest.mark.parametrize(
    ("content", "message"),
    [
        ("{not json", "not JSON"),
        ('{"items": []}', 'expected {"findings": [...]}'),
        ('{"findings": [{"severity": "high"}]}', "findings[0] has no rule code"),
    ],
)
def test_bad_baseline_is_a_usage_error(
    tiny: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str], content: str, message: str
) -> None:
    baseline = tmp_path / "b.json"
    baseline.write_text(content, encoding="utf-8")
    assert main(["check", str(tiny), "--baseline", str(baseline)]) == 2
    err = capsys.readouterr().err
    assert err.count("\n") == 1 and message in err and "Traceback" not in err


def test_text_and_markdown(tiny: Path, capsys: pytest.CaptureFixture[str]) -> None:
    main(["check", str(tiny), "--select", "DATA001"])
    out = capsys.readouterr().out
    assert out.splitlines()[0] == (
        f"{tiny}:10: HIGH DATA001 store-without-redundancy: database 'db' runs a single copy and backup: false: "
        "a disk failure or a bad migration loses its data"
    )
    assert out.splitlines()[-1] == "1 high; 1 rules run"
    main(["check", str(tiny), "--select", "DATA001", "--format", "markdown"])
    md = capsys.readouterr().out
    assert "| high | DATA001 store-without-redundancy | `db` |" in md


def test_rules_command(capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["rules", "--format", "json"]) == 0
    listed = json.loads(capsys.readouterr().out)
    assert [r["code"] for r in listed] == [r.code for r in all_rules()]
    assert set(listed[0]) == {"code", "name", "category", "severity", "summary", "rationale", "fix", "reads"}
    assert main(["rules"]) == 0
    lines = capsys.readouterr().out.splitlines()
    assert len(lines) == len(all_rules()) and lines[0].split()[0] == all_rules()[0].code
    assert main(["rules", "--format", "markdown"]) == 0
    assert capsys.readouterr().out == markdown()


def test_social_sharing_fails_on_high_and_passes_on_critical(capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["check", SOCIAL]) == 1
    assert main(["check", SOCIAL, "--fail-on", "critical"]) == 0
