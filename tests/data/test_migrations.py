"""Migrations: one step per change class, SQL that squawk passes, and a plan that keeps the old
and the new application queries working at every step on a real PostgreSQL."""

from __future__ import annotations

import shutil
import subprocess
import sys
from pathlib import Path

import psycopg
import pytest

import archkit
from archkit.data.ddl import store_schema
from archkit.data.migrations import migration_plan, plan_sql
from archkit.data_proof.postgres import throwaway_cluster

from .conftest import FIXTURES

pytestmark = pytest.mark.xdist_group("postgres")
OLD, NEW = FIXTURES / "migration-old.yaml", FIXTURES / "migration-new.yaml"


def _plan() -> list:  # type: ignore[type-arg]
    return migration_plan(archkit.load(OLD), archkit.load(NEW))


def test_every_change_class_is_planned_in_its_phase() -> None:
    got = {(s.change, s.phase) for s in _plan()}
    assert got == {
        ("rename column", "expand"),
        ("rename column", "contract"),
        ("change type", "expand"),
        ("change type", "contract"),
        ("set not null", "validate"),
        ("add column", "expand"),
        ("add index", "expand"),
        ("add table", "expand"),
        ("add foreign key", "expand"),
        ("backfill", "backfill"),
        ("drop column", "contract"),
        ("drop index", "contract"),
        ("drop table", "contract"),
    }
    phases = [s.phase for s in _plan()]
    assert phases == sorted(phases, key=["expand", "backfill", "validate", "contract"].index)
    assert all(s.lock for s in _plan())


def test_the_same_model_needs_no_migration() -> None:
    assert migration_plan(archkit.load(OLD), archkit.load(OLD)) == []


def _squawk() -> str:
    found = shutil.which("squawk") or str(Path(sys.executable).parent / "squawk")
    assert Path(found).exists(), "squawk-cli is a dev dependency (pip install -e '.[dev]')"
    return found


def test_the_sql_passes_squawk(tmp_path: Path) -> None:
    sql = tmp_path / "migration.sql"
    sql.write_text(plan_sql(_plan()), encoding="utf-8")
    result = subprocess.run([_squawk(), str(sql)], capture_output=True, text=True, check=False)
    assert result.returncode == 0, result.stdout + result.stderr
    assert "Found 0 issues" in result.stdout + result.stderr


def test_squawk_would_catch_an_unsafe_statement(tmp_path: Path) -> None:
    sql = tmp_path / "unsafe.sql"
    sql.write_text("CREATE INDEX customer_email_idx ON customer (email);\n", encoding="utf-8")
    result = subprocess.run([_squawk(), str(sql)], capture_output=True, text=True, check=False)
    assert result.returncode != 0


OLD_APP = "SELECT id, mail, nickname, score FROM customer ORDER BY id LIMIT 5"
NEW_APP = "SELECT id, email, nickname, score, country, referrer FROM customer ORDER BY id LIMIT 5"
OLD_WRITE = (
    "INSERT INTO customer (id, mail, nickname, score, legacy_flag) VALUES (gen_random_uuid(), 'o@x', 'o', 1, true)"
)


def test_the_plan_keeps_old_and_new_queries_working_at_every_step() -> None:
    old_model = archkit.load(OLD)
    steps = _plan()
    with throwaway_cluster() as cluster, psycopg.connect(cluster.dsn(), autocommit=True) as conn:
        conn.execute(store_schema(old_model, "db", "postgresql").sql())  # type: ignore[call-overload]
        conn.execute(
            "INSERT INTO customer (id, mail, nickname, score) "
            "SELECT gen_random_uuid(), 'u' || g || '@x', 'n' || g, g FROM generate_series(1, 2000) g"
        )
        new_code_live = False
        for step in steps:
            # the new code (which writes the new columns) is deployed after the expand steps
            new_code_live = new_code_live or step.phase != "expand"
            old_alive = step.phase != "contract"  # old queries must keep working until the contract
            for statement in plan_sql([step]).split(";\n"):
                body = "\n".join(line for line in statement.splitlines() if not line.startswith("--")).strip()
                if body:
                    conn.execute(body)  # type: ignore[call-overload]
            if step.phase == "backfill":  # run the batch until it updates nothing
                update = next(s for s in step.sql if s.startswith("UPDATE"))
                while conn.execute(update).rowcount:  # type: ignore[call-overload]
                    pass
            if old_alive:
                assert len(conn.execute(OLD_APP).fetchall()) == 5, step.what
            if not new_code_live:
                conn.execute(OLD_WRITE)  # the old code still writes while the schema expands
        rows = conn.execute(NEW_APP).fetchall()
        assert len(rows) == 5
        nulls = conn.execute("SELECT count(*) FROM customer WHERE email IS NULL OR country IS NULL").fetchone()
        assert nulls == (0,)
        columns = {
            r[0]
            for r in conn.execute("SELECT column_name FROM information_schema.columns WHERE table_name = 'customer'")
        }
        assert columns == {"id", "email", "nickname", "score", "country", "referrer"}
        score_type = conn.execute(
            "SELECT data_type FROM information_schema.columns WHERE table_name = 'customer' AND column_name = 'score'"
        ).fetchone()
        assert score_type == ("bigint",)


