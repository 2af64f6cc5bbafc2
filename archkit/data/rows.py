"""Generated rows for the proof: ``INSERT … SELECT … FROM generate_series`` per entity, so
PostgreSQL makes a million rows in a second instead of a client sending them.

Each field takes a value index ``k`` in ``1..distinct`` from the row number ``g``: the row
number itself when every row differs, a multiplicative hash when values repeat uniformly,
and a log-uniform draw for ``skew: zipf`` (a few values hold most rows, as with popular
authors). A reference draws ``k`` over the parent's rows and writes the parent's key for it,
so every foreign key resolves. Distinct counts shrink with the row cap, keeping the rows per
value — what a plan's choice depends on — as at the horizon.
"""

from __future__ import annotations

import math
from dataclasses import dataclass

from archkit.data.sql_names import ident, length_limit, quote_literal, table_name
from archkit.model.entity import Entity, EntityField

DEFAULT_ROWS_CAP = 1_000_000
_DEFAULT_DISTINCT = 1000
_HASH = 2654435761  # Knuth's multiplicative hash; g * _HASH stays inside bigint for g < 3e9
_MOD = 4294967296


@dataclass(frozen=True)
class Sizing:
    horizon_rows: int  # rows the model says the table has at the planning horizon
    rows: int  # rows generated (capped)


def sizing(entity: Entity, horizon_months: int, cap: int) -> Sizing:
    horizon = max(entity.rows_at(horizon_months), 1)
    return Sizing(horizon, min(horizon, cap))


def _distinct(entity: Entity, f: EntityField, size: Sizing, parents: dict[str, Sizing]) -> int:
    if f.references:
        parent = parents[f.references.split(".")[0]]
        declared = f.distinct or parent.horizon_rows
        scaled = math.ceil(declared * size.rows / size.horizon_rows)
        return max(1, min(scaled, parent.rows))
    if f.unique or (f.key and len(entity.key) == 1):
        return size.rows  # drawn as the row number: unique by construction, no conflict handling
    if f.type == "enum":
        return len(f.values)
    if f.type == "bool":
        return 2
    if f.distinct is None:
        if f.unique or (f.key and len(entity.key) == 1) or f.type in ("timestamp", "text", "varchar", "uuid"):
            return size.rows
        return min(_DEFAULT_DISTINCT, size.rows)
    return max(1, min(size.rows, math.ceil(f.distinct * size.rows / size.horizon_rows)))


def _salt(entity_id: str, field_name: str, modulus: int = 1_000_003) -> int:
    """A stable number per entity.field, so two fields of a row draw independent values."""
    return sum(ord(c) * 31**i for i, c in enumerate(f"{entity_id}.{field_name}")) % modulus


def value_index(entity: Entity, f: EntityField, size: Sizing, parents: dict[str, Sizing]) -> str:
    """SQL for k in 1..distinct for row number g."""
    d = _distinct(entity, f, size, parents)
    salt = _salt(entity.id, f.name)
    uniform = f"(((g::bigint * {_HASH} + {salt}) % {_MOD})::float8 / {_MOD})"
    if f.skew == "zipf" and d > 1:
        return f"least({d}, greatest(1, floor(exp(ln({d}::float8 + 1) * {uniform}))::bigint))"
    if d >= size.rows:
        return "g::bigint"
    return f"(1 + floor({uniform} * {d})::bigint)"


def key_value(entity_id: str, f: EntityField, k: str) -> str:
    """The value of key-like field ``f`` of ``entity_id`` for value index ``k``."""
    if f.type == "uuid":
        # a scrambled first group (so keys do not sort like the rows were inserted), the salt
        # of entity.field, then k: unique per k, and four times cheaper than md5
        salt = _salt(entity_id, f.name, 65536)
        return (
            f"(lpad(to_hex(({k} * {_HASH}) % {_MOD}), 8, '0') || lpad(to_hex({salt}), 4, '0') "
            f"|| lpad(to_hex({k}), 20, '0'))::uuid"
        )
    if f.type in ("int", "bigint"):
        return k
    return f"{quote_literal(f.name + '-')} || {k}"


