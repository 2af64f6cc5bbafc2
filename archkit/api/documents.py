"""Every API document a model implies: one per component with an ``api``, in model order."""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

import yaml

from archkit.api.graphql import graphql_sdl
from archkit.api.openapi import OperationNumbers, openapi_document
from archkit.api.proto import proto_service
from archkit.model.architecture import Architecture

SUFFIX = {"rest": ".openapi.yaml", "graphql": ".graphql", "grpc": ".proto"}


@dataclass(frozen=True)
class ApiDocument:
    component: str
    style: str  # rest | graphql | grpc
    text: str
    version: int = 1  # the API's major version
    data: dict[str, Any] | None = None  # the OpenAPI document as data (rest only)

    @property
    def filename(self) -> str:
        return f"{self.component}{SUFFIX[self.style]}"


def dump_yaml(doc: dict[str, Any]) -> str:
    """Deterministic YAML: key order as built, no aliases, long lines kept whole."""

    class _NoAliases(yaml.SafeDumper):
        def ignore_aliases(self, data: Any) -> bool:
            return True

    return yaml.dump(doc, Dumper=_NoAliases, sort_keys=False, allow_unicode=True, width=120)


def api_documents(arch: Architecture, numbers: OperationNumbers | None = None) -> list[ApiDocument]:
    out: list[ApiDocument] = []
    for c in arch.components:
        if c.api is None:
            continue
        if c.api.style == "rest":
            doc = openapi_document(arch, c.id, numbers)
            out.append(ApiDocument(c.id, "rest", dump_yaml(doc), c.api.version, doc))
        elif c.api.style == "graphql":
            out.append(ApiDocument(c.id, "graphql", graphql_sdl(arch, c.id), c.api.version))
        else:
            out.append(ApiDocument(c.id, "grpc", proto_service(arch, c.id), c.api.version))
    return out


__all__ = ["ApiDocument", "api_documents", "dump_yaml"]
