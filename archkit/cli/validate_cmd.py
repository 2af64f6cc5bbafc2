"""archkit validate FILE: check a model file and summarize it."""

from __future__ import annotations

import argparse
import sys

from archkit.cli.common import add_model_argument, load_model


def register(sub: argparse._SubParsersAction) -> None:  # type: ignore[type-arg]
    parser = sub.add_parser("validate", help="check a model file and print a short summary")
    add_model_argument(parser)
    parser.add_argument("-q", "--quiet", action="store_true", help="print nothing when valid")
    parser.set_defaults(func=run)


def run(args: argparse.Namespace) -> int:
    from archkit.analysis.traffic import traffic_mismatch

    arch = load_model(args)
    if not args.quiet:
        print(f"{arch.source_path}: valid")
        print(arch.summary())
    mismatch = traffic_mismatch(arch)
    if mismatch is not None:  # valid, but two numbers for one peak: said even with -q
        line = arch.line_of("requirements.peak_rps")
        where = f"{arch.source_path}:{line}" if line else str(arch.source_path)
        print(f"{where}: warning: {mismatch}", file=sys.stderr)
    return 0
