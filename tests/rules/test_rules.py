"""Every rule against its fixtures: models that must trigger it and close variants that must not."""

from __future__ import annotations

from dataclasses import replace
from pathlib import Path
from typing import Any

import pytest
import yaml

import archkit
from archkit.rules import all_rules, check
from archkit.rules.api_lint import lint_files
from archkit.rules.docs import markdown
from archkit.rules.finding import Review

from .conftest import TODAY, fixture_files, model_from

FIXTURE_FILES = fixture_files()
CASES = [
    pytest.param(code, case, id=f"{code}_{case['id']}")
    for code, spec in FIXTURE_FILES.items()
    for case in spec.get("cases", [])
]


def _expected(entry: Any) -> dict[str, Any]:
    if isinstance(entry, list):
        return {"components": tuple(entry)}
    out: dict[str, Any] = {"components": tuple(entry.get("components", []))}
    if "links" in entry:
        out["links"] = tuple(entry["links"])
    for key in ("severity", "message"):
        if key in entry:
            out[key] = entry[key]
    return out


# A spec rule's fixture gives an OpenAPI document (`spec`, merged over a minimal valid one), which
# `archkit api lint` judges; its findings count as findings on the component `api`. A case that
# also gives a model (an API1xx rule) is checked with the model's `api.spec` naming the document.
SPEC_BASE = {"openapi": "3.1.0", "info": {"title": "fixture", "version": "1.0.0"}}


def _review(code: str, case: dict[str, Any], tmp_path: Path) -> Review:
    if "spec" not in case:
        return check(model_from(case["model"]), select=[code], today=TODAY)
    spec = tmp_path / "api.openapi.yaml"
    spec.write_text(yaml.safe_dump({**SPEC_BASE, **case["spec"]}, sort_keys=False))
    if "model" not in case:
        linted = lint_files([spec], select=[code])
        return Review([replace(f, components=("api",)) for f in linted.findings])
    model = tmp_path / "model.yaml"
    model.write_text(yaml.safe_dump({"archkit": 1, "name": "fixture", **case["model"]}, sort_keys=False))
    return check(archkit.load(model), select=[code], today=TODAY)


@pytest.mark.parametrize(("code", "case"), CASES)
def test_rule_fixture(code: str, case: dict[str, Any], tmp_path: Path) -> None:
    review = _review(code, case, tmp_path)
    assert not review.errors, review.errors[0].message
    expected = sorted((_expected(e) for e in case["expect"]), key=lambda e: e["components"])
    got = sorted(review.findings, key=lambda f: f.components)
    assert [f.rule for f in got] == [code] * len(got)
    assert [f.components for f in got] == [e["components"] for e in expected], [f.message for f in got]
    for f, e in zip(got, expected, strict=True):
        if "links" in e:
            assert f.links == e["links"]
        if "severity" in e:
            assert f.severity == e["severity"]
        assert f.message and f.fix
    for e in expected:  # a message names what the finding is about (a route, a field)
        if "message" in e:
            assert any(e["message"] in f.message for f in got), [f.message for f in got]


def test_every_rule_has_fixtures_that_trigger_and_must_not() -> None:
    missing = []
    for rule in all_rules():
        spec = FIXTURE_FILES.get(rule.code)
        cases = spec.get("cases", []) if spec else []
        if not any(c["expect"] for c in cases):
            missing.append(f"{rule.code}: no fixture that triggers it")
        if not any(not c["expect"] for c in cases):
            missing.append(f"{rule.code}: no close variant that must not trigger")
    assert missing == []


def test_every_fixture_file_names_a_registered_rule() -> None:
    codes = {r.code for r in all_rules()}
    assert sorted(set(FIXTURE_FILES) - codes) == []


def test_every_rule_is_documented() -> None:
    docs = markdown()
    for rule in all_rules():
        assert f"### {rule.code}\n" in docs
        for text in (rule.summary, rule.rationale, rule.fix):
            assert len(text) > 20 and text in docs, rule.code
        assert rule.reads, rule.code


def test_analysis_rules_live_in_the_reserved_code_ranges() -> None:
    from archkit.rules.base import ANALYSIS_CODE_PATTERN

    wrong = [r.code for r in all_rules() if bool(ANALYSIS_CODE_PATTERN.match(r.code)) != r.needs_analysis]
    assert wrong == []


def test_reads_name_real_model_fields() -> None:
    """`reads` is documentation: every entry must be a section or section.field of the model file."""
    from typing import get_args

    from pydantic import BaseModel

    from archkit.model.schema import ModelFile

    def inner(annotation: object) -> type[BaseModel] | None:
        if isinstance(annotation, type) and issubclass(annotation, BaseModel):
            return annotation
        for arg in get_args(annotation):
            found = inner(arg)
            if found is not None:
                return found
        return None

    def resolves(entry: str) -> bool:
        """section, section.field, or a path through nested sections (entities.fields.skew)."""
        model: type[BaseModel] | None = ModelFile
        for part in entry.split("."):
            fields = {f.alias or n: f for n, f in model.model_fields.items()} if model else {}
            if part not in fields:
                return False
            model = inner(fields[part].annotation)
        return True

    wrong = [f"{rule.code}: {entry}" for rule in all_rules() for entry in rule.reads if not resolves(entry)]
    assert wrong == []
