"""archkit import FORMAT FILE: a model from another tool, with what could not be mapped said."""

from __future__ import annotations

import argparse
import sys
from pathlib import Path

from archkit.cli import UsageError
from archkit.cli.common import emit

TOOLS = ("threagile", "otm")  # archkit.interop.convert.TOOLS


def register(sub: argparse._SubParsersAction) -> None:  # type: ignore[type-arg]
    parser = sub.add_parser(
        "import",
        help="write an archkit model from another tool's model (threagile, otm); what cannot be mapped is listed",
    )
    parser.add_argument("format", choices=TOOLS, help="the other tool's format")
    parser.add_argument("file", metavar="FILE", help="its model file (OTM as JSON or YAML)")
    parser.add_argument("--out", "-o", metavar="MODEL.yaml", help="write the archkit model here (default: stdout)")
    parser.set_defaults(func=run)


def run(args: argparse.Namespace) -> int:
    from archkit.interop.convert import convert

    source = Path(args.file)
    try:
        text = source.read_text(encoding="utf-8")
    except OSError as exc:
        raise UsageError(f"{source}: {exc.strerror or exc}") from None
    except UnicodeDecodeError:
        raise UsageError(f"{source}: not UTF-8 text") from None
    imported = convert(args.format, text, str(source), args.out or f"{source.stem}.archkit.yaml")
    emit(imported.text, args.out)
    arch = imported.arch
    print(
        f"archkit import: {len(arch.components)} components, {len(arch.links)} links, "
        f"{len(arch.boundaries)} boundaries, {len(arch.data_assets)} data assets; "
        f"{len(imported.unmapped)} item(s) not mapped (listed at the end of the model)",
        file=sys.stderr,
    )
    return 0
