"""Pagination: every list pages, with a bounded page size, and returns an object."""

from __future__ import annotations

from collections.abc import Iterator
from typing import Any

from archkit.api.lint.base import SpecHit, SpecRule
from archkit.api.spec import Spec, SpecOperation, types_of

PAGE_PARAMS = frozenset({"limit", "page_size", "pagesize", "per_page", "first", "size", "max_results", "count"})
CURSOR_PARAMS = frozenset({"cursor", "after", "before", "page_token", "pagetoken", "next", "starting_after"})
OFFSET_PARAMS = frozenset({"offset", "page", "skip", "start"})


def _success_schemas(spec: Spec, op: SpecOperation) -> Iterator[tuple[dict[str, Any], tuple[str | int, ...]]]:
    for code, response in op.responses.items():
        if str(code).startswith("2"):
            for mt, media in spec.media(response):
                schema = spec.resolve(media.get("schema"))
                if isinstance(schema, dict):
                    yield schema, (*op.pointer, "responses", str(code), "content", mt, "schema")


def returns_list(spec: Spec, op: SpecOperation) -> bool:
    """A GET whose success body is an array, or an object holding an array of items."""
    if op.method != "get":
        return False
    for schema, _ in _success_schemas(spec, op):
        if "array" in types_of(schema):
            return True
        props = spec.schema_properties(schema)
        for name in ("items", "data", "results", "nodes", "edges", "entries", "records"):
            inner = props.get(name)
            if isinstance(inner, dict) and "array" in types_of(inner):
                return True
    return False


def _names(op: SpecOperation) -> set[str]:
    return {str(p.get("name", "")).lower() for p, _ in op.parameters if p.get("in") == "query"}


def unpaged_list(spec: Spec) -> Iterator[SpecHit]:
    for op in spec.operations():
        if returns_list(spec, op) and not _names(op) & (PAGE_PARAMS | CURSOR_PARAMS | OFFSET_PARAMS):
            yield SpecHit(op.pointer, f"{op.route} returns a list with no pagination parameters")


def unbounded_limit(spec: Spec) -> Iterator[SpecHit]:
    for op in spec.operations():
        for p, ptr in op.parameters:
            if p.get("in") != "query" or str(p.get("name", "")).lower() not in PAGE_PARAMS:
                continue
            schema = spec.resolve(p.get("schema")) or {}
            if isinstance(schema, dict) and "maximum" not in schema:
                yield SpecHit(ptr, f"{op.route}: page size '{p.get('name')}' has no maximum")


def top_level_array(spec: Spec) -> Iterator[SpecHit]:
    for op in spec.operations():
        for schema, ptr in _success_schemas(spec, op):
            if "array" in types_of(schema):
                yield SpecHit(ptr, f"{op.route} returns a bare JSON array")
                break


def offset_paging(spec: Spec) -> Iterator[SpecHit]:
    for op in spec.operations():
        names = _names(op)
        if returns_list(spec, op) and names & OFFSET_PARAMS and not names & CURSOR_PARAMS:
            yield SpecHit(op.pointer, f"{op.route} pages by offset")


RULES = [
    SpecRule("API027", "list-without-pagination", "medium", "A GET returns a list with no pagination parameters.",
             "The list grows with the data: one day a single request reads and serializes every row.",
             "Page it: a cursor (or offset) and a bounded limit.", "Zalando 159; OWASP API4:2023", unpaged_list),
    SpecRule("API028", "page-size-unbounded", "high", "A page size parameter has no maximum.",
             "limit=1000000 turns one request into a full table scan and a huge response: unrestricted resource "
             "consumption.", "Set maximum (e.g. 100) and a default on the page size.",
             "OWASP API4:2023 (owasp:api4:2023-integer-limit)", unbounded_limit),
    SpecRule("API029", "top-level-array", "low", "A success response is a bare JSON array.",
             "An array cannot grow a next cursor or metadata without breaking every client.",
             "Return an object: {items: [...], next_cursor: ...}.", "Zalando 110", top_level_array),
    SpecRule("API030", "offset-pagination", "info", "A list pages by offset (no cursor).",
             "Offset pages skip and repeat items while data changes, and deep pages get slower (the database "
             "reads and discards every skipped row).", "Prefer cursor pagination for lists that change.",
             "Zalando 160", offset_paging),
]  # fmt: skip
