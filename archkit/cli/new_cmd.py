"""archkit new NAME --pattern P: write a starter model."""

from __future__ import annotations

import argparse
from pathlib import Path

from archkit.cli import UsageError
from archkit.model.io import loads, write_atomic
from archkit.patterns import PATTERNS, new_model, slug


def register(sub: argparse._SubParsersAction) -> None:  # type: ignore[type-arg]
    parser = sub.add_parser("new", help="write a starter model from a pattern")
    parser.add_argument("name", metavar="NAME", help="name of the system, e.g. 'Order service'")
    parser.add_argument(
        "--pattern",
        "-p",
        default="microservices",
        help=f"starting point: {', '.join(PATTERNS)} (default microservices)",
    )
    parser.add_argument("--out", "-o", help="file to write (default: NAME as a slug + .yaml in the current folder)")
    parser.add_argument("--force", action="store_true", help="overwrite an existing file")
    parser.set_defaults(func=run)


def run(args: argparse.Namespace) -> int:
    text = new_model(args.name, args.pattern)
    target = Path(args.out or f"{slug(args.name)}.yaml")
    if target.exists() and not args.force:
        raise UsageError(f"{target} already exists; choose another --out or pass --force")
    loads(text, str(target))  # a starter that does not validate is a bug; never write one
    write_atomic(target, text)
    print(f"wrote {target} ({args.pattern}); next: archkit validate {target}")
    return 0
