"""The data design form: add an entity, an access pattern or an index; the plan refreshes on save.

Fields, conditions and orders are typed the way the model file writes them, one line each:
``id:uuid:key, author_id:uuid:ref=user.id, created_at:timestamp`` for fields,
``author_id=eq, created_at=range`` for ``where``, ``created_at desc, id desc`` for ``order_by``.
"""

from __future__ import annotations

import os
from collections.abc import Callable
from pathlib import Path
from typing import Any

import ipywidgets as widgets
from pydantic import ValidationError

from archkit.model import Architecture, ModelError, load
from archkit.model.errors import Problem
from archkit.model.kinds import STORE_KINDS
from archkit.notebook_steps import index_plan_table
from archkit.widgets.common import Interactive, button, comma_items, message, problems_text, row, tables_html
from archkit.workbook import edits

NO_OPERATION = "(none: give rps)"


def parse_fields(text: str) -> list[dict[str, Any]]:
    """``name:type[:key][:unique][:ref=entity.field]`` items -> field dicts."""
    fields = []
    for item in comma_items(text):
        name, _, rest = item.partition(":")
        kind, *flags = rest.split(":") if rest else ("",)
        field: dict[str, Any] = {"name": name.strip(), "type": kind.strip()}
        for flag in (f.strip() for f in flags):
            if flag in ("key", "unique", "nullable", "personal"):
                field[flag] = True
            elif flag.startswith("ref="):
                field["references"] = flag[4:]
            else:
                raise ModelError(
                    [
                        Problem(
                            None,
                            None,
                            "fields",
                            f"'{flag}' in '{item}': use key, unique, nullable, personal or ref=entity.field",
                        )
                    ]
                )
        fields.append(field)
    return fields


def parse_where(text: str) -> dict[str, str]:
    """``field=eq, other=range`` -> ``{field: eq, other: range}``."""
    where = {}
    for item in comma_items(text):
        name, sep, predicate = item.partition("=")
        if not sep:
            raise ModelError([Problem(None, None, "where", f"'{item}': write field=eq (or in, range, prefix)")])
        where[name.strip()] = predicate.strip()
    return where


def _offer(dropdown: widgets.Dropdown, options: list[str]) -> None:
    """New options, keeping the selection when it is still offered, else the first (never blank)."""
    keep = dropdown.value
    dropdown.options = options
    dropdown.value = keep if keep in options else (options[0] if options else None)


class DataDesignForm(Interactive, widgets.VBox):
    """Add entities, access patterns and indexes to a model file; each is validated, then saved."""

    def __init__(self, model_path: str | os.PathLike[str]) -> None:
        self.model_path = Path(model_path)
        self.arch: Architecture = load(self.model_path)

        self.entity_id = widgets.Text(placeholder="e.g. order")
        self.store = widgets.Dropdown()
        self.rows = widgets.BoundedIntText(value=0, min=0, max=10**12)
        self.growth = widgets.BoundedIntText(value=0, min=0, max=10**12)
        self.fields = widgets.Text(placeholder="id:uuid:key, customer_id:uuid, created_at:timestamp")
        self.add_entity_button = button("Add entity", "entity-add", "success")
        self.add_entity_button.on_click(lambda _b: self._do(self._add_entity))

        self.entity = widgets.Dropdown()
        self.entity.add_class("archkit-entity-select")
        self.pattern_id = widgets.Text(placeholder="e.g. by-customer")
        self.kind = widgets.Dropdown(options=["read", "insert", "update", "delete"], value="read")
        self.by = widgets.Dropdown()
        self.rps = widgets.BoundedFloatText(value=0, min=0, max=10**7)
        self.where = widgets.Text(placeholder="customer_id=eq")
        self.order_by = widgets.Text(placeholder="created_at desc, id desc")
        self.limit = widgets.BoundedIntText(value=0, min=0, max=10**6)
        self.add_pattern_button = button("Add access pattern", "access-add", "success")
        self.add_pattern_button.on_click(lambda _b: self._do(self._add_pattern))
        self.index_fields = widgets.Text(placeholder="customer_id, created_at desc, id desc")
        self.add_index_button = button("Add index", "index-add", "info")
        self.add_index_button.on_click(lambda _b: self._do(self._add_index))

        self.status = widgets.HTML("")
        self.status.add_class("archkit-status")
        self.plan = widgets.HTML()
        self.plan.add_class("archkit-index-plan")
        super().__init__(
            [
                widgets.HTML("<b>New entity</b>"),
                row("id", self.entity_id)[0],
                row("store", self.store)[0],
                row("rows", self.rows, "today")[0],
                row("rows_per_month", self.growth, "growth")[0],
                row("fields", self.fields, "", "name:type[:key][:unique][:ref=entity.field], ...")[0],
                self.add_entity_button,
                widgets.HTML("<b>Access pattern or index of an entity</b>"),
                row("entity", self.entity)[0],
                row("pattern", self.pattern_id)[0],
                row("kind", self.kind)[0],
                row("by", self.by, "", "the operation that runs it (its rps follows)")[0],
                row("rps", self.rps, "per second", "when no operation runs it")[0],
                row("where", self.where, "", "field=eq|in|range|prefix, ...")[0],
                row("order_by", self.order_by, "", "field [desc], ...")[0],
                row("limit", self.limit, "rows", "0: no limit")[0],
                self.add_pattern_button,
                row("index", self.index_fields, "", "fields in order, e.g. customer_id, created_at desc")[0],
                self.add_index_button,
                self.status,
                self.plan,
            ]
        )
        self.refresh()

    # ------------------------------------------------------------------ actions
    def _add_entity(self) -> str:
        entity = {
            "id": self.entity_id.value.strip(),
            "store": self.store.value,
            "rows": self.rows.value,
            "rows_per_month": self.growth.value,
            "fields": parse_fields(self.fields.value),
        }
        edits.add_entity(self.model_path, entity)
        return f"added entity {entity['id']}"

    def _add_pattern(self) -> str:
        pattern = {
            "id": self.pattern_id.value.strip(),
            "kind": self.kind.value,
            "by": None if self.by.value == NO_OPERATION else self.by.value,
            "rps": self.rps.value or None,
            "where": parse_where(self.where.value) or None,
            "order_by": comma_items(self.order_by.value) or None,
            "limit": self.limit.value or None,
        }
        edits.add_access(self.model_path, self.entity.value, pattern)
        return f"added {self.entity.value}.{pattern['id']}"

    def _add_index(self) -> str:
        fields = comma_items(self.index_fields.value)
        edits.add_index(self.model_path, self.entity.value, fields)
        return f"added index ({', '.join(fields)}) to {self.entity.value}"

    def _do(self, action: Callable[[], str]) -> bool:
        try:
            done = action()
        except (ModelError, ValidationError) as exc:
            self.status.value = message(f"not saved: {problems_text(exc)}")
            return False
        self.refresh()  # first: the status says "saved" only once the tables show the change
        self.status.value = message(f"{done}; saved {self.model_path.name}", error=False)
        return True

    # ------------------------------------------------------------------ views
    def refresh(self) -> None:
        """Reload the file; refresh the dropdowns and the index plan."""
        self.arch = load(self.model_path)
        _offer(self.store, [c.id for c in self.arch.components if c.kind in STORE_KINDS])
        entities = [e.id for e in self.arch.entities]
        _offer(self.entity, entities)
        _offer(self.by, [NO_OPERATION, *(f"{c.id}.{o.id}" for c in self.arch.components for o in c.operations)])
        self.plan.value = tables_html(index_plan_table(self.arch)) if entities else ""
