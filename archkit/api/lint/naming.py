"""Naming and shape: resources, path segments and field casing."""

from __future__ import annotations

import itertools
import re
from collections import Counter
from collections.abc import Iterator

from archkit.api.lint.base import SpecHit, SpecRule
from archkit.api.spec import Spec

_KEBAB = re.compile(r"^[a-z0-9]+(-[a-z0-9]+)*$")
_VERSION = re.compile(r"^v\d+(\.\d+)?$")
_PARAM = re.compile(r"\{([^}/]*)\}")
# Verbs that name an action instead of a resource (Zalando 141); matched as a whole segment or
# as its first word (create-post, getUser).
VERBS = frozenset(
    [
        "get",
        "create",
        "update",
        "delete",
        "remove",
        "add",
        "set",
        "fetch",
        "list",
        "make",
        "do",
        "insert",
        "modify",
        "save",
        "edit",
        "put",
        "post",
        "patch",
        "retrieve",
        "find",
        "search-by",
        "send",
        "compute",
        "calculate",
        "process",
        "execute",
        "run",
    ]
)
# Collections that are not plural in English, and singletons that are fine before a parameter.
_NOT_PLURAL_OK = frozenset(
    [
        "media",
        "data",
        "metadata",
        "feed",
        "news",
        "info",
        "health",
        "status",
        "me",
        "self",
        "search",
        "auth",
        "analytics",
        "inventory",
        "equipment",
        "staff",
        "software",
        "hardware",
        "information",
        "settings",
    ]
)
_SNAKE = re.compile(r"^[a-z][a-z0-9]*(_[a-z0-9]+)+$")
_CAMEL = re.compile(r"^[a-z][a-z0-9]*([A-Z][a-z0-9]*)+$")


def _segments(path: str) -> list[str]:
    return [s for s in path.strip("/").split("/") if s]


def _literal(segment: str) -> bool:
    return not segment.startswith("{")


def _paths(spec: Spec) -> Iterator[str]:
    paths = spec.data.get("paths")
    if isinstance(paths, dict):
        yield from (str(p) for p in paths)


def kebab_paths(spec: Spec) -> Iterator[SpecHit]:
    for path in _paths(spec):
        bad = [s for s in _segments(path) if _literal(s) and not _KEBAB.match(s) and not _VERSION.match(s)]
        if bad:
            yield SpecHit(
                ("paths", path), f"{path}: segment {', '.join(repr(s) for s in bad)} is not lowercase kebab-case"
            )


def verbs_in_paths(spec: Spec) -> Iterator[SpecHit]:
    for path in _paths(spec):
        for s in _segments(path):
            if not _literal(s):
                continue
            first = re.split(r"[-_]|(?<=[a-z])(?=[A-Z])", s)[0].lower()
            if s.lower() in VERBS or (first in VERBS and first != s.lower()):
                yield SpecHit(("paths", path), f"{path}: '{s}' is a verb; the HTTP method is the verb")
                break


def plural_resources(spec: Spec) -> Iterator[SpecHit]:
    for path in _paths(spec):
        segs = _segments(path)
        for s, nxt in itertools.pairwise(segs):
            singular = not s.endswith("s") and s.lower() not in _NOT_PLURAL_OK and not _VERSION.match(s)
            if _literal(s) and not _literal(nxt) and singular:
                yield SpecHit(("paths", path), f"{path}: the collection '{s}' before {nxt} is singular")
                break


def trailing_slash(spec: Spec) -> Iterator[SpecHit]:
    for path in _paths(spec):
        if len(path) > 1 and path.endswith("/"):
            yield SpecHit(("paths", path), f"{path} ends with a slash")


def query_in_path(spec: Spec) -> Iterator[SpecHit]:
    for path in _paths(spec):
        if "?" in path or "#" in path:
            yield SpecHit(("paths", path), f"{path} holds a query string; declare query parameters instead")


def equivalent_paths(spec: Spec) -> Iterator[SpecHit]:
    seen: dict[str, str] = {}
    for path in _paths(spec):
        shape = _PARAM.sub("{}", path.rstrip("/"))
        if shape in seen:
            yield SpecHit(
                ("paths", path), f"{path} and {seen[shape]} are the same route with different parameter names"
            )
        else:
            seen[shape] = path


def field_casing(spec: Spec) -> Iterator[SpecHit]:
    """Property names should share one casing; the minority casing is reported."""
    found: list[tuple[str, str, tuple[str | int, ...]]] = []
    for schema, ptr in spec.schemas():
        props = schema.get("properties")
        if isinstance(props, dict):
            for name in props:
                style = "snake_case" if _SNAKE.match(name) else "camelCase" if _CAMEL.match(name) else None
                if style:
                    found.append((style, name, (*ptr, "properties", name)))
    counts = Counter(style for style, _, _ in found)
    if len(counts) < 2:
        return
    major = "snake_case" if counts["snake_case"] >= counts["camelCase"] else "camelCase"
    for style, name, ptr in found:
        if style != major:
            yield SpecHit(ptr, f"property '{name}' is {style}; {counts[major]} others are {major}")