def field_value(entity: Entity, f: EntityField, k: str, parent_field: EntityField | None) -> str:
    if f.references and parent_field is not None:
        parent_id = (f.references or "").split(".")[0]
        return key_value(parent_id, parent_field, k)
    t = f.type
    if t in ("uuid", "int", "bigint"):
        return key_value(entity.id, f, k)
    if t in ("text", "varchar"):
        limit = length_limit(f)
        if f.unique or f.key:
            return f"{quote_literal(f.name + '-')} || {k}"
        width = min(limit or 40, 120)
        return f"rpad({quote_literal(f.name + '-')} || {k}, {width}, ' lorem')"
    if t == "enum":
        values = ", ".join(quote_literal(v) for v in f.values)
        return f"(ARRAY[{values}])[1 + ({k} - 1) % {len(f.values)}]"
    if t == "bool":
        return f"({k} % 2 = 0)"
    if t == "timestamp":
        return f"(timestamptz '2024-01-01 00:00:00+00' + {k} * interval '17 seconds')"
    if t == "date":
        return f"(date '2015-01-01' + ({k} % 3650)::int)"
    if t == "numeric":
        return f"(({k} % 100000) / 100.0)"
    if t == "json":
        return f"jsonb_build_object('n', {k})"
    return f"decode(md5({k}::text), 'hex')"  # bytes


def insert_rows(
    entity: Entity,
    size: Sizing,
    parents: dict[str, Sizing],
    parent_fields: dict[str, EntityField],
    first: int = 1,
    last: int | None = None,
) -> str:
    """``INSERT INTO t (...) SELECT ... FROM generate_series(first, last) g``.

    The last field of a composite key is drawn per value of the fields before it (its n-th
    occurrence takes the n-th value of a permutation), so keys do not collide even when the
    leading field is skewed. Key and unique fields are drawn as the row number. The tables
    are loaded before their constraints exist (as pg_restore does): rows must not collide."""
    cols, exprs = [], []
    key = [f.name for f in entity.key]
    last_key = key[-1] if len(key) > 1 else None
    for f in entity.fields:
        cols.append(ident(f.name))
        if f.name == last_key:
            d = _distinct(entity, f, size, parents)
            k = f"(1 + ((rn * {_HASH} + {' + '.join(f'k_{n}' for n in key[:-1])}) % {d}))"
        elif f.name in key[:-1] and last_key:
            k = f"k_{f.name}"
        else:
            k = value_index(entity, f, size, parents)
        exprs.append(field_value(entity, f, k, parent_fields.get(f.name)))
    if entity.concurrency == "optimistic" and entity.field(entity.version_column) is None:
        cols.append(ident(entity.version_column))
        exprs.append("1")
    stop = size.rows if last is None else last
    source = f"generate_series({first}, {stop}) AS g"
    if last_key:
        leading = [entity.field(n) for n in key[:-1]]
        ks = ", ".join(f"{value_index(entity, f, size, parents)} AS k_{f.name}" for f in leading if f is not None)
        part = ", ".join(f"k_{n}" for n in key[:-1])
        source = (
            f"(SELECT g, {part}, row_number() OVER (PARTITION BY {part} ORDER BY g) AS rn "
            f"FROM (SELECT g, {ks} FROM {source}) AS drawn) AS g_rows"
        )
    select = f"SELECT {', '.join(f'{x} AS {c}' for x, c in zip(exprs, cols, strict=True))} FROM {source}"
    if last_key:  # a leftover collision of the composite key is dropped, not a failed load
        select = f"SELECT DISTINCT ON ({', '.join(ident(k) for k in key)}) * FROM ({select}) AS drawn_rows"
    return f"INSERT INTO {ident(table_name(entity.id))} ({', '.join(cols)}) {select}"
