"""The inputs of ``archkit api diff``: two OpenAPI documents, or two model files whose REST
APIs are generated and compared component by component."""

from __future__ import annotations

from pathlib import Path

from archkit.api.diff import ApiDiff, diff_specs
from archkit.api.openapi import openapi_document
from archkit.api.spec import Spec
from archkit.api.spec_file import read_document, spec_from
from archkit.model.architecture import Architecture
from archkit.model.errors import ModelError, Problem
from archkit.model.io import load


def _spec_or_model(path: Path) -> Spec | Architecture:
    """The file read once: an OpenAPI document as a Spec, else a model file."""
    data, lines = read_document(path)
    if isinstance(data, dict) and ("openapi" in data or "swagger" in data):
        return spec_from(path, data, lines)
    return load(path)


def model_specs(arch: Architecture) -> dict[str, Spec]:
    """Component id -> the OpenAPI document generated for each REST API of the model."""
    return {
        c.id: Spec(openapi_document(arch, c.id), component=c.id)
        for c in arch.components
        if c.api is not None and c.api.style == "rest"
    }


_EMPTY = {"openapi": "3.1.0", "info": {"title": "(none)", "version": "0.0.0"}, "paths": {}}


def diff_files(old: str | Path, new: str | Path) -> list[ApiDiff]:
    old_path, new_path = Path(old), Path(new)
    before, after = _spec_or_model(old_path), _spec_or_model(new_path)
    if isinstance(before, Spec) and isinstance(after, Spec):
        return [diff_specs(before, after, f"{old_path.name} -> {new_path.name}")]
    if isinstance(before, Spec) or isinstance(after, Spec):
        raise ModelError(
            [Problem(str(new_path), 1, "", "compare two OpenAPI documents or two model files, not one of each")]
        )
    return diff_models(before, after)


def diff_models(before: Architecture, after: Architecture) -> list[ApiDiff]:
    """The REST APIs of two models, generated and compared component by component."""
    return diff_spec_sets(model_specs(before), model_specs(after))


def diff_spec_sets(a: dict[str, Spec], b: dict[str, Spec]) -> list[ApiDiff]:
    """Two models' REST APIs (``model_specs``), compared component by component."""
    out = []
    for cid in list(a) + [c for c in b if c not in a]:
        old_spec = a.get(cid) or Spec(dict(_EMPTY), component=cid)
        new_spec = b.get(cid) or Spec(dict(_EMPTY), component=cid)
        out.append(diff_specs(old_spec, new_spec, cid))
    return out


__all__ = ["diff_files", "diff_models", "diff_spec_sets", "model_specs"]
