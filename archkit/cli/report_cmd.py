"""archkit report FILE: write the design document (HTML and Markdown) for a model."""

from __future__ import annotations

import argparse
import sys
import warnings
from pathlib import Path

from archkit.cli import UsageError
from archkit.cli.common import add_model_argument, load_model


def register(sub: argparse._SubParsersAction) -> None:  # type: ignore[type-arg]
    parser = sub.add_parser(
        "report",
        help="write the design document: one self-contained HTML page and a Markdown twin",
        description="Write <name>-design.html (self-contained, printable) and <name>-design.md with its "
        "pictures beside it and one MADR file per decision under decisions/.",
    )
    add_model_argument(parser)
    parser.add_argument("--out", "-o", metavar="DIR", help="folder to write into (default: exports/ here)")
    parser.add_argument(
        "--format", "-f", default="html,md", metavar="LIST", help="comma-separated: html, md (default html,md)"
    )
    parser.add_argument("--date", metavar="YYYY-MM-DD", help="generated-on date to print (default: today)")
    parser.add_argument(
        "--critique",
        action="store_true",
        help="add an LLM critique (needs the anthropic package and ANTHROPIC_API_KEY)",
    )
    parser.add_argument("--no-diagrams", action="store_true", help="leave the diagrams out (faster)")
    parser.set_defaults(func=run)


def _formats(text: str) -> tuple[str, ...]:
    from archkit.report import FORMATS

    formats = tuple(dict.fromkeys(f.strip().lower() for f in text.split(",") if f.strip()))
    bad = [f for f in formats if f not in FORMATS]
    if bad or not formats:
        raise UsageError(f"unknown format '{(bad or [text])[0]}'; choose from: {', '.join(FORMATS)}")
    return formats


def _date(text: str | None) -> str | None:
    import datetime as dt

    if text is None:
        return None
    try:
        dt.date.fromisoformat(text)
    except ValueError:
        raise UsageError(f"--date: '{text}' is not a date like 2025-01-31") from None
    return text


def run(args: argparse.Namespace) -> int:
    from archkit.paths import default_exports_dir
    from archkit.report import ReportWarning, report

    formats = _formats(args.format)
    date = _date(args.date)
    arch = load_model(args)
    out = Path(args.out) if args.out else default_exports_dir()
    if out.exists() and not out.is_dir():
        raise UsageError(f"--out: {out} exists and is not a folder")
    critique = None
    if args.critique:
        try:
            from archkit.critique import critique as run_critique  # type: ignore[attr-defined,unused-ignore]

            critique = run_critique(arch)
        except ImportError:
            print("archkit report: critique left out: archkit.critique is not available", file=sys.stderr)
        except Exception as exc:  # CritiqueUnavailable / CritiqueError carry one-line messages
            print(f"archkit report: critique left out: {exc}", file=sys.stderr)
    with warnings.catch_warnings(record=True) as caught:
        warnings.simplefilter("always", ReportWarning)
        written = report(arch, out, formats, critique=critique, date=date, diagrams=not args.no_diagrams)
    for w in caught:
        if issubclass(w.category, ReportWarning):
            print(f"archkit {w.message}", file=sys.stderr)
    for path in written:
        if path.suffix in (".html", ".md") and path.parent == out:
            print(f"wrote {path}")
    extra = len([p for p in written if not (p.suffix in (".html", ".md") and p.parent == out)])
    if extra:
        print(f"wrote {extra} more files beside them (pictures, decisions/)")
    return 0
