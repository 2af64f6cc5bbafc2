"""The ``archkit`` command: a thin layer over the Python API.

Each subcommand lives in its own module here and exposes ``register(subparsers)``, which
adds its parser and sets ``func(args) -> int``. Exit codes mean one thing each:
0 success, 1 findings at or above --fail-on, 2 bad input or usage.
"""

from __future__ import annotations

import argparse
import os
import sys
from collections.abc import Sequence
from importlib import import_module
from importlib.util import find_spec

from archkit import __version__
from archkit.errors import InputError, UnavailableError
from archkit.model.errors import ModelError

# Order is the order of `archkit --help`.
COMMANDS = (
    "validate",
    "new",
    "import",
    "schema",
    "check",
    "diff",
    "rules",
    "analyze",
    "render",
    "export",
    "data",
    "api",
    "critique",
    "report",
    "workbook",
)

EXIT_OK, EXIT_FINDINGS, EXIT_USAGE = 0, 1, 2


class UsageError(InputError):
    """Bad arguments or input that is not a model problem; printed as one line, exit 2."""


def build_parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(
        prog="archkit",
        description="Describe a backend once; get diagrams, a review, numbers and a design document.",
    )
    parser.add_argument("--version", action="version", version=f"archkit {__version__}")
    sub = parser.add_subparsers(dest="command", metavar="COMMAND")
    for name in COMMANDS:
        module_name = f"archkit.cli.{name}_cmd"
        if find_spec(module_name) is not None:
            import_module(module_name).register(sub)
    return parser


def main(argv: Sequence[str] | None = None) -> int:
    parser = build_parser()
    return _dispatch(parser, parser.parse_args(argv))


def _dispatch(parser: argparse.ArgumentParser, args: argparse.Namespace) -> int:
    if not getattr(args, "func", None):
        parser.print_help(sys.stderr)
        return EXIT_USAGE
    try:
        return int(args.func(args))
    except ModelError as exc:
        for problem in exc.problems:
            print(problem, file=sys.stderr)
        return EXIT_USAGE
    except (InputError, UnavailableError) as exc:  # UsageError, and any other input the command refused
        print(f"archkit {args.command}: {exc}", file=sys.stderr)
        return EXIT_USAGE
    except KeyboardInterrupt:
        print("archkit: interrupted", file=sys.stderr)
        return 130
    except BrokenPipeError:
        return EXIT_OK
    except Exception as exc:  # a bug in archkit: say so in one line unless debugging
        if os.environ.get("ARCHKIT_DEBUG"):
            raise
        print(
            f"archkit {args.command}: internal error: {type(exc).__name__}: {exc} (set ARCHKIT_DEBUG=1 for the traceback)",
            file=sys.stderr,
        )
        return EXIT_USAGE


def run() -> None:
    """Console-script entry point."""
    try:
        parser = build_parser()
        args = parser.parse_args()
    except ModelError as exc:  # raised while parsing arguments
        print(exc, file=sys.stderr)
        sys.exit(EXIT_USAGE)
    code = _dispatch(parser, args)
    if getattr(args, "exits_fast", False):
        # The command holds two large models and their results and has written everything:
        # freeing millions of objects one by one at interpreter exit took 0.3 s of `archkit
        # diff` on 2,000 components, for nothing (mypy exits the same way for the same reason).
        sys.stdout.flush()
        sys.stderr.flush()
        os._exit(code)
    sys.exit(code)
