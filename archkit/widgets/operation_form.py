"""The operation form: add or edit an operation of a component (and say how the component exposes
its API); the API table refreshes on save.

Steps are typed the way the model file writes them, one line: ``identity, feed-service.get-feed``
(a component, optionally with the operation called there). Every save goes through
``archkit.workbook.edits``: validated against the whole model, then written with comments kept.
"""

from __future__ import annotations

import os
from collections.abc import Callable
from pathlib import Path
from typing import Any

import ipywidgets as widgets
from pydantic import ValidationError

from archkit.model import Architecture, ModelError, load
from archkit.model.operation import METHODS
from archkit.notebook_steps.api import api_operations_table
from archkit.widgets.common import Interactive, button, comma_items, message, problems_text, row, tables_html
from archkit.workbook import edits

NEW = "(new operation)"
NO_ENTITY = "(none)"
INHERIT = "(the component's)"
AUTH = [INHERIT, "none", "jwt", "oauth2", "api_key", "mtls"]


def parse_steps(text: str) -> list[dict[str, Any]]:
    """``identity, feed-service.get-feed`` -> ``[{to: identity}, {to: feed-service, op: get-feed}]``."""
    steps = []
    for item in comma_items(text):
        target, _, op = item.partition(".")
        steps.append({"to": target.strip(), **({"op": op.strip()} if op.strip() else {})})
    return steps


class OperationForm(Interactive, widgets.VBox):
    """Add or edit operations of a model file's components; each save is validated, then written."""

    def __init__(self, model_path: str | os.PathLike[str]) -> None:
        self.model_path = Path(model_path)
        self.arch: Architecture = load(self.model_path)

        self.component = widgets.Dropdown()
        self.component.add_class("archkit-operation-component")
        self.component.observe(lambda _c: self._component_changed(), names="value")
        self.style = widgets.Dropdown(options=["rest", "graphql", "grpc"], value="rest")
        self.pagination = widgets.Dropdown(options=["cursor", "offset", "none"], value="cursor")
        self.api_button = button("Expose as API", "api-set", "info")
        self.api_button.on_click(lambda _b: self._do(self._set_api))

        self.existing = widgets.Dropdown()
        self.existing.observe(lambda _c: self._load_operation(), names="value")
        self.op_id = widgets.Text(placeholder="e.g. list-my-posts")
        self.method = widgets.Dropdown(options=list(METHODS["rest"]), value="GET")
        self.path = widgets.Text(placeholder="/posts/{post_id}")
        self.summary = widgets.Text(placeholder="What it does, in a sentence")
        self.returns = widgets.Dropdown(options=["one", "list", "none"], value="one")
        self.entity = widgets.Dropdown()
        self.auth = widgets.Dropdown(options=AUTH, value=INHERIT)
        self.scopes = widgets.Text(placeholder="posts:read")
        self.idempotent = widgets.Checkbox(value=False, indent=False)
        self.share = widgets.BoundedFloatText(value=0, min=0, max=1, step=0.05)
        self.steps = widgets.Text(placeholder="identity, feed-service.get-feed")
        self.save_button = button("Save operation", "operation-save", "success")
        self.save_button.on_click(lambda _b: self._do(self._save))

        self.status = widgets.HTML("")
        self.status.add_class("archkit-status")
        self.table = widgets.HTML()
        self.table.add_class("archkit-api-operations")
        super().__init__(
            [
                row("component", self.component)[0],
                widgets.HTML("<b>How it exposes its API</b>"),
                row("style", self.style)[0],
                row("pagination", self.pagination, "", "for operations that return lists")[0],
                self.api_button,
                widgets.HTML("<b>Operation</b>"),
                row("edit", self.existing, "", "pick one to change it, or add a new one")[0],
                row("id", self.op_id)[0],
                row("method", self.method)[0],
                row("path", self.path, "", "REST only")[0],
                row("summary", self.summary)[0],
                row("returns", self.returns)[0],
                row("entity", self.entity, "", "its schema comes from the entity's fields")[0],
                row("auth", self.auth)[0],
                row("scopes", self.scopes, "", "comma-separated")[0],
                row("idempotent", self.idempotent, "", "a retried request is safe (Idempotency-Key)")[0],
                row("share", self.share, "of requests", "0: reached only by name; shares sum to 1")[0],
                row("steps", self.steps, "", "component[.operation], ... in call order")[0],
                self.save_button,
                self.status,
                self.table,
            ]
        )
        self.refresh()

    # ------------------------------------------------------------------ actions
    def _set_api(self) -> str:
        current = self.arch.component(self.component.value).api
        api = current.model_dump(exclude_none=True) if current is not None else {"versioning": "path"}
        api.update(style=self.style.value, pagination=self.pagination.value)
        api.setdefault("errors", "problem_json")
        edits.set_api(self.model_path, self.component.value, api)
        return f"{self.component.value} exposes a {self.style.value} API"

    def _save(self) -> str:
        operation = {
            "id": self.op_id.value.strip(),
            "method": self.method.value,
            "path": self.path.value.strip() or None,
            "summary": self.summary.value.strip() or None,
            "returns": self.returns.value,
            "entity": None if self.entity.value == NO_ENTITY else self.entity.value,
            "auth": None if self.auth.value == INHERIT else self.auth.value,
            "scopes": comma_items(self.scopes.value) or None,
            "idempotent": True if self.idempotent.value else None,
            "share": self.share.value or None,
            "steps": parse_steps(self.steps.value) or None,
        }
        edits.set_operation(self.model_path, self.component.value, operation)
        return f"saved {self.component.value}.{operation['id']}"

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
    def _component_changed(self) -> None:
        if not self.component.value:
            return
        c = self.arch.component(self.component.value)
        style = c.api.style if c.api else "rest"
        self.style.value = style
        if c.api and c.api.pagination:
            self.pagination.value = c.api.pagination
        self.method.options = list(METHODS[style])
        self.existing.options = [NEW, *(o.id for o in c.operations)]
        self.existing.value = NEW

    def _load_operation(self) -> None:
        if not self.component.value or self.existing.value in (None, NEW):
            return
        op = next(o for o in self.arch.component(self.component.value).operations if o.id == self.existing.value)
        self.op_id.value = op.id
        if op.method in self.method.options:
            self.method.value = op.method
        self.path.value = op.path or ""
        self.summary.value = op.summary or ""
        self.returns.value = op.returns or "one"
        self.entity.value = op.entity if op.entity in self.entity.options else NO_ENTITY
        self.auth.value = op.auth or INHERIT
        self.scopes.value = ", ".join(op.scopes)
        self.idempotent.value = bool(op.idempotent)
        self.share.value = op.share
        self.steps.value = ", ".join(s.target + (f".{s.op}" if s.op else "") for s in op.steps)

    def refresh(self) -> None:
        """Reload the file; refresh the dropdowns and the API operations table."""
        self.arch = load(self.model_path)
        keep = self.component.value
        options = [c.id for c in self.arch.components if c.kind != "client"]
        self.component.options = options
        self.component.value = (
            keep
            if keep in options
            else next((c.id for c in self.arch.components if c.api is not None), options[0] if options else None)
        )
        keep_entity = self.entity.value
        self.entity.options = [NO_ENTITY, *(e.id for e in self.arch.entities)]
        self.entity.value = keep_entity if keep_entity in self.entity.options else NO_ENTITY
        self._component_changed()
        self.table.value = tables_html(api_operations_table(self.arch))
