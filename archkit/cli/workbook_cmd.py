"""archkit workbook [--model FILE] [--out DIR] [--only NN]: run the guided notebooks headless."""

from __future__ import annotations

import argparse
import sys

from archkit.cli import UsageError


def register(sub: argparse._SubParsersAction) -> None:  # type: ignore[type-arg]
    from archkit.workbook.runner import CELL_TIMEOUT_S, TOTAL_TIMEOUT_S

    parser = sub.add_parser(
        "workbook",
        help="run the guided notebooks headless (papermill) and write every export",
        description=(
            "Run the guided notebooks on a model with papermill (kernel 'archkit'). Executed notebooks go to "
            "DIR/notebooks (.ipynb and static .html), diagrams, charts and the design document under DIR. "
            "Exit 0 when every notebook ran (findings do not fail the workbook; use `archkit check` to gate), "
            "2 for a bad model or arguments, or when a notebook fails or times out (the line names the notebook and cell)."
        ),
    )
    parser.add_argument("--model", "-m", metavar="FILE", help="model file (default: the bundled example)")
    parser.add_argument("--out", "-o", metavar="DIR", default="exports", help="output folder (default: exports)")
    parser.add_argument("--only", metavar="NN", help="run only these notebooks, e.g. 04 or 01,05")
    parser.add_argument(
        "--cell-timeout",
        type=float,
        default=CELL_TIMEOUT_S,
        metavar="S",
        help=f"seconds per cell (default {CELL_TIMEOUT_S})",
    )
    parser.add_argument(
        "--timeout",
        type=float,
        default=TOTAL_TIMEOUT_S,
        metavar="S",
        help=f"seconds for the whole workbook (default {TOTAL_TIMEOUT_S})",
    )
    parser.add_argument(
        "--base", metavar="FILE", help="the model before a change: 08 export and its document show what it does"
    )
    parser.add_argument("--no-html", action="store_true", help="do not write static HTML of the executed notebooks")
    parser.add_argument("-q", "--quiet", action="store_true", help="no progress lines")
    parser.set_defaults(func=run)


def run(args: argparse.Namespace) -> int:
    from archkit.paths import example
    from archkit.workbook.runner import WorkbookError, run_workbook

    if args.cell_timeout <= 0 or args.timeout <= 0:
        raise UsageError("timeouts must be positive numbers of seconds")
    try:
        run_workbook(
            args.model or example(),
            args.out,
            args.only,
            cell_timeout=args.cell_timeout,
            total_timeout=args.timeout,
            html=not args.no_html,
            progress=None if args.quiet else (lambda line: print(line, file=sys.stderr, flush=True)),
            base_path=args.base,
        )
    except WorkbookError as exc:
        raise UsageError(str(exc)) from None
    return 0
