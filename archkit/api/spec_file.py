"""Read an OpenAPI 3.0/3.1 document from a file (YAML or JSON) for the spec rules.

Bad input is refused the way model files are, at FILE:LINE: a YAML error, a document that is
not OpenAPI 3 (Swagger 2.0 is named as such), a ``$ref`` that resolves to nothing. References
into other files (``schemas.yaml#/Pet``) are followed relative to the document and inlined, so
the rules see one tree.
"""

from __future__ import annotations

import copy
import re
from pathlib import Path
from typing import Any

from archkit.api.spec import Pointer, Spec, line_key
from archkit.model.errors import ModelError, Problem
from archkit.model.yaml_reader import decode
from archkit.model.yaml_stream import read_stream

_VERSION = re.compile(r"^3\.[01]\.\d+$")
_MAX_FILES = 64
_MAX_INLINED = 10_000  # a schema that refers to itself across files would inline forever


def load_spec(path: str | Path, component: str | None = None) -> Spec:
    data, lines = read_document(Path(path))
    return spec_from(path, data, lines, component)


def spec_from(path: str | Path, data: Any, lines: dict[str, int], component: str | None = None) -> Spec:
    """The spec of a document already read (``read_document``): checked, its references resolved."""
    file = str(path)
    if not isinstance(data, dict):
        raise ModelError([Problem(file, 1, "", "not an OpenAPI document: the top level must be a mapping")])
    if "openapi" not in data:
        if "swagger" in data:
            raise ModelError(
                [
                    Problem(
                        file,
                        lines.get("swagger", 1),
                        "swagger",
                        "Swagger 2.0 is not supported: convert it to OpenAPI 3",
                    )
                ]
            )
        raise ModelError([Problem(file, 1, "", "not an OpenAPI document: it has no `openapi` field")])
    version = str(data["openapi"])
    if not _VERSION.match(version):
        raise ModelError(
            [Problem(file, lines.get("openapi"), "openapi", f"OpenAPI version '{version}' is not 3.0.x or 3.1.x")]
        )
    for key in ("paths", "components", "info"):
        if key in data and not isinstance(data[key], dict):
            raise ModelError([Problem(file, lines.get(key), key, f"`{key}` must be a mapping")])
    spec = Spec(data, file=file, lines=lines, component=component)
    _resolve_refs(spec, Path(path).parent, {Path(path).resolve(): data})
    return spec


def read_document(path: Path) -> tuple[Any, dict[str, int]]:
    """A YAML or JSON file as data and the line of every field (refusing bad input at FILE:LINE)."""
    file = str(path)
    try:
        raw = path.read_bytes()
    except OSError as exc:
        raise ModelError([Problem(file, None, "", f"cannot read the file: {exc.strerror or exc}")]) from None
    text = decode(raw, file)
    if not text.strip():
        raise ModelError([Problem(file, 1, "", "the file is empty")])
    return read_stream(text, file)  # streamed: a multi-megabyte spec never exists as a node tree


def _refs(node: Any, pointer: Pointer) -> list[tuple[dict[str, Any], Pointer]]:
    out: list[tuple[dict[str, Any], Pointer]] = []
    stack: list[tuple[Any, Pointer]] = [(node, pointer)]
    while stack:
        current, ptr = stack.pop()
        if isinstance(current, dict):
            if isinstance(current.get("$ref"), str):
                out.append((current, ptr))
            stack.extend((v, (*ptr, k)) for k, v in current.items() if k != "$ref")
        elif isinstance(current, list):
            stack.extend((v, (*ptr, i)) for i, v in enumerate(current))
    return out


def _resolve_refs(spec: Spec, base: Path, loaded: dict[Path, Any]) -> None:
    """Check every local ``$ref`` resolves; inline references into other files."""
    file = spec.file or "<spec>"
    problems: list[Problem] = []
    pending = _refs(spec.data, ())
    inlined_count = 0
    while pending:
        node, ptr = pending.pop()
        ref = node["$ref"]
        line = spec.line((*ptr, "$ref"))
        if ref.startswith("#"):
            if ref != "#" and spec.at_ref(ref) is None:
                problems.append(
                    Problem(file, line, line_key(ptr), f"$ref '{ref}' resolves to nothing in this document")
                )
            continue
        target_file, _, fragment = ref.partition("#")
        if "://" in target_file:
            problems.append(
                Problem(file, line, line_key(ptr), f"$ref '{ref}' is remote; archkit reads local files only")
            )
            continue
        target_path = (base / target_file).resolve()
        if target_path not in loaded:
            if len(loaded) >= _MAX_FILES or not target_path.is_file():
                problems.append(Problem(file, line, line_key(ptr), f"$ref '{ref}': no such file {target_file}"))
                continue
            loaded[target_path] = read_document(target_path)[0]
        target: Any = loaded[target_path]
        for raw in [p for p in fragment.lstrip("/").split("/") if p]:
            key = raw.replace("~1", "/").replace("~0", "~")
            target = target.get(key) if isinstance(target, dict) else None
        if target is None:
            problems.append(Problem(file, line, line_key(ptr), f"$ref '{ref}' resolves to nothing in {target_file}"))
            continue
        inlined_count += 1
        if inlined_count > _MAX_INLINED:
            problems.append(Problem(file, line, line_key(ptr), f"$ref '{ref}': references into other files recurse"))
            break
        inlined = copy.deepcopy(target)
        node.pop("$ref")
        if isinstance(inlined, dict):
            node.update(inlined)
            # Refs inside the other file are relative to it; local ones there point into that file.
            for inner, inner_ptr in _refs(node, ptr):
                if inner["$ref"].startswith("#"):
                    inner["$ref"] = f"{target_file}{inner['$ref']}"
                pending.append((inner, inner_ptr))
    if problems:
        raise ModelError(problems)


__all__ = ["load_spec", "read_document", "spec_from"]
