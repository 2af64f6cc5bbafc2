"""The inputs of ``archkit api diff``: two OpenAPI documents, or two model files whose REST
APIs are generated and compared component by component."""

from __future__ import annotations

from pathlib import Path

from archkit.api.diff import ApiDiff, diff_specs
from archkit.api.openapi import openapi_document
from archkit.api.spec import Spec
from archkit.api.spec_file import load_spec
from archkit.model.architecture import Architecture
from archkit.model.errors import ModelError, Problem
from archkit.model.io import load
from archkit.model.yaml_reader import decode, read


def _is_spec(path: Path) -> bool:
    try:
        raw = path.read_bytes()
    except OSError as exc:
        raise ModelError([Problem(str(path), None, "", f"cannot read the file: {exc.strerror or exc}")]) from None
    data, _ = read(decode(raw, str(path)), str(path))
    return isinstance(data, dict) and ("openapi" in data or "swagger" in data)


def _model_specs(arch: Architecture) -> dict[str, Spec]:
    return {
        c.id: Spec(openapi_document(arch, c.id), component=c.id)
        for c in arch.components
        if c.api is not None and c.api.style == "rest"
    }


_EMPTY = {"openapi": "3.1.0", "info": {"title": "(none)", "version": "0.0.0"}, "paths": {}}


def diff_files(old: str | Path, new: str | Path) -> list[ApiDiff]:
    old_path, new_path = Path(old), Path(new)
    old_spec, new_spec = _is_spec(old_path), _is_spec(new_path)
    if old_spec != new_spec:
        raise ModelError(
            [Problem(str(new_path), 1, "", "compare two OpenAPI documents or two model files, not one of each")]
        )
    if old_spec:
        return [diff_specs(load_spec(old_path), load_spec(new_path), f"{old_path.name} -> {new_path.name}")]
    a, b = _model_specs(load(old_path)), _model_specs(load(new_path))
    out = []
    for cid in list(a) + [c for c in b if c not in a]:
        before = a.get(cid) or Spec(dict(_EMPTY), component=cid)
        after = b.get(cid) or Spec(dict(_EMPTY), component=cid)
        out.append(diff_specs(before, after, cid))
    return out


__all__ = ["diff_files"]
