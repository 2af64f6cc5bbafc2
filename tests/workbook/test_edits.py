"""Scripted edits of a model file: only what is asked changes."""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest

import archkit
from archkit.model import ModelError
from archkit.workbook import edits

EXAMPLE = Path(__file__).resolve().parents[2] / "examples" / "social-sharing.yaml"


@pytest.fixture
def model(tmp_path: Path) -> Path:
    path = tmp_path / "system.yaml"
    shutil.copy(EXAMPLE, path)
    return path


def test_the_documented_partial_update_changes_only_its_keys(model: Path) -> None:
    before = archkit.load(model).requirements
    before_text = model.read_text(encoding="utf-8")
    edits.set_requirements(model, {"peak_rps": 1500, "availability": 99.95})  # docs/notebooks.md
    after = archkit.load(model).requirements
    assert after.peak_rps == 1500 and after.availability == 99.95
    untouched = before.model_dump(exclude={"peak_rps", "availability"})
    assert after.model_dump(exclude={"peak_rps", "availability"}) == untouched
    assert [fr.id for fr in after.functional] == ["FR1", "FR2", "FR3", "FR4", "FR5"]
    # the file changes on the one line that holds peak_rps (availability was already 99.95)
    changed = [
        (a, b)
        for a, b in zip(before_text.splitlines(), model.read_text(encoding="utf-8").splitlines(), strict=True)
        if a != b
    ]
    assert changed == [
        (
            "  peak_rps: 1200                  # evening peak, all clients; 3x the daily average",
            "  peak_rps: 1500                  # evening peak, all clients; 3x the daily average",
        )
    ]


def test_a_value_of_none_clears_a_field(model: Path) -> None:
    edits.set_requirements(model, {"budget_usd_per_month": None})
    after = archkit.load(model).requirements
    assert after.budget_usd_per_month is None and after.peak_rps == 1200


def test_an_unknown_requirement_is_refused_and_nothing_written(model: Path) -> None:
    before = model.read_bytes()
    with pytest.raises(ModelError, match=r"unknown requirement 'peak_rpss' \(did you mean 'peak_rps'\?\)"):
        edits.set_requirements(model, {"peak_rpss": 10})
    assert model.read_bytes() == before
