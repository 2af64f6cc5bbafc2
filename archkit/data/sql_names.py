"""Identifiers and column types, per dialect. archkit writes each dialect itself rather than
translating one into the other (translators get identity columns, JSON and indexes wrong)."""

from __future__ import annotations

import re
from typing import Literal

from archkit.model.entity import EntityField

Dialect = Literal["postgresql", "sqlite"]
DIALECTS: tuple[Dialect, ...] = ("postgresql", "sqlite")

# Words both dialects reserve that make sense as table or column names.
_RESERVED = frozenset(
    [
        "all",
        "analyse",
        "analyze",
        "and",
        "any",
        "array",
        "as",
        "asc",
        "both",
        "case",
        "cast",
        "check",
        "collate",
        "column",
        "constraint",
        "create",
        "current_date",
        "current_time",
        "current_timestamp",
        "current_user",
        "default",
        "deferrable",
        "desc",
        "distinct",
        "do",
        "else",
        "end",
        "except",
        "false",
        "fetch",
        "for",
        "foreign",
        "from",
        "grant",
        "group",
        "having",
        "in",
        "initially",
        "intersect",
        "into",
        "lateral",
        "leading",
        "limit",
        "localtime",
        "localtimestamp",
        "not",
        "null",
        "offset",
        "on",
        "only",
        "or",
        "order",
        "placing",
        "primary",
        "references",
        "returning",
        "select",
        "session_user",
        "some",
        "symmetric",
        "table",
        "then",
        "to",
        "trailing",
        "true",
        "union",
        "unique",
        "user",
        "using",
        "variadic",
        "when",
        "where",
        "window",
        "with",
        "key",
        "index",
        "values",
    ]
)
_PLAIN = re.compile(r"^[a-z_][a-z0-9_]*$")


def table_name(entity_id: str) -> str:
    return entity_id.replace("-", "_")


def ident(name: str) -> str:
    """A name as SQL: quoted only when it must be (a reserved word or an unusual character)."""
    if _PLAIN.match(name) and name not in _RESERVED:
        return name
    return '"' + name.replace('"', '""') + '"'


def column_type(field: EntityField, dialect: Dialect) -> str:
    t = field.type
    if dialect == "postgresql":
        return {
            "uuid": "uuid",
            "int": "integer",
            "bigint": "bigint",
            "text": "text",
            "varchar": "text",  # text with a length CHECK: same storage, and widening needs no rewrite
            "bool": "boolean",
            "timestamp": "timestamptz",
            "date": "date",
            "numeric": "numeric",
            "json": "jsonb",
            "enum": "text",  # a CHECK constraint: adding a value is a constraint swap, not a type migration
            "bytes": "bytea",
        }[t]
    return {
        "uuid": "TEXT",
        "int": "INTEGER",
        "bigint": "INTEGER",
        "text": "TEXT",
        "varchar": "TEXT",
        "bool": "INTEGER",
        "timestamp": "TEXT",
        "date": "TEXT",
        "numeric": "NUMERIC",
        "json": "TEXT",
        "enum": "TEXT",
        "bytes": "BLOB",
    }[t]


def length_limit(field: EntityField) -> int | None:
    """The longest value a text column takes (varchar defaults to 255, as in most ORMs)."""
    if field.max_length is not None:
        return field.max_length
    return 255 if field.type == "varchar" else None


def quote_literal(value: str) -> str:
    return "'" + value.replace("'", "''") + "'"
