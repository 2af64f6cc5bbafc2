"""An OpenAPI document as the spec rules see it: its data, the line of every field, and walks
over operations and schemas that follow local ``$ref``s.

A pointer is a tuple of keys and list indexes (``("paths", "/posts", "post")``); ``line`` maps it
to the line in the file the document came from (None for a generated document, whose findings
are placed on the model's component instead).
"""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import dataclass, field
from typing import Any

HTTP_METHODS = ("get", "put", "post", "delete", "options", "head", "patch", "trace")
WRITE_METHODS = frozenset({"post", "put", "patch", "delete"})
Pointer = tuple[str | int, ...]
_MAX_REF_DEPTH = 32


def line_key(pointer: Pointer) -> str:
    """The yaml_reader's path for a pointer: ``paths./posts.post.parameters[0]``."""
    out = ""
    for part in pointer:
        if isinstance(part, int):
            out += f"[{part}]"
        else:
            out = f"{out}.{part}" if out else part
    return out


_NOISE = frozenset({"properties", "content", "schema", "application/json"})


def describe(pointer: Pointer) -> str:
    """A pointer as a reader names the place: ``GET /pets parameters[0].items``, ``schema Pet.name``."""
    parts = list(pointer)
    head = ""
    if len(parts) >= 3 and parts[0] == "paths" and str(parts[2]) in HTTP_METHODS:
        head, parts = f"{str(parts[2]).upper()} {parts[1]}", parts[3:]
    elif len(parts) >= 3 and parts[:2] == ["components", "schemas"]:
        head, parts = f"schema {parts[2]}", parts[3:]
    elif len(parts) >= 3 and parts[0] == "components":
        head, parts = f"{parts[1]} {parts[2]}", parts[3:]
    rest = ""
    for part in parts:
        if isinstance(part, int):
            rest += f"[{part}]"
        elif part not in _NOISE:
            rest += f".{part}"
    rest = rest.lstrip(".")
    if not head:
        return rest or "the document"
    joiner = "." if head.startswith("schema ") and rest and not rest.startswith("[") else " "
    return f"{head}{joiner}{rest}" if rest else head


@dataclass(frozen=True)
class SpecOperation:
    path: str
    method: str  # lower case, as in the document
    data: dict[str, Any]
    pointer: Pointer
    parameters: list[tuple[dict[str, Any], Pointer]]  # path-level and operation-level, refs resolved

    @property
    def route(self) -> str:
        return f"{self.method.upper()} {self.path}"

    @property
    def responses(self) -> dict[str, Any]:
        responses = self.data.get("responses")
        return responses if isinstance(responses, dict) else {}

    def param(self, name: str, where: str | None = None) -> dict[str, Any] | None:
        lowered = name.lower()
        for p, _ in self.parameters:
            if str(p.get("name", "")).lower() == lowered and (where is None or p.get("in") == where):
                return p
        return None


