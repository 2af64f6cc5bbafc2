"""archkit render FILE: draw the model as PNG and SVG (Graphviz dot)."""

from __future__ import annotations

import argparse
import sys

from archkit.cli import UsageError
from archkit.cli.common import add_model_argument, load_model


def register(sub: argparse._SubParsersAction) -> None:  # type: ignore[type-arg]
    parser = sub.add_parser("render", help="draw the model as PNG and SVG diagrams")
    add_model_argument(parser)
    parser.add_argument("--out", metavar="DIR", help="output folder (default: exports/ in the current folder)")
    parser.add_argument("--format", default="png,svg", help="comma-separated formats: png, svg (default: png,svg)")
    parser.add_argument(
        "--view",
        metavar="NAME",
        help="system (default), overview, data, boundary:<id>, journey:<client>, or a view id from the model",
    )
    parser.add_argument("--list-views", action="store_true", help="print the views this model offers and exit")
    parser.set_defaults(func=run)


def run(args: argparse.Namespace) -> int:
    from archkit.paths import default_exports_dir
    from archkit.render import FORMATS_IMAGE, RenderError, UnknownView, available_views, diagram

    arch = load_model(args)
    if args.list_views:
        print("\n".join(available_views(arch)))
        return 0
    formats = tuple(f.strip().lower() for f in args.format.split(",") if f.strip())
    bad = [f for f in formats if f not in FORMATS_IMAGE]
    if bad or not formats:
        raise UsageError(f"unknown format '{','.join(bad)}'; choose from: {', '.join(FORMATS_IMAGE)}")
    out = args.out or default_exports_dir()
    try:
        files = diagram(arch, out, formats, view=args.view)
    except UnknownView as exc:
        raise UsageError(str(exc)) from None
    except RenderError as exc:
        raise UsageError(str(exc)) from None
    for message in files.messages:
        print(f"archkit render: note: {message}", file=sys.stderr)
    for path in files:
        print(path)
    return 0
