"""Loading pauses the cyclic collector and gives it back as it found it; the analysis needs no SciPy."""

from __future__ import annotations

import gc
import subprocess
import sys
from pathlib import Path

import pytest

from archkit.model import ModelError, loads
from archkit.model.collector import collector_paused

ROOT = Path(__file__).resolve().parents[2]


def test_loading_leaves_the_collector_as_it_was() -> None:
    assert gc.isenabled()
    loads("archkit: 1\nname: t\ncomponents:\n- {id: a, kind: service}\n")
    assert gc.isenabled()
    with pytest.raises(ModelError):
        loads("archkit: 1\nname: t\ncomponents:\n- {id: a, kind: nope}\n")
    assert gc.isenabled()  # also after bad input
    gc.disable()
    try:
        loads("archkit: 1\nname: t\n")
        assert not gc.isenabled()  # a caller that turned it off keeps it off
    finally:
        gc.enable()


def test_nested_pauses_resume_only_at_the_outermost() -> None:
    with collector_paused():
        with collector_paused():
            assert not gc.isenabled()
        assert not gc.isenabled()
    assert gc.isenabled()


def test_the_analysis_does_not_import_scipy() -> None:
    code = (
        "import sys, archkit; from archkit.analysis import analyze; "
        "analyze(archkit.load('examples/social-sharing.yaml')); print('scipy' in sys.modules)"
    )
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True, cwd=ROOT)
    assert out.stdout.strip() == "False"
