"""Checks on entities that span sections: the store is a store, references resolve, every field
an index or access pattern names exists, ``by`` names an operation, an optimistic entity names
an existing version field. Each problem is located at the field that is wrong."""

from __future__ import annotations

from collections.abc import Callable
from typing import TYPE_CHECKING

from archkit.model.entity import Entity, parse_order
from archkit.model.errors import Problem, choose_from, did_you_mean
from archkit.model.kinds import STORE_KINDS

if TYPE_CHECKING:
    from archkit.model.architecture import Architecture

_LENGTH_TYPES = frozenset({"text", "varchar"})
_VERSION_TYPES = frozenset({"int", "bigint"})


def entity_problems(arch: Architecture, file: str | None, line_of: Callable[[str], int | None]) -> list[Problem]:
    problems: list[Problem] = []

    def problem(path: str, message: str) -> None:
        problems.append(Problem(file, line_of(path), path, message))

    components = {c.id: c for c in arch.components}
    entities: dict[str, Entity] = {}
    for i, e in enumerate(arch.entities):
        if e.id in entities:
            problem(f"entities[{i}].id", f"duplicate entity id '{e.id}'")
        entities.setdefault(e.id, e)
    assets = [a.id for a in arch.data_assets]
    operations = {f"{c.id}.{o.id}" for c in arch.components for o in c.operations}

    for i, e in enumerate(arch.entities):
        base = f"entities[{i}]"
        store = components.get(e.store)
        if store is None:
            ids = [c.id for c in arch.components]
            problem(f"{base}.store", f"unknown component '{e.store}'{did_you_mean(e.store, ids)}")
        elif store.kind not in STORE_KINDS:
            kinds = sorted(STORE_KINDS)
            problem(
                f"{base}.store",
                f"'{e.store}' is a {store.kind}, not a store; an entity lives in a component of kind {', '.join(kinds)}",
            )
        if e.asset is not None and e.asset not in assets:
            problem(f"{base}.asset", f"unknown data asset '{e.asset}'{did_you_mean(e.asset, assets)}")
        _check_fields(e, base, entities, problem)
        names = [f.name for f in e.fields]

        def known(name: str, path: str, what: str, names: list[str] = names, e: Entity = e) -> bool:
            if name in names:
                return True
            problem(
                path, f"unknown field '{name}' of {e.id} in {what}{did_you_mean(name, names)}; {choose_from(names)}"
            )
            return False

        for j, index in enumerate(e.indexes):
            for k, entry in enumerate(index.fields):
                parsed = parse_order(entry)
                if parsed is None:
                    problem(
                        f"{base}.indexes[{j}].fields[{k}]", f"'{entry}' is not 'field', 'field asc' or 'field desc'"
                    )
                else:
                    known(parsed[0], f"{base}.indexes[{j}].fields[{k}]", "an index")
            for k, name in enumerate(index.include):
                known(name, f"{base}.indexes[{j}].include[{k}]", "an index's include")
        seen: dict[str, int] = {}
        for j, a in enumerate(e.access):
            path = f"{base}.access[{j}]"
            if a.id in seen:
                problem(f"{path}.id", f"duplicate access pattern id '{a.id}' in {e.id}")
            seen.setdefault(a.id, j)
            for name in a.where:
                known(name, f"{path}.where.{name}", "`where`")
            for k, entry in enumerate(a.order_by):
                parsed = parse_order(entry)
                if parsed is None:
                    problem(f"{path}.order_by[{k}]", f"'{entry}' is not 'field', 'field asc' or 'field desc'")
                else:
                    known(parsed[0], f"{path}.order_by[{k}]", "`order_by`")
            for k, name in enumerate(a.select):
                known(name, f"{path}.select[{k}]", "`select`")
            if a.by is not None and a.by not in operations:
                hint = did_you_mean(a.by, sorted(operations))
                listed = (
                    f"; operations: {', '.join(sorted(operations))}"
                    if operations
                    else "; the model declares no operations"
                )
                problem(f"{path}.by", f"unknown operation '{a.by}'{hint} (write component.operation){listed}")
            if a.by is not None and a.rps is not None:
                problem(f"{path}.rps", "give `by` (the rps follows the operation) or `rps`, not both")
            if a.kind == "insert" and (a.where or a.order_by or a.limit):
                problem(f"{path}.kind", "an insert has no `where`, `order_by` or `limit`")
        if e.partition_by is not None:
            known(e.partition_by, f"{base}.partition_by", "`partition_by`")
        if e.version_field is not None:
            field = e.field(e.version_field)
            if field is None:
                known(e.version_field, f"{base}.version_field", "`version_field`")
            elif field.type not in _VERSION_TYPES:
                problem(
                    f"{base}.version_field", f"the version field '{field.name}' must be int or bigint, not {field.type}"
                )
        if e.concurrency == "optimistic" and e.version_field is None and e.field("version") is None:
            problem(
                f"{base}.concurrency",
                f"optimistic concurrency needs a version field: add {{name: version, type: int}} to {e.id}'s fields "
                "(or name yours with version_field)",
            )
        if e.cache is not None:
            cache = components.get(e.cache.component)
            if cache is None or cache.kind != "cache":
                caches = [c.id for c in arch.components if c.kind == "cache"]
                problem(
                    f"{base}.cache.component",
                    f"'{e.cache.component}' is not a cache component{did_you_mean(e.cache.component, caches)}",
                )
    if arch.entities:
        for ci, c in enumerate(arch.components):
            for j, op in enumerate(c.operations):
                if op.entity is not None and op.entity not in entities:
                    problem(
                        f"components[{ci}].operations[{j}].entity",
                        f"unknown entity '{op.entity}'{did_you_mean(op.entity, list(entities))}; {choose_from(list(entities))}",
                    )
    return problems