def declared_path_params(spec: Spec) -> Iterator[SpecHit]:
    for op in spec.operations():
        declared = {str(p.get("name")) for p, _ in op.parameters if p.get("in") == "path"}
        template = set(_PARAM.findall(op.path))
        for name in sorted(template - declared):
            yield SpecHit(op.pointer, f"{op.route}: path parameter '{name}' is not declared")
        for name in sorted(declared - template):
            yield SpecHit(op.pointer, f"{op.route}: declares path parameter '{name}' that is not in the path")


def operation_ids(spec: Spec) -> Iterator[SpecHit]:
    seen: dict[str, str] = {}
    for op in spec.operations():
        oid = op.data.get("operationId")
        if not isinstance(oid, str) or not oid.strip():
            yield SpecHit(op.pointer, f"{op.route} has no operationId")
        elif oid in seen:
            yield SpecHit((*op.pointer, "operationId"), f"{op.route}: operationId '{oid}' is also used by {seen[oid]}")
        else:
            seen[oid] = op.route


def summaries(spec: Spec) -> Iterator[SpecHit]:
    for op in spec.operations():
        if not str(op.data.get("summary") or op.data.get("description") or "").strip():
            yield SpecHit(op.pointer, f"{op.route} has neither summary nor description")


RULES = [
    SpecRule("API001", "path-not-kebab-case", "low", "A literal path segment is not lowercase kebab-case.",
             "Mixed casing in URLs makes clients guess (userPosts, user_posts, UserPosts) and breaks caches and "
             "routers that compare case-sensitively.", "Rename the segment to lowercase-kebab-case.",
             "Zalando 129", kebab_paths),
    SpecRule("API002", "verb-in-path", "medium", "A path segment is a verb (or starts with one).",
             "REST names resources; the method is the verb. /create-post next to POST /posts doubles the API "
             "surface and hides what a retry does.", "Name the resource and let the method say the action.",
             "Zalando 141", verbs_in_paths),
    SpecRule("API003", "singular-collection", "low", "A collection segment before a path parameter is singular.",
             "/user/{id} next to /users reads as two resources; clients cannot derive one URL from the other.",
             "Use the plural collection name: /users/{user_id}.", "Zalando 134", plural_resources),
    SpecRule("API004", "trailing-slash", "low", "A path ends with a slash.",
             "/posts/ and /posts are different URLs to many routers and caches: one of them 404s or is cached "
             "twice.", "Drop the trailing slash.", "Spectral path-keys-no-trailing-slash", trailing_slash),
    SpecRule("API005", "query-in-path", "medium", "A path key contains a query string or fragment.",
             "Query strings in path keys are not matched by routers and hide parameters from clients and "
             "validators.", "Move the query into declared query parameters.", "Spectral path-not-include-query",
             query_in_path),
    SpecRule("API006", "equivalent-paths", "high", "Two paths differ only in parameter names.",
             "/users/{id} and /users/{user_id} are one route: the server can dispatch only one of them.",
             "Keep one path; move the operations of the other under it.", "Spectral path-params (equivalent paths)",
             equivalent_paths),
    SpecRule("API007", "mixed-field-casing", "low", "Property names mix snake_case and camelCase.",
             "Clients map fields by name; mixed casing produces bugs at every boundary that converts casing.",
             "Pick one casing (snake_case is the Zalando default) and rename the minority.", "Zalando 118",
             field_casing),
    SpecRule("API008", "path-parameter-undeclared", "high",
             "A path template parameter is not declared, or a declared one is not in the template.",
             "Generators and validators cannot build or check the URL; the route is unusable as documented.",
             "Declare every {param} of the path with in: path and required: true.", "Spectral path-params",
             declared_path_params),
    SpecRule("API009", "operation-id", "medium", "An operation has no operationId, or shares it with another.",
             "Client generators name methods after operationId; a missing one gets a generated name that changes "
             "with the path, a duplicate overwrites another method.", "Give every operation a unique operationId.",
             "Spectral operation-operationId, operation-operationId-unique", operation_ids),
    SpecRule("API010", "operation-undocumented", "info", "An operation has neither summary nor description.",
             "A reader of the reference cannot tell what the operation does or when to call it.",
             "Add a one-line summary.", "Spectral operation-description", summaries),
]  # fmt: skip