@dataclass
class Spec:
    data: dict[str, Any]
    file: str | None = None  # None: generated from the model
    lines: dict[str, int] = field(default_factory=dict)
    component: str | None = None  # the model component it describes, when known

    def line(self, pointer: Pointer) -> int | None:
        """The line of ``pointer`` or of its nearest ancestor that has one."""
        for n in range(len(pointer), -1, -1):
            found = self.lines.get(line_key(pointer[:n]))
            if found is not None:
                return found
        return None

    @property
    def version(self) -> str:
        return str(self.data.get("openapi", ""))

    def resolve(self, node: Any) -> Any:
        """Follow local ``$ref``s (``#/components/...``); an unresolvable one returns the node as is
        (loading already refused it for a file)."""
        for _ in range(_MAX_REF_DEPTH):
            if not isinstance(node, dict) or not isinstance(node.get("$ref"), str):
                return node
            target = self.at_ref(node["$ref"])
            if target is None:
                return node
            node = target
        return node

    def at_ref(self, ref: str) -> Any:
        if not ref.startswith("#/"):
            return None
        node: Any = self.data
        for raw in ref[2:].split("/"):
            key = raw.replace("~1", "/").replace("~0", "~")
            if isinstance(node, dict) and key in node:
                node = node[key]
            elif isinstance(node, list) and key.isdigit() and int(key) < len(node):
                node = node[int(key)]
            else:
                return None
        return node

    def operations(self) -> Iterator[SpecOperation]:
        paths = self.data.get("paths")
        if not isinstance(paths, dict):
            return
        for path, item in paths.items():
            item = self.resolve(item)
            if not isinstance(item, dict):
                continue
            shared = self._params(item.get("parameters"), ("paths", path, "parameters"))
            for method in HTTP_METHODS:
                op = item.get(method)
                if not isinstance(op, dict):
                    continue
                pointer: Pointer = ("paths", path, method)
                own = self._params(op.get("parameters"), (*pointer, "parameters"))
                names = {(p.get("name"), p.get("in")) for p, _ in own}
                merged = own + [(p, ptr) for p, ptr in shared if (p.get("name"), p.get("in")) not in names]
                yield SpecOperation(str(path), method, op, pointer, merged)

    def _params(self, raw: Any, pointer: Pointer) -> list[tuple[dict[str, Any], Pointer]]:
        if not isinstance(raw, list):
            return []
        out = []
        for i, p in enumerate(raw):
            resolved = self.resolve(p)
            if isinstance(resolved, dict):
                out.append((resolved, (*pointer, i)))
        return out

    def security_of(self, op: SpecOperation) -> list[dict[str, Any]]:
        """The security requirements in force for ``op`` (its own, else the document's)."""
        sec = op.data["security"] if "security" in op.data else self.data.get("security", [])
        return [r for r in sec if isinstance(r, dict)] if isinstance(sec, list) else []

    def schemes(self) -> dict[str, Any]:
        comps = self.data.get("components")
        schemes = comps.get("securitySchemes") if isinstance(comps, dict) else None
        return {k: self.resolve(v) for k, v in schemes.items()} if isinstance(schemes, dict) else {}

    def media(self, container: Any) -> Iterator[tuple[str, dict[str, Any]]]:
        """(media type, media object) of a request body or response."""
        container = self.resolve(container)
        content = container.get("content") if isinstance(container, dict) else None
        if isinstance(content, dict):
            for media_type, media in content.items():
                if isinstance(media, dict):
                    yield str(media_type), media

    # ------------------------------------------------------------------ schemas
    def schemas(self) -> Iterator[tuple[dict[str, Any], Pointer]]:
        """Every schema object in the document once (``$ref`` nodes are skipped: their target is
        visited where it is defined), with its pointer."""
        seen: set[int] = set()
        comps = self.data.get("components")
        if isinstance(comps, dict):
            for name, s in (comps.get("schemas") or {}).items():
                yield from self._walk(s, ("components", "schemas", name), seen)
            for name, h in (comps.get("headers") or {}).items():
                if isinstance(h, dict):
                    yield from self._walk(h.get("schema"), ("components", "headers", name, "schema"), seen)
            for name, p in (comps.get("parameters") or {}).items():
                if isinstance(p, dict):
                    yield from self._walk(p.get("schema"), ("components", "parameters", name, "schema"), seen)
        for op in self.operations():
            for p, ptr in op.parameters:
                yield from self._walk(p.get("schema"), (*ptr, "schema"), seen)
            body = op.data.get("requestBody")
            for media_type, media in self.media(body):
                yield from self._walk(
                    media.get("schema"), (*op.pointer, "requestBody", "content", media_type, "schema"), seen
                )
            for code, response in op.responses.items():
                rptr = (*op.pointer, "responses", str(code))
                for media_type, media in self.media(response):
                    yield from self._walk(media.get("schema"), (*rptr, "content", media_type, "schema"), seen)
                resolved = self.resolve(response)
                headers = resolved.get("headers") if isinstance(resolved, dict) else None
                if isinstance(headers, dict):
                    for name, h in headers.items():
                        h = self.resolve(h)
                        if isinstance(h, dict):
                            yield from self._walk(h.get("schema"), (*rptr, "headers", name, "schema"), seen)

    def _walk(self, schema: Any, pointer: Pointer, seen: set[int]) -> Iterator[tuple[dict[str, Any], Pointer]]:
        stack = [(schema, pointer)]
        while stack:
            node, ptr = stack.pop()
            if not isinstance(node, dict) or "$ref" in node or id(node) in seen:
                continue
            seen.add(id(node))
            yield node, ptr
            for key in ("items", "additionalProperties", "not", "contains"):
                if isinstance(node.get(key), dict):
                    stack.append((node[key], (*ptr, key)))
            for key in ("allOf", "oneOf", "anyOf", "prefixItems"):
                if isinstance(node.get(key), list):
                    stack.extend((s, (*ptr, key, i)) for i, s in enumerate(node[key]))
            props = node.get("properties")
            if isinstance(props, dict):
                stack.extend((s, (*ptr, "properties", name)) for name, s in props.items())

    def schema_properties(self, schema: Any, depth: int = 0) -> dict[str, Any]:
        """Properties of an object schema, through ``$ref`` and ``allOf``."""
        schema = self.resolve(schema)
        if not isinstance(schema, dict) or depth > 8:
            return {}
        out: dict[str, Any] = {}
        for part in schema.get("allOf") or []:
            out.update(self.schema_properties(part, depth + 1))
        props = schema.get("properties")
        if isinstance(props, dict):
            out.update({k: self.resolve(v) for k, v in props.items()})
        return out


def types_of(schema: dict[str, Any]) -> set[str]:
    """The JSON types a schema allows (3.1 lists and 3.0 single types)."""
    t = schema.get("type")
    if isinstance(t, list):
        return {str(x) for x in t}
    return {str(t)} if t else set()


__all__ = ["HTTP_METHODS", "WRITE_METHODS", "Pointer", "Spec", "SpecOperation", "describe", "line_key", "types_of"]
