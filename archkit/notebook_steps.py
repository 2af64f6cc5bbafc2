"""The small functions the guided notebooks call, one per step.

A notebook cell is a line or two calling one of these; everything a headless run must
produce is computed here from the notebook's parameters (``model_path``, ``output_dir``),
and every file is written under ``output_dir``. Each step that needs another area
(review, analysis, diagrams, critique, report) asks :func:`piece` for it and, when that
area is not installed or not built yet, says so plainly with :func:`step_unavailable`
instead of failing the notebook.
"""

from __future__ import annotations

import json
import os
from collections.abc import Callable
from importlib import import_module
from pathlib import Path
from typing import TYPE_CHECKING, Any

from archkit.model import Architecture, load
from archkit.model.io import write_atomic

if TYPE_CHECKING:
    import pandas as pd

# piece name -> (module, attribute) it needs; see the contracts in DESIGN.md.
PIECES: dict[str, tuple[str, str]] = {
    "review": ("archkit.rules", "check"),
    "analysis": ("archkit.analysis", "analyze"),
    "charts": ("archkit.render.charts", "utilization_chart"),
    "diagrams": ("archkit.render", "diagram"),
    "critique": ("archkit.critique", "critique"),
    "report": ("archkit.report", "report"),
}
SEVERITY_ORDER = ("critical", "high", "medium", "low", "info")

_why_missing: dict[str, str] = {}


# --------------------------------------------------------------------------- availability
def piece(name: str) -> Any | None:
    """The function behind a piece (e.g. ``piece("review")`` is ``archkit.rules.check``), or None if missing."""
    module_name, attribute = PIECES[name]
    try:
        return getattr(import_module(module_name), attribute)
    except ImportError as exc:
        _why_missing[name] = f"{module_name} cannot be imported ({exc})"
    except AttributeError:
        _why_missing[name] = f"{module_name} has no {attribute}() yet"
    return None


def step_unavailable(name: str, reason: str | None = None) -> str:
    """Say plainly that a step cannot run here, and why; returns the message."""
    why = reason or _why_missing.get(name, "")
    text = f"{name}: this step is not available yet." + (f" ({why})" if why else "")
    bold = f"**{name}: this step is not available yet.**" + (f" ({why})" if why else "")
    _show_markdown(f"> {bold}", text)
    return text


def _in_ipython() -> bool:
    try:
        from IPython import get_ipython
    except ImportError:
        return False
    return get_ipython() is not None


def _show_markdown(markdown: str, plain: str) -> None:
    if not _in_ipython():
        print(plain)
        return
    from IPython.display import Markdown, display

    display(Markdown(markdown))


def _show_image(path: Path) -> None:
    """Show a saved PNG (the same bytes as the file, whatever matplotlib backend the kernel has)."""
    if _in_ipython():
        from IPython.display import Image, display

        display(Image(filename=str(path)))


def _show(obj: Any) -> None:
    if not _in_ipython():
        print(obj)
        return
    from IPython.display import display

    display(obj)


# --------------------------------------------------------------------------- model and paths
def default_output_dir() -> Path:
    """``exports/`` of the checkout when run from one, else ``./exports``."""
    from archkit.paths import PACKAGE

    checkout_exports = PACKAGE.parent / "exports"
    if (PACKAGE.parent / "pyproject.toml").exists() and checkout_exports.is_dir():
        return checkout_exports
    return Path.cwd() / "exports"


def output_path(output_dir: str | os.PathLike[str] | None) -> Path:
    """``output_dir`` as an absolute, existing folder."""
    out = Path(output_dir).expanduser() if output_dir else default_output_dir()
    out = out.resolve()
    out.mkdir(parents=True, exist_ok=True)
    return out


def open_model(model_path: str | Path | None, output_dir: str | Path | None = None) -> tuple[Architecture, Path]:
    """Load and validate the model, make ``output_dir``; prints the summary a notebook opens with."""
    from archkit.paths import example

    path = Path(model_path).expanduser().resolve() if model_path else example()
    arch = load(path)
    out = output_path(output_dir)
    if _in_ipython():  # a notebook session: show the whole message and fix of a finding, not "Run at lea..."
        import pandas as pd

        pd.set_option("display.max_colwidth", None)
    print(f"model:   {path}")
    print(f"exports: {out}")
    print(arch.summary())
    return arch, out


