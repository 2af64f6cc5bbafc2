"""The DDL runs on SQLite and on a real PostgreSQL; the proof fails exactly the patterns the
declared indexes miss, and passes them all with the recommended set; a killed proof leaves
no server and no folder behind."""

from __future__ import annotations

import os
import signal
import sqlite3
import subprocess
import sys
import time
from pathlib import Path

import psycopg
import pytest

import archkit
from archkit.data.ddl import relational_entities, store_schema
from archkit.data_proof.postgres import FOLDER_PREFIX, find_binaries, throwaway_cluster
from archkit.data_proof.prove import prove_postgres, prove_sqlite
from archkit.paths import example

from .conftest import FIXTURES

pytestmark = pytest.mark.xdist_group("postgres")
EXAMPLES = ["social-sharing", "checkout"]


def test_postgresql_is_installed() -> None:
    assert find_binaries() is not None, "make setup installs PostgreSQL; the data tests never skip for want of it"


@pytest.mark.parametrize("name", EXAMPLES)
def test_every_example_ddl_runs_on_sqlite(name: str) -> None:
    model = archkit.load(example(name))
    stores = relational_entities(model)
    assert stores, f"{name} declares relational entities"
    for store in stores:
        for indexes in ("declared", "recommended"):
            db = sqlite3.connect(":memory:")
            db.executescript(store_schema(model, store, "sqlite", indexes=indexes).sql())
            tables = {r[0] for r in db.execute("SELECT name FROM sqlite_master WHERE type = 'table'")}
            assert {e.id.replace("-", "_") for e in stores[store]} <= tables


def test_every_example_ddl_runs_on_postgresql() -> None:
    with throwaway_cluster() as cluster:
        for n, name in enumerate(EXAMPLES):
            model = archkit.load(example(name))
            for store in relational_entities(model):
                database = f"t{n}_{store.replace('-', '_')}"
                with psycopg.connect(cluster.dsn(), autocommit=True) as admin:
                    admin.execute(f"CREATE DATABASE {database}")
                with psycopg.connect(cluster.dsn(database), autocommit=True) as conn:
                    conn.execute(store_schema(model, store, "postgresql").sql())  # type: ignore[call-overload]
                    count = conn.execute("SELECT count(*) FROM pg_tables WHERE schemaname = 'public'").fetchone()
                    assert count is not None and count[0] == len(relational_entities(model)[store])


def test_proof_fails_the_two_missed_patterns_and_passes_with_the_plan() -> None:
    model = archkit.load(FIXTURES / "two-missing.yaml")
    proof = prove_postgres(model, rows_cap=60_000, say=lambda _: None)
    failed = {r.pattern: r for r in proof.failed("declared")}
    assert set(failed) == {"by-customer", "recent-by-status"}, [(r.pattern, r.verdict.reasons) for r in proof.results]
    # the plan that shows why: the scan and the sort are named
    why = " ".join((*failed["by-customer"].verdict.reasons, failed["by-customer"].verdict.summary))
    assert "Sort" in why or "Seq Scan" in why or "read" in why
    passed = {r.pattern for r in proof.results if r.index_set == "declared" and r.verdict.passed}
    assert passed == {"by-id"}
    assert proof.failed("recommended") == []
    assert proof.rows["order"] == 50_000


def test_sqlite_fallback_is_indicative_and_sees_the_same_misses() -> None:
    proof = prove_sqlite(archkit.load(FIXTURES / "two-missing.yaml"))
    assert proof.indicative and "indicative" in proof.engine
    assert {r.pattern for r in proof.failed("declared")} >= {"by-customer"}
    assert proof.failed("recommended") == []


def _postgres_processes_for(folder: str) -> list[str]:
    out = subprocess.run(["ps", "-eo", "pid,args"], capture_output=True, text=True, check=True).stdout
    return [line for line in out.splitlines() if folder in line and "postgres" in line and "watchdog" not in line]


def test_a_killed_proof_leaves_no_server_and_no_folder(tmp_path: Path) -> None:
    proc = subprocess.Popen(
        [sys.executable, "-m", "archkit", "data", str(FIXTURES / "two-missing.yaml"), "--prove"],
        stdout=subprocess.DEVNULL,
        stderr=subprocess.PIPE,
        text=True,
    )
    assert proc.stderr is not None
    folder = None
    deadline = time.monotonic() + 60
    while folder is None and time.monotonic() < deadline:
        line = proc.stderr.readline()
        if "started PostgreSQL" in line:
            folder = next(w for w in line.split() if FOLDER_PREFIX in w)
    assert folder is not None, "the proof announces its cluster"
    assert os.path.isdir(folder) and _postgres_processes_for(folder)
    proc.send_signal(signal.SIGKILL)
    proc.wait(timeout=10)
    deadline = time.monotonic() + 30
    while (os.path.exists(folder) or _postgres_processes_for(folder)) and time.monotonic() < deadline:
        time.sleep(0.2)
    assert not os.path.exists(folder)
    assert _postgres_processes_for(folder) == []


def test_spring_petclinic_translated_from_its_published_schema() -> None:
    """A system we did not design: its one missing index (pets.owner_id) fails, and its prefix
    search by last name passes (the sampled prefix escapes LIKE's `_` wildcard)."""
    model = archkit.load(Path(__file__).parents[1] / "fixtures" / "petclinic.yaml")
    proof = prove_postgres(model, rows_cap=20_000, say=lambda _: None)
    assert [r.name for r in proof.failed("declared")] == ["pets.by-owner"]
    assert proof.failed("recommended") == []
    by_last_name = next(r for r in proof.results if r.name == "owners.by-last-name")
    assert "\\_" in by_last_name.sql and by_last_name.verdict.rows_read <= 5
