"""Every notebook runs headless on each example and on a minimal model: once per model, module-scoped."""

from __future__ import annotations

import json
import re
import shutil
from pathlib import Path

import nbformat
import pytest

import archkit
from archkit.workbook import NOTEBOOKS, run_workbook
from tests.conftest import EXAMPLES, MINIMAL_MODEL

pytestmark = [pytest.mark.slow, pytest.mark.xdist_group("workbook")]

MODELS = [*(p.stem for p in EXAMPLES), "minimal", "many-findings"]


@pytest.fixture(scope="module", params=MODELS)
def workbook(request, tmp_path_factory, monkeypatch_module) -> tuple[Path, Path, list[Path]]:
    """(model, out, written) after one full run of the workbook on that model."""
    base = tmp_path_factory.mktemp(request.param)
    model = base / f"{request.param}.yaml"
    if request.param == "minimal":
        model.write_text(MINIMAL_MODEL, encoding="utf-8")
    elif request.param == "many-findings":  # a generated 40-component design with dozens of findings
        from benchmarks.generate import generate

        model.write_text(generate(40, 60, 7), encoding="utf-8")
        assert len(archkit.check(archkit.load(model)).findings) >= 30
    else:
        shutil.copy(next(p for p in EXAMPLES if p.stem == request.param), model)
    out = base / "out"
    # A short cell timeout: no cell needs more than ~15 s, and a stuck kernel is retried well within pytest-timeout.
    written = run_workbook(model, out, progress=None, cell_timeout=60)
    return model, out, written


@pytest.fixture(scope="module")
def monkeypatch_module():
    """No API key reaches the kernels: the critique step must say it is skipped, never call out."""
    mp = pytest.MonkeyPatch()
    mp.delenv("ANTHROPIC_API_KEY", raising=False)
    yield mp
    mp.undo()


def outputs_text(nb: nbformat.NotebookNode) -> str:
    parts = []
    for cell in nb.cells:
        for output in cell.get("outputs", []):
            parts.append(output.get("text", ""))
            for mime in ("text/plain", "text/markdown"):
                parts.append(str(output.get("data", {}).get(mime, "")))
    return "\n".join(parts)


def test_every_notebook_executed_without_error(workbook) -> None:
    _model, out, written = workbook
    assert [p.name for p in written] == [f"{n}.ipynb" for n in NOTEBOOKS] + [f"{n}.html" for n in NOTEBOOKS]
    for name in NOTEBOOKS:
        nb = nbformat.read(str(out / "notebooks" / f"{name}.ipynb"), as_version=4)
        errors = [o for c in nb.cells for o in c.get("outputs", []) if o.output_type == "error"]
        assert errors == [], f"{name}: {errors}"
        assert all(c.execution_count for c in nb.cells if c.cell_type == "code"), f"{name}: a cell did not run"


def test_parameters_were_injected(workbook) -> None:
    model, out, _ = workbook
    for name in NOTEBOOKS:
        nb = nbformat.read(str(out / "notebooks" / f"{name}.ipynb"), as_version=4)
        injected = [c for c in nb.cells if "injected-parameters" in c.metadata.get("tags", [])]
        assert len(injected) == 1
        assert f'model_path = "{model}"' in injected[0].source
        assert f'output_dir = "{out}"' in injected[0].source
        assert f"model:   {model}" in outputs_text(nb)


def test_no_step_says_it_is_not_available(workbook) -> None:
    _, out, _ = workbook
    for name in NOTEBOOKS:
        text = outputs_text(nbformat.read(str(out / "notebooks" / f"{name}.ipynb"), as_version=4))
        assert "not available yet" not in text, name


def test_every_written_path_is_absolute_and_under_output_dir(workbook) -> None:
    _, out, _ = workbook
    for name in NOTEBOOKS:
        text = outputs_text(nbformat.read(str(out / "notebooks" / f"{name}.ipynb"), as_version=4))
        for path in re.findall(r"^wrote (.+)$", text, flags=re.MULTILINE):
            assert Path(path).is_absolute() and Path(path).is_relative_to(out), path
            assert Path(path).exists(), path


def test_review_and_analysis_match_the_python_api(workbook) -> None:
    model, out, _ = workbook
    arch = archkit.load(model)
    review = json.loads((out / "review.json").read_text())
    assert review == json.loads(json.dumps(archkit.check(arch).to_dict(), default=str))
    analysis = json.loads((out / "analysis.json").read_text())
    assert analysis["bottleneck"] == archkit.analyze(arch).to_dict()["bottleneck"]


def test_exports_diagrams_and_design_document(workbook) -> None:
    model, out, _ = workbook
    pngs, svgs = sorted((out / "diagrams").glob("*.png")), sorted((out / "diagrams").glob("*.svg"))
    assert pngs and svgs and len(pngs) == len(svgs)
    assert all(p.stat().st_size > 1000 for p in pngs)
    html = sorted((out / "report").glob("*.html"))
    assert len(html) == 1 and archkit.load(model).name in html[0].read_text(encoding="utf-8")
    assert sorted(p.suffix for p in (out / "formats").iterdir()) == [".dot", ".drawio", ".dsl", ".json", ".json", ".mmd"]


def test_critique_is_skipped_plainly_without_a_key(workbook) -> None:
    _, out, _ = workbook
    text = outputs_text(nbformat.read(str(out / "notebooks" / "07_critique.ipynb"), as_version=4))
    assert "critique skipped" in text
    assert not (out / "critique.md").exists()


def test_static_html_opens_offline(workbook) -> None:
    _, out, _ = workbook
    for name in NOTEBOOKS:
        html = (out / "notebooks" / f"{name}.html").read_text(encoding="utf-8")
        assert "<script" not in html.lower()
        assert not re.search(r"""(?:src|href)=["']https?://""", html), name
        assert "widget-view+json" not in html and "widget-state+json" not in html
    form = (out / "notebooks" / "01_requirements.html").read_text(encoding="utf-8")
    assert "RequirementsForm: interactive form; open this notebook in JupyterLab to use it" in form


def test_headless_kernels_open_no_widget_comms(workbook) -> None:
    _, out, _ = workbook
    for name in NOTEBOOKS:
        nb = nbformat.read(str(out / "notebooks" / f"{name}.ipynb"), as_version=4)
        assert "widgets" not in nb.metadata
        assert not any(
            "application/vnd.jupyter.widget-view+json" in o.get("data", {})
            for c in nb.cells
            for o in c.get("outputs", [])
        )
