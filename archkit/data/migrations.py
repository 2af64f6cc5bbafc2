"""Expand/contract migrations between two model versions, for zero-downtime deploys.

Every step names its lock level and its phase: *expand* steps keep the old application
working (run them before deploying the new code), *backfill* runs in batches while both
versions run, *contract* steps remove what only the old code used (run them after). The SQL
is PostgreSQL and passes squawk: locks are taken with a short ``lock_timeout``, indexes are
built CONCURRENTLY, NOT NULL comes through a ``CHECK … NOT VALID`` validated separately, and
a rename or type change is add → copy → switch → drop, never an in-place ALTER.
"""

from __future__ import annotations

from dataclasses import dataclass

from archkit.data.ddl import (
    column_checks,
    column_sql,
    constraint_name,
    create_index,
    create_table,
    foreign_key,
    key_constraints,
    local_references,
    relational_entities,
)
from archkit.data.index_plan import IndexSpec, declared_spec, index_name
from archkit.data.sql_names import column_type, ident, table_name
from archkit.model.entity import Entity, EntityField
from archkit.model.schema import ModelFile

LOCK_TIMEOUT = "SET LOCAL lock_timeout = '2s';"
STATEMENT_TIMEOUT = "SET LOCAL statement_timeout = '10min';"
BATCH_ROWS = 10_000


@dataclass(frozen=True)
class Step:
    phase: str  # expand | backfill | validate | contract
    change: str  # the change class, e.g. "add column"
    what: str  # one line for a reviewer
    lock: str  # the strongest lock taken, and for how long
    sql: tuple[str, ...]
    transactional: bool = True

    def as_dict(self) -> dict[str, object]:
        return {"phase": self.phase, "change": self.change, "what": self.what, "lock": self.lock, "sql": list(self.sql)}


def migration_plan(old: ModelFile, new: ModelFile) -> list[Step]:
    before = {e.id: e for es in relational_entities(old).values() for e in es}
    stores = relational_entities(new)
    after = {e.id: e for es in stores.values() for e in es}
    renamed_away = {e.renamed_from for e in after.values() if e.renamed_from in before}
    steps: list[Step] = []
    for es in stores.values():
        for e in es:
            previous = before.get(e.id) or before.get(e.renamed_from or "")
            steps += _add_table(e) if previous is None else _table_changes(previous, e)
            known = {f.name for f in previous.fields} if previous else set()
            for f in local_references(e, es):
                if f.name not in known:
                    steps += _add_foreign_key(e, f)
    for eid in before:
        if eid not in after and eid not in renamed_away:
            steps.append(
                Step(
                    "contract",
                    "drop table",
                    f"drop {table_name(eid)} once no deployed code reads it",
                    "ACCESS EXCLUSIVE on a table nothing uses",
                    ("-- squawk-ignore ban-drop-table", f"DROP TABLE IF EXISTS {ident(table_name(eid))};"),
                )
            )
    order = {"expand": 0, "backfill": 1, "validate": 2, "contract": 3}
    return sorted(steps, key=lambda s: order[s.phase])


def _int_ignore(fields: list[EntityField]) -> tuple[str, ...]:
    # `int` is the model's choice; squawk prefers bigint, archkit keeps what was declared
    return ("-- squawk-ignore prefer-bigint-over-int",) if any(f.type == "int" for f in fields) else ()


def _add_table(e: Entity) -> list[Step]:
    sql = create_table(e, key_constraints(e), [], "postgresql", if_not_exists=True)
    steps = [
        Step(
            "expand",
            "add table",
            f"create {table_name(e.id)}",
            "none on existing tables",
            (*_int_ignore(e.fields), sql),
        )
    ]
    return steps + [_create_index(declared_spec(e, index)) for index in e.indexes]


