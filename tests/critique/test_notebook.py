"""notebooks/07_critique.ipynb headless (papermill, kernel ``archkit``): skipped without a key, shown with one."""

from __future__ import annotations

import json
from pathlib import Path

import nbformat
import pytest

from tests.critique.conftest import FAKE_KEY
from tests.critique.server import MessagesServer, tool_reply
from tests.critique.test_critique import GOOD

pytestmark = pytest.mark.slow

NOTEBOOK = Path(__file__).resolve().parents[2] / "notebooks" / "07_critique.ipynb"


def execute(model_file: Path, out: Path) -> nbformat.NotebookNode:
    import papermill as pm

    executed = out / "07_critique.ipynb"
    out.mkdir(parents=True, exist_ok=True)
    pm.execute_notebook(
        str(NOTEBOOK),
        str(executed),
        parameters={"model_path": str(model_file), "output_dir": str(out)},
        kernel_name="archkit",
        cwd=str(out),
        progress_bar=False,
        execution_timeout=180,
    )
    return nbformat.read(str(executed), as_version=4)


def outputs(nb: nbformat.NotebookNode) -> str:
    parts = []
    for cell in nb.cells:
        for output in cell.get("outputs", []):
            assert output.output_type != "error", output
            parts.append(output.get("text", ""))
            parts += [str(output.get("data", {}).get(m, "")) for m in ("text/plain", "text/markdown")]
    return "\n".join(parts)


@pytest.fixture(autouse=True)
def _notebook_exists() -> None:
    assert NOTEBOOK.exists(), "notebooks/07_critique.ipynb is missing: run python -m archkit.workbook.build"


def test_without_a_key_the_notebook_says_why_and_finishes(model_file: Path, clean_env: Path) -> None:
    out = clean_env / "out"
    text = outputs(execute(model_file, out))
    assert (
        "critique skipped:** the LLM critique needs an API key: set ANTHROPIC_API_KEY in the environment "
        "(it is never stored)" in text
    )
    assert not (out / "critique.md").exists()


def test_against_the_local_server_the_notebook_shows_the_critique(
    model_file: Path, server: MessagesServer, clean_env: Path
) -> None:
    server.push(tool_reply(GOOD))
    out = clean_env / "out"
    text = outputs(execute(model_file, out))
    assert len(server.requests) == 1
    assert "## LLM critique: Orders" in text
    assert "Cache invalidation on order updates is unspecified." in text  # the new point
    assert "**REL001**: orders-db is a single instance" in text  # linked to the rule finding
    assert "What is the recovery point objective for orders?" in text
    saved = json.loads((out / "critique.json").read_text(encoding="utf-8"))
    assert [p["restates"] for p in saved["points"]] == ["REL001", None]
    written = [p for p in clean_env.rglob("*") if p.is_file()]
    assert any(p.name == "07_critique.ipynb" for p in written)
    for path in written:
        assert FAKE_KEY.encode() not in path.read_bytes(), path
