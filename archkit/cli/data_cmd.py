"""archkit data FILE [--out DIR] [--prove]: schema, index plan and its proof on PostgreSQL;
archkit data diff OLD NEW: the expand/contract migration between two model versions."""

from __future__ import annotations

import argparse
import json
import sys
from pathlib import Path

from archkit.cli import EXIT_FINDINGS, EXIT_OK, UsageError
from archkit.cli.common import emit
from archkit.model import Architecture, load


def register(sub: argparse._SubParsersAction) -> None:  # type: ignore[type-arg]
    parser = sub.add_parser(
        "data",
        help="data design: DDL, index plan, proof on PostgreSQL (--prove); `data diff OLD NEW` for migrations",
        description="archkit data FILE [--out DIR] [--prove] | archkit data diff OLD NEW [--out FILE]",
    )
    parser.add_argument("file", metavar="FILE", help="model file (YAML), or `diff` followed by OLD NEW")
    parser.add_argument("more", metavar="NEW", nargs="*", help=argparse.SUPPRESS)
    parser.add_argument("--out", metavar="DIR", help="write the DDL per store and dialect, and the plan, here")
    parser.add_argument("--prove", action="store_true", help="load a throwaway PostgreSQL and EXPLAIN every pattern")
    parser.add_argument("--rows-cap", type=int, default=None, metavar="N", help="rows per table at most (default 10^6)")
    parser.add_argument("--format", choices=("text", "json"), default="text")
    parser.set_defaults(func=run)


def run(args: argparse.Namespace) -> int:
    if args.file == "diff":
        return _diff(args)
    if args.more:
        raise UsageError(f"unexpected arguments: {' '.join(args.more)}")
    model = load(args.file)
    if not model.entities:
        raise UsageError(f"{args.file}: the model declares no entities (see docs/format.md, entities)")
    if args.out:
        for path in _write(model, Path(args.out)):
            print(path)
    if args.prove:
        return _prove(model, args)
    if not args.out:
        from archkit.data.plan_text import plan_data, plan_text

        emit(json.dumps(plan_data(model), indent=2) if args.format == "json" else plan_text(model), None)
    return EXIT_OK


def _write(model: Architecture, out: Path) -> list[Path]:
    from archkit.data.ddl import relational_entities, store_schema
    from archkit.data.plan_text import plan_text
    from archkit.data.sql_names import DIALECTS
    from archkit.model.io import write_atomic
    from archkit.render.er import er_diagram

    out.mkdir(parents=True, exist_ok=True)
    written = []
    for store in relational_entities(model):
        for dialect in DIALECTS:
            path = out / f"{store}.{dialect}.sql"
            write_atomic(path, store_schema(model, store, dialect).sql())
            written.append(path)
    path = out / "index-plan.txt"
    write_atomic(path, plan_text(model))
    written.append(path)
    written += er_diagram(model, out)
    return written


def _prove(model: Architecture, args: argparse.Namespace) -> int:
    from archkit.data.rows import DEFAULT_ROWS_CAP
    from archkit.data_proof.proof_text import proof_json, proof_text
    from archkit.data_proof.prove import prove
    from archkit.model import Architecture

    assert isinstance(model, Architecture)
    cap = DEFAULT_ROWS_CAP if args.rows_cap is None else args.rows_cap
    if cap < 1:
        raise UsageError("--rows-cap must be at least 1")
    proof = prove(model, rows_cap=cap, say=lambda line: print(f"archkit data: {line}", file=sys.stderr))
    emit(json.dumps(proof_json(proof), indent=2) if args.format == "json" else proof_text(proof), None)
    return EXIT_FINDINGS if proof.failed("declared") else EXIT_OK


def _diff(args: argparse.Namespace) -> int:
    from archkit.data.migrations import migration_plan, plan_sql, plan_text

    if len(args.more) != 2:
        raise UsageError("usage: archkit data diff OLD NEW")
    old, new = load(args.more[0]), load(args.more[1])
    plan = migration_plan(old, new)
    if args.out:
        emit(plan_sql(plan), args.out)
    emit(plan_text(plan) if args.format == "text" else json.dumps([s.as_dict() for s in plan], indent=2), None)
    return EXIT_OK
