"""The SQL an access pattern runs, written from its ``where``, ``order_by`` and ``limit``.

Values come from a callback, so the same text serves the document (``$1`` placeholders) and
the proof (literals sampled from the loaded rows).
"""

from __future__ import annotations

from collections.abc import Callable

from archkit.data.sql_names import ident, table_name
from archkit.model.entity import Access, Entity, parse_order

# (field, predicate, nth parameter) -> SQL text of the value(s)
ValueOf = Callable[[str, str, int], str]


def placeholders(field: str, predicate: str, n: int) -> str:
    return f"${n}"


def _conditions(pattern: Access, value: ValueOf) -> list[str]:
    out = []
    n = 1
    for name, predicate in pattern.where.items():
        col = ident(name)
        v = value(name, predicate, n)
        n += 1
        if predicate == "eq":
            out.append(f"{col} = {v}")
        elif predicate == "in":
            out.append(f"{col} IN ({v})" if not v.startswith("$") else f"{col} = ANY({v})")
        elif predicate == "range":
            out.append(f"{col} >= {v}")
        else:  # prefix
            out.append(f"{col} LIKE {v}")
    return out


def written_fields(entity: Entity, pattern: Access) -> list[str]:
    """What an update sets: its ``select`` fields, else the version, else the first plain field."""
    if pattern.select:
        return list(pattern.select)
    if entity.field(entity.version_column) is not None:
        return [entity.version_column]
    plain = [f.name for f in entity.fields if not f.key and f.name not in pattern.where]
    return plain[:1] or [entity.fields[0].name]


def pattern_sql(entity: Entity, pattern: Access, value: ValueOf = placeholders) -> str:
    """One statement (no trailing semicolon). Inserts list every column."""
    table = ident(table_name(entity.id))
    if pattern.kind == "insert":
        cols = [f.name for f in entity.fields]
        values = ", ".join(value(c, "eq", i + 1) for i, c in enumerate(cols))
        return f"INSERT INTO {table} ({', '.join(ident(c) for c in cols)}) VALUES ({values})"
    conditions = _conditions(pattern, value)
    where = f" WHERE {' AND '.join(conditions)}" if conditions else ""
    if pattern.kind == "delete":
        return f"DELETE FROM {table}{where}"
    if pattern.kind == "update":
        sets = []
        for name in written_fields(entity, pattern):
            col = ident(name)
            if name == entity.version_column and entity.concurrency == "optimistic":
                sets.append(f"{col} = {col} + 1")
            else:
                sets.append(f"{col} = {col}")
        return f"UPDATE {table} SET {', '.join(sets)}{where}"
    columns = ", ".join(ident(c) for c in pattern.select) if pattern.select else "*"
    sql = f"SELECT {columns} FROM {table}{where}"
    if pattern.order_by:
        order = []
        for entry in pattern.order_by:
            parsed = parse_order(entry)
            assert parsed is not None
            order.append(f"{ident(parsed[0])} DESC" if parsed[1] else ident(parsed[0]))
        sql += " ORDER BY " + ", ".join(order)
    if pattern.limit:
        sql += f" LIMIT {pattern.limit}"
    return sql
