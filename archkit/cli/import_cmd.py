"""archkit import FORMAT FILE: a model from another tool, with what could not be mapped said."""

from __future__ import annotations

import argparse
import json
import sys
from pathlib import Path
from typing import Any

from archkit.cli import UsageError
from archkit.cli.common import emit

TOOLS = {"threagile": "Threagile", "otm": "Open Threat Model"}
ADVICE = {
    "threagile": [
        "# Kinds come from each technical asset's technology; review them, then add what Threagile does not",
        "# say: traffic (rps on the clients), service times, replicas, timeouts and operations.",
    ],
    "otm": [
        "# A file archkit exported comes back whole. From another tool, kinds, trust levels and",
        "# classifications are inferred (said below): review them, then add traffic, service times,",
        "# replicas, timeouts and operations.",
    ],
}


def register(sub: argparse._SubParsersAction) -> None:  # type: ignore[type-arg]
    parser = sub.add_parser(
        "import",
        help="write an archkit model from another tool's model (threagile, otm); what cannot be mapped is listed",
    )
    parser.add_argument("format", choices=tuple(TOOLS), help="the other tool's format")
    parser.add_argument("file", metavar="FILE", help="its model file (OTM as JSON or YAML)")
    parser.add_argument("--out", "-o", metavar="MODEL.yaml", help="write the archkit model here (default: stdout)")
    parser.set_defaults(func=run)


def run(args: argparse.Namespace) -> int:
    import yaml

    from archkit.model import loads

    source = Path(args.file)
    try:
        text = source.read_text(encoding="utf-8")
    except OSError as exc:
        raise UsageError(f"{source}: {exc.strerror or exc}") from None
    except UnicodeDecodeError:
        raise UsageError(f"{source}: not UTF-8 text") from None
    result = _convert(args.format, text, str(source))
    body = yaml.safe_dump(result.model, sort_keys=False, allow_unicode=True, width=110)
    header = [
        f"# Imported from {source.name} ({TOOLS[args.format]}) by `archkit import {args.format}`.",
        *ADVICE[args.format],
    ]
    footer = ["", f"# Not mapped ({len(result.unmapped)}): no archkit meaning, or kept as written."]
    footer += [f"#   - {line}" for line in result.unmapped]
    out_text = "\n".join(header) + "\n" + body + "\n".join(footer) + "\n"
    loads(out_text, args.out or f"{source.stem}.archkit.yaml")  # a model that would not load is never written
    emit(out_text, args.out)
    model = result.model
    print(
        f"archkit import: {len(model.get('components', []))} components, {len(model.get('links', []))} links, "
        f"{len(model.get('boundaries', []))} boundaries, {len(model.get('data_assets', []))} data assets; "
        f"{len(result.unmapped)} item(s) not mapped (listed at the end of the model)",
        file=sys.stderr,
    )
    return 0


def _convert(fmt: str, text: str, file: str) -> Any:
    from archkit.interop import from_otm, from_threagile
    from archkit.model.errors import ModelError, Problem
    from archkit.model.yaml_reader import read

    if fmt == "threagile":
        data, _lines = read(text, file)
        return from_threagile(data, file)
    if not text.lstrip().startswith("{"):  # OTM is also written as YAML (IriusRisk's own examples are)
        document, lines = read(text, file)
        return from_otm(document, file, lines)
    try:
        document = json.loads(text)
    except json.JSONDecodeError as exc:
        raise ModelError([Problem(file, exc.lineno, "", f"JSON syntax error: {exc.msg}")]) from None
    # JSON is YAML, so the YAML reader gives every field's line (tabs only ever sit between
    # tokens in valid JSON, where a space means the same).
    _data, lines = read(text.replace("\t", " "), file)
    return from_otm(document, file, lines)
