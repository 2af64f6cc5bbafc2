"""Edits of a model file, as plain functions: the widgets call these, and so can a script.

Each one loads the file fresh (so edits made elsewhere are kept), applies the change with the
model's validating builder, validates the whole model (cross-references included) and only then
writes the file atomically, keeping the user's comments. On any problem it raises ``ModelError``
and the file is untouched.
"""

from __future__ import annotations

import datetime as dt
import os
from collections.abc import Callable
from pathlib import Path
from typing import Any, TypeVar

from archkit.model import Architecture, ModelError, Problem, dumps, load, loads
from archkit.model.errors import unknown
from archkit.model.io import write_atomic
from archkit.model.schema import Requirements, Waiver

T = TypeVar("T")


def edit_model(path: str | os.PathLike[str], change: Callable[[Architecture], T]) -> tuple[Architecture, T]:
    """Load ``path``, apply ``change(arch)``, validate, save atomically; returns the saved model and the change's result."""
    target = Path(path)
    arch = load(target)
    result = change(arch)
    text = dumps(arch)
    saved = loads(text, str(target))  # cross-references and every field, before anything is written
    write_atomic(target, text)
    return saved, result


def requirements_from_form(values: dict[str, Any], current: Requirements) -> Requirements:
    """Apply form values to ``current``: only the keys given change. A given ``None``/"" means
    "not declared" and removes the field; keys not given keep what the file says.

    A field is kept when it has a value, or was written in the file before (so an explicit
    default such as ``planning_horizon_months: 12`` survives a save).
    """
    strangers = [field for field in values if field not in Requirements.model_fields]
    if strangers:
        raise ModelError(
            [
                Problem(None, None, f"requirements.{field}", unknown("requirement", field, Requirements.model_fields))
                for field in strangers
            ]
        )
    data: dict[str, Any] = current.model_dump(exclude_unset=True)
    for field, value in values.items():
        if isinstance(value, str):
            value = value.strip()
        if value is None or value == "" or value == []:
            data.pop(field, None)
            continue
        info = Requirements.model_fields[field]
        if field not in current.model_fields_set and not callable(info.default_factory) and value == info.default:
            continue
        data[field] = value
    return Requirements.model_validate(data)


def set_requirements(path: str | os.PathLike[str], values: dict[str, Any]) -> Architecture:
    """Change the requirements the ``values`` name (the others stay as they are); raises ``ModelError``
    or pydantic's ``ValidationError``."""

    def change(arch: Architecture) -> None:
        arch.requirements = requirements_from_form(values, arch.requirements)

    return edit_model(path, change)[0]


def scale_clients(path: str | os.PathLike[str]) -> Architecture:
    """Scale the rps the clients declare so that they send ``requirements.peak_rps`` in total (the
    one-click answer to MODEL007); clients without rps keep their share. Nothing to do: unchanged."""
    from archkit.analysis.traffic import traffic_mismatch

    def change(arch: Architecture) -> None:
        mismatch = traffic_mismatch(arch)
        if mismatch is None:
            return
        declared = [c for c in arch.clients() if c.rps is not None]
        declared_ids = {c.id for c in declared}
        sharing = sum(rps for cid, rps in mismatch.by_client.items() if cid not in declared_ids)
        factor = (mismatch.peak_rps - sharing) / sum(c.rps or 0.0 for c in declared)
        for c in declared:
            scaled = round((c.rps or 0.0) * factor, 1)
            arch.update_component(c.id, rps=int(scaled) if scaled.is_integer() else scaled)

    return edit_model(path, change)[0]


def add_waiver(
    path: str | os.PathLike[str],
    rule: str,
    components: list[str] | tuple[str, ...],
    reason: str,
    owner: str,
    expires: dt.date | None,
) -> Waiver:
    """Accept a finding on purpose: append a waiver (rule, components, reason, owner, expiry)."""
    problems = [
        Problem(str(path), None, f"waivers.{name}", "is required")
        for name, value in (("reason", reason), ("owner", owner))
        if not (value or "").strip()
    ]
    if expires is not None and expires < dt.date.today():
        problems.append(Problem(str(path), None, "waivers.expires", f"{expires} is in the past"))
    if problems:
        raise ModelError(problems)
    waiver = Waiver(rule=rule, components=list(components), reason=reason.strip(), owner=owner.strip(), expires=expires)

    def change(arch: Architecture) -> Waiver:
        arch.waivers = [*arch.waivers, waiver]
        return waiver

    return edit_model(path, change)[1]


def add_component(path: str | os.PathLike[str], component_id: str, kind: str, **fields: Any) -> Architecture:
    return edit_model(path, lambda arch: arch.add_component(component_id, kind, **_clean(fields)))[0]


def update_component(path: str | os.PathLike[str], component_id: str, **fields: Any) -> Architecture:
    """Change fields of a component; a value of ``None`` removes that field from the file."""

    def change(arch: Architecture) -> None:
        current = arch.component(component_id).model_dump(exclude_unset=True, by_alias=True)
        cleared = [k for k, v in fields.items() if v is None or v == ""]
        if cleared:
            index = arch.ids().index(component_id)
            kept = {k: v for k, v in current.items() if k not in cleared}
            arch.components[index] = type(arch.components[index]).model_validate(kept)
        arch.update_component(component_id, **_clean(fields))

    return edit_model(path, change)[0]


