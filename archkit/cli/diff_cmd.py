"""archkit diff BASE HEAD (or FILE --git REF): what a change to the model does, for a pull request."""

from __future__ import annotations

import argparse
import multiprocessing
import subprocess
from concurrent.futures import ProcessPoolExecutor
from pathlib import Path
from typing import Any

from archkit.change import Side, compare, evaluate
from archkit.cli import UsageError
from archkit.cli.common import emit
from archkit.model import load, loads
from archkit.model.collector import collector_paused
from archkit.model.schema import SEVERITIES


def register(sub: argparse._SubParsersAction) -> None:  # type: ignore[type-arg]
    parser = sub.add_parser(
        "diff",
        help="what a change to the model does: model, findings, numbers, API; exit 1 when it makes things worse",
        description="Compare two model files (or a file with its version at a git ref). Exit 1 when the change "
        "adds a finding at or above --fail-on, loses a target that was met, or breaks the API without a new "
        "major version; 0 otherwise; 2 for bad input.",
    )
    parser.add_argument("base", metavar="BASE", help="the model before the change (with --git: the model file)")
    parser.add_argument("head", metavar="HEAD", nargs="?", help="the model after the change")
    parser.add_argument("--git", metavar="REF", help="compare FILE with its version at this git ref (e.g. origin/main)")
    parser.add_argument("--format", "-f", choices=("text", "json", "markdown"), default="text")
    parser.add_argument(
        "--fail-on", choices=SEVERITIES, default="high", help="lowest severity that fails (default high)"
    )
    parser.add_argument("--out", "-o", metavar="FILE", help="write to FILE instead of stdout")
    parser.set_defaults(func=run, exits_fast=True)


def _text_at_ref(path: Path, ref: str) -> tuple[str, str]:
    """The model file's text as it was at ``ref`` in its git repository, and a name for it."""
    folder = path.resolve().parent
    top = subprocess.run(["git", "-C", str(folder), "rev-parse", "--show-toplevel"], capture_output=True, text=True)
    if top.returncode != 0:
        raise UsageError(f"--git: {path} is not in a git repository")
    relative = path.resolve().relative_to(Path(top.stdout.strip()).resolve()).as_posix()
    shown = subprocess.run(
        ["git", "-C", top.stdout.strip(), "show", f"{ref}:{relative}"], capture_output=True, text=True
    )
    if shown.returncode != 0:
        raise UsageError(f"--git {ref}: {shown.stderr.strip() or 'no such file at that ref'}")
    return shown.stdout, f"{ref}:{relative}"


def _side_of_file(path: str) -> Side:
    """Evaluated and detached: plain data that crosses the process boundary cheaply."""
    return evaluate(load(path)).detached()


def _side_of_text(text: str, name: str) -> Side:
    return evaluate(loads(text, name)).detached()


def _import_before_fork() -> None:
    """What both sides need and import lazily (the graph library, every rule): imported once
    here, the forked process inherits it instead of importing it again (0.2 s each)."""
    import networkx  # noqa: F401

    from archkit.rules.registry import registry

    registry()


def run(args: argparse.Namespace) -> int:
    from archkit.change.render import render

    if args.git:
        if args.head:
            raise UsageError("give one FILE with --git (it is compared with its version at REF), or BASE and HEAD")
        head_path = Path(args.base)
        base_text, base_name = _text_at_ref(head_path, args.git)
        names = (f"{args.git}:{head_path.name}", str(head_path))
        base_job: tuple[Any, ...] = (_side_of_text, base_text, base_name)
    else:
        if not args.head:
            raise UsageError("give BASE and HEAD model files, or FILE --git REF")
        head_path = Path(args.head)
        names = (str(args.base), str(args.head))
        base_job = (_side_of_file, str(args.base))
    # The two sides are independent: the base is loaded, reviewed and analysed in a second process
    # while this one does the head (a 2,000-component pair takes half the time on two cores).
    _import_before_fork()
    with ProcessPoolExecutor(max_workers=1, mp_context=multiprocessing.get_context("fork")) as pool:
        pending = pool.submit(*base_job)
        head = _side_of_file(str(head_path))  # its plain data is made while the base finishes
        with collector_paused():  # the pool's thread unpickles the base (a large heap) while we wait
            base = pending.result()
    report = compare(base, head, base_name=names[0], head_name=names[1])
    emit(render(report, args.format, args.fail_on), args.out)
    return 1 if report.failing(args.fail_on) else 0
