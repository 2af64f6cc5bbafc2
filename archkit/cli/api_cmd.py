"""archkit api FILE [--out DIR]: the API documents a model implies (OpenAPI 3.1, GraphQL, proto);
archkit api lint SPEC...: the spec rules over OpenAPI files; archkit api diff OLD NEW: breaking
changes and the semantic version they need."""

from __future__ import annotations

import argparse
import json
from pathlib import Path

from archkit.cli import EXIT_FINDINGS, EXIT_OK, UsageError
from archkit.cli.common import emit
from archkit.model.schema import SEVERITIES


def register(sub: argparse._SubParsersAction) -> None:  # type: ignore[type-arg]
    parser = sub.add_parser(
        "api",
        help="API design: OpenAPI/GraphQL/proto from the model; `api lint SPEC...`; `api diff OLD NEW`",
        description="archkit api FILE [--out DIR] [--component ID] | archkit api lint SPEC... | "
        "archkit api diff OLD NEW. Exit 0: fine; 1: findings at or above --fail-on (lint) or a breaking "
        "change without a new major version (diff); 2: bad input or usage.",
    )
    parser.add_argument("file", metavar="FILE", help="model file (YAML), or `lint` / `diff` followed by files")
    parser.add_argument("more", metavar="SPEC", nargs="*", help=argparse.SUPPRESS)
    parser.add_argument("--out", "-o", metavar="PATH", help="api: folder for the documents; lint/diff: report file")
    parser.add_argument("--component", metavar="ID", help="api: print only this component's document")
    parser.add_argument("--format", "-f", choices=("text", "json", "sarif", "markdown"), default=None)
    parser.add_argument(
        "--fail-on", choices=SEVERITIES, default="high", help="lint: lowest severity that fails (default high)"
    )
    parser.add_argument("--select", metavar="CODES", action="append", help="lint: run only these rules")
    parser.add_argument("--ignore", metavar="CODES", action="append", help="lint: skip these rules")
    parser.set_defaults(func=run)


def run(args: argparse.Namespace) -> int:
    if args.file == "lint":
        return _lint(args)
    if args.file == "diff":
        return _diff(args)
    if args.more:
        raise UsageError(f"unexpected arguments: {' '.join(args.more)}")
    return _generate(args)


def _generate(args: argparse.Namespace) -> int:
    from archkit.analysis import analyze
    from archkit.api.documents import api_documents
    from archkit.model import load
    from archkit.model.io import write_atomic

    model = load(args.file)
    analysis = analyze(model)
    numbers = analysis.to_dict().get("operations", {})
    docs = api_documents(model, numbers)
    if not docs:
        raise UsageError(f"{args.file}: no component declares an `api` (see docs/api.md)")
    if args.component:
        docs = [d for d in docs if d.component == args.component]
        if not docs:
            raise UsageError(f"--component {args.component}: no such component with an api")
    if args.out:
        out = Path(args.out)
        out.mkdir(parents=True, exist_ok=True)
        for d in docs:
            write_atomic(out / d.filename, d.text)
            print(out / d.filename)
        return EXIT_OK
    if len(docs) > 1:
        names = ", ".join(d.component for d in docs)
        raise UsageError(f"{len(docs)} APIs ({names}): pass --out DIR, or --component ID to print one")
    emit(docs[0].text, None)
    return EXIT_OK


def _lint(args: argparse.Namespace) -> int:
    from archkit.rules.api_lint import lint_files
    from archkit.rules.formats import render

    if not args.more:
        raise UsageError("api lint needs at least one OpenAPI file: archkit api lint SPEC...")
    try:
        review = lint_files(args.more, select=args.select, ignore=args.ignore)
    except KeyError as exc:
        raise UsageError(str(exc.args[0])) from None
    emit(render(review, args.format or "text"), args.out)
    return EXIT_FINDINGS if review.failed(args.fail_on) else EXIT_OK


def _diff(args: argparse.Namespace) -> int:
    from archkit.api.diff_files import diff_files
    from archkit.api.diff_text import diff_data, diff_markdown, diff_text

    if len(args.more) != 2:
        raise UsageError("api diff needs two files: archkit api diff OLD NEW (two models or two OpenAPI documents)")
    diffs = diff_files(*args.more)
    fmt = args.format or "text"
    if fmt == "sarif":
        raise UsageError("api diff prints text, json or markdown")
    text = {"json": lambda: json.dumps(diff_data(diffs), indent=2), "markdown": lambda: diff_markdown(diffs)}.get(
        fmt, lambda: diff_text(diffs)
    )()
    emit(text, args.out)
    return EXIT_FINDINGS if any(d.fails for d in diffs) else EXIT_OK