def _add_foreign_key(e: Entity, f: EntityField) -> list[Step]:
    """Added NOT VALID (no scan under lock), then validated in its own transaction while writes go on."""
    table = ident(table_name(e.id))
    name = ident(constraint_name(e, f, "fkey"))
    what = f"{table_name(e.id)}.{f.name} references {f.references}"
    return [
        Step(
            "expand",
            "add foreign key",
            f"{what}: checked for new rows",
            "SHARE ROW EXCLUSIVE, brief",
            (foreign_key(e, f, not_valid=True),),
        ),
        Step(
            "expand",
            "add foreign key",
            f"{what}: existing rows checked while writes go on",
            "SHARE UPDATE EXCLUSIVE",
            (f"ALTER TABLE {table} VALIDATE CONSTRAINT {name};",),
        ),
    ]


def _create_index(spec: IndexSpec) -> Step:
    sql = create_index(spec, "postgresql", concurrently=True).replace(
        " INDEX CONCURRENTLY ", " INDEX CONCURRENTLY IF NOT EXISTS "
    )
    return Step(
        "expand",
        "add index",
        f"build {index_name(spec)} {spec.label} without blocking writes",
        "SHARE UPDATE EXCLUSIVE (reads and writes go on)",
        (sql,),
        transactional=False,
    )


def _table_changes(old: Entity, new: Entity) -> list[Step]:
    table = ident(table_name(new.id))
    steps: list[Step] = []
    if old.id != new.id:
        steps.append(
            Step(
                "contract",
                "rename table",
                f"rename {table_name(old.id)} to {table_name(new.id)} after every reader uses a view or the new name",
                "ACCESS EXCLUSIVE, brief",
                ("-- squawk-ignore renaming-table", f"ALTER TABLE {ident(table_name(old.id))} RENAME TO {table};"),
            )
        )
    old_fields = {f.name: f for f in old.fields}
    new_names = {f.name for f in new.fields}
    renamed = {f.renamed_from: f for f in new.fields if f.renamed_from in old_fields}
    for f in new.fields:
        before = old_fields.get(f.name)
        if f.renamed_from in old_fields and before is None:
            steps += _copy_column(table, new, old_fields[f.renamed_from], f, "rename column")
        elif before is None:
            steps += _add_column(table, new, f)
        elif column_type(before, "postgresql") != column_type(f, "postgresql") or _narrowed(before, f):
            steps += _copy_column(table, new, before, f, "change type")
        elif column_checks(old, before, "postgresql") != column_checks(new, f, "postgresql"):
            steps += _widen_checks(table, old, before, new, f)
        elif before.nullable and not f.nullable:
            steps += _set_not_null(table, new, f)
        elif not before.nullable and f.nullable:
            steps.append(
                Step(
                    "expand",
                    "drop not null",
                    f"allow NULL in {f.name}",
                    "ACCESS EXCLUSIVE, brief (no scan)",
                    (f"ALTER TABLE {table} ALTER COLUMN {ident(f.name)} DROP NOT NULL;",),
                )
            )
    for name in old_fields:
        if name not in new_names and name not in renamed:
            steps.append(
                Step(
                    "contract",
                    "drop column",
                    f"drop {name} once no deployed code reads or writes it",
                    "ACCESS EXCLUSIVE, brief (no rewrite)",
                    ("-- squawk-ignore ban-drop-column", f"ALTER TABLE {table} DROP COLUMN IF EXISTS {ident(name)};"),
                )
            )
    old_indexes = {declared_spec(old, i).columns: declared_spec(old, i) for i in old.indexes}
    new_indexes = {declared_spec(new, i).columns: declared_spec(new, i) for i in new.indexes}
    for cols, spec in new_indexes.items():
        if cols not in old_indexes:
            steps.append(_create_index(spec))
    for cols, spec in old_indexes.items():
        if cols not in new_indexes:
            steps.append(
                Step(
                    "contract",
                    "drop index",
                    f"drop {index_name(spec)} {spec.label}",
                    "SHARE UPDATE EXCLUSIVE",
                    (f"DROP INDEX CONCURRENTLY IF EXISTS {ident(index_name(spec))};",),
                    transactional=False,
                )
            )
    return steps


def _narrowed(before: EntityField, after: EntityField) -> bool:
    """A shorter max length or fewer enum values: old rows may no longer fit."""
    if (before.max_length or 10**9) > (after.max_length or 10**9):
        return True
    return bool(set(before.values) - set(after.values))