def _check_fields(e: Entity, base: str, entities: dict[str, Entity], problem: Callable[[str, str], None]) -> None:
    seen: dict[str, int] = {}
    for k, f in enumerate(e.fields):
        path = f"{base}.fields[{k}]"
        if f.name in seen:
            problem(f"{path}.name", f"duplicate field '{f.name}' in {e.id} (first is fields[{seen[f.name]}])")
        seen.setdefault(f.name, k)
        if f.type == "enum" and not f.values:
            problem(f"{path}.values", f"enum field '{f.name}' needs its `values`")
        if f.values and f.type != "enum":
            problem(f"{path}.values", f"`values` is for enum fields; '{f.name}' is {f.type}")
        if f.max_length is not None and f.type not in _LENGTH_TYPES:
            problem(f"{path}.max_length", f"`max_length` is for text and varchar; '{f.name}' is {f.type}")
        if f.key and f.nullable:
            problem(f"{path}.nullable", f"key field '{f.name}' cannot be nullable")
        if f.references is not None:
            target_id, target_field = f.references.split(".", 1)
            target = entities.get(target_id)
            if target is None:
                problem(
                    f"{path}.references",
                    f"unknown entity '{target_id}'{did_you_mean(target_id, list(entities))}; {choose_from(list(entities))}",
                )
                continue
            referenced = target.field(target_field)
            if referenced is None:
                names = [x.name for x in target.fields]
                problem(
                    f"{path}.references",
                    f"unknown field '{target_field}' of {target_id}{did_you_mean(target_field, names)}",
                )
            elif referenced.type != f.type:
                problem(
                    f"{path}.type",
                    f"'{f.name}' is {f.type} but references {f.references}, which is {referenced.type}: the types must match",
                )
            elif not (referenced.key or referenced.unique) or (referenced.key and len(target.key) > 1):
                problem(
                    f"{path}.references", f"{f.references} is not unique: a reference points to a key or unique field"
                )
    if not any(f.key for f in e.fields):
        problem(f"{base}.fields", f"{e.id} has no key: mark its primary key field(s) with `key: true`")