def examples_table() -> pd.DataFrame:
    """The bundled example models: name, size, what they show."""
    import pandas as pd

    from archkit.paths import examples

    rows = []
    for path in examples():
        arch = load(path)
        rows.append(
            {
                "example": path.stem,
                "system": arch.name,
                "components": len(arch.components),
                "links": len(arch.links),
                "description": (arch.description or "").strip(),
                "path": str(path),
            }
        )
    return pd.DataFrame(rows, columns=["example", "system", "components", "links", "description", "path"])


def patterns_table() -> pd.DataFrame:
    import pandas as pd

    from archkit.patterns import PATTERNS

    return pd.DataFrame([{"pattern": k, "starting point": v} for k, v in PATTERNS.items()])


def create_model(name: str, pattern: str, output_dir: str | Path, *, overwrite: bool = False) -> Path:
    """Write a starter model from a pattern under ``output_dir``; returns its path (kept if it exists)."""
    from archkit.model import loads
    from archkit.patterns import new_model, slug

    target = output_path(output_dir) / f"{slug(name)}.yaml"
    if target.exists() and not overwrite:
        print(f"kept existing {target}")
        return target
    text = new_model(name, pattern)
    loads(text, str(target))
    write_atomic(target, text)
    print(f"wrote {target}")
    return target


# --------------------------------------------------------------------------- tables of the model
REQUIREMENT_UNITS: dict[str, str] = {
    "peak_rps": "requests/s",
    "latency_p99_ms": "ms",
    "availability": "%",
    "data_volume_gb": "GB",
    "data_growth_gb_per_month": "GB/month",
    "budget_usd_per_month": "USD/month",
    "planning_horizon_months": "months",
}

_GAP_WHY: dict[str, str] = {
    "peak_rps": "without a peak load nothing can be sized: utilization, replicas and the bottleneck all start from it",
    "latency_p99_ms": "without a latency target a slow journey is not a finding; agree the p99 with the product owner",
    "availability": "without an availability target you cannot tell whether a single replica or a single zone is acceptable",
    "data_volume_gb": "storage cost, backup time and when to partition all follow from the data volume",
    "data_growth_gb_per_month": "growth decides when today's store stops fitting; plan the horizon, not the launch",
    "consistency": "strong or eventual decides replication, caching and which stores are even candidates",
    "budget_usd_per_month": "a design that meets every target but costs three times the budget is not done",
}


def requirements_table(arch: Architecture) -> pd.DataFrame:
    """One row per requirements field: value (blank when not declared), unit, what it means."""
    import pandas as pd

    from archkit.model.schema import Requirements

    rows = []
    for field, info in Requirements.model_fields.items():
        if field == "functional":
            continue
        value = getattr(arch.requirements, field)
        if isinstance(value, list):
            value = ", ".join(value)
        declared = field in arch.requirements.model_fields_set
        rows.append(
            {
                "field": field,
                "value": "" if value is None else value,
                "unit": REQUIREMENT_UNITS.get(field, ""),
                "declared": declared,
                "meaning": info.description or "",
            }
        )
    return pd.DataFrame(rows, columns=["field", "value", "unit", "declared", "meaning"])


def requirement_gaps(arch: Architecture) -> list[str]:
    """Targets that are not declared, each with why it matters; printed one per line."""
    gaps = [f"{field}: {why}" for field, why in _GAP_WHY.items() if getattr(arch.requirements, field) in (None, [], "")]
    if not arch.requirements.functional:
        gaps.append("functional: list what the system must do and trace each to the components that serve it")
    for line in gaps or ["none: every target is declared"]:
        print(f"- {line}")
    return gaps


def functional_trace(arch: Architecture) -> pd.DataFrame:
    """Functional requirements with the components that serve them; an untraced one says so."""
    import pandas as pd

    rows = [
        {"id": fr.id, "requirement": fr.text, "served_by": ", ".join(fr.served_by) or "(not traced)"}
        for fr in arch.requirements.functional
    ]
    return pd.DataFrame(rows, columns=["id", "requirement", "served_by"])


