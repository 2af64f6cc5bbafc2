"""What changed between two versions of an API, each change classified as breaking or not,
and the semantic version the new document needs.

A change is breaking when a client written against the old document can fail against the new
one: a removed operation or response field, a new required input, a narrower type, enum or
length on input, a wider enum on output, stronger authentication, a changed success status.
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from dataclasses import asdict, dataclass
from typing import Any

from archkit.api.spec import Spec, SpecOperation, types_of

# Change classes: name -> (breaking, what it means). The docs table is generated from this.
CLASSES: dict[str, tuple[bool, str]] = {
    "operation-removed": (True, "an operation (method and path) is gone"),
    "operation-added": (False, "a new operation"),
    "parameter-required-added": (True, "a new required parameter"),
    "parameter-optional-added": (False, "a new optional parameter"),
    "parameter-removed": (False, "a parameter is no longer read (clients may keep sending it)"),
    "parameter-became-required": (True, "an optional parameter is now required"),
    "parameter-became-optional": (False, "a required parameter is now optional"),
    "request-field-required-added": (True, "a new required field in the request body"),
    "request-field-optional-added": (False, "a new optional field in the request body"),
    "request-field-became-required": (True, "an optional request field is now required"),
    "request-body-required": (True, "the request body is now required"),
    "response-field-removed": (True, "a field clients read is gone from the response"),
    "response-field-added": (False, "a new field in the response"),
    "response-field-became-optional": (True, "a response field clients rely on may now be absent"),
    "type-changed": (True, "a field or parameter changed type"),
    "type-narrowed": (True, "input accepts less: a smaller maxLength/maximum, a larger minimum"),
    "type-widened": (False, "input accepts more: a larger maxLength/maximum, a smaller minimum"),
    "enum-narrowed": (True, "input enum lost values that clients send"),
    "enum-widened-input": (False, "input enum accepts more values"),
    "enum-widened-output": (True, "output enum gained values a client's exhaustive switch does not handle"),
    "enum-narrowed-output": (False, "output enum returns fewer values"),
    "auth-stronger": (True, "the operation now needs credentials or more scopes"),
    "auth-weaker": (False, "the operation needs fewer scopes or no credentials"),
    "success-status-changed": (True, "the success status code changed"),
    "response-status-removed": (True, "a documented response status is gone"),
    "response-status-added": (False, "a new documented response status"),
    "media-type-removed": (True, "a request or response media type is gone"),
    "media-type-added": (False, "a new media type"),
    "server-changed": (True, "the server URL changed"),
    "operation-id-changed": (False, "the operationId changed (generated SDK method names change)"),
}
_MAX_DEPTH = 12
_SEMVER = re.compile(r"^(\d+)(?:\.(\d+))?(?:\.(\d+))?")


@dataclass(frozen=True)
class Change:
    kind: str
    where: str  # "POST /posts", "POST /posts request body .author.name"
    detail: str

    @property
    def breaking(self) -> bool:
        return CLASSES[self.kind][0]

    def to_dict(self) -> dict[str, Any]:
        return {**asdict(self), "breaking": self.breaking}


@dataclass(frozen=True)
class ApiDiff:
    name: str  # the component or file pair compared
    changes: list[Change]
    old_version: str
    new_version: str

    @property
    def breaking(self) -> list[Change]:
        return [c for c in self.changes if c.breaking]

    @property
    def required_bump(self) -> str:
        if self.breaking:
            return "major"
        if any(c.kind.endswith("added") or c.kind.startswith(("enum-widened", "type-widened")) for c in self.changes):
            return "minor"
        return "patch" if self.changes else "none"

    @property
    def major_bumped(self) -> bool:
        return _major(self.new_version) > _major(self.old_version)

    @property
    def verdict(self) -> str:
        """One line: what the change needs and whether the version says so."""
        if not self.changes:
            return "no API change"
        if self.breaking and not self.major_bumped:
            return (
                f"BREAKING: {len(self.breaking)} breaking change(s) and the major version stays "
                f"{_major(self.old_version)} ({self.old_version} -> {self.new_version}); release a new major version"
            )
        if self.breaking:
            return f"breaking, released as a new major version ({self.old_version} -> {self.new_version})"
        return f"compatible: a {self.required_bump} release is enough ({self.old_version} -> {self.new_version})"

    @property
    def fails(self) -> bool:
        return bool(self.breaking) and not self.major_bumped

    def to_dict(self) -> dict[str, Any]:
        return {
            "name": self.name,
            "old_version": self.old_version,
            "new_version": self.new_version,
            "required_bump": self.required_bump,
            "verdict": self.verdict,
            "breaking": len(self.breaking),
            "changes": [c.to_dict() for c in self.changes],
        }


def _major(version: str) -> int:
    m = _SEMVER.match(str(version).lstrip("v"))
    return int(m.group(1)) if m else 0


def diff_specs(old: Spec, new: Spec, name: str = "api") -> ApiDiff:
    changes: list[Change] = []
    old_ops = {_key(op): op for op in old.operations()}
    new_ops = {_key(op): op for op in new.operations()}
    for key, op in old_ops.items():
        if key not in new_ops:
            changes.append(Change("operation-removed", op.route, f"{op.route} is gone"))
    for key, op in new_ops.items():
        if key not in old_ops:
            changes.append(Change("operation-added", op.route, f"{op.route} is new"))
        else:
            changes += list(_operation(old, new, old_ops[key], op))
    old_servers = [s.get("url") for s in old.data.get("servers") or [] if isinstance(s, dict)]
    new_servers = [s.get("url") for s in new.data.get("servers") or [] if isinstance(s, dict)]
    for url in old_servers:
        if url not in new_servers:
            changes.append(Change("server-changed", "servers", f"server {url} is gone"))
    return ApiDiff(name, changes, _version(old), _version(new))


def _version(spec: Spec) -> str:
    info = spec.data.get("info")
    return str(info.get("version", "0")) if isinstance(info, dict) else "0"


def _key(op: SpecOperation) -> tuple[str, str]:
    """Operations are matched by method and path shape (parameter names may be renamed)."""
    return op.method, re.sub(r"\{[^}]*\}", "{}", op.path.rstrip("/"))


def _operation(old: Spec, new: Spec, a: SpecOperation, b: SpecOperation) -> Iterator[Change]:
    where = b.route
    if a.data.get("operationId") != b.data.get("operationId") and a.data.get("operationId"):
        yield Change(
            "operation-id-changed", where, f"operationId {a.data.get('operationId')} -> {b.data.get('operationId')}"
        )
    yield from _parameters(old, new, a, b)
    yield from _request(old, new, a, b)
    yield from _responses(old, new, a, b)
    yield from _auth(old, new, a, b)


def _params(op: SpecOperation) -> dict[tuple[str, str], dict[str, Any]]:
    out = {}
    for p, _ in op.parameters:
        name = str(p.get("name", ""))
        where = str(p.get("in", ""))
        out[(where, name.lower() if where == "header" else name)] = p
    return out


def _parameters(old: Spec, new: Spec, a: SpecOperation, b: SpecOperation) -> Iterator[Change]:
    pa, pb = _params(a), _params(b)
    path_a = [k for k in pa if k[0] == "path"]
    path_b = [k for k in pb if k[0] == "path"]
    renamed = dict(zip(path_a, path_b, strict=False)) if len(path_a) == len(path_b) else {}
    for key, p in pa.items():
        other_key = renamed.get(key, key)
        label = f"{b.route} {key[0]} parameter {key[1]}"
        if other_key not in pb:
            yield Change("parameter-removed", label, f"{key[1]} ({key[0]}) is no longer declared")
            continue
        q = pb[other_key]
        if not p.get("required") and q.get("required"):
            yield Change("parameter-became-required", label, f"{key[1]} is now required")
        elif p.get("required") and not q.get("required") and key[0] != "path":
            yield Change("parameter-became-optional", label, f"{key[1]} is now optional")
        yield from _schema(old, new, p.get("schema"), q.get("schema"), label, direction="input", depth=0)
    mapped = set(renamed.values()) | set(pa)
    for key, q in pb.items():
        if key in mapped:
            continue
        label = f"{b.route} {key[0]} parameter {key[1]}"
        kind = "parameter-required-added" if q.get("required") else "parameter-optional-added"
        yield Change(kind, label, f"new {'required' if q.get('required') else 'optional'} {key[0]} parameter {key[1]}")


def _request(old: Spec, new: Spec, a: SpecOperation, b: SpecOperation) -> Iterator[Change]:
    ba, bb = old.resolve(a.data.get("requestBody")), new.resolve(b.data.get("requestBody"))
    if not isinstance(bb, dict):
        return
    label = f"{b.route} request body"
    if bb.get("required") and not (isinstance(ba, dict) and ba.get("required")):
        yield Change("request-body-required", label, "the request body is now required")
    ma, mb = dict(old.media(ba)) if isinstance(ba, dict) else {}, dict(new.media(bb))
    for mt in ma:
        if mt not in mb:
            yield Change("media-type-removed", label, f"{mt} is no longer accepted")
    for mt in mb:
        if mt not in ma:
            if ma:
                yield Change("media-type-added", label, f"{mt} is now accepted")
            continue
        yield from _schema(old, new, ma[mt].get("schema"), mb[mt].get("schema"), label, direction="input", depth=0)


def _responses(old: Spec, new: Spec, a: SpecOperation, b: SpecOperation) -> Iterator[Change]:
    ra, rb = {str(k): v for k, v in a.responses.items()}, {str(k): v for k, v in b.responses.items()}
    success_a = sorted(c for c in ra if c.startswith("2"))
    success_b = sorted(c for c in rb if c.startswith("2"))
    if success_a and success_b and not set(success_a) & set(success_b):
        yield Change("success-status-changed", b.route, f"success {', '.join(success_a)} -> {', '.join(success_b)}")
    for code in ra:
        if code not in rb and not (code.startswith("2") and not set(success_a) & set(success_b)):
            yield Change("response-status-removed", f"{b.route} {code}", f"{code} is no longer documented")
    for code in rb:
        if code not in ra and not (code.startswith("2") and not set(success_a) & set(success_b)):
            yield Change("response-status-added", f"{b.route} {code}", f"{code} is newly documented")
    for code in set(ra) & set(rb):
        ma, mb = dict(old.media(ra[code])), dict(new.media(rb[code]))
        label = f"{b.route} {code} response"
        for mt in ma:
            if mt not in mb:
                yield Change("media-type-removed", label, f"{mt} is no longer returned")
        for mt in mb:
            if mt not in ma and ma:
                yield Change("media-type-added", label, f"{mt} is now returned")
        for mt in set(ma) & set(mb):
            yield from _schema(old, new, ma[mt].get("schema"), mb[mt].get("schema"), label, direction="output", depth=0)


def _auth(old: Spec, new: Spec, a: SpecOperation, b: SpecOperation) -> Iterator[Change]:
    sa, sb = old.security_of(a), new.security_of(b)
    open_a = not sa or any(not req for req in sa)
    open_b = not sb or any(not req for req in sb)
    if open_a and not open_b:
        yield Change("auth-stronger", b.route, "now requires credentials")
        return
    if not open_a and open_b:
        yield Change("auth-weaker", b.route, "no longer requires credentials")
        return
    scopes_a = {s for req in sa for v in req.values() for s in v}
    scopes_b = {s for req in sb for v in req.values() for s in v}
    if scopes_b - scopes_a:
        yield Change("auth-stronger", b.route, f"now requires scope(s) {', '.join(sorted(scopes_b - scopes_a))}")
    elif scopes_a - scopes_b:
        yield Change("auth-weaker", b.route, f"no longer requires {', '.join(sorted(scopes_a - scopes_b))}")


def _schema(old: Spec, new: Spec, x: Any, y: Any, label: str, *, direction: str, depth: int) -> Iterator[Change]:
    x, y = old.resolve(x), new.resolve(y)
    if not isinstance(x, dict) or not isinstance(y, dict) or depth > _MAX_DEPTH:
        return
    tx, ty = types_of(x) - {"null"}, types_of(y) - {"null"}
    if tx and ty and tx != ty and not (tx <= {"integer", "number"} and ty == {"number"} and direction == "input"):
        yield Change("type-changed", label, f"type {'/'.join(sorted(tx))} -> {'/'.join(sorted(ty))}")
        return
    if x.get("format") != y.get("format") and x.get("format") and y.get("format"):
        yield Change("type-changed", label, f"format {x.get('format')} -> {y.get('format')}")
    yield from _enum(x, y, label, direction)
    yield from _bounds(x, y, label, direction)
    props_x, props_y = old.schema_properties(x), new.schema_properties(y)
    req_x, req_y = set(x.get("required") or []), set(y.get("required") or [])
    for name, sx in props_x.items():
        field = f"{label} .{name}"
        if name not in props_y:
            if direction == "output" and not (isinstance(sx, dict) and sx.get("writeOnly")):
                yield Change("response-field-removed", field, f"{name} is gone")
            continue
        if direction == "output" and name in req_x and name not in req_y:
            yield Change("response-field-became-optional", field, f"{name} may now be absent")
        if direction == "input" and name not in req_x and name in req_y:
            yield Change("request-field-became-required", field, f"{name} is now required")
        yield from _schema(old, new, sx, props_y[name], field, direction=direction, depth=depth + 1)
    for name, sy in props_y.items():
        if name in props_x:
            continue
        field = f"{label} .{name}"
        read_only = isinstance(sy, dict) and sy.get("readOnly")
        if direction == "input" and not read_only:
            kind = "request-field-required-added" if name in req_y else "request-field-optional-added"
            yield Change(kind, field, f"new {'required' if name in req_y else 'optional'} field {name}")
        elif direction == "output" and not (isinstance(sy, dict) and sy.get("writeOnly")):
            yield Change("response-field-added", field, f"new field {name}")
    if isinstance(x.get("items"), dict) and isinstance(y.get("items"), dict):
        yield from _schema(old, new, x["items"], y["items"], f"{label}[]", direction=direction, depth=depth + 1)


def _enum(x: dict[str, Any], y: dict[str, Any], label: str, direction: str) -> Iterator[Change]:
    ex, ey = x.get("enum"), y.get("enum")
    if not isinstance(ex, list) or not isinstance(ey, list):
        if isinstance(ey, list) and not isinstance(ex, list) and direction == "input":
            yield Change("enum-narrowed", label, f"input is now limited to {', '.join(map(str, ey))}")
        return
    lost = [v for v in ex if v not in ey]
    gained = [v for v in ey if v not in ex]
    if direction == "input":
        if lost:
            yield Change("enum-narrowed", label, f"no longer accepts {', '.join(map(str, lost))}")
        if gained:
            yield Change("enum-widened-input", label, f"now accepts {', '.join(map(str, gained))}")
    else:
        if gained:
            yield Change("enum-widened-output", label, f"may now return {', '.join(map(str, gained))}")
        if lost:
            yield Change("enum-narrowed-output", label, f"no longer returns {', '.join(map(str, lost))}")


def _bounds(x: dict[str, Any], y: dict[str, Any], label: str, direction: str) -> Iterator[Change]:
    if direction != "input":
        return
    for key, tighter in (("maxLength", -1), ("maximum", -1), ("maxItems", -1), ("minLength", 1), ("minimum", 1)):
        a, b = x.get(key), y.get(key)
        if not isinstance(b, int | float) or isinstance(b, bool):
            continue
        if a is None:
            if tighter < 0 or b > 0:
                yield Change("type-narrowed", label, f"{key} {b} is new")
            continue
        if not isinstance(a, int | float):
            continue
        if (b - a) * tighter > 0:
            yield Change("type-narrowed", label, f"{key} {a} -> {b}")
        elif b != a:
            yield Change("type-widened", label, f"{key} {a} -> {b}")


__all__ = ["CLASSES", "ApiDiff", "Change", "diff_specs"]