def remove_component(path: str | os.PathLike[str], component_id: str) -> Architecture:
    def change(arch: Architecture) -> None:
        if not arch.has(component_id):
            raise ModelError([Problem(str(path), None, "components", f"unknown component '{component_id}'")])
        arch.remove(component_id)
        for waiver in arch.waivers:
            if component_id in waiver.components:
                waiver.components = [c for c in waiver.components if c != component_id]
        for view in arch.views:
            if component_id in view.components:
                view.components = [c for c in view.components if c != component_id]

    return edit_model(path, change)[0]


def connect(path: str | os.PathLike[str], source: str, target: str, **fields: Any) -> Architecture:
    return edit_model(path, lambda arch: arch.connect(source, target, **_clean(fields)))[0]


def update_link(path: str | os.PathLike[str], source: str, target: str, **fields: Any) -> Architecture:
    """Change fields of the link ``source -> target`` (``tls``, ``timeout_ms``, ``retries``, ...);
    a value of ``None`` or "" removes that field from the file."""
    from archkit.model.schema import Link

    def change(arch: Architecture) -> None:
        at = [i for i, lk in enumerate(arch.links) if lk.source == source and lk.target == target]
        if not at:
            raise ModelError([Problem(str(path), None, "links", f"there is no link {source}->{target}")])
        if len(at) > 1:
            raise ModelError(
                [Problem(str(path), None, "links", f"{source}->{target} has {len(at)} links (one per protocol)")]
            )
        current = arch.links[at[0]].model_dump(exclude_unset=True, by_alias=True)
        for key, value in fields.items():
            if value is None or value == "":
                current.pop(key, None)
            else:
                current[key] = value
        arch.links[at[0]] = Link.model_validate(current)

    return edit_model(path, change)[0]


def disconnect(path: str | os.PathLike[str], source: str, target: str) -> Architecture:
    def change(arch: Architecture) -> int:
        removed = arch.disconnect(source, target)
        if not removed:
            raise ModelError([Problem(str(path), None, "links", f"there is no link {source}->{target}")])
        return removed

    return edit_model(path, change)[0]


def _clean(fields: dict[str, Any]) -> dict[str, Any]:
    return {k: v for k, v in fields.items() if v is not None and v != ""}


def add_entity(path: str | os.PathLike[str], entity: dict[str, Any]) -> Architecture:
    """Append an entity (``{id, store, fields: [...], ...}`` as in the model file)."""
    from archkit.model.entity import Entity

    def change(arch: Architecture) -> None:
        if any(e.id == entity.get("id") for e in arch.entities):
            raise ModelError([Problem(str(path), None, "entities", f"entity '{entity.get('id')}' already exists")])
        arch.entities = [*arch.entities, Entity.model_validate(entity)]

    return edit_model(path, change)[0]


def _entity_index(arch: Architecture, path: str | os.PathLike[str], entity_id: str) -> int:
    ids = [e.id for e in arch.entities]
    if entity_id not in ids:
        raise ModelError([Problem(str(path), None, "entities", unknown("entity", entity_id, ids))])
    return ids.index(entity_id)


def add_access(path: str | os.PathLike[str], entity_id: str, pattern: dict[str, Any]) -> Architecture:
    """Append an access pattern (``{id, kind, where, order_by, limit, by | rps}``) to an entity."""
    from archkit.model.entity import Access

    def change(arch: Architecture) -> None:
        e = arch.entities[_entity_index(arch, path, entity_id)]
        e.access = [*e.access, Access.model_validate(_clean(pattern))]

    return edit_model(path, change)[0]


def add_index(path: str | os.PathLike[str], entity_id: str, fields: list[str], *, unique: bool = False) -> Architecture:
    """Declare an index (ordered fields, each optionally ``desc``) on an entity."""
    from archkit.model.entity import Index

    def change(arch: Architecture) -> None:
        e = arch.entities[_entity_index(arch, path, entity_id)]
        e.indexes = [*e.indexes, Index(fields=fields, unique=unique)]

    return edit_model(path, change)[0]


def set_operation(path: str | os.PathLike[str], component_id: str, operation: dict[str, Any]) -> Architecture:
    """Add an operation to a component, or replace the one with the same id (``{id, method, path,
    summary, returns, entity, auth, scopes, idempotent, share, steps: [{to, op}]}`` as in the file)."""
    from archkit.model.operation import Operation

    def change(arch: Architecture) -> None:
        ids = [c.id for c in arch.components]
        if component_id not in ids:
            raise ModelError([Problem(str(path), None, "components", unknown("component", component_id, ids))])
        component = arch.component(component_id)
        new = Operation.model_validate(_clean(operation))
        ops = list(component.operations)
        at = next((i for i, o in enumerate(ops) if o.id == new.id), None)
        if at is None:
            ops.append(new)
        else:
            ops[at] = new
        component.operations = ops

    return edit_model(path, change)[0]


def set_api(path: str | os.PathLike[str], component_id: str, api: dict[str, Any] | None) -> Architecture:
    """Declare how a component exposes its API (``{style, version, versioning, errors, pagination}``),
    or stop exposing one (``None``)."""
    from archkit.model.operation import Api

    def change(arch: Architecture) -> None:
        ids = [c.id for c in arch.components]
        if component_id not in ids:
            raise ModelError([Problem(str(path), None, "components", unknown("component", component_id, ids))])
        arch.component(component_id).api = None if api is None else Api.model_validate(_clean(api))

    return edit_model(path, change)[0]
