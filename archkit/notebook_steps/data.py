"""Data design steps: the entities, the index plan, the schema files and the ER diagram, and the
proof on a throwaway PostgreSQL."""

from __future__ import annotations

import json
from pathlib import Path
from typing import TYPE_CHECKING, Any

from archkit.model import Architecture
from archkit.notebook_steps.display import show_image
from archkit.notebook_steps.model import output_path

if TYPE_CHECKING:
    import pandas as pd

# Rows per table for the notebook's proof: enough to make a missing index show (tables past
# 10^4 rows must not be scanned), small enough to run in seconds; `archkit data --prove` uses 10^6.
NOTEBOOK_ROWS_CAP = 50_000


def entities_table(arch: Architecture) -> pd.DataFrame:
    import pandas as pd

    months = arch.requirements.planning_horizon_months
    if not arch.entities:
        print("this model declares no entities yet: add them below, or see docs/format.md, entities")
    return pd.DataFrame(
        [
            {
                "entity": e.id,
                "store": e.store,
                "rows today": e.rows,
                f"rows in {months} months": e.rows_at(months),
                "fields": ", ".join(f.name + (" (key)" if f.key else "") for f in e.fields),
                "access patterns": len(e.access),
                "indexes": len(e.indexes),
            }
            for e in arch.entities
        ],
        columns=["entity", "store", "rows today", f"rows in {months} months", "fields", "access patterns", "indexes"],
    )


def index_plan_table(arch: Architecture) -> pd.DataFrame:
    """One row per access pattern: its SQL, the index that serves it today, the plan's index."""
    import pandas as pd

    from archkit.data.plan_text import plan_data

    rows = []
    for entity_id, data in plan_data(arch).items():
        for pid, p in data["patterns"].items():
            rows.append(
                {
                    "pattern": f"{entity_id}.{pid}",
                    "kind": p["kind"],
                    "query": p["sql"],
                    "served by (declared)": p["served_by"] or ("" if p["recommended"] is None else "NONE"),
                    "plan": p["recommended"] or "needs no index",
                }
            )
        rows += [
            {
                "pattern": f"{entity_id} (index)",
                "kind": "",
                "query": "",
                "served by (declared)": label,
                "plan": "unused: drop it",
            }
            for label in data["unused"]
        ]
    return pd.DataFrame(rows, columns=["pattern", "kind", "query", "served by (declared)", "plan"])


def write_schema(arch: Architecture, output_dir: str | Path) -> list[Path]:
    """DDL per store and dialect, the index plan and the ER diagram under ``output_dir/data``; shows the ER diagram."""
    from archkit.data.ddl import relational_entities, store_schema
    from archkit.data.plan_text import plan_text
    from archkit.data.sql_names import DIALECTS
    from archkit.model.io import write_atomic
    from archkit.render.er import er_diagram

    out = output_path(output_dir) / "data"
    written = []
    for store in relational_entities(arch):
        for dialect in DIALECTS:
            path = out / f"{store}.{dialect}.sql"
            write_atomic(path, store_schema(arch, store, dialect).sql())
            written.append(path)
    write_atomic(out / "index-plan.txt", plan_text(arch))
    written.append(out / "index-plan.txt")
    written += er_diagram(arch, out)
    if (out / "er.png").exists():
        show_image(out / "er.png")
    for p in written:
        print(f"wrote {p}")
    return written


def show_ddl(arch: Architecture, store: str | None = None, dialect: str = "postgresql") -> str:
    """The DDL of one store (default: the first relational one), shown as a SQL block."""
    from archkit.data.ddl import relational_entities, store_schema
    from archkit.notebook_steps.display import show_markdown

    stores = list(relational_entities(arch))
    if not stores:
        print("no relational store holds entities in this model")
        return ""
    sql = store_schema(arch, store or stores[0], dialect).sql()  # type: ignore[arg-type]
    show_markdown(f"```sql\n{sql}```", sql)
    return sql


def prove_data(arch: Architecture, output_dir: str | Path, *, rows_cap: int = NOTEBOOK_ROWS_CAP) -> Any:
    """Run the proof (PostgreSQL, or SQLite's indicative plan without it); save ``data/proof.json``
    and return the table, declared indexes beside the recommended ones."""
    import pandas as pd

    from archkit.data.ddl import relational_entities
    from archkit.data_proof.proof_text import proof_json
    from archkit.data_proof.prove import prove
    from archkit.model.io import write_atomic

    if not relational_entities(arch):
        print("no entities in a relational store: nothing to prove (declare `entities` to use this step)")
        return pd.DataFrame(columns=["pattern", "indexes", "verdict", "ms", "rows read", "returned", "plan"])
    proof = prove(arch, rows_cap=rows_cap, say=print)
    data = proof_json(proof)
    write_atomic(output_path(output_dir) / "data" / "proof.json", json.dumps(data, indent=2) + "\n")
    frame = pd.DataFrame(
        [
            {
                "pattern": r["pattern"],
                "indexes": r["indexes"],
                "verdict": "pass" if r["passed"] else "FAIL: " + "; ".join(r["reasons"]),
                "ms": r["ms"],
                "rows read": r["rows_read"],
                "returned": r["rows_returned"],
                "plan": r["plan"],
            }
            for r in sorted(data["results"], key=lambda r: (r["pattern"], r["indexes"]))
        ]
    )
    print(
        f"{proof.engine}: {len(proof.failed('declared'))} pattern(s) fail with the declared indexes, "
        f"{len(proof.failed('recommended'))} with the recommended set"
    )
    return frame
