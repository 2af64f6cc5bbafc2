"""Prove the index plan on a real PostgreSQL: load each relational store at its projected size,
run every access pattern under EXPLAIN (ANALYZE, BUFFERS, FORMAT JSON), with the declared
indexes first (what exists), then with the recommended set.
"""

from __future__ import annotations

import json
import time
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from dataclasses import dataclass, field
from typing import Any

from archkit.data.ddl import create_index, entity_indexes, local_references, relational_entities, store_schema
from archkit.data.index_plan import needs_index
from archkit.data.plan_check import PlanVerdict, judge_postgres, judge_sqlite
from archkit.data.queries import pattern_sql
from archkit.data.rows import DEFAULT_ROWS_CAP, Sizing, insert_rows, sizing
from archkit.data.sql_names import column_type, ident, quote_literal, table_name
from archkit.model.entity import Access, Entity, EntityField
from archkit.model.schema import ModelFile

INDEX_SETS = ("declared", "recommended")


@dataclass(frozen=True)
class PatternProof:
    store: str
    entity: str
    pattern: str
    index_set: str  # declared | recommended
    sql: str
    verdict: PlanVerdict

    @property
    def name(self) -> str:
        return f"{self.entity}.{self.pattern}"


@dataclass
class Proof:
    engine: str  # "PostgreSQL 15.x" or "SQLite 3.x (indicative)"
    indicative: bool
    results: list[PatternProof] = field(default_factory=list)
    phases: dict[str, float] = field(default_factory=dict)  # phase -> seconds
    rows: dict[str, int] = field(default_factory=dict)  # entity -> rows loaded
    samples: dict[str, dict[str, list[str]]] = field(
        default_factory=dict, repr=False
    )  # entity[.field] -> field -> values

    def failed(self, index_set: str) -> list[PatternProof]:
        return [r for r in self.results if r.index_set == index_set and not r.verdict.passed]

    @contextmanager
    def timed(self, phase: str) -> Iterator[None]:
        """Add the time of the block to ``phase`` (phases repeat per store)."""
        start = time.monotonic()
        try:
            yield
        finally:
            self.phases[phase] = self.phases.get(phase, 0.0) + time.monotonic() - start


def prove(model: ModelFile, *, rows_cap: int = DEFAULT_ROWS_CAP, say: Callable[[str], None] = lambda _: None) -> Proof:
    from archkit.data_proof.postgres import find_binaries

    if find_binaries() is None:
        say("PostgreSQL is not installed here: falling back to SQLite's EXPLAIN QUERY PLAN (indicative only)")
        return prove_sqlite(model)
    return prove_postgres(model, rows_cap=rows_cap, say=say)


def _sizes(model: ModelFile, cap: int) -> dict[str, Sizing]:
    months = model.requirements.planning_horizon_months
    return {e.id: sizing(e, months, cap) for e in model.entities}


def _parent_fields(model: ModelFile, entity: Entity) -> dict[str, EntityField]:
    by_id = {e.id: e for e in model.entities}
    out = {}
    for f in entity.fields:
        if f.references:
            parent_id, column = f.references.split(".")
            parent_field = by_id[parent_id].field(column)
            assert parent_field is not None  # checked when the model loaded
            out[f.name] = parent_field
    return out


def prove_postgres(model: ModelFile, *, rows_cap: int, say: Callable[[str], None]) -> Proof:
    import psycopg

    from archkit.data_proof.postgres import throwaway_cluster

    start = time.monotonic()
    sizes = _sizes(model, rows_cap)
    with throwaway_cluster(say) as cluster:
        proof = Proof(f"PostgreSQL {cluster.version}", indicative=False)
        proof.phases["start"] = time.monotonic() - start
        for store, entities in relational_entities(model).items():
            database = store.replace("-", "_")
            with psycopg.connect(cluster.dsn(), autocommit=True) as admin:
                admin.execute(f"CREATE DATABASE {ident(database)}")
            with psycopg.connect(cluster.dsn(database), autocommit=True) as conn:
                _load(conn, model, store, entities, sizes, proof, say)
                with proof.timed("sample values"):  # once, so the EXPLAIN phases time only the queries
                    for e in entities:
                        for pattern in e.access:
                            _probe_values(conn, e, pattern, proof.rows[e.id], proof)
                for index_set in INDEX_SETS:
                    with proof.timed(f"indexes ({index_set})"):
                        _use_indexes(conn, entities, index_set)
                    with proof.timed(f"explain ({index_set})"):
                        for e in entities:
                            for pattern in e.access:
                                proof.results.append(
                                    _prove_pattern(conn, store, e, pattern, index_set, sizes, proof, model)
                                )
                    failed = [r.name for r in proof.failed(index_set) if r.store == store]
                    say(
                        f"{store}: {index_set} indexes: {len(failed)} of {sum(len(e.access) for e in entities)} patterns fail"
                    )
        stopping = time.monotonic()
    proof.phases["stop"] = time.monotonic() - stopping
    return proof