def components_table(arch: Architecture) -> pd.DataFrame:
    """The components with the fields that shape review and analysis (effective values)."""
    import pandas as pd

    rows = []
    for c in arch.components:
        rows.append(
            {
                "id": c.id,
                "kind": c.kind,
                "tech": c.tech or "",
                "boundary": c.boundary or "",
                "trust": arch.trust_of(c.id) or "",
                "replicas": c.replicas,
                "concurrency": arch.concurrency_of(c),
                "service_time_ms": arch.service_time_of(c),
                "availability_%": arch.availability_of(c),
            }
        )
    columns = [
        "id",
        "kind",
        "tech",
        "boundary",
        "trust",
        "replicas",
        "concurrency",
        "service_time_ms",
        "availability_%",
    ]
    return pd.DataFrame(rows, columns=columns)


def links_table(arch: Architecture) -> pd.DataFrame:
    import pandas as pd

    rows = [
        {
            "from": link.source,
            "to": link.target,
            "protocol": link.protocol or "",
            "calls": link.calls,
            "sync": link.sync,
            "encrypted": link.encrypted,
            "timeout_ms": link.timeout_ms,
            "retries": link.retries,
        }
        for link in arch.links
    ]
    return pd.DataFrame(rows, columns=["from", "to", "protocol", "calls", "sync", "encrypted", "timeout_ms", "retries"])


# --------------------------------------------------------------------------- diagrams
def show_diagram(arch: Architecture, output_dir: str | Path, *, view: str | None = None) -> list[Path]:
    """Render the diagram as PNG and SVG under ``output_dir/diagrams`` and show it inline."""
    render = piece("diagrams")
    if render is None:
        step_unavailable("diagrams")
        return []
    files: list[Path] = [Path(p) for p in render(arch, output_path(output_dir) / "diagrams", ("png", "svg"), view)]
    svg = next((p for p in files if p.suffix == ".svg"), None)
    if svg is not None and _in_ipython():
        from IPython.display import SVG

        _show(SVG(filename=str(svg)))
    for p in files:
        print(f"wrote {p}")
    return files


def diagram_views(arch: Architecture) -> list[str]:
    try:
        from archkit.render.views import available_views
    except ImportError:
        return []
    return list(available_views(arch))


# --------------------------------------------------------------------------- review
def run_review(arch: Architecture, output_dir: str | Path) -> Any | None:
    """Review the model; writes ``review.json`` and shows the findings, most severe first."""
    check = piece("review")
    if check is None:
        step_unavailable("review")
        return None
    review = check(arch)
    target = output_path(output_dir) / "review.json"
    write_atomic(target, json.dumps(review.to_dict(), indent=2, default=str) + "\n")
    print(review_summary(review))
    print(f"wrote {target}")
    return review


def review_summary(review: Any) -> str:
    counts: dict[str, int] = {}
    waived = 0
    for f in review.findings:
        if f.waived:
            waived += 1
            continue
        counts[f.severity] = counts.get(f.severity, 0) + 1
    parts = [f"{counts[s]} {s}" for s in SEVERITY_ORDER if counts.get(s)]
    total = sum(counts.values())
    text = f"{total} open finding{'s' if total != 1 else ''}" + (f": {', '.join(parts)}" if parts else "")
    return text + (f"; {waived} waived" if waived else "")


def findings_table(
    review: Any, *, severity: str | None = None, category: str | None = None, component: str | None = None
) -> pd.DataFrame:
    """Findings as a table sorted by severity, filtered by minimum severity, category and component."""
    import pandas as pd

    rank = {s: i for i, s in enumerate(SEVERITY_ORDER)}
    rows = []
    for f in review.findings if review is not None else []:
        if severity and rank.get(f.severity, 9) > rank[severity]:
            continue
        if category and f.category != category:
            continue
        if component and component not in f.components:
            continue
        rows.append(
            {
                "rule": f.rule,
                "severity": f.severity,
                "category": f.category,
                "components": ", ".join(f.components),
                "links": ", ".join(f.links),
                "message": f.message,
                "fix": f.fix,
                "waived": f.waived,
            }
        )
    rows.sort(key=lambda r: (r["waived"], rank.get(str(r["severity"]), 9), r["rule"], r["components"]))
    columns = ["rule", "severity", "category", "components", "links", "message", "fix", "waived"]
    return pd.DataFrame(rows, columns=columns)


