"""The stored notebooks: generated from their source, tagged parameters, no outputs, no logic in cells."""

from __future__ import annotations

import ast

import nbformat
import pytest

from archkit.workbook import NOTEBOOKS, notebooks_dir, select_notebooks
from archkit.workbook.build import build, text_of
from archkit.workbook.runner import WorkbookError

MAX_CODE_LINES = 4  # a cell that grows past a few lines of logic is a missing library function


def read(name: str) -> nbformat.NotebookNode:
    return nbformat.read(str(notebooks_dir() / f"{name}.ipynb"), as_version=4)


def test_every_notebook_is_stored() -> None:
    assert sorted(p.stem for p in notebooks_dir().glob("*.ipynb")) == sorted(NOTEBOOKS)


@pytest.mark.parametrize("name", NOTEBOOKS)
def test_notebook_matches_its_source(name: str) -> None:
    stored = (notebooks_dir() / f"{name}.ipynb").read_text(encoding="utf-8")
    assert stored == text_of(name), "regenerate with: python -m archkit.workbook.build"


def test_build_check_reports_a_changed_notebook(tmp_path) -> None:
    build(tmp_path)
    assert build(tmp_path, check=True) == []
    target = tmp_path / "05_review.ipynb"
    target.write_text(target.read_text().replace("Review", "Reveiw"))
    assert build(tmp_path, check=True) == [target]


@pytest.mark.parametrize("name", NOTEBOOKS)
def test_parameters_cell(name: str) -> None:
    nb = read(name)
    tagged = [c for c in nb.cells if "parameters" in c.metadata.get("tags", [])]
    assert len(tagged) == 1, f"{name}: exactly one cell tagged 'parameters'"
    cell = tagged[0]
    assert cell.cell_type == "code"
    assigned = {
        target.id
        for node in ast.parse(cell.source).body
        if isinstance(node, ast.Assign)
        for target in node.targets
        if isinstance(target, ast.Name)
    }
    assert {"model_path", "output_dir"} <= assigned
    # The parameters come before any cell that uses them.
    first_use = next(
        i for i, c in enumerate(nb.cells) if c.cell_type == "code" and "model_path" in c.source and c is not cell
    )
    assert nb.cells.index(cell) < first_use


@pytest.mark.parametrize("name", NOTEBOOKS)
def test_stored_without_outputs_for_the_archkit_kernel(name: str) -> None:
    nb = read(name)
    assert nb.metadata.kernelspec.name == "archkit"
    for cell in nb.cells:
        if cell.cell_type == "code":
            assert cell.outputs == [] and cell.execution_count is None


@pytest.mark.parametrize("name", NOTEBOOKS)
def test_cells_only_call_archkit(name: str) -> None:
    nb = read(name)
    assert nb.cells[0].cell_type == "markdown" and nb.cells[0].source.startswith(f"# {name[:2]} ·")
    for cell in nb.cells:
        if cell.cell_type != "code" or "parameters" in cell.metadata.get("tags", []):
            continue
        code = [ln for ln in cell.source.splitlines() if ln.strip() and not ln.lstrip().startswith("#")]
        assert len(code) <= MAX_CODE_LINES, f"{name}: cell too long:\n{cell.source}"
        for node in ast.walk(ast.parse(cell.source)):
            if isinstance(node, (ast.Import, ast.ImportFrom)):
                module = node.module if isinstance(node, ast.ImportFrom) else node.names[0].name
                assert (module or "").startswith("archkit"), f"{name}: imports {module}"
            assert not isinstance(node, (ast.For, ast.While, ast.If, ast.FunctionDef, ast.Try)), (
                f"{name}: logic in a cell"
            )


def test_narrative_explains_each_step() -> None:
    words = {
        name: sum(len(c.source.split()) for c in read(name).cells if c.cell_type == "markdown") for name in NOTEBOOKS
    }
    assert all(n >= 150 for n in words.values()), words


@pytest.mark.parametrize(
    ("only", "expected"),
    [
        (None, list(NOTEBOOKS)),
        ("05", ["05_review"]),
        ("6,1", ["01_requirements", "06_capacity_and_availability"]),
        (["08_export", "00"], ["00_start", "08_export"]),
    ],
)
def test_select_notebooks(only, expected) -> None:
    assert select_notebooks(only) == expected


def test_select_unknown_notebook_lists_choices() -> None:
    with pytest.raises(WorkbookError, match=r"no notebook '99'; choose from: 00, 01, 02, 03, 04, 05, 06, 07, 08"):
        select_notebooks("99")
