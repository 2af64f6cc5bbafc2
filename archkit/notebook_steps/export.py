"""Diagrams, the critique and every export under output_dir."""

from __future__ import annotations

import json
from pathlib import Path
from typing import TYPE_CHECKING, Any

from archkit.model import Architecture
from archkit.model.io import write_atomic
from archkit.notebook_steps.display import in_ipython, show, show_markdown
from archkit.notebook_steps.model import output_path

if TYPE_CHECKING:
    import pandas as pd


# --------------------------------------------------------------------------- diagrams
def show_diagram(arch: Architecture, output_dir: str | Path, *, view: str | None = None) -> list[Path]:
    """Render the diagram as PNG and SVG under ``output_dir/diagrams`` and show it inline."""
    from archkit.render import diagram as render

    files: list[Path] = [Path(p) for p in render(arch, output_path(output_dir) / "diagrams", ("png", "svg"), view)]
    svg = next((p for p in files if p.suffix == ".svg"), None)
    if svg is not None and in_ipython():
        from IPython.display import SVG

        show(SVG(filename=str(svg)))
    for p in files:
        print(f"wrote {p}")
    return files


def show_operation_diagrams(arch: Architecture, output_dir: str | Path) -> list[Path]:
    """One diagram per operation clients call: its call chain numbered in order, optional calls dashed."""
    from archkit.model.calls import entry_operations

    files: list[Path] = []
    for component, operation in entry_operations(arch):
        files += show_diagram(arch, output_dir, view=f"operation:{component}.{operation}")
    if not files:
        print("no operations declared: every request follows all outgoing links of its component")
    return files


def diagram_views(arch: Architecture) -> list[str]:
    from archkit.render import available_views

    return list(available_views(arch))


# --------------------------------------------------------------------------- critique
def run_critique(arch: Architecture, output_dir: str | Path, *, review: Any = None, analysis: Any = None) -> Any | None:
    """The optional LLM critique; writes ``critique.md`` and ``critique.json``. Without a key it says why and moves on."""
    from archkit.critique import CritiqueError, CritiqueUnavailable, critique

    findings = review.findings if review is not None else None
    try:
        result = critique(
            arch, findings=findings, analysis=analysis, cache_dir=output_path(output_dir) / ".critique-cache"
        )
    except CritiqueUnavailable as exc:
        show_markdown(f"> **critique skipped:** {exc}", f"critique skipped: {exc}")
        return None
    except CritiqueError as exc:
        show_markdown(f"> **critique failed:** {exc}", f"critique failed: {exc}")
        return None
    out = output_path(output_dir)
    write_atomic(out / "critique.md", result.to_markdown())
    write_atomic(out / "critique.json", json.dumps(result.to_dict(), indent=2, default=str) + "\n")
    print(f"wrote {out / 'critique.md'}")
    return result


# --------------------------------------------------------------------------- export
TEXT_EXPORTS = {
    "mermaid": "mmd",
    "structurizr": "dsl",
    "dot": "dot",
    "json": "json",
    "drawio": "drawio",
    "otm": "otm.json",
}


def export_all(
    arch: Architecture,
    output_dir: str | Path,
    *,
    review: Any = None,
    analysis: Any = None,
    critique: Any = None,
    base: Architecture | None = None,
) -> list[Path]:
    """Diagrams (PNG, SVG, every view), text exports and the design document under ``output_dir``;
    with ``base`` (the model before a change) the document says what the change does."""
    out = output_path(output_dir)
    written: list[Path] = []
    from archkit.render import diagram as render
    from archkit.render import distinct_views, export
    from archkit.report import report as make_report

    for view in [None, *distinct_views(arch)]:  # no near-duplicates (a model view replaces its built-in)
        for p in render(arch, out / "diagrams", ("png", "svg"), view):
            if Path(p) not in written:
                written.append(Path(p))
    slug = _slug(arch.name)
    for fmt, ext in TEXT_EXPORTS.items():
        target = out / "formats" / f"{slug}.{ext}"
        write_atomic(target, export(arch, fmt))
        written.append(target)
    written.extend(
        Path(p)
        for p in make_report(
            arch, out / "report", ("html", "md"), review=review, analysis=analysis, critique=critique, base=base
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


def show_change(base_model_path: str | Path | None, arch: Architecture) -> Architecture | None:
    """What the change from ``base_model_path`` to ``arch`` does, as ``archkit diff`` says it (the
    pull-request comment); returns the base model, or None when no base is given."""
    if not base_model_path:
        show_markdown("*No base model given: set `base_model_path` to see what a change does.*", "no base model")
        return None
    from archkit.change import compare
    from archkit.change.render import to_markdown
    from archkit.model import load

    base = load(base_model_path)
    change = compare(base, arch, base_name=Path(base_model_path).name, head_name=Path(arch.source_path or "model").name)
    text = to_markdown(change)
    show_markdown(text, text)
    return base
