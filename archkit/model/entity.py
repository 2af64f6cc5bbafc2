"""Entities and access patterns: the data a store holds, the queries run against it, its indexes.

The syntax is pinned in DESIGN.md, "Entities and access patterns". Checks that span sections
(a store is a store, ``by`` names an operation, references resolve, ``where`` names fields)
live in ``entities_check.py``; what the data design makes of it lives in ``archkit.data``.
"""

from __future__ import annotations

import re
from typing import Literal

from pydantic import Field as F

from archkit.model.fields import Id, PositiveFloat, Strict

FieldType = Literal[
    "uuid", "int", "bigint", "text", "varchar", "bool", "timestamp", "date", "numeric", "json", "enum", "bytes"
]
Predicate = Literal["eq", "in", "range", "prefix"]
AccessKind = Literal["read", "insert", "update", "delete"]

# "created_at desc" / "id" / "id asc": an order_by or index entry is a field and a direction.
_ORDER = re.compile(r"^\s*([a-z_][a-z0-9_]*)\s*(?:\s(asc|desc))?\s*$", re.IGNORECASE)


def parse_order(entry: str) -> tuple[str, bool] | None:
    """``"created_at desc"`` -> ``("created_at", True)`` (descending); None when malformed."""
    m = _ORDER.match(entry)
    if m is None:
        return None
    return m.group(1), (m.group(2) or "asc").lower() == "desc"


class EntityField(Strict):
    name: str = F(pattern=r"^[a-z_][a-z0-9_]*$", max_length=63, description="Column name: lowercase, digits, '_'.")
    type: FieldType = F(
        description="uuid | int | bigint | text | varchar | bool | timestamp | date | numeric | json | enum | bytes."
    )
    key: bool = F(False, description="Part of the primary key.")
    references: str | None = F(
        None, pattern=r"^[a-z0-9][a-z0-9_-]*\.[a-z_][a-z0-9_]*$", description="Foreign key: entity.field it points to."
    )
    unique: bool = F(False, description="No two rows share a value.")
    nullable: bool = F(False, description="The field may be absent (NULL).")
    values: list[str] = F(default_factory=list, description="enum: the allowed values.")
    max_length: int | None = F(None, gt=0, description="text and varchar: longest value in characters.")
    distinct: int | None = F(
        None, gt=0, description="Distinct values at the planning horizon (default: one per row for keys, else 1000)."
    )
    skew: Literal["uniform", "zipf"] = F(
        "uniform", description="How values are spread: uniform, or zipf (a few values hold most rows)."
    )
    personal: bool = F(False, description="Holds personal data about a person (GDPR).")
    renamed_from: str | None = F(None, description="Migrations: the field's name in the previous version of the model.")
    description: str | None = F(None, description="What the field holds.")


class Index(Strict):
    fields: list[str] = F(min_length=1, description="Ordered fields, each optionally followed by asc or desc.")
    unique: bool = F(False, description="A unique index.")
    include: list[str] = F(default_factory=list, description="Covering: fields stored in the index, not searched.")
    name: str | None = F(None, pattern=r"^[a-z_][a-z0-9_]*$", description="Index name (default: derived).")


class Access(Strict):
    id: Id = F(description="Unique in its entity; named elsewhere as entity.pattern.")
    by: str | None = F(
        None, description="The operation that runs it, as component.operation: its rps becomes this pattern's rps."
    )
    rps: PositiveFloat | None = F(None, description="Runs per second at peak when no operation is named.")
    kind: AccessKind = F("read", description="read | insert | update | delete.")
    where: dict[str, Predicate] = F(
        default_factory=dict, description="field: eq | in | range | prefix, the conditions of the query."
    )
    order_by: list[str] = F(default_factory=list, description="Fields the result is ordered by, e.g. created_at desc.")
    limit: int | None = F(None, gt=0, description="Rows returned at most (a page).")
    pagination: Literal["cursor", "offset", "none"] | None = F(
        None, description="How later pages are read: cursor | offset | none (default: the operation's API)."
    )
    select: list[str] = F(default_factory=list, description="Fields read (default: all).")
    consistency: Literal["strong", "eventual"] | None = F(
        None, description="Reads: must see the latest write (strong) or not (default: requirements.consistency)."
    )


class EntityCache(Strict):
    component: Id = F(description="The cache component that holds copies of this entity.")
    ttl_s: PositiveFloat | None = F(None, description="Entries expire after this many seconds.")
    invalidate_on_write: bool | None = F(None, description="Writes delete or update the cached entries.")


class Entity(Strict):
    id: Id = F(description="Entity (table) name.")
    store: Id = F(description="The component that holds it (database, search, cache, ...).")
    asset: Id | None = F(None, description="Its data asset: the classification flows down.")
    rows: int = F(0, ge=0, description="Rows today.")
    rows_per_month: int = F(0, ge=0, description="Rows added per month.")
    concurrency: Literal["optimistic", "pessimistic", "none"] | None = F(
        None, description="optimistic (needs a version field) | pessimistic | none."
    )
    version_field: str | None = F(
        None, description="Optimistic concurrency: the field holding the row version (default: version)."
    )
    partition_by: str | None = F(None, description="The field the table is partitioned or sharded by.")
    retention_days: PositiveFloat | None = F(None, description="Rows older than this are deleted.")
    cache: EntityCache | None = F(None, description="A cache that holds copies of this entity.")
    fields: list[EntityField] = F(min_length=1, description="Its fields (columns).")
    indexes: list[Index] = F(default_factory=list, description="Indexes that exist or are planned.")
    access: list[Access] = F(default_factory=list, description="The queries the application runs on it.")
    renamed_from: str | None = F(None, description="Migrations: the entity's id in the previous model version.")
    description: str | None = F(None, description="What it is.")

    def field(self, name: str) -> EntityField | None:
        return next((f for f in self.fields if f.name == name), None)

    @property
    def key(self) -> list[EntityField]:
        return [f for f in self.fields if f.key]

    @property
    def version_column(self) -> str:
        return self.version_field or "version"

    def rows_at(self, months: int) -> int:
        """Rows at the planning horizon."""
        return self.rows + self.rows_per_month * months


__all__ = [
    "Access",
    "AccessKind",
    "Entity",
    "EntityCache",
    "EntityField",
    "FieldType",
    "Index",
    "Predicate",
    "parse_order",
]
