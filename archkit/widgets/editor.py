"""The component and link editor: add, change, remove; the table and the diagram refresh on change."""

from __future__ import annotations

import os
from collections.abc import Callable
from pathlib import Path
from typing import Any

import ipywidgets as widgets
from pydantic import ValidationError

from archkit.model import KINDS, Architecture, ModelError, load
from archkit.model.kinds import KNOWN_PROTOCOLS
from archkit.notebook_steps import components_table, links_table
from archkit.widgets.common import Interactive, button, diagram_html, message, problems_text, row, tables_html
from archkit.workbook import edits

NEW = "(new component)"


class ArchitectureEditor(Interactive, widgets.VBox):
    """Edit components and links of a model file; every change is validated, then saved with comments kept."""

    def __init__(self, model_path: str | os.PathLike[str], *, show_diagram: bool = True) -> None:
        self.model_path = Path(model_path)
        self.show_diagram = show_diagram
        self.arch: Architecture = load(self.model_path)

        # component fields
        self.component_select = widgets.Dropdown(description="component")
        self.component_select.add_class("archkit-component-select")
        self.cid = widgets.Text(placeholder="e.g. orders-api")
        self.kind = widgets.Dropdown(options=list(KINDS), value="service")
        self.name = widgets.Text(placeholder="display name (optional)")
        self.tech = widgets.Text(placeholder="e.g. postgresql, go, nginx")
        self.boundary = widgets.Dropdown()
        self.replicas = widgets.BoundedIntText(value=1, min=1, max=10_000)
        self.owner = widgets.Text(placeholder="team that owns it")
        rows = [
            row("id", self.cid)[0],
            row("kind", self.kind)[0],
            row("name", self.name)[0],
            row("tech", self.tech)[0],
            row("boundary", self.boundary)[0],
            row("replicas", self.replicas, "instances")[0],
            row("owner", self.owner)[0],
        ]
        self.add_button = button("Add", "component-add", "success")
        self.update_button = button("Update", "component-update", "info")
        self.remove_button = button("Remove", "component-remove", "danger")
        self.add_button.on_click(lambda _b: self._do(self._add))
        self.update_button.on_click(lambda _b: self._do(self._update))
        self.remove_button.on_click(lambda _b: self._do(self._remove))
        self.component_select.observe(lambda _c: self._fill(), names="value")

        # link fields
        self.source = widgets.Dropdown(description="from")
        self.target = widgets.Dropdown(description="to")
        self.protocol = widgets.Combobox(options=list(KNOWN_PROTOCOLS), ensure_option=False, placeholder="protocol")
        self.calls = widgets.BoundedFloatText(value=1.0, min=0.01, max=1000, description="calls")
        self.sync = widgets.Checkbox(value=True, description="sync (caller waits)")
        # What the review asks of a link (SEC005, REL010, REL015...): fixable here, not only in the file.
        self.tls = widgets.Dropdown(
            options=[("TLS not declared", ""), ("TLS on", "on"), ("TLS off", "off")], value="", description="tls"
        )
        self.timeout = widgets.Text(placeholder="not declared", description="timeout ms")
        self.retries = widgets.Text(placeholder="not declared", description="retries")
        self.update_link_button = button("Update link", "link-update", "info")
        self.update_link_button.on_click(lambda _b: self._do(self._update_link))
        self.connect_button = button("Connect", "link-connect", "success")
        self.disconnect_button = button("Disconnect", "link-disconnect", "danger")
        self.connect_button.on_click(lambda _b: self._do(self._connect))
        for end in (self.source, self.target):
            end.observe(lambda _c: self._fill_link(), names="value")
        self.disconnect_button.on_click(lambda _b: self._do(self._disconnect))

        self.status = widgets.HTML("")
        self.table = widgets.HTML()
        self.diagram = widgets.HTML()
        super().__init__(
            [
                widgets.HTML("<b>Components</b>"),
                self.component_select,
                *rows,
                widgets.HBox([self.add_button, self.update_button, self.remove_button]),
                widgets.HTML("<b>Links</b>"),
                widgets.HBox([self.source, self.target]),
                widgets.HBox([self.protocol, self.calls, self.sync]),
                widgets.HBox([self.tls, self.timeout, self.retries]),
                widgets.HBox([self.connect_button, self.update_link_button, self.disconnect_button]),
                self.status,
                widgets.Tab([self.table, self.diagram], titles=("tables", "diagram")),
            ]
        )
        self.refresh()

    # ------------------------------------------------------------------ actions
    def _fields(self) -> dict[str, Any]:
        return {
            "name": self.name.value.strip() or None,
            "tech": self.tech.value.strip() or None,
            "boundary": self.boundary.value or None,
            "replicas": self.replicas.value,
            "owner": self.owner.value.strip() or None,
        }

    def _add(self) -> str:
        edits.add_component(self.model_path, self.cid.value.strip(), self.kind.value, **self._fields())
        return f"added {self.cid.value.strip()}"

    def _update(self) -> str:
        selected = self.component_select.value
        if selected == NEW:
            raise ModelError([])  # nothing selected; message below
        edits.update_component(self.model_path, selected, kind=self.kind.value, **self._fields())
        return f"updated {selected}"

    def _remove(self) -> str:
        selected = self.component_select.value
        edits.remove_component(self.model_path, selected)
        return f"removed {selected} and its links"

    def _link_fields(self) -> dict[str, Any]:
        def number(text: str, field: str, kind: type) -> Any:
            text = text.strip()
            if not text:
                return None
            try:
                return kind(text)
            except ValueError:
                raise ValueError(f"{field}: '{text}' is not a number") from None

        return {
            "protocol": self.protocol.value.strip() or None,
            "calls": self.calls.value,
            "sync": self.sync.value,
            "tls": {"on": True, "off": False}.get(self.tls.value),
            "timeout_ms": number(self.timeout.value, "timeout ms", float),
            "retries": number(self.retries.value, "retries", int),
        }

    def _connect(self) -> str:
        fields = {k: v for k, v in self._link_fields().items() if v is not None}
        edits.connect(self.model_path, self.source.value, self.target.value, **fields)
        return f"connected {self.source.value} -> {self.target.value}"

    def _selected_link(self) -> Any:
        """The link between the chosen ends, as the file has it (None: not linked)."""
        return next(
            (lk for lk in self.arch.links if lk.source == self.source.value and lk.target == self.target.value), None
        )

    def _update_link(self) -> str:
        fields = self._link_fields()
        link = self._selected_link()
        for key in ("calls", "sync"):  # unchanged figures stay as the file has them (or leaves them out)
            if link is not None and fields[key] == getattr(link, key):
                del fields[key]
        edits.update_link(self.model_path, self.source.value, self.target.value, **fields)
        return f"updated link {self.source.value} -> {self.target.value}"

    def _fill_link(self) -> None:
        """Show the selected pair's link, when there is one, so Update changes what is there."""
        link = self._selected_link()
        if link is None:
            return
        self.protocol.value = link.protocol or ""
        self.calls.value, self.sync.value = link.calls, link.sync
        self.tls.value = "" if link.tls is None else "on" if link.tls else "off"
        self.timeout.value = "" if link.timeout_ms is None else f"{link.timeout_ms:g}"
        self.retries.value = str(link.retries) if "retries" in link.model_fields_set else ""

    def _disconnect(self) -> str:
        edits.disconnect(self.model_path, self.source.value, self.target.value)
        return f"removed link {self.source.value} -> {self.target.value}"

    def _do(self, action: Callable[[], str]) -> bool:
        try:
            done = action()
        except (ModelError, ValidationError, KeyError, ValueError) as exc:
            text = problems_text(exc) if not isinstance(exc, KeyError) else str(exc.args[0])
            self.status.value = message(f"not saved: {text or 'select a component first'}")
            return False
        self.status.value = message(f"{done}; saved {self.model_path.name}", error=False)
        self.refresh()
        return True

    # ------------------------------------------------------------------ views
    def _fill(self) -> None:
        selected = self.component_select.value
        if not selected or selected == NEW:
            self.cid.disabled = False
            return
        c = self.arch.component(selected)
        self.cid.value, self.cid.disabled = c.id, True
        self.kind.value = c.kind
        self.name.value = c.name or ""
        self.tech.value = c.tech or ""
        self.boundary.value = c.boundary or ""
        self.replicas.value = c.replicas
        self.owner.value = c.owner or ""

    def refresh(self) -> None:
        """Reload the file; refresh the dropdowns, the tables and the diagram."""
        self.arch = load(self.model_path)
        ids = self.arch.ids()
        keep = self.component_select.value
        self.component_select.options = [NEW, *ids]
        self.component_select.value = keep if keep in ids else NEW
        # "" stands for no boundary: an ipywidgets Dropdown shows a value of None as no selection at all
        self.boundary.options = [("(none)", ""), *[(b.id, b.id) for b in self.arch.boundaries]]
        for position, dropdown in enumerate((self.source, self.target)):
            current = dropdown.value
            dropdown.options = ids
            if current in ids:
                dropdown.value = current
            elif len(ids) > position:
                dropdown.value = ids[position]
        self._fill()
        self._fill_link()
        self.table.value = tables_html(components_table(self.arch), links_table(self.arch))
        if self.show_diagram:
            self.diagram.value = diagram_html(self.arch)
