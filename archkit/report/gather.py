"""Collect what the report shows: review, analysis, critique, diagrams and charts.

Each piece comes from another area of archkit. A piece that is not installed, or fails, is
recorded with a one-line reason so its section says so plainly instead of the report failing.
"""

from __future__ import annotations

import datetime as dt
import warnings
from dataclasses import dataclass, field
from typing import Any

from archkit.model import Architecture
from archkit.report.doc import Figure


class ReportWarning(UserWarning):
    """A part of the report could not be produced; the report says so in that section."""


@dataclass
class Inputs:
    arch: Architecture
    today: dt.date
    review: Any = None
    analysis: Any = None
    critique: Any = None
    diagrams: list[Figure] = field(default_factory=list)
    charts: dict[str, Figure] = field(default_factory=dict)
    missing: dict[str, str] = field(default_factory=dict)  # piece -> why it is not in the report


def _why(exc: BaseException, module: str) -> str:
    if isinstance(exc, ImportError):
        return f"{module} is not available in this installation"
    text = str(exc).strip().splitlines()[0] if str(exc).strip() else ""
    return f"{module} failed: {type(exc).__name__}{': ' + text if text else ''}"


def gather(
    arch: Architecture,
    *,
    today: dt.date,
    review: Any = None,
    analysis: Any = None,
    critique: Any = None,
    diagrams: bool = True,
) -> Inputs:
    inputs = Inputs(arch=arch, today=today, review=review, analysis=analysis, critique=critique)
    if review is None:
        try:
            from archkit.rules import check

            inputs.review = check(arch, today=today)
        except Exception as exc:
            inputs.missing["review"] = _why(exc, "The review engine (archkit.rules)")
    if analysis is None:
        try:
            from archkit.analysis import analyze  # type: ignore[attr-defined,unused-ignore]

            inputs.analysis = analyze(arch)
        except Exception as exc:
            inputs.missing["analysis"] = _why(exc, "The analysis (archkit.analysis)")
    if critique is None:
        inputs.missing["critique"] = (
            "No LLM critique was requested for this report (`archkit report FILE --critique` adds one)."
        )
    if diagrams:
        _diagrams(inputs)
    else:
        inputs.missing["diagrams"] = "Diagrams were not requested for this report."
    if inputs.analysis is not None:
        _charts(inputs)
    for piece, why in sorted(inputs.missing.items()):
        if piece != "critique" and "not requested" not in why:
            warnings.warn(f"report: {piece}: {why}", ReportWarning, stacklevel=3)
    return inputs


def _diagrams(inputs: Inputs) -> None:
    from archkit.report.embed import self_contained_svg

    try:
        from archkit.render import Diagram  # type: ignore[attr-defined,unused-ignore]
        from archkit.render.views import available_views

        views: list[str | None] = [None, *[v for v in available_views(inputs.arch) if v not in (None, "system")]]
        for view in views:
            svg = Diagram(inputs.arch, view=view).svg()
            name = f"diagram-{view or 'system'}"
            caption = "The whole system" if view is None else f"View: {_view_title(inputs.arch, view)}"
            inputs.diagrams.append(Figure(name, caption, svg=self_contained_svg(svg), wide=True))
    except Exception as exc:
        inputs.diagrams.clear()
        inputs.missing["diagrams"] = _why(exc, "The diagram renderer (archkit.render)")


def _view_title(arch: Architecture, view: str) -> str:
    for v in arch.views:
        if v.id == view:
            return v.name or v.id
    return view


CHARTS = (
    ("utilization", "utilization_chart", "Utilization of each component at peak"),
    ("latency", "latency_chart", "p99 latency of each client journey against the target"),
    ("availability", "availability_chart", "Availability of each client journey against the target"),
)


def _charts(inputs: Inputs) -> None:
    from archkit.report.embed import figure_svg

    try:
        from archkit.render import charts  # type: ignore[attr-defined,unused-ignore]
    except Exception as exc:
        inputs.missing["charts"] = _why(exc, "The charts (archkit.render.charts)")
        return
    for key, function, caption in CHARTS:
        try:
            fig = getattr(charts, function)(inputs.analysis)
            inputs.charts[key] = Figure(f"chart-{key}", caption, svg=figure_svg(fig))
        except Exception as exc:
            inputs.missing[f"chart-{key}"] = _why(exc, f"The {key} chart (archkit.render.charts.{function})")