def _load(
    conn: Any,
    model: ModelFile,
    store: str,
    entities: list[Entity],
    sizes: dict[str, Sizing],
    proof: Proof,
    say: Callable[[str], None],
) -> None:
    schema = store_schema(model, store, "postgresql", indexes="declared", keys_after=True)
    with proof.timed("schema"):
        for statement in schema.tables:
            conn.execute(statement)
    with proof.timed("load"):
        for e in entities:
            conn.execute(insert_rows(e, sizes[e.id], sizes, _parent_fields(model, e)))
            row = conn.execute(f"SELECT count(*) FROM {ident(table_name(e.id))}").fetchone()
            proof.rows[e.id] = int(row[0]) if row else 0
            say(
                f"{store}: loaded {proof.rows[e.id]:,} rows into {table_name(e.id)} (horizon {sizes[e.id].horizon_rows:,})"
            )
    with proof.timed("constraints and ANALYZE"):
        for statement in schema.constraints + schema.foreign_keys:
            conn.execute(statement)
        conn.execute("ANALYZE")


def _use_indexes(conn: Any, entities: list[Entity], index_set: str) -> None:
    """Drop the secondary indexes archkit made, create this set's, and ANALYZE."""
    rows = conn.execute(
        "SELECT indexrelid::regclass::text FROM pg_index i JOIN pg_class c ON c.oid = i.indrelid "
        "WHERE c.relnamespace = 'public'::regnamespace AND NOT i.indisprimary "
        "AND NOT EXISTS (SELECT 1 FROM pg_constraint k WHERE k.conindid = i.indexrelid)"
    ).fetchall()
    for (name,) in rows:
        conn.execute(f"DROP INDEX {name}")
    for e in entities:
        for spec in entity_indexes(e, local_references(e, entities), index_set):
            conn.execute(create_index(spec, "postgresql"))
    conn.execute("ANALYZE")


SAMPLED_ROWS = 3  # one value for `eq`, three for an IN list


def _rows_as_values(e: Entity, found: list[Any]) -> dict[str, list[str]]:
    return {f.name: [row[i] for row in found] for i, f in enumerate(e.fields)}


def _sample_values(conn: Any, e: Entity, rows: int, cache: dict[str, dict[str, list[str]]]) -> dict[str, list[str]]:
    """Typical values per field: rows drawn from random pages, repeatably, read once per entity.
    Page sampling reads a few pages where an OFFSET into the middle would read half the table."""
    if e.id in cache:
        return cache[e.id]
    table = ident(table_name(e.id))
    cols = ", ".join(f"{ident(f.name)}::text" for f in e.fields)
    percent = min(100.0, 100.0 * 50 * SAMPLED_ROWS / max(rows, 1))  # enough pages for a few rows
    found = conn.execute(
        f"SELECT {cols} FROM {table} TABLESAMPLE SYSTEM ({percent:.6f}) REPEATABLE (42) LIMIT {SAMPLED_ROWS}"
    ).fetchall()
    if not found:  # a tiny table can come back empty from page sampling
        found = conn.execute(f"SELECT {cols} FROM {table} LIMIT {SAMPLED_ROWS}").fetchall()
    cache[e.id] = _rows_as_values(e, found)
    return cache[e.id]


