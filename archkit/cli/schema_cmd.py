"""archkit schema: print the JSON Schema of the model file (for editors)."""

from __future__ import annotations

import argparse
import json

from archkit.cli.common import emit


def register(sub: argparse._SubParsersAction) -> None:  # type: ignore[type-arg]
    parser = sub.add_parser("schema", help="print the JSON Schema of the model file")
    parser.add_argument("--out", help="write to this file instead of stdout")
    parser.set_defaults(func=run)


def run(args: argparse.Namespace) -> int:
    from archkit.model.jsonschema import json_schema

    emit(json.dumps(json_schema(), indent=2, sort_keys=False), args.out)
    return 0
