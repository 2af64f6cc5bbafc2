"""No rule crashes on the shapes users build: starter patterns, examples, generated models."""

from __future__ import annotations

import sys
from pathlib import Path

import pytest

import archkit
from archkit.model.io import loads
from archkit.patterns import PATTERNS, new_model
from archkit.rules import check
from archkit.rules.base import ANALYSIS_CODE_PATTERN, SEVERITIES

from .conftest import TODAY

ROOT = Path(__file__).resolve().parents[2]
sys.path.insert(0, str(ROOT))
from benchmarks.generate import generate  # noqa: E402


def _structural() -> list[str]:
    from archkit.rules import all_rules

    return [r.code for r in all_rules() if not ANALYSIS_CODE_PATTERN.match(r.code)]


@pytest.mark.parametrize("pattern", sorted(PATTERNS))
def test_patterns_review_without_errors(pattern: str) -> None:
    review = check(loads(new_model("Starter", pattern), f"{pattern}.yaml"), today=TODAY)
    assert review.errors == []


@pytest.mark.parametrize("seed", [1, 2, 3, 4, 5])
def test_generated_models_review_without_errors(seed: int) -> None:
    arch = archkit.loads(generate(80, 200, seed=seed), f"generated-{seed}.yaml")
    review = check(arch, select=_structural(), today=TODAY)
    assert review.errors == []
    assert review.findings, "a random model always has something to say"
    assert all(f.severity in SEVERITIES and f.message and f.fix for f in review.findings)
    # every finding points into the file
    assert all(f.line is not None for f in review.findings if f.components or f.links)


def test_models_built_in_code_have_no_lines() -> None:
    from archkit.model import Architecture

    arch = Architecture(name="in code")
    arch.add_component("app", "client")
    arch.add_component("api", "service")
    arch.connect("app", "api", protocol="https")
    review = check(arch, select=["REL001"], today=TODAY)
    assert [(f.components, f.line) for f in review.findings] == [(("api",), None)]
