"""archkit check FILE: review the model; exit 1 when findings at or above --fail-on count."""

from __future__ import annotations

import argparse
import json
from pathlib import Path
from typing import Any

from archkit.cli import UsageError
from archkit.cli.common import add_model_argument, emit, load_model
from archkit.model.schema import SEVERITIES


def register(sub: argparse._SubParsersAction) -> None:  # type: ignore[type-arg]
    parser = sub.add_parser(
        "check",
        help="review the model (security, reliability, performance, data, operability); exit 1 on findings",
        description="Review the model with every rule. Exit 0: nothing counts at or above --fail-on; "
        "1: findings do; 2: bad input or usage. Waived findings and findings in --baseline never count.",
    )
    add_model_argument(parser)
    parser.add_argument("--format", "-f", choices=("text", "json", "sarif", "markdown"), default="text")
    parser.add_argument(
        "--fail-on", choices=SEVERITIES, default="high", help="lowest severity that fails the check (default high)"
    )
    parser.add_argument(
        "--baseline",
        metavar="FILE",
        help="findings JSON from an earlier `check --format json`; only new findings count",
    )
    parser.add_argument(
        "--select", metavar="CODES", action="append", help="run only these rules (comma-separated codes)"
    )
    parser.add_argument("--ignore", metavar="CODES", action="append", help="skip these rules (comma-separated codes)")
    parser.add_argument("--out", "-o", metavar="FILE", help="write the report to FILE instead of stdout")
    parser.set_defaults(func=run)


def run(args: argparse.Namespace) -> int:
    from archkit.rules import check
    from archkit.rules.formats import render

    arch = load_model(args)
    baseline = _read_baseline(args.baseline) if args.baseline else None
    try:
        review = check(arch, select=args.select, ignore=args.ignore)
    except KeyError as exc:  # unknown rule code in --select/--ignore
        raise UsageError(str(exc.args[0]) + "; see `archkit rules`") from None
    if baseline is not None:
        review = review.with_baseline(baseline)
    emit(render(review, args.format), args.out)
    return 1 if review.failed(args.fail_on) else 0


def _read_baseline(path: str) -> list[tuple[str, tuple[str, ...], tuple[str, ...], str]]:
    try:
        data: Any = json.loads(Path(path).read_text(encoding="utf-8"))
    except FileNotFoundError:
        raise UsageError(f"--baseline {path}: no such file") from None
    except (OSError, UnicodeDecodeError) as exc:
        raise UsageError(f"--baseline {path}: cannot read it ({exc})") from None
    except json.JSONDecodeError as exc:
        raise UsageError(
            f"--baseline {path}:{exc.lineno}: not JSON ({exc.msg}); expected `archkit check --format json` output"
        ) from None
    findings = data.get("findings") if isinstance(data, dict) else None
    if not isinstance(findings, list):
        raise UsageError(f'--baseline {path}: expected {{"findings": [...]}} from `archkit check --format json`')
    keys = []
    for i, f in enumerate(findings):
        if not isinstance(f, dict) or not isinstance(f.get("rule"), str):
            raise UsageError(f"--baseline {path}: findings[{i}] has no rule code")
        comps = f.get("components") or []
        links = f.get("links") or []
        if not isinstance(comps, list) or not isinstance(links, list):
            raise UsageError(f"--baseline {path}: findings[{i}]: components and links must be lists")
        subject = "" if comps or links else str(f.get("message") or "")
        keys.append((f["rule"], tuple(sorted(map(str, comps))), tuple(sorted(map(str, links))), subject))
    return keys
