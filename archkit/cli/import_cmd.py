"""archkit import FORMAT FILE: a model from another tool, with what could not be mapped said."""

from __future__ import annotations

import argparse
import sys
from pathlib import Path

from archkit.cli import UsageError
from archkit.cli.common import emit


def register(sub: argparse._SubParsersAction) -> None:  # type: ignore[type-arg]
    parser = sub.add_parser(
        "import",
        help="write an archkit model from another tool's model (threagile); what cannot be mapped is listed",
    )
    parser.add_argument("format", choices=("threagile",), help="the other tool's format")
    parser.add_argument("file", metavar="FILE", help="its model file")
    parser.add_argument("--out", "-o", metavar="MODEL.yaml", help="write the archkit model here (default: stdout)")
    parser.set_defaults(func=run)


def run(args: argparse.Namespace) -> int:
    import yaml

    from archkit.interop import from_threagile
    from archkit.model import loads
    from archkit.model.yaml_reader import read

    source = Path(args.file)
    try:
        text = source.read_text(encoding="utf-8")
    except OSError as exc:
        raise UsageError(f"{source}: {exc.strerror or exc}") from None
    data, _lines = read(text, str(source))
    result = from_threagile(data, str(source))
    body = yaml.safe_dump(result.model, sort_keys=False, allow_unicode=True, width=110)
    header = [
        f"# Imported from {source.name} (Threagile) by `archkit import threagile`.",
        "# Kinds come from each technical asset's technology; review them, then add what Threagile does not",
        "# say: traffic (rps on the clients), service times, replicas, timeouts and operations.",
    ]
    footer = ["", f"# Not mapped ({len(result.unmapped)}): no archkit meaning, or kept as written."]
    footer += [f"#   - {line}" for line in result.unmapped]
    out_text = "\n".join(header) + "\n" + body + "\n".join(footer) + "\n"
    loads(out_text, args.out or f"{source.stem}.archkit.yaml")  # a model that would not load is never written
    emit(out_text, args.out)
    print(
        f"archkit import: {len(result.model['components'])} components, {len(result.model['links'])} links, "
        f"{len(result.model['boundaries'])} boundaries, {len(result.model['data_assets'])} data assets; "
        f"{len(result.unmapped)} item(s) not mapped (listed at the end of the model)",
        file=sys.stderr,
    )
    return 0
