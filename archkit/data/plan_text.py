"""The index plan as text and as JSON-ready data: per pattern, the SQL, the index that serves it
today and the one the plan recommends; per entity, declared indexes no pattern uses."""

from __future__ import annotations

from typing import Any

from archkit.data.ddl import local_references, relational_entities
from archkit.data.index_plan import EntityPlan, plan_entity
from archkit.data.queries import pattern_sql
from archkit.model.schema import ModelFile


def entity_plans(model: ModelFile) -> list[EntityPlan]:
    """Every entity's plan; foreign keys count only within a relational store."""
    local: dict[str, list[str]] = {}
    for entities in relational_entities(model).values():
        for e in entities:
            local[e.id] = [f.name for f in local_references(e, entities)]
    return [plan_entity(e, local.get(e.id, [])) for e in model.entities]


def plan_data(model: ModelFile) -> dict[str, Any]:
    out: dict[str, Any] = {}
    months = model.requirements.planning_horizon_months
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
            if p["served_by"]:
                lines.append(f"  {pid} [{p['kind']}]: served by {p['served_by']}")
            else:
                lines.append(f"  {pid} [{p['kind']}]: NO declared index serves it; add {p['recommended']}")
            lines.append(f"      {p['sql']}")
        for label in data["unused"]:
            lines.append(f"  declared index {label}: no access pattern uses it (drop it, or add the pattern it is for)")
        lines.append("")
    return "\n".join(lines).rstrip() + "\n" if lines else "the model declares no entities\n"
