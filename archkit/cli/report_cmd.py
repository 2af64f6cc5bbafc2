"""archkit report FILE: write the design document (HTML and Markdown) for a model."""

from __future__ import annotations

import argparse
import contextlib
import sys
import warnings
from pathlib import Path
from typing import Any

from archkit.cli import EXIT_FINDINGS, UsageError
from archkit.cli.common import add_model_argument, load_model
from archkit.model.errors import ModelError


def register(sub: argparse._SubParsersAction) -> None:  # type: ignore[type-arg]
    parser = sub.add_parser(
        "report",
        help="write the design document: one self-contained HTML page and a Markdown twin",
        description="Write <name>-design.html (self-contained, printable) and <name>-design.md with its "
        "pictures in <name>-design-files/ and one MADR file per decision under decisions/.",
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
        help="add an LLM critique (needs the llm extra and ANTHROPIC_API_KEY; cached answers are reused)",
    )
    parser.add_argument("--no-diagrams", action="store_true", help="leave the diagrams out (faster)")
    parser.add_argument(
        "--prove-data",
        action="store_true",
        help="prove the index plan on a throwaway PostgreSQL first (see `archkit data --prove`) and show the results",
    )
    parser.add_argument(
        "--base",
        metavar="FILE",
        help="the model before a change: the report gains a 'Change from the base' section (as `archkit diff`)",
    )
    parser.set_defaults(func=run)


def _formats(text: str) -> tuple[str, ...]:
    from archkit.report import FORMATS

    formats = tuple(dict.fromkeys(f.strip().lower() for f in text.split(",") if f.strip()))
    bad = [f for f in formats if f not in FORMATS]
    if bad or not formats:
        raise UsageError(f"--format: unknown format '{(bad or [text])[0]}'; choose from: {', '.join(FORMATS)}")
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


def _critique(arch: Any, date: str | None) -> tuple[Any, Any, Any, str | None]:
    """Review, analysis and critique for --critique (the critique reads the other two)."""
    from archkit.analysis import analyze
    from archkit.critique import CritiqueError, CritiqueUnavailable, critique
    from archkit.report import generated_on
    from archkit.rules import check

    review = analysis = None
    # A model the review or the analysis refuses (ModelError) gets a report section saying why:
    # the report computes them again and explains; anything else is a bug and surfaces.
    with contextlib.suppress(ModelError):
        review = check(arch, today=generated_on(date))
    with contextlib.suppress(ModelError):
        analysis = analyze(arch)
    try:
        return review, analysis, critique(arch, findings=review, analysis=analysis), None
    except (CritiqueUnavailable, CritiqueError) as exc:  # each carries one line for the user
        note = f"The LLM critique could not be produced: {exc}"
    print(f"archkit report: {note}", file=sys.stderr)
    return review, analysis, None, note


def run(args: argparse.Namespace) -> int:
    from archkit.paths import default_exports_dir
    from archkit.report import ReportWarning
    from archkit.report import report as _write

    formats = _formats(args.format)
    date = _date(args.date)
    arch = load_model(args)
    base = None
    if args.base:
        from archkit.model import load

        base = load(args.base)
    out = Path(args.out) if args.out else default_exports_dir()
    if out.exists() and not out.is_dir():
        raise UsageError(f"--out: {out} exists and is not a folder")
    review = analysis = critique = note = None
    if args.critique:
        review, analysis, critique, note = _critique(arch, date)
    else:
        review = _review(arch)
    proof = None
    if args.prove_data and arch.entities:
        from archkit.data_proof.prove import prove

        proof = prove(arch, say=lambda line: print(f"archkit report: {line}", file=sys.stderr))
    with warnings.catch_warnings(record=True) as caught:
        warnings.simplefilter("always", ReportWarning)
        try:
            written = _write(
                arch,
                out,
                formats,
                review=review,
                analysis=analysis,
                critique=critique,
                date=date,
                diagrams=not args.no_diagrams,
                critique_note=note,
                proof=proof,
                base=base,
            )
        except OSError as exc:
            raise UsageError(f"cannot write into {out}: {exc.strerror or exc}") from None
    crashed = []
    for w in caught:
        if issubclass(w.category, ReportWarning):
            print(f"archkit {w.message}", file=sys.stderr)
            if " failed: " in str(w.message):
                crashed.append(str(w.message))
    main = [p for p in written if p.parent == out and p.suffix in (".html", ".md")]
    for path in main:
        print(f"wrote {path}")
    if len(written) > len(main):
        print(f"wrote {len(written) - len(main)} more files beside them (pictures, decisions/)")
    # A crash never passes: the report is written (it says what is missing), but the exit code fails
    if review is not None and review.errors:
        codes = ", ".join(f.rule for f in review.errors)
        print(f"archkit report: rule(s) {codes} crashed; the report lists them as rule errors", file=sys.stderr)
        crashed.append(codes)
    return EXIT_FINDINGS if crashed else 0


def _review(arch: Any) -> Any:
    """The review the report shows, computed here so a crashed rule can fail the exit code."""
    from archkit.rules import check

    try:
        return check(arch)
    except ModelError:  # a waiver naming an unknown rule: the report's review section says so
        return None
