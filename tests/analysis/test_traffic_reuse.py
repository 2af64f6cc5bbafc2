"""The review reads the analysis' own load propagation when it is given one: the same numbers as
propagating again, and never a what-if's."""

from __future__ import annotations

from pathlib import Path

import pytest

import archkit
from archkit.analysis import analyze
from archkit.analysis.load import traffic
from archkit.rules.context import Context

ROOT = Path(__file__).resolve().parents[2]
MODELS = [*sorted((ROOT / "examples").glob("*.yaml")), *sorted((ROOT / "tests" / "fixtures").glob("online*.yaml"))]


@pytest.mark.parametrize("path", MODELS, ids=lambda p: p.stem)
def test_the_analysis_keeps_the_same_traffic_the_review_would_compute(path: Path) -> None:
    arch = archkit.load(path)
    kept = analyze(arch).traffic
    assert kept is not None and kept == traffic(arch)
    assert Context(arch, analysis=analyze(arch)).traffic == traffic(arch)


def test_a_what_if_keeps_no_traffic_and_the_review_propagates_its_own() -> None:
    arch = archkit.load(ROOT / "examples" / "checkout.yaml")
    assert analyze(arch, traffic_factor=2.0).traffic is None
    assert analyze(arch, without=["cart-store"]).traffic is None
    doubled = analyze(arch, traffic_factor=2.0)
    assert Context(arch, analysis=doubled).traffic == traffic(arch)  # the model's own, not × 2
    assert "traffic" not in analyze(arch).to_dict()
