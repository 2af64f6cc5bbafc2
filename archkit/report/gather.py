"""Collect what the report shows: review, analysis, critique, diagrams and charts.

Each piece comes from another area of archkit. A piece that is not installed, or fails, is
recorded with a one-line reason so its section says so plainly instead of the report failing.
"""

from __future__ import annotations

import datetime as dt
import re
import warnings
from dataclasses import dataclass, field
from typing import Any

from archkit.model import Architecture
from archkit.model.errors import ModelError
from archkit.report.doc import Figure


class ReportWarning(UserWarning):
    """A part of the report could not be produced; the report says so in that section."""


NO_CRITIQUE = "No LLM critique was requested for this report."


@dataclass
class Inputs:
    arch: Architecture
    today: dt.date
    review: Any = None
    analysis: Any = None
    critique: Any = None
    diagrams: list[Figure] = field(default_factory=list)
    charts: dict[str, Figure] = field(default_factory=dict)
    er: Figure | None = None  # the ER diagram of the entities
    proof: Any = None  # a data_proof.prove.Proof, when the caller ran one
    missing: dict[str, str] = field(default_factory=dict)  # piece -> why it is not in the report


def _why(exc: BaseException, module: str) -> str:
    if isinstance(exc, ImportError):
        return f"{module} is not available in this installation"
    if isinstance(exc, ModelError):  # the model's fault, not a crash: the section says why
        first = str(exc).strip().splitlines()[0] if str(exc).strip() else ""
        return f"{module} refused the model: {first}"
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
    critique_note: str | None = None,
    proof: Any = None,
) -> Inputs:
    inputs = Inputs(arch=arch, today=today, review=review, analysis=analysis, critique=critique, proof=proof)
    if review is None:
        try:
            from archkit.rules import check

            inputs.review = check(arch, today=today)
        except ModelError as exc:  # e.g. a waiver naming an unknown rule: the model's fault, said in the report
            inputs.missing["review"] = _why(exc, "The review engine (archkit.rules)")
    if analysis is None:
        try:
            from archkit.analysis import analyze

            inputs.analysis = analyze(arch)
        except ModelError as exc:  # AnalysisError: the model cannot be analysed (a synchronous cycle ...)
            inputs.missing["analysis"] = _why(exc, "The analysis (archkit.analysis)")
    if critique is None:
        inputs.missing["critique"] = critique_note or NO_CRITIQUE
    if diagrams:
        _diagrams(inputs)
        if arch.entities:
            _er_diagram(inputs)
    else:
        inputs.missing["diagrams"] = "Diagrams were not requested for this report."
    if inputs.analysis is not None:
        _charts(inputs)
    for piece, why in sorted(inputs.missing.items()):
        if "failed" in why or "not available" in why:
            warnings.warn(f"report: {piece}: {why}", ReportWarning, stacklevel=4)  # the caller of report()
    return inputs


def diagram_views(arch: Architecture) -> list[str]:
    """The views the report draws: the whole system, then the views declared in the model; a model
    without views gets one journey per client (up to four) and the data view when it has data assets.
    A model with operations also gets the call chain of each operation clients call (up to six)."""
    from archkit.model.calls import entry_operations

    operations = [f"operation:{c}.{op}" for c, op in entry_operations(arch)[:MAX_OPERATION_VIEWS]]
    if arch.views:
        return ["system", *[v.id for v in arch.views], *operations]
    views = ["system", *[f"journey:{c.id}" for c in sorted(arch.clients(), key=lambda c: c.id)[:4]]]
    return [*views, *(["data"] if arch.data_assets else []), *operations]


MAX_OPERATION_VIEWS = 6


def _diagrams(inputs: Inputs) -> None:
    from archkit.render import RenderError, view_svgs
    from archkit.report.embed import self_contained_svg

    try:
        seen: set[str] = set()
        for view in diagram_views(inputs.arch):
            # a very large system is drawn as a boundary overview plus one picture per boundary
            for vs, svg in view_svgs(inputs.arch, view):
                if vs.name in seen:
                    continue
                seen.add(vs.name)
                caption = vs.title if view == "system" else f"View: {vs.title}"
                name = "diagram-" + re.sub(r"[^a-z0-9]+", "-", vs.name.lower()).strip("-")
                inputs.diagrams.append(Figure(name, caption, svg=self_contained_svg(svg), wide=True))
    except RenderError as exc:  # Graphviz missing or crashing: the report says so instead of a picture
        inputs.diagrams.clear()
        inputs.missing["diagrams"] = _why(exc, "The diagram renderer (archkit.render)")
    if not inputs.diagrams and "diagrams" not in inputs.missing:
        inputs.missing["diagrams"] = "Nothing to draw: the model has no components yet."


def _er_diagram(inputs: Inputs) -> None:
    from archkit.render import RenderError
    from archkit.render.er import er_svg
    from archkit.report.embed import self_contained_svg

    try:
        svg = er_svg(inputs.arch)
    except RenderError as exc:  # Graphviz missing or crashing: the Data section says so
        inputs.missing["er"] = _why(exc, "The diagram renderer (archkit.render)")
        return
    inputs.er = Figure(
        "diagram-entities",
        "Entities and references (dashed: across stores, kept by the application)",
        svg=self_contained_svg(svg),
        wide=True,
    )


MAX_BARS = 40  # a utilization chart with more bars than this is taller than a page

CHARTS = (
    ("utilization", "utilization_chart", "Utilization of each component at peak"),
    ("latency", "latency_chart", "p99 latency of each client journey against the target"),
    ("availability", "availability_chart", "Availability of each client journey against the target"),
)


def _charts(inputs: Inputs) -> None:
    from archkit.analysis import Analysis
    from archkit.render import charts
    from archkit.report.embed import figure_svg

    limited = [c for c in (inputs.analysis.to_dict().get("components") or {}).values() if isinstance(c, dict)]
    limited = [c for c in limited if c.get("utilization") is not None]
    for key, function, caption in CHARTS:
        if key == "utilization" and len(limited) > MAX_BARS:
            inputs.missing["chart-utilization"] = (
                f"{len(limited)} capacity-limited components are too many bars to read; the table lists each one"
            )
            continue
        if not isinstance(inputs.analysis, Analysis):  # given its figures only (a dict-like stand-in)
            inputs.missing[f"chart-{key}"] = "charts are drawn from the analysis itself; only its figures were given"
            continue
        fig = getattr(charts, function)(inputs.analysis)  # a failing chart is a bug: it must surface
        inputs.charts[key] = Figure(f"chart-{key}", caption, svg=figure_svg(fig))