def _probe_values(conn: Any, e: Entity, pattern: Access, rows: int, proof: Proof) -> dict[str, list[str]]:
    """The values a pattern is measured with: rows holding the most common value of its first
    equality field (ANALYZE's statistics), so a skewed field is probed at its hottest — the page
    a popular author's followers load, where a missing sort order costs most. A field without a
    most common value (unique, or uniform) is probed with the sampled rows."""
    sample = _sample_values(conn, e, rows, proof.samples)
    first_eq = next((f for f, p in pattern.where.items() if p in ("eq", "in")), None)
    if first_eq is None:
        return sample
    key = f"{e.id}.{first_eq}"
    if key not in proof.samples:
        hot = conn.execute(
            "SELECT (most_common_vals::text::text[])[1] FROM pg_stats "
            "WHERE schemaname = 'public' AND tablename = %s AND attname = %s",
            (table_name(e.id), first_eq),
        ).fetchone()
        found: list[Any] = []
        if hot is not None and hot[0] is not None:
            cols = ", ".join(f"{ident(f.name)}::text" for f in e.fields)
            found = conn.execute(
                f"SELECT {cols} FROM {ident(table_name(e.id))} WHERE {ident(first_eq)}::text = %s LIMIT {SAMPLED_ROWS}",
                (hot[0],),
            ).fetchall()
        proof.samples[key] = _rows_as_values(e, found) if found else sample
    return proof.samples[key]


def _prove_pattern(
    conn: Any,
    store: str,
    e: Entity,
    pattern: Access,
    index_set: str,
    sizes: dict[str, Sizing],
    proof: Proof,
    model: ModelFile,
) -> PatternProof:
    rows = sizes[e.id].rows
    loaded = proof.rows[e.id]
    if pattern.kind == "insert":
        # one more generated row; it may repeat a composite key, so a conflict is skipped, not raised
        sql = insert_rows(e, sizes[e.id], sizes, _parent_fields(model, e), first=rows + 1, last=rows + 1)
        sql += " ON CONFLICT DO NOTHING"
    else:
        sample = _probe_values(conn, e, pattern, loaded, proof)
        fields = {f.name: f for f in e.fields}

        def value(name: str, predicate: str, n: int) -> str:
            found = sample.get(name) or ["0"]
            cast = f"::{column_type(fields[name], 'postgresql')}"
            if predicate == "in":
                return ", ".join(quote_literal(v) + cast for v in found)
            if predicate == "prefix":  # `_` and `%` in the value are LIKE wildcards: escape them
                prefix = found[0][:-1].replace("\\", "\\\\").replace("%", "\\%").replace("_", "\\_")
                return quote_literal(prefix + "%")
            return quote_literal(found[0]) + cast

        sql = pattern_sql(e, pattern, value)
    explain = f"EXPLAIN (ANALYZE, BUFFERS, FORMAT JSON) {sql}"
    if pattern.kind == "read":
        plan = conn.execute(explain).fetchone()[0]
    else:  # writes run for real, inside a transaction that is rolled back
        with conn.transaction(force_rollback=True):
            plan = conn.execute(explain).fetchone()[0]
    if isinstance(plan, str):
        plan = json.loads(plan)
    verdict = judge_postgres(plan, pattern, loaded)
    return PatternProof(store, e.id, pattern.id, index_set, sql, verdict)


def prove_sqlite(model: ModelFile) -> Proof:
    """SQLite's EXPLAIN QUERY PLAN on the empty schema: which index it would pick. Indicative:
    no data, no statistics, another planner."""
    import sqlite3

    proof = Proof(f"SQLite {sqlite3.sqlite_version} (indicative)", indicative=True)
    months = model.requirements.planning_horizon_months
    t0 = time.monotonic()
    for store, entities in relational_entities(model).items():
        for index_set in INDEX_SETS:
            db = sqlite3.connect(":memory:")
            try:
                db.executescript(store_schema(model, store, "sqlite", indexes=index_set).sql())
                for e in entities:
                    for pattern in e.access:
                        sql = pattern_sql(e, pattern, lambda name, predicate, n: "?")
                        count = sql.count("?")
                        details = [row[3] for row in db.execute(f"EXPLAIN QUERY PLAN {sql}", [None] * count)]
                        if not needs_index(pattern):
                            details = details or ["(insert)"]
                        verdict = judge_sqlite(
                            details, pattern, table_name(e.id), e.rows_at(months), tuple(f.name for f in e.key)
                        )
                        proof.results.append(PatternProof(store, e.id, pattern.id, index_set, sql, verdict))
            finally:
                db.close()
    proof.phases["explain"] = time.monotonic() - t0
    return proof
