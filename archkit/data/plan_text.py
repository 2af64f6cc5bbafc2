"""The index plan as text and as JSON-ready data: per pattern, the SQL, the index that serves it
today and the one the plan recommends; per entity, declared indexes no pattern uses."""

from __future__ import annotations

from typing import Any

from archkit.data.ddl import entity_plans, is_relational
from archkit.data.queries import pattern_sql
from archkit.model.schema import ModelFile


def plan_data(model: ModelFile) -> dict[str, Any]:
    out: dict[str, Any] = {}
    months = model.requirements.planning_horizon_months
    components = {c.id: c for c in model.components}
    for plan in entity_plans(model):
        e = plan.entity
        patterns = {}
        for pattern, pp in zip(e.access, plan.patterns, strict=True):
            patterns[pattern.id] = {
                "kind": pattern.kind,
                "sql": pattern_sql(e, pattern),
                "served_by": pp.declared.label if pp.declared else None,
                "recommended": pp.recommended.label if pp.recommended else None,
            }
        out[e.id] = {
            "store": e.store,
            "relational": e.store in components and is_relational(components[e.store]),
            "rows_at_horizon": e.rows_at(months),
            "patterns": patterns,
            "indexes": [i.label for i in plan.recommended],
            "unused": [i.label for i in plan.unused],
        }
    return out


def plan_text(model: ModelFile) -> str:
    lines = []
    for entity_id, data in plan_data(model).items():
        lines.append(f"{entity_id} ({data['store']}, {data['rows_at_horizon']:,} rows at the horizon)")
        for pid, p in data["patterns"].items():
            if p["recommended"] is None:
                lines.append(f"  {pid} [{p['kind']}]: needs no index")
                continue
            if not data["relational"]:  # a cache or document store: no SQL index, the key does the work
                lines.append(f"  {pid} [{p['kind']}]: {data['store']} is not relational: key it by {p['recommended']}")
                continue
            if p["served_by"]:
                lines.append(f"  {pid} [{p['kind']}]: served by {p['served_by']}")
            else:
                lines.append(f"  {pid} [{p['kind']}]: NO declared index serves it; add {p['recommended']}")
            lines.append(f"      {p['sql']}")
        for label in data["unused"]:
            lines.append(f"  declared index {label}: no access pattern uses it (drop it, or add the pattern it is for)")
        lines.append("")
    return "\n".join(lines).rstrip() + "\n" if lines else "the model declares no entities\n"