def _widen_checks(table: str, old: Entity, before: EntityField, new: Entity, f: EntityField) -> list[Step]:
    """A longer max length or more enum values: every old row still fits, so the CHECK is swapped
    (the new one NOT VALID, so no scan under the lock) and validated while writes go on."""
    sql: list[str] = []
    for check in column_checks(old, before, "postgresql"):  # "CONSTRAINT <name> CHECK (...)"
        sql += [
            "-- squawk-ignore ban-drop-constraint",
            f"ALTER TABLE {table} DROP CONSTRAINT IF EXISTS {check.split()[1]};",
        ]
    checks = column_checks(new, f, "postgresql")
    sql += [f"ALTER TABLE {table} ADD {check} NOT VALID;" for check in checks]
    steps = [
        Step(
            "expand",
            "widen check",
            f"accept the wider values of {f.name}",
            "ACCESS EXCLUSIVE, brief (no scan)",
            tuple(sql),
        )
    ]
    for check in checks:
        name = check.split()[1]
        steps.append(
            Step(
                "expand",
                "widen check",
                f"check existing rows of {f.name} against {name} while writes go on",
                "SHARE UPDATE EXCLUSIVE",
                (f"ALTER TABLE {table} VALIDATE CONSTRAINT {name};",),
            )
        )
    return steps


def _add_column(table: str, e: Entity, f: EntityField) -> list[Step]:
    steps = [
        Step(
            "expand",
            "add column",
            f"add {f.name} as nullable (no table rewrite)",
            "ACCESS EXCLUSIVE, brief (metadata only)",
            (
                *_int_ignore([f]),
                f"ALTER TABLE {table} ADD COLUMN IF NOT EXISTS {column_sql(e, f, 'postgresql', force_nullable=True)};",
            ),
        )
    ]
    if not f.nullable:
        steps.append(_backfill(table, e, f.name, _default_for(f)))
        steps += _set_not_null(table, e, f)
    return steps


def _default_for(f: EntityField) -> str:
    return {
        "uuid": "gen_random_uuid()",
        "int": "0",
        "bigint": "0",
        "bool": "false",
        "timestamp": "now()",
        "date": "current_date",
        "numeric": "0",
        "json": "'{}'::jsonb",
        "bytes": "''::bytea",
        "enum": f"'{f.values[0]}'" if f.values else "''",
    }.get(f.type, "''")


def _backfill(table: str, e: Entity, column: str, value: str) -> Step:
    key = ", ".join(ident(k.name) for k in e.key)
    return Step(
        "backfill",
        "backfill",
        f"fill {column} in batches of {BATCH_ROWS:,} rows (repeat until 0 rows are updated)",
        "ROW EXCLUSIVE, per batch",
        (
            f"UPDATE {table} SET {ident(column)} = {value} WHERE ({key}) IN "
            f"(SELECT {key} FROM {table} WHERE {ident(column)} IS NULL LIMIT {BATCH_ROWS});",
        ),
    )


def _set_not_null(table: str, e: Entity, f: EntityField) -> list[Step]:
    check = ident(f"{table_name(e.id)}_{f.name}_not_null"[:63])
    col = ident(f.name)
    return [
        Step(
            "validate",
            "set not null",
            f"promise {f.name} IS NOT NULL for new rows (no scan)",
            "ACCESS EXCLUSIVE, brief",
            (f"ALTER TABLE {table} ADD CONSTRAINT {check} CHECK ({col} IS NOT NULL) NOT VALID;",),
        ),
        Step(
            "validate",
            "set not null",
            f"check existing rows of {f.name} while writes go on",
            "SHARE UPDATE EXCLUSIVE",
            (f"ALTER TABLE {table} VALIDATE CONSTRAINT {check};",),
        ),
        Step(
            "validate",
            "set not null",
            f"make {f.name} NOT NULL (the valid check spares the scan)",
            "ACCESS EXCLUSIVE, brief",
            (
                f"ALTER TABLE {table} ALTER COLUMN {col} SET NOT NULL;",
                "-- squawk-ignore ban-drop-constraint",  # NOT NULL now holds what the check held
                f"ALTER TABLE {table} DROP CONSTRAINT {check};",
            ),
        ),
    ]


