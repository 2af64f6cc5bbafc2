"""The API reference as data: per API, its operations with their parameters, body, responses,
authentication and numbers, read from the documents archkit generates. The HTML page and the
report's "API" section both render this, so they show the same reference."""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any

from archkit.api.documents import ApiDocument, api_documents
from archkit.api.openapi import OperationNumbers
from archkit.api.spec import HTTP_METHODS, Spec
from archkit.model.architecture import Architecture


@dataclass(frozen=True)
class Param:
    name: str
    where: str  # path | query | header
    required: bool
    type: str
    description: str


@dataclass(frozen=True)
class Field:
    name: str
    type: str
    required: bool
    notes: str  # read-only, max length, enum values


@dataclass(frozen=True)
class OperationRef:
    operation_id: str
    method: str
    path: str
    summary: str
    description: str
    auth: str  # "bearerAuth (feed:read)" or "public"
    params: list[Param]
    body: str | None  # schema name of the request body
    responses: list[tuple[str, str]]  # (status, description)
    rps: float | None
    p99_ms: float | None  # None with rps known: a component on its chain saturates
    p99_target_ms: float | None


@dataclass(frozen=True)
class ApiReference:
    component: str
    title: str
    version: str
    style: str
    description: str
    servers: list[str]
    schemes: list[tuple[str, str]]  # (name, what it is)
    operations: list[OperationRef] = field(default_factory=list)
    schemas: dict[str, list[Field]] = field(default_factory=dict)
    text: str | None = None  # GraphQL SDL or proto, shown as is
    filename: str = ""


def api_reference(arch: Architecture, numbers: OperationNumbers | None = None) -> list[ApiReference]:
    return [_reference(doc) for doc in api_documents(arch, numbers)]


def _reference(doc: ApiDocument) -> ApiReference:
    if doc.data is None:
        return ApiReference(
            doc.component, doc.component, "", doc.style, "", [], [], text=doc.text, filename=doc.filename
        )
    spec = Spec(doc.data)
    info = doc.data.get("info", {})
    schemes = [(name, _scheme(s)) for name, s in spec.schemes().items()]
    ops = []
    for path, item in (doc.data.get("paths") or {}).items():
        for method in HTTP_METHODS:
            op = item.get(method)
            if isinstance(op, dict):
                ops.append(_operation(spec, path, method, op))
    schemas = {
        name: _fields(spec, schema)
        for name, schema in ((doc.data.get("components") or {}).get("schemas") or {}).items()
    }
    return ApiReference(
        component=doc.component,
        title=str(info.get("title", doc.component)),
        version=str(info.get("version", "")),
        style=doc.style,
        description=str(info.get("description", "")),
        servers=[str(s.get("url")) for s in doc.data.get("servers") or []],
        schemes=schemes,
        operations=ops,
        schemas=schemas,
        filename=doc.filename,
    )


def _scheme(s: dict[str, Any]) -> str:
    if s.get("type") == "http":
        return f"HTTP {s.get('scheme')}" + (f" ({s['bearerFormat']})" if s.get("bearerFormat") else "")
    if s.get("type") == "apiKey":
        return f"API key in the {s.get('in')} {s.get('name')}"
    if s.get("type") == "oauth2":
        return "OAuth 2.0 authorization code"
    return str(s.get("type"))


def _type(spec: Spec, schema: Any) -> str:
    ref = schema.get("$ref") if isinstance(schema, dict) else None
    if isinstance(ref, str):
        return ref.rsplit("/", 1)[-1]
    schema = spec.resolve(schema)
    if not isinstance(schema, dict):
        return ""
    t = schema.get("type")
    t = "/".join(x for x in t if x != "null") if isinstance(t, list) else str(t or "object")
    if t == "array":
        return f"array of {_type(spec, schema.get('items'))}"
    return f"{t} ({schema['format']})" if schema.get("format") else t


def _operation(spec: Spec, path: str, method: str, op: dict[str, Any]) -> OperationRef:
    params = []
    for p in op.get("parameters") or []:
        p = spec.resolve(p)
        params.append(
            Param(
                str(p.get("name")),
                str(p.get("in")),
                bool(p.get("required")),
                _type(spec, p.get("schema")),
                str(p.get("description", "")),
            )
        )
    body = None
    request = spec.resolve(op.get("requestBody"))
    for _, media in spec.media(request):
        body = _type(spec, media.get("schema"))
        break
    sec = op.get("security")
    if sec == []:
        auth = "public"
    else:
        auth = "; ".join(
            f"{name}" + (f" ({', '.join(scopes)})" if scopes else "")
            for req in sec or []
            for name, scopes in req.items()
        )
    trace = op.get("x-archkit") or {}
    return OperationRef(
        operation_id=str(op.get("operationId", "")),
        method=method.upper(),
        path=path,
        summary=str(op.get("summary", "")),
        description=str(op.get("description", "")),
        auth=auth or "the API's default",
        params=params,
        body=body,
        responses=[(str(code), str(spec.resolve(r).get("description", ""))) for code, r in op["responses"].items()],
        rps=trace.get("rps"),
        p99_ms=trace.get("latency_p99_ms"),
        p99_target_ms=trace.get("latency_p99_target_ms"),
    )


def _fields(spec: Spec, schema: dict[str, Any]) -> list[Field]:
    required = set(schema.get("required") or [])
    out = []
    for name, prop in (schema.get("properties") or {}).items():
        prop = spec.resolve(prop)
        notes = []
        if prop.get("readOnly"):
            notes.append("read-only")
        if prop.get("enum"):
            notes.append("one of " + ", ".join(map(str, prop["enum"])))
        if prop.get("maxLength") is not None:
            notes.append(f"at most {prop['maxLength']:,} characters")
        if prop.get("maxItems") is not None:
            notes.append(f"at most {prop['maxItems']} items")
        out.append(Field(str(name), _type(spec, prop), name in required, "; ".join(notes)))
    return out


__all__ = ["ApiReference", "Field", "OperationRef", "Param", "api_reference"]
