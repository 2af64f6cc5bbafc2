"""DATA015 — a skewed partition (shard) key: one partition takes most of the load."""

from __future__ import annotations

from collections.abc import Iterator

from archkit.rules.base import Hit, Rule
from archkit.rules.context import Context

FEW_VALUES = 100


def check(ctx: Context) -> Iterator[Hit]:
    for e in ctx.arch.entities:
        if e.partition_by is None:
            continue
        field = e.field(e.partition_by)
        if field is None:
            continue
        if field.skew == "zipf":
            why = "its values are zipf-skewed: the hottest value's partition takes a large share of rows and traffic"
        elif field.type in ("bool", "enum") or (field.distinct is not None and field.distinct < FEW_VALUES):
            count = 2 if field.type == "bool" else len(field.values) if field.type == "enum" else field.distinct
            why = f"it has {count} distinct values: at most {count} partitions, each as big as its value is common"
        else:
            continue
        yield Hit((e.store,), f"{e.id} is partitioned by {field.name}, and {why}")


RULE = Rule(
    code="DATA015",
    name="hot-partition-key",
    category="data",
    severity="medium",
    summary="An entity's partition key is skewed or has few values, so one partition becomes hot.",
    rationale="Partitioning spreads load only as evenly as the key spreads: a celebrity's id or a status "
    "column concentrates writes and reads on one partition or shard, which then sets the limit.",
    fix="Partition by a high-cardinality, evenly spread key (an id hash, time), or add a salt/bucket to the hot key.",
    reads=("entities.partition_by", "entities.fields.skew", "entities.fields.distinct"),
    check=check,
)