def _copy_column(table: str, e: Entity, old: EntityField, new: EntityField, change: str) -> list[Step]:
    """Rename and type change alike: add the new column, keep it in step with a trigger, copy,
    switch the code, drop the old one."""
    shadow = new if old.name != new.name else new.model_copy(update={"name": f"{new.name}_new"})
    fn = ident(f"{table_name(e.id)}_{shadow.name}_sync"[:63])
    cast = f"{ident(old.name)}::{column_type(new, 'postgresql')}"
    steps = [
        Step(
            "expand",
            change,
            f"add {shadow.name} ({column_type(new, 'postgresql')}) beside {old.name}",
            "ACCESS EXCLUSIVE, brief (metadata only)",
            (
                *_int_ignore([shadow]),
                f"ALTER TABLE {table} ADD COLUMN IF NOT EXISTS {column_sql(e, shadow, 'postgresql', force_nullable=True)};",
            ),
        ),
        Step(
            "expand",
            change,
            f"keep {shadow.name} in step with {old.name} while old code writes",
            "SHARE ROW EXCLUSIVE, brief",
            (
                f"CREATE OR REPLACE FUNCTION {fn}() RETURNS trigger LANGUAGE plpgsql AS $$ BEGIN "
                f"NEW.{ident(shadow.name)} := NEW.{cast}; RETURN NEW; END $$;",
                f"CREATE OR REPLACE TRIGGER {fn} BEFORE INSERT OR UPDATE ON {table} FOR EACH ROW EXECUTE FUNCTION {fn}();",
            ),
        ),
        _backfill(table, e, shadow.name, cast),
    ]
    if not new.nullable:
        steps += _set_not_null(table, e, shadow)
    contract = [
        f"DROP TRIGGER IF EXISTS {fn} ON {table};",
        "-- squawk-ignore ban-drop-function",  # archkit's own sync shim, used by nothing else
        f"DROP FUNCTION IF EXISTS {fn}();",
        "-- squawk-ignore ban-drop-column",
        f"ALTER TABLE {table} DROP COLUMN IF EXISTS {ident(old.name)};",
    ]
    if shadow.name != new.name:
        contract += [
            "-- squawk-ignore renaming-column",
            f"ALTER TABLE {table} RENAME COLUMN {ident(shadow.name)} TO {ident(new.name)};",
        ]
    steps.append(
        Step(
            "contract",
            change,
            f"after the new code reads {shadow.name}: drop {old.name}"
            + (f", rename {shadow.name} to {new.name}" if shadow.name != new.name else ""),
            "ACCESS EXCLUSIVE, brief",
            tuple(contract),
        )
    )
    return steps


def plan_sql(steps: list[Step]) -> str:
    out = [
        "-- Migration plan generated by archkit. expand: before deploying the new code;",
        "-- backfill: while both versions run; validate: once the new code writes the new columns;",
        "-- contract: after the old code is gone.",
        "",
    ]
    for n, step in enumerate(steps, 1):
        out.append(f"-- {n}. [{step.phase}] {step.change}: {step.what} — lock: {step.lock}")
        if step.transactional:
            out += ["BEGIN;", LOCK_TIMEOUT, STATEMENT_TIMEOUT, *step.sql, "COMMIT;", ""]
        else:  # CONCURRENTLY cannot run in a transaction; it may take long, but never blocks writes
            out += ["SET lock_timeout = '2s';", "SET statement_timeout = '2h';", *step.sql, ""]
    return "\n".join(out)


def plan_text(steps: list[Step]) -> str:
    if not steps:
        return "no schema change\n"
    lines = [f"{n}. [{s.phase}] {s.change}: {s.what} (lock: {s.lock})" for n, s in enumerate(steps, 1)]
    return "\n".join(lines) + "\n"


__all__ = ["Step", "migration_plan", "plan_sql", "plan_text"]
