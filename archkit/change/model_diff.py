"""Model changes, field by field: components, links, operations, entities, requirements and the
rest, matched by identity (an id, a link's ends and protocol) rather than position."""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from archkit.model import Architecture

# Fields that describe without deciding anything: a change to them alone is not architectural.
COSMETIC = frozenset({"description", "name", "summary", "title", "notes", "context", "decision", "consequences"})


@dataclass(frozen=True)
class FieldChange:
    section: str  # "components", "links", "operations", "entities", "requirements", ...
    item: str  # the id ("feed-cache", "gateway.read-feed", "api->db (sql)"); "" for requirements
    change: str  # "added" | "removed" | "changed"
    field: str = ""  # for "changed": the field
    before: Any = None
    after: Any = None

    @property
    def cosmetic(self) -> bool:
        return self.change == "changed" and self.field.split(".")[0] in COSMETIC

    def to_dict(self) -> dict[str, Any]:
        out = {"section": self.section, "item": self.item, "change": self.change}
        if self.change == "changed":
            out |= {"field": self.field, "before": self.before, "after": self.after}
        return out

    def __str__(self) -> str:
        where = f"{self.section[:-1] if self.section.endswith('s') else self.section} {self.item}".strip()
        if self.change != "changed":
            return f"{where} {self.change}"
        return f"{where}: {self.field} {show_value(self.before)} → {show_value(self.after)}"


def show_value(value: Any) -> str:
    """A model value as the file writes it: true/false, lists in brackets, (not set) for absent."""
    if value is None:
        return "(not set)"
    if isinstance(value, bool):
        return "true" if value else "false"
    if isinstance(value, list):
        return "[" + ", ".join(map(str, value)) + "]"
    return str(value)


def _items(arch: Architecture) -> dict[str, dict[str, dict[str, Any]]]:
    """Every identifiable thing in the model, as declared (defaults left out), by section and id."""
    out: dict[str, dict[str, dict[str, Any]]] = {}
    out["components"] = {
        c.id: c.model_dump(exclude_unset=True, exclude={"operations"}, by_alias=True) for c in arch.components
    }
    out["operations"] = {
        f"{c.id}.{o.id}": o.model_dump(exclude_unset=True, by_alias=True) for c in arch.components for o in c.operations
    }
    out["links"] = {
        f"{lk.source}->{lk.target}" + (f" ({lk.protocol})" if lk.protocol else ""): lk.model_dump(
            exclude_unset=True, by_alias=True
        )
        for lk in arch.links
    }
    for section in ("entities", "boundaries", "data_assets", "waivers", "decisions"):
        values = getattr(arch, section, [])
        out[section] = {
            str(getattr(v, "id", None) or getattr(v, "rule", None) or i): v.model_dump(
                exclude_unset=True, by_alias=True
            )
            for i, v in enumerate(values)
        }
    return out


def _flatten(data: Any, prefix: str = "") -> dict[str, Any]:
    if isinstance(data, dict):
        flat: dict[str, Any] = {}
        for key, value in data.items():
            flat |= _flatten(value, f"{prefix}.{key}" if prefix else str(key))
        return flat
    return {prefix: data}


@dataclass(frozen=True)
class Declared:
    """What a model declares, as plain data: its requirements (flattened) and every identifiable
    item by section and id. Plain data crosses a process boundary cheaply (``archkit diff``)."""

    requirements: dict[str, Any]
    items: dict[str, dict[str, dict[str, Any]]]


def declared(arch: Architecture) -> Declared:
    return Declared(_flatten(arch.requirements.model_dump(exclude_unset=True)), _items(arch))


def model_changes(base: Architecture | Declared, head: Architecture | Declared) -> list[FieldChange]:
    """Everything that differs, in a stable order: section, item, field."""
    a = base if isinstance(base, Declared) else declared(base)
    b = head if isinstance(head, Declared) else declared(head)
    changes: list[FieldChange] = []
    a_req, b_req = a.requirements, b.requirements
    for key in [*a_req, *(k for k in b_req if k not in a_req)]:
        if a_req.get(key) != b_req.get(key):
            changes.append(FieldChange("requirements", "", "changed", key, a_req.get(key), b_req.get(key)))
    before, after = a.items, b.items
    for section in before:
        left, right = before[section], after[section]
        for item in left:
            if item not in right:
                changes.append(FieldChange(section, item, "removed"))
        for item, fields in right.items():
            if item not in left:
                changes.append(FieldChange(section, item, "added"))
                continue
            if left[item] == fields:  # most items of a large model are untouched: skip the flattening
                continue
            x, y = _flatten(left[item]), _flatten(fields)
            for key in [*x, *(k for k in y if k not in x)]:
                if x.get(key) != y.get(key):
                    changes.append(FieldChange(section, item, "changed", key, x.get(key), y.get(key)))
    return changes
