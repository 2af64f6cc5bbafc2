"""Small pieces shared by the forms: labelled rows, inline messages, showing a table or a diagram."""

from __future__ import annotations

import hashlib
import html
import os
from typing import Any

import ipywidgets as widgets

HEADLESS_ENV = "ARCHKIT_HEADLESS"  # set by `archkit workbook` for its kernels
LABEL_WIDTH = "190px"
ERROR_STYLE = "color:#b00020"
OK_STYLE = "color:#1b5e20"


def css_class(name: str) -> str:
    """The CSS class a control carries, so a browser test (or a user stylesheet) can find it."""
    return f"archkit-{name.replace('_', '-')}"


def label(text: str, width: str = LABEL_WIDTH) -> widgets.Label:
    return widgets.Label(text, layout=widgets.Layout(width=width))


def message(text: str = "", *, error: bool = True) -> str:
    """HTML for an inline message; empty text gives an empty string."""
    if not text:
        return ""
    style = ERROR_STYLE if error else OK_STYLE
    return f'<span style="{style}">{html.escape(text, quote=False)}</span>'


def row(name: str, control: widgets.Widget, unit: str = "", hint: str = "") -> tuple[widgets.HBox, widgets.HTML]:
    """``name [control] unit (hint)  message``; returns the row and its message widget."""
    control.add_class(css_class(name))
    note = widgets.HTML("")
    note.add_class(css_class(f"{name}-message"))
    parts: list[widgets.Widget] = [label(name), control]
    if unit or hint:
        parts.append(widgets.HTML(f'<span style="color:#555">{html.escape(unit)} {html.escape(hint)}</span>'))
    parts.append(note)
    return widgets.HBox(parts), note


def button(text: str, name: str, style: str = "") -> widgets.Button:
    b = widgets.Button(description=text, button_style=style)
    b.add_class(css_class(name))
    return b


def tables_html(*frames: Any) -> str:
    """DataFrames as one HTML fragment (an HTML widget shows it the same in a browser and in a test):
    figures formatted as the notebooks format them, each table scrolling in its own box with the
    first column fixed."""
    from archkit.notebook_steps.display import column_formatters

    sticky = (
        "<style>.archkit-table th:first-child,.archkit-table td:first-child"
        "{position:sticky;left:0;background:var(--jp-layout-color0,#fff)}</style>"
    )
    return sticky + "".join(
        '<div class="archkit-table" style="overflow-x:auto;max-width:100%">'
        + frame.to_html(index=False, na_rep="—", escape=True, formatters=column_formatters(frame))
        + "</div>"
        for frame in frames
    )


def diagram_html(arch: Any, *, down: tuple[str, ...] = ()) -> str:
    """An inline SVG diagram of ``arch`` that fits the output's width, and the same at full size
    one click away (a wide system drawn at 1,500 px would otherwise be cut off)."""
    from archkit.render import Diagram

    svg: str = Diagram(arch, down=down).svg()
    svg = svg[svg.find("<svg") :] if "<svg" in svg else svg
    # One copy of the picture; a checkbox switches it between fitted and full size (scrolling).
    key = "archkit-full-" + hashlib.sha1(svg.encode()).hexdigest()[:10]
    return (
        f"<style>#{key} ~ div svg{{max-width:100%;height:auto}}"
        f"#{key}:checked ~ div svg{{max-width:none}}#{key}:checked ~ div{{overflow:auto;max-height:80vh}}</style>"
        f'<input type="checkbox" id="{key}" style="display:none">'
        f'<label for="{key}" style="cursor:pointer;color:#1a73e8">⤢ full size / fit to width</label>'
        f'<div class="archkit-diagram">{svg}</div>'
    )


def problems_text(exc: Exception) -> str:
    """One line per problem of a ModelError or pydantic ValidationError, without file prefixes."""
    problems = getattr(exc, "problems", None)
    if problems is not None:
        return "; ".join(f"{p.path}: {p.message}" if p.path else p.message for p in problems)
    errors = getattr(exc, "errors", None)
    if callable(errors):
        return "; ".join(f"{'.'.join(str(x) for x in e['loc'])}: {e['msg']}" for e in errors())
    return str(exc)


class HeadlessNote:
    """What a form shows in a headless run: a line of text, no widget comm, nothing to render offline."""

    def __init__(self, form: str) -> None:
        self.text = f"[{form}: interactive form; open this notebook in JupyterLab to use it. Everything it edits is computed above.]"

    def _repr_markdown_(self) -> str:
        return f"*{html.escape(self.text, quote=False)}*"

    def __repr__(self) -> str:
        return self.text


class Interactive:
    """``Form.show(...)``: the form in JupyterLab, a static note when the notebook runs headless.

    (Not ``open``: ipywidgets' ``Widget.open`` opens the comm.)
    """

    @classmethod
    def show(cls, *args: Any, **kwargs: Any) -> Any:
        if os.environ.get(HEADLESS_ENV):
            return HeadlessNote(cls.__name__)
        return cls(*args, **kwargs)


def comma_items(text: str) -> list[str]:
    """``a, b,, c`` -> ``["a", "b", "c"]``: how the forms take lists typed on one line."""
    return [part.strip() for part in text.split(",") if part.strip()]