# --------------------------------------------------------------------------- analysis
def run_analysis(
    arch: Architecture,
    output_dir: str | Path | None = None,
    *,
    traffic_factor: float = 1.0,
    without: tuple[str, ...] = (),
    replicas: dict[str, int] | None = None,
) -> Any | None:
    """Load, latency, availability and capacity; writes ``analysis.json`` when ``output_dir`` is given."""
    analyze = piece("analysis")
    if analyze is None:
        step_unavailable("analysis")
        return None
    result = analyze(arch, traffic_factor=traffic_factor, without=tuple(without), replicas=replicas)
    if output_dir is not None:
        target = output_path(output_dir) / "analysis.json"
        write_atomic(target, json.dumps(result.to_dict(), indent=2, default=str) + "\n")
        print(f"wrote {target}")
    return result


def analysis_headline(analysis: Any) -> str:
    if analysis is None:
        return "analysis: not available yet"
    data = analysis.to_dict()
    max_rps = data.get("max_rps")
    text = f"bottleneck: {data.get('bottleneck') or 'none'}"
    if max_rps is not None:
        text += f"; the system saturates at {float(max_rps):,.0f} requests/s of client traffic"
    return text


def scenarios_table(arch: Architecture, factors: tuple[float, ...] = (1.0, 2.0, 5.0)) -> pd.DataFrame:
    """What happens at a multiple of today's peak: busiest component, its utilization, worst journey p99."""
    import pandas as pd

    analyze = piece("analysis")
    rows = []
    if analyze is None:
        step_unavailable("analysis")
    else:
        for factor in factors:
            rows.append({"traffic": f"x{factor:g}", **_headline_row(analyze(arch, traffic_factor=factor).to_dict())})
    return pd.DataFrame(
        rows, columns=["traffic", "busiest", "utilization", "worst_journey", "worst_p99_ms", "min_availability_%"]
    )


def failure_table(arch: Architecture) -> pd.DataFrame:
    """One row per component taken down: the journeys that stop working, the worst availability left."""
    import pandas as pd

    analyze = piece("analysis")
    rows = []
    if analyze is None:
        step_unavailable("analysis")
    else:
        for c in arch.components:
            if c.kind == "client":
                continue
            data = analyze(arch, without=(c.id,)).to_dict()
            broken = [cid for cid, j in (data.get("journeys") or {}).items() if j.get("availability") == 0]
            rows.append({"down": c.id, "broken_journeys": ", ".join(broken) or "none", **_headline_row(data)})
    columns = [
        "down",
        "broken_journeys",
        "min_availability_%",
        "worst_journey",
        "worst_p99_ms",
        "busiest",
        "utilization",
    ]
    return pd.DataFrame(rows, columns=columns)


def _headline_row(data: dict[str, Any]) -> dict[str, Any]:
    components = data.get("components") or {}
    busiest, utilization = None, None
    for cid, figures in components.items():
        u = figures.get("utilization")
        if figures.get("status") == "down" or u is None:
            continue
        if utilization is None or u > utilization:
            busiest, utilization = cid, u
    worst, worst_p99, min_avail = None, None, None
    for client, figures in (data.get("journeys") or {}).items():
        p99 = (figures.get("latency_ms") or {}).get("p99")
        if p99 is None:
            worst, worst_p99 = client, float("inf")
        elif worst_p99 is None or p99 > worst_p99:
            worst, worst_p99 = client, p99
        avail = figures.get("availability")
        if avail is not None and (min_avail is None or avail < min_avail):
            min_avail = avail
    return {
        "busiest": busiest,
        "utilization": None if utilization is None else round(float(utilization), 3),
        "worst_journey": worst,
        "worst_p99_ms": None if worst_p99 is None else round(float(worst_p99), 1),
        "min_availability_%": None if min_avail is None else round(float(min_avail), 4),
    }