@pytest.mark.parametrize(
    ("change", "phase", "statement"),
    [
        ("add table", "expand", 'CREATE TABLE IF NOT EXISTS "order"'),
        ("add foreign key", "expand", "FOREIGN KEY (customer_id) REFERENCES customer (id) NOT VALID"),
        ("add foreign key", "expand", 'ALTER TABLE "order" VALIDATE CONSTRAINT order_customer_id_fkey'),
        ("add column", "expand", "ADD COLUMN IF NOT EXISTS referrer uuid"),
        ("add column", "expand", "ADD COLUMN IF NOT EXISTS country text"),
        (
            "backfill",
            "backfill",
            "UPDATE customer SET country = '' WHERE (id) IN (SELECT id FROM customer WHERE country IS NULL LIMIT 10000)",
        ),
        ("set not null", "validate", "CHECK (country IS NOT NULL) NOT VALID"),
        ("set not null", "validate", "VALIDATE CONSTRAINT customer_nickname_not_null"),
        ("set not null", "validate", "ALTER COLUMN nickname SET NOT NULL"),
        ("rename column", "expand", "ADD COLUMN IF NOT EXISTS email text"),
        ("rename column", "expand", "NEW.email := NEW.mail::text"),
        ("rename column", "contract", "DROP COLUMN IF EXISTS mail"),
        ("change type", "expand", "ADD COLUMN IF NOT EXISTS score_new bigint"),
        ("change type", "contract", "RENAME COLUMN score_new TO score"),
        ("add index", "expand", "CREATE INDEX CONCURRENTLY IF NOT EXISTS customer_email_idx ON customer (email)"),
        ("drop index", "contract", "DROP INDEX CONCURRENTLY IF EXISTS customer_nickname_idx"),
        ("drop column", "contract", "DROP COLUMN IF EXISTS legacy_flag"),
        ("drop table", "contract", "DROP TABLE IF EXISTS coupon"),
    ],
)
def test_each_change_class_writes_its_statement(change: str, phase: str, statement: str) -> None:
    steps = [s for s in _plan() if s.change == change and s.phase == phase]
    assert any(statement in sql for s in steps for sql in s.sql), [s.sql for s in steps]


def test_a_new_nullable_column_is_one_step() -> None:
    old = archkit.load(OLD)
    new = old.model_copy(deep=True)
    customer = new.entities[0]
    customer.fields = [*customer.fields, customer.fields[2].model_copy(update={"name": "note", "nullable": True})]
    assert [(s.change, s.phase) for s in migration_plan(old, new)] == [("add column", "expand")]


def test_a_widened_length_swaps_its_check_and_a_narrowed_one_copies_the_column(tmp_path: Path) -> None:
    text = OLD.read_text(encoding="utf-8").replace(
        "{name: mail, type: text}", "{name: mail, type: varchar, max_length: 80}"
    )
    old = archkit.loads(text, "old.yaml")
    wider = archkit.loads(text.replace("max_length: 80", "max_length: 200"), "new.yaml")
    steps = migration_plan(old, wider)
    assert [(s.change, s.phase) for s in steps] == [("widen check", "expand"), ("widen check", "expand")]
    assert "CHECK (char_length(mail) <= 200) NOT VALID" in steps[0].sql[-1]
    narrower = archkit.loads(text.replace("max_length: 80", "max_length: 40"), "new.yaml")
    assert {s.change for s in migration_plan(old, narrower)} == {"change type", "backfill", "set not null"}
    sql = tmp_path / "widen.sql"
    sql.write_text(plan_sql(steps), encoding="utf-8")
    result = subprocess.run([_squawk(), str(sql)], capture_output=True, text=True, check=False)
    assert result.returncode == 0, result.stdout + result.stderr
