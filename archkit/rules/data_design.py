"""What the data rules share: which stores are relational, the rows an entity reaches at the
planning horizon, how a pattern pages. (Each entity's index plan is ``ctx.entity_plans``.)"""

from __future__ import annotations

from archkit.data.ddl import is_relational
from archkit.model.entity import Access, Entity
from archkit.rules.context import Context


def relational(ctx: Context, entity: Entity) -> bool:
    store = ctx.components.get(entity.store)
    return store is not None and is_relational(store)


def horizon_rows(ctx: Context, entity: Entity) -> int:
    return entity.rows_at(ctx.arch.requirements.planning_horizon_months)


def pagination(ctx: Context, pattern: Access) -> str | None:
    """The pattern's own pagination, else that of the API whose operation runs it."""
    if pattern.pagination is not None:
        return pattern.pagination
    if pattern.by is None:
        return None
    component = ctx.components.get(pattern.by.split(".")[0])
    return component.api.pagination if component is not None and component.api is not None else None


def runs(pattern: Access) -> str:
    if pattern.by:
        return f" (run by {pattern.by})"
    return f" ({pattern.rps:g} rps)" if pattern.rps else ""