def save_charts(analysis: Any, output_dir: str | Path) -> list[Path]:
    """Utilization, latency and availability charts as PNG under ``output_dir/charts``; shown inline."""
    if analysis is None:
        return []
    if piece("charts") is None:
        step_unavailable("charts")
        return []
    charts = import_module("archkit.render.charts")
    folder = output_path(output_dir) / "charts"
    folder.mkdir(parents=True, exist_ok=True)
    written = []
    makers: dict[str, Callable[[Any], Any]] = {
        "utilization": charts.utilization_chart,
        "latency": charts.latency_chart,
        "availability": charts.availability_chart,
    }
    import matplotlib.pyplot as plt

    for name, make in makers.items():
        fig = make(analysis)
        target = folder / f"{name}.png"
        fig.savefig(target, dpi=110, bbox_inches="tight")
        plt.close(fig)
        _show_image(target)
        written.append(target)
        print(f"wrote {target}")
    return written


# --------------------------------------------------------------------------- critique
def run_critique(arch: Architecture, output_dir: str | Path, *, review: Any = None, analysis: Any = None) -> Any | None:
    """The optional LLM critique; writes ``critique.md`` and ``critique.json``. Without a key it says why and moves on."""
    critique = piece("critique")
    if critique is None:
        step_unavailable("critique")
        return None
    from archkit.critique import CritiqueError, CritiqueUnavailable

    findings = review.findings if review is not None else None
    try:
        result = critique(
            arch, findings=findings, analysis=analysis, cache_dir=output_path(output_dir) / ".critique-cache"
        )
    except CritiqueUnavailable as exc:
        _show_markdown(f"> **critique skipped:** {exc}", f"critique skipped: {exc}")
        return None
    except CritiqueError as exc:
        _show_markdown(f"> **critique failed:** {exc}", f"critique failed: {exc}")
        return None
    out = output_path(output_dir)
    write_atomic(out / "critique.md", result.to_markdown())
    write_atomic(out / "critique.json", json.dumps(result.to_dict(), indent=2, default=str) + "\n")
    print(f"wrote {out / 'critique.md'}")
    return result


# --------------------------------------------------------------------------- export
TEXT_EXPORTS = {"mermaid": "mmd", "structurizr": "dsl", "dot": "dot", "json": "json", "drawio": "drawio"}


def export_all(
    arch: Architecture, output_dir: str | Path, *, review: Any = None, analysis: Any = None, critique: Any = None
) -> list[Path]:
    """Diagrams (PNG, SVG, every view), text exports and the design document under ``output_dir``."""
    out = output_path(output_dir)
    written: list[Path] = []
    render = piece("diagrams")
    if render is None:
        step_unavailable("diagrams")
    else:
        for view in [None, *diagram_views(arch)]:
            for p in render(arch, out / "diagrams", ("png", "svg"), view):
                if Path(p) not in written:
                    written.append(Path(p))
        from archkit.render import export

        slug = _slug(arch.name)
        for fmt, ext in TEXT_EXPORTS.items():
            target = out / "formats" / f"{slug}.{ext}"
            write_atomic(target, export(arch, fmt))
            written.append(target)
    make_report = piece("report")
    if make_report is None:
        step_unavailable("report")
    else:
        written.extend(
            Path(p)
            for p in make_report(
                arch, out / "report", ("html", "md"), review=review, analysis=analysis, critique=critique
            )
        )
    for p in written:
        print(f"wrote {p}")
    return written


def files_table(paths: list[Path]) -> pd.DataFrame:
    import pandas as pd

    return pd.DataFrame(
        [{"file": str(p), "kind": p.suffix.lstrip("."), "bytes": p.stat().st_size} for p in paths if p.exists()],
        columns=["file", "kind", "bytes"],
    )


def _slug(name: str) -> str:
    from archkit.patterns import slug

    return slug(name)


# --------------------------------------------------------------------------- display helpers
def show_frames(analysis: Any) -> None:
    """Show each table of the analysis under its name."""
    if analysis is None:
        return
    import pandas as pd

    with pd.option_context("display.float_format", "{:.7g}".format):  # 800, 0.003125, 99.99998: no padded decimals
        for name, frame in analysis.frames().items():
            _show_markdown(f"**{name}**", name)
            _show(frame)


def show_critique(critique: Any) -> None:
    if critique is None:
        return
    _show_markdown(critique.to_markdown(), critique.to_markdown())
