"""archkit export FILE --to FORMAT: the model as Mermaid, Structurizr DSL, DOT, JSON, draw.io XML or OTM."""

from __future__ import annotations

import argparse

from archkit.cli import UsageError
from archkit.cli.common import add_model_argument, emit, load_model

FORMATS = ("mermaid", "structurizr", "dot", "json", "drawio", "otm")  # archkit.render.EXPORT_FORMATS


def register(sub: argparse._SubParsersAction) -> None:  # type: ignore[type-arg]
    parser = sub.add_parser("export", help="print the model as Mermaid, Structurizr DSL, DOT, JSON, draw.io XML or OTM")
    add_model_argument(parser)
    parser.add_argument("--to", required=True, choices=FORMATS, help="target format")
    parser.add_argument("--out", metavar="FILE", help="write to FILE instead of printing")
    parser.set_defaults(func=run)


def run(args: argparse.Namespace) -> int:
    from archkit.render import RenderError, export

    arch = load_model(args)
    try:
        text = export(arch, args.to)
    except RenderError as exc:
        raise UsageError(str(exc)) from None
    emit(text, args.out)
    return 0
