"""Helpers shared by the subcommands: the model argument, output writing."""

from __future__ import annotations

import argparse
import sys
from pathlib import Path

from archkit.model import Architecture, load
from archkit.model.io import write_atomic


def add_model_argument(parser: argparse.ArgumentParser) -> None:
    parser.add_argument(
        "file",
        metavar="FILE",
        nargs="?",
        help="model file (YAML); default: the bundled example examples/social-sharing.yaml",
    )


def load_model(args: argparse.Namespace) -> Architecture:
    from archkit.paths import example

    return load(args.file if args.file else example())


def emit(text: str, out: str | None) -> None:
    """Print ``text`` or write it atomically to ``out``."""
    if out:
        write_atomic(Path(out), text if text.endswith("\n") else text + "\n")
        print(f"wrote {out}", file=sys.stderr)
    else:
        sys.stdout.write(text if text.endswith("\n") else text + "\n")
