"""Static HTML of executed notebooks: widget views become their note, nothing is fetched from a CDN."""

from __future__ import annotations

import re

import nbformat

from archkit.workbook.static_html import WIDGET_NOTE, WIDGET_STATE, WIDGET_VIEW, strip_widgets, to_static_html


def notebook_with_a_widget() -> nbformat.NotebookNode:
    nb = nbformat.v4.new_notebook()
    nb.cells.append(nbformat.v4.new_markdown_cell("# Title with $x^2$"))
    cell = nbformat.v4.new_code_cell("RequirementsForm(path)")
    cell.outputs = [
        nbformat.v4.new_output(
            "display_data",
            data={
                "text/plain": "RequirementsForm(children=(...))",
                WIDGET_VIEW: {"model_id": "abc", "version_major": 2, "version_minor": 0},
            },
        ),
        nbformat.v4.new_output(
            "display_data", data={"text/plain": "a table", "text/html": "<table><tr><td>kept</td></tr></table>"}
        ),
    ]
    nb.cells.append(cell)
    nb.metadata["widgets"] = {WIDGET_STATE: {"state": {"abc": {}}, "version_major": 2, "version_minor": 0}}
    return nb


def test_strip_widgets_leaves_the_static_note() -> None:
    nb = notebook_with_a_widget()
    assert strip_widgets(nb) == 1
    assert "widgets" not in nb.metadata
    assert nb.cells[1].outputs[0].data == {"text/plain": WIDGET_NOTE}
    assert nb.cells[1].outputs[1].data["text/html"].endswith("kept</td></tr></table>")
    assert strip_widgets(nb) == 0


def test_html_has_no_script_and_no_cdn() -> None:
    html = to_static_html(notebook_with_a_widget())
    assert "<script" not in html.lower()
    assert re.findall(r"""(?:src|href)=["'](https?://[^"']+)""", html) == []
    assert "cdnjs" not in html and "unpkg" not in html and "jsdelivr" not in html
    assert "interactive form: open this notebook in JupyterLab" in html
    assert "kept</td>" in html
