"""A crash is a failure, never a quiet gap: an exception injected into a rule, the analysis and a
report section makes the command exit non-zero (a notebook step: tests/notebooks/test_steps.py)."""

from __future__ import annotations

from pathlib import Path

import pytest

from archkit.cli import main

EXAMPLE = str(Path(__file__).resolve().parents[1] / "examples" / "saas-api.yaml")


def _boom(*args: object, **kwargs: object) -> None:
    raise RuntimeError("injected crash")


def test_a_crashing_rule_fails_check(monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]) -> None:
    import dataclasses

    from archkit.rules import registry as registry_module

    rules = dict(registry_module.registry())
    rules["SEC001"] = dataclasses.replace(rules["SEC001"], check=_boom)
    monkeypatch.setattr(registry_module, "registry", lambda: rules)
    monkeypatch.setattr("archkit.rules.engine.registry", lambda: rules)
    code = main(["check", EXAMPLE, "--fail-on", "critical"])
    out = capsys.readouterr()
    assert code != 0
    assert "SEC001" in out.out + out.err and "injected crash" in out.out + out.err


def test_a_crashing_analysis_fails_analyze(monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]) -> None:
    import archkit.analysis

    monkeypatch.setattr(archkit.analysis, "analyze", _boom)
    monkeypatch.setattr("archkit.analysis.core.analyze", _boom)
    assert main(["analyze", EXAMPLE]) != 0
    assert "injected crash" in capsys.readouterr().err


def test_a_crashing_report_section_fails_report(
    monkeypatch: pytest.MonkeyPatch, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    import sys

    import archkit.report.numbers  # noqa: F401  (the module, not archkit.report's callable)

    monkeypatch.setattr(sys.modules["archkit.report.numbers"], "analysis_section", _boom)
    assert main(["report", EXAMPLE, "--out", str(tmp_path), "--no-diagrams"]) != 0
    assert "injected crash" in capsys.readouterr().err
    assert not list(tmp_path.glob("*.html"))  # no report built around the crash


def test_a_crashing_analysis_inside_the_report_fails_it(
    monkeypatch: pytest.MonkeyPatch, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    monkeypatch.setattr("archkit.analysis.analyze", _boom)
    assert main(["report", EXAMPLE, "--out", str(tmp_path), "--no-diagrams"]) != 0
    assert "injected crash" in capsys.readouterr().err


def test_the_design_document_never_prints_where_the_model_sits(tmp_path: Path) -> None:
    """A model the analysis refuses puts problem messages (FILE:LINE) in the report: with the
    file name only, never the absolute path."""
    model = tmp_path / "deep" / "folder" / "cyclic.yaml"
    model.parent.mkdir(parents=True)
    model.write_text(
        "archkit: 1\nname: Cyclic\ncomponents:\n  - {id: web, kind: client}\n  - {id: a, kind: service}\n"
        "  - {id: b, kind: service}\nlinks:\n  - {from: web, to: a}\n  - {from: a, to: b}\n  - {from: b, to: a}\n",
        encoding="utf-8",
    )
    out = tmp_path / "out"
    assert main(["report", str(model), "--out", str(out), "--no-diagrams"]) == 0
    for written in [*out.glob("*.md"), *out.glob("*.html"), *out.glob("decisions/*")]:
        text = written.read_text(encoding="utf-8")
        assert str(tmp_path) not in text, written
    assert "cyclic.yaml:9: links" in (out / "cyclic-design.md").read_text(encoding="utf-8")


def test_a_crashing_rule_fails_report_and_the_notebook_step(
    monkeypatch: pytest.MonkeyPatch, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    """The report is still written (it lists the rule error), but the exit code fails; the notebook's
    review cell raises, so `archkit workbook` fails on it too."""
    import dataclasses

    import archkit
    from archkit.notebook_steps.review import RuleCrashError, run_review
    from archkit.rules import registry as registry_module

    rules = dict(registry_module.registry())
    rules["SEC001"] = dataclasses.replace(rules["SEC001"], check=_boom)
    monkeypatch.setattr("archkit.rules.engine.registry", lambda: rules)
    assert main(["report", EXAMPLE, "--out", str(tmp_path), "--no-diagrams", "--format", "md"]) == 1
    err = capsys.readouterr().err
    assert "rule(s) SEC001 crashed" in err
    assert "[rule error]" in next(tmp_path.glob("*.md")).read_text(encoding="utf-8") or "crashed" in next(
        tmp_path.glob("*.md")
    ).read_text(encoding="utf-8")
    with pytest.raises(RuleCrashError, match="SEC001"):
        run_review(archkit.load(EXAMPLE), tmp_path / "nb")
