"""The design document: one self-contained HTML page and a Markdown twin, straight from the model.

``report(arch, out_dir)`` writes ``<slug>-design.html``, ``<slug>-design.md`` with its pictures in
``<slug>-design-files/``, and one MADR file per decision under ``decisions/``. It computes the
review and the analysis itself when they are not given; a piece of archkit that is missing or
fails leaves a plain "not available" note in its section (and a ``ReportWarning``), never a
half-written report.
"""

from __future__ import annotations

import datetime as dt
import os
from collections.abc import Sequence
from pathlib import Path
from typing import Any

from archkit._callable_module import make_callable
from archkit.model import Architecture
from archkit.report.gather import ReportWarning

FORMATS = ("html", "md")

__all__ = ["FORMATS", "ReportWarning", "build_document", "generated_on", "report"]


def generated_on(date: dt.date | str | None = None) -> dt.date:
    """The date printed in the report: ``date`` if given, else $SOURCE_DATE_EPOCH, else today (UTC)."""
    if isinstance(date, dt.date):
        return date
    if isinstance(date, str):
        return dt.date.fromisoformat(date)
    epoch = os.environ.get("SOURCE_DATE_EPOCH")
    if epoch and epoch.strip().isdigit():
        return dt.datetime.fromtimestamp(int(epoch), tz=dt.UTC).date()
    return dt.datetime.now(tz=dt.UTC).date()


def build_document(
    arch: Architecture,
    *,
    review: Any = None,
    analysis: Any = None,
    critique: Any = None,
    date: dt.date | str | None = None,
    diagrams: bool = True,
    critique_note: str | None = None,
    proof: Any = None,
    base: Architecture | None = None,
) -> Any:
    """The report as a ``Document`` (sections of blocks) plus the gathered inputs; with ``base`` (the
    model before a change), a "Change from the base" section after the summary."""
    from archkit.report.gather import gather
    from archkit.report.sections import build

    inputs = gather(
        arch,
        today=generated_on(date),
        review=review,
        analysis=analysis,
        critique=critique,
        diagrams=diagrams,
        critique_note=critique_note,
        proof=proof,
    )
    source = Path(arch.source_path).name if arch.source_path else None
    doc = build(inputs, source)
    if base is not None:
        from archkit.change import Side, compare
        from archkit.report.change import change_section

        head = Side(arch, inputs.review, inputs.analysis, None) if inputs.review is not None else arch
        name = Path(base.source_path).name if base.source_path else "the base model"
        change = compare(base, head, base_name=name, head_name=source or "this model")
        doc.sections.insert(1, change_section(change, "Change from the base"))
    return doc, inputs


def report(
    arch: Architecture,
    out_dir: str | os.PathLike[str],
    formats: Sequence[str] = FORMATS,
    *,
    review: Any = None,
    analysis: Any = None,
    critique: Any = None,
    date: dt.date | str | None = None,
    diagrams: bool = True,
    critique_note: str | None = None,
    proof: Any = None,
    base: Architecture | None = None,
) -> list[Path]:
    """Write the design document for ``arch`` into ``out_dir``; returns the files written.

    ``formats``: any of "html", "md". ``review``/``analysis``/``critique``: results already
    computed (``archkit.check``, ``archkit.analyze``, ``archkit.critique``); review and analysis
    are computed when omitted, the critique only appears when given. ``date`` pins the
    generated-on date (default $SOURCE_DATE_EPOCH, else today) so reports diff cleanly.
    ``critique_note``: why there is no critique (e.g. "no API key"), shown in its section.
    ``proof``: a data proof (``archkit.data_proof.prove``) for the Data section's proof table.
    ``base``: the model before a change; the report then says what the change does.
    """
    from archkit.model.io import write_atomic
    from archkit.patterns import slug

    unknown = [f for f in formats if f not in FORMATS]
    if unknown or not formats:
        raise ValueError(f"unknown report format '{(unknown or [''])[0]}'; choose from: {', '.join(FORMATS)}")
    doc, inputs = build_document(
        arch,
        review=review,
        analysis=analysis,
        critique=critique,
        date=date,
        diagrams=diagrams,
        critique_note=critique_note,
        proof=proof,
        base=base,
    )
    out = Path(out_dir)
    stem = f"{slug(arch.name)}-design"
    written: list[Path] = []
    if "html" in formats:
        from archkit.report import html

        path = out / f"{stem}.html"
        write_atomic(path, _without_machine_paths(html.render(doc), arch))
        written.append(path)
    if "md" in formats:
        from archkit.report import markdown
        from archkit.report.adr import write_decisions

        assets = f"{stem}-files"
        for fig in doc.figures():
            target = out / assets / f"{fig.name}.{'svg' if fig.svg is not None else 'png'}"
            write_atomic(target, fig.svg if fig.svg is not None else (fig.png or b""))
            written.append(target)
        path = out / f"{stem}.md"
        write_atomic(path, _without_machine_paths(markdown.render(doc, assets), arch))
        written.append(path)
        written += write_decisions(inputs, out)
        _remove_stale(out, assets, arch.name, written)
    return written


def _without_machine_paths(text: str, arch: Architecture) -> str:
    """The model's path as it was given, and its absolute form, as the file name alone: a design
    document is circulated, and where the model sat on someone's machine is nobody's business (it
    reaches the text through problem messages such as a model the analysis refuses)."""
    if not arch.source_path:
        return text
    given = Path(arch.source_path)
    name = given.name
    for form in sorted({str(given), str(given.resolve()), str(given.absolute())}, key=len, reverse=True):
        if form != name:
            text = text.replace(form, name)
    return text


def _remove_stale(out: Path, assets: str, name: str, written: list[Path]) -> None:
    """Delete pictures and decision files an earlier run wrote for this model and this run did not
    (a view or decision removed or renamed), so the folder diffs like the model. Only files archkit
    generated are touched: ``diagram-*``/``chart-*`` in the assets folder, and decision files whose
    footer names this model."""
    from archkit.report.adr import FOLDER, footer

    keep = {p.resolve() for p in written}
    candidates = [*(out / assets).glob("diagram-*.svg"), *(out / assets).glob("chart-*.svg")]
    mark = footer(name)
    for path in sorted((out / FOLDER).glob("[0-9][0-9][0-9][0-9]-*.md")):
        try:
            if path.read_text(encoding="utf-8").rstrip().endswith(mark):
                candidates.append(path)
        except (OSError, UnicodeDecodeError):
            continue
    for path in candidates:
        if path.resolve() not in keep:
            path.unlink(missing_ok=True)


# `archkit.report(arch, out)` keeps working after this package is imported (see _callable_module).
make_callable(__name__, report)
