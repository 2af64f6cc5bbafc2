"""Executed notebooks as static HTML that opens offline.

nbconvert's default page loads require.js, MathJax, Mermaid and (when widget state is saved)
the widget renderer from a public CDN. The workbook's HTML must not: widget outputs become
a short static note (their text form), the saved widget state is dropped, and every script
is removed, so the page is plain HTML with inline CSS and inline images.
"""

from __future__ import annotations

import re
from pathlib import Path
from typing import Any

from archkit.model.io import write_atomic

WIDGET_VIEW = "application/vnd.jupyter.widget-view+json"
WIDGET_STATE = "application/vnd.jupyter.widget-state+json"
WIDGET_NOTE = "[interactive form: open this notebook in JupyterLab to use it; everything it edits is computed above]"

_SCRIPT = re.compile(r"<script\b[^>]*>.*?</script>", re.DOTALL | re.IGNORECASE)


def strip_widgets(nb: Any) -> int:
    """Replace widget views by their static note and drop the saved widget state; returns how many."""
    nb.metadata.pop("widgets", None)
    replaced = 0
    for cell in nb.cells:
        for output in cell.get("outputs", []):
            data = output.get("data")
            if data and WIDGET_VIEW in data:
                data.pop(WIDGET_VIEW)
                data.pop(WIDGET_STATE, None)
                data["text/plain"] = WIDGET_NOTE
                data.pop("text/html", None)
                replaced += 1
    return replaced


def to_static_html(nb: Any) -> str:
    """HTML of a notebook node with no widget state and no script (nothing fetched when opened)."""
    from nbconvert import HTMLExporter

    strip_widgets(nb)
    exporter = HTMLExporter(template_name="lab")
    html, _resources = exporter.from_notebook_node(nb)
    return _SCRIPT.sub("", html)


def write_static_html(notebook: Path, target: Path) -> Path:
    import nbformat

    nb = nbformat.read(str(notebook), as_version=4)
    write_atomic(target, to_static_html(nb))
    return target
