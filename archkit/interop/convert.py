"""Another tool's model file -> the text of a commented archkit model, validated before anyone
writes it. The ``archkit import`` command and the workbook's model chooser both use it."""

from __future__ import annotations

import json
from dataclasses import dataclass
from pathlib import PurePath

import yaml

from archkit.interop.common import ImportResult
from archkit.interop.otm import from_otm
from archkit.interop.threagile import from_threagile
from archkit.model import Architecture, loads
from archkit.model.errors import ModelError, Problem
from archkit.model.yaml_reader import read

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


@dataclass
class Imported:
    text: str  # the archkit model file, commented, with what was not mapped listed at its end
    arch: Architecture  # that text, loaded (so it is known to be valid)
    unmapped: list[str]


def convert(tool: str, text: str, file: str, target: str = "imported.yaml") -> Imported:
    """``text`` (the file ``file`` of ``tool``: threagile | otm) as an archkit model; a file that is
    not one, or is broken, raises ``ModelError`` at its line."""
    result = _read(tool, text, file)
    body = yaml.safe_dump(result.model, sort_keys=False, allow_unicode=True, width=110)
    header = [f"# Imported from {PurePath(file).name} ({TOOLS[tool]}) by `archkit import {tool}`.", *ADVICE[tool]]
    footer = ["", f"# Not mapped ({len(result.unmapped)}): no archkit meaning, or kept as written."]
    footer += [f"#   - {line}" for line in result.unmapped]
    out = "\n".join(header) + "\n" + body + "\n".join(footer) + "\n"
    return Imported(out, loads(out, target), result.unmapped)  # a model that would not load is never written


def _read(tool: str, text: str, file: str) -> ImportResult:
    if tool not in TOOLS:
        raise ModelError([Problem(file, None, "", f"unknown format '{tool}'; choose from: {', '.join(TOOLS)}")])
    if tool == "threagile":
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
