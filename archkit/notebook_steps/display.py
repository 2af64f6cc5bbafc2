"""Showing results in a notebook (IPython display when in a kernel, plain text otherwise)."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path
from typing import TYPE_CHECKING, Any

from archkit.analysis.cost import cost_assumption
from archkit.model.schema import MOST_SEVERE_FIRST

if TYPE_CHECKING:
    import pandas as pd


SEVERITY_ORDER = MOST_SEVERE_FIRST


def in_ipython() -> bool:
    try:
        from IPython import get_ipython
    except ImportError:
        return False
    return get_ipython() is not None


def show_markdown(markdown: str, plain: str) -> None:
    if not in_ipython():
        print(plain)
        return
    from IPython.display import Markdown, display

    display(Markdown(markdown))


def show_image(path: Path) -> None:
    """Show a saved PNG (the same bytes as the file, whatever matplotlib backend the kernel has)."""
    if in_ipython():
        from IPython.display import Image, display

        display(Image(filename=str(path)))


def show(obj: Any) -> None:
    if not in_ipython():
        print(obj)
        return
    from IPython.display import display

    display(obj)


# --------------------------------------------------------------------------- display helpers
def show_frames(analysis: Any) -> None:
    """Show each table of the analysis under its name, numbers formatted for people."""
    if analysis is None:
        return
    for name, frame in analysis.frames().items():
        if name == "operations" and frame.empty:
            continue  # a model without operations: nothing to say per operation
        show_markdown(f"**{name}**", name)
        show(readable(frame))
        if name == "cost":  # the table's figures mean little without what they assume
            said = cost_assumption(analysis.peak_to_average)
            show_markdown(f"*{said}*", said)


def _blank_if_missing(fmt: Callable[[float], str]) -> Callable[[Any], str]:
    def format_value(value: Any) -> str:
        if value is None or (isinstance(value, float) and value != value):  # None or NaN
            return "—"
        if value == float("inf"):  # a saturated component or journey has no finite latency
            return "saturated"
        return fmt(float(value))

    return format_value


# Column name -> how its numbers read: a share as a percent, ms with one decimal, money in dollars.
_FORMATS: list[tuple[Callable[[str], bool], Callable[[float], str]]] = [
    (lambda c: c == "utilization" or c.startswith("share") or c == "wait_probability", "{:.1%}".format),
    (lambda c: "availability" in c, "{:.7g}".format),  # 99.99997 must not read as 100
    (lambda c: "usd" in c, "${:,.0f}".format),
    (lambda c: c.endswith("_ms") or "latency" in c, "{:,.1f}".format),
    (lambda c: c == "rps" or c.endswith("_rps"), "{:,.1f}".format),
    (lambda c: c.endswith("_gb") or "downtime" in c, "{:,.1f}".format),
]


def column_formatters(frame: pd.DataFrame) -> dict[str, Callable[[Any], str]]:
    result = {}
    for column in frame.columns:
        if frame[column].dtype.kind != "f":
            continue
        fmt = next((f for match, f in _FORMATS if match(str(column))), "{:,.4g}".format)
        result[column] = _blank_if_missing(fmt)
    return result


def readable(frame: pd.DataFrame) -> Any:
    """The frame for display: percents, ms, dollars and rps rounded as a person reads them, '—' for
    a missing figure (an elastic component has no utilization). The data itself is not changed."""
    formatters = column_formatters(frame)
    if not in_ipython():
        return frame.to_string(formatters=formatters, na_rep="—")
    return ScrollingTable(frame.style.format(formatters, na_rep="—").set_sticky(axis="index"))


class ScrollingTable:
    """A wide table that scrolls inside its own box, its first column (the index) fixed, instead
    of being cut off at the right edge of the output."""

    def __init__(self, styler: Any) -> None:
        self.styler = styler

    def _repr_html_(self) -> str:
        return f'<div class="archkit-table" style="overflow-x:auto;max-width:100%">{self.styler.to_html()}</div>'

    def __repr__(self) -> str:
        return str(self.styler.data)


def show_critique(critique: Any) -> None:
    if critique is None:
        return
    show_markdown(critique.to_markdown(), critique.to_markdown())
