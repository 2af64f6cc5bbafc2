"""The requirements form: every requirements field with a fitting control; Save validates, then writes."""

from __future__ import annotations

import datetime as dt
import os
from collections.abc import Callable
from pathlib import Path
from typing import Any

import ipywidgets as widgets
from pydantic import ValidationError

from archkit.analysis.traffic import traffic_mismatch
from archkit.model import ModelError, load
from archkit.model.schema import Requirements
from archkit.notebook_steps import REQUIREMENT_UNITS
from archkit.widgets.common import Interactive, button, css_class, message, problems_text, row
from archkit.workbook.edits import scale_clients, set_requirements

# field -> bounds hint; numbers are typed as text so "not declared" (empty) is a value, and an
# out-of-range number is reported instead of being clamped silently as bounded sliders do.
NUMBER_BOUNDS = {
    "peak_rps": "> 0",
    "latency_p99_ms": "> 0",
    "availability": "0 < x ≤ 100",
    "data_volume_gb": "≥ 0",
    "data_growth_gb_per_month": "≥ 0",
    "budget_usd_per_month": "≥ 0",
}
AVAILABILITY_CHOICES = ["99", "99.5", "99.9", "99.95", "99.99", "99.999"]
KNOWN_COMPLIANCE = "gdpr, pci, hipaa are understood by rules"


def _text(value: Any) -> str:
    if value is None:
        return ""
    return f"{value:g}" if isinstance(value, float) else str(value)


class FunctionalEditor(widgets.VBox):
    """A list editor for functional requirements: id, text, served_by (component ids)."""

    def __init__(self, items: list[Any], component_ids: list[str]) -> None:
        self.component_ids = component_ids
        self.rows: list[tuple[widgets.Text, widgets.Text, widgets.TagsInput, widgets.HBox]] = []
        self.add_button = button("Add requirement", "functional-add")
        self.add_button.on_click(lambda _b: self.add())
        super().__init__()
        for fr in items:
            self.add(fr.id, fr.text, list(fr.served_by))
        self._redraw()

    def add(self, fid: str = "", text: str = "", served_by: list[str] | None = None) -> None:
        if not fid:
            fid = f"FR{len(self.rows) + 1}"
        id_box = widgets.Text(value=fid, placeholder="FR1", layout=widgets.Layout(width="80px"))
        text_box = widgets.Text(value=text, placeholder="what the system must do", layout=widgets.Layout(width="360px"))
        served = widgets.TagsInput(value=served_by or [], allowed_tags=self.component_ids, allow_duplicates=False)
        remove = widgets.Button(description="remove", layout=widgets.Layout(width="80px"))
        line = widgets.HBox([id_box, text_box, served, remove])
        entry = (id_box, text_box, served, line)
        remove.on_click(lambda _b: self.remove(entry))
        self.rows.append(entry)
        self._redraw()

    def remove(self, entry: tuple[Any, ...]) -> None:
        self.rows = [r for r in self.rows if r is not entry]
        self._redraw()

    def _redraw(self) -> None:
        self.children = [r[3] for r in self.rows] + [self.add_button]

    @property
    def value(self) -> list[dict[str, Any]]:
        return [
            {"id": i.value.strip(), "text": t.value.strip(), **({"served_by": list(s.value)} if s.value else {})}
            for i, t, s, _ in self.rows
        ]


class RequirementsForm(Interactive, widgets.VBox):
    """Edit the ``requirements`` section of a model file; ``Save`` writes it atomically, comments kept."""

    def __init__(self, model_path: str | os.PathLike[str], *, on_save: Callable[[Any], None] | None = None) -> None:
        self.model_path = Path(model_path)
        self.on_save = on_save
        arch = load(self.model_path)
        r = arch.requirements
        self.controls: dict[str, Any] = {}
        self.messages: dict[str, widgets.HTML] = {}
        rows: list[widgets.Widget] = [
            widgets.HTML(f"<b>Requirements of {arch.name}</b> <code>{self.model_path}</code>")
        ]

        def add(field: str, control: Any, hint: str = "") -> None:
            unit = REQUIREMENT_UNITS.get(field, "")
            line, note = row(field, control, unit, hint)
            control.tooltip = Requirements.model_fields[field].description or ""
            self.controls[field], self.messages[field] = control, note
            rows.append(line)

        for field in ("peak_rps", "latency_p99_ms"):
            add(field, widgets.Text(value=_text(getattr(r, field)), placeholder="not declared"), NUMBER_BOUNDS[field])
        # Two numbers for one peak (MODEL007): said next to peak_rps, with the one-click fix.
        self.traffic = widgets.HTML("")
        self.traffic.add_class(css_class("traffic-message"))
        self.scale_button = button("Scale the clients to peak_rps", "scale-clients", "warning")
        self.scale_button.on_click(lambda _b: self.scale_clients())
        self.traffic_box = widgets.HBox([self.traffic, self.scale_button])
        rows.insert(2, self.traffic_box)
        self._show_traffic(arch)
        add(
            "availability",
            widgets.Combobox(
                value=_text(r.availability), options=AVAILABILITY_CHOICES, ensure_option=False, placeholder="e.g. 99.95"
            ),
            NUMBER_BOUNDS["availability"],
        )
        for field in ("data_volume_gb", "data_growth_gb_per_month"):
            add(field, widgets.Text(value=_text(getattr(r, field)), placeholder="not declared"), NUMBER_BOUNDS[field])
        add("planning_horizon_months", widgets.IntText(value=r.planning_horizon_months), "≥ 1")
        add(
            "consistency",
            widgets.Dropdown(
                options=[("not declared", ""), ("strong", "strong"), ("eventual", "eventual")],
                value=r.consistency or "",
            ),
        )
        add("compliance", widgets.TagsInput(value=list(r.compliance), allow_duplicates=False), KNOWN_COMPLIANCE)
        add(
            "budget_usd_per_month",
            widgets.Text(value=_text(r.budget_usd_per_month), placeholder="not declared"),
            NUMBER_BOUNDS["budget_usd_per_month"],
        )
        add("zero_downtime_deploys", widgets.Checkbox(value=r.zero_downtime_deploys, indent=False))
        self.functional = FunctionalEditor(list(r.functional), arch.ids())
        functional_note = widgets.HTML("")
        functional_note.add_class(css_class("functional-message"))
        self.controls["functional"], self.messages["functional"] = self.functional, functional_note
        rows += [widgets.HTML("<b>Functional requirements</b> (id, text, served by)"), self.functional, functional_note]

        self.save_button = button("Save", "save", "primary")
        self.save_button.on_click(lambda _b: self.save())
        self.status = widgets.HTML("")
        self.status.add_class(css_class("status"))
        rows.append(widgets.HBox([self.save_button, self.status]))
        super().__init__(rows)

    def _show_traffic(self, arch: Any) -> None:
        mismatch = traffic_mismatch(arch)
        self.traffic.value = message(str(mismatch)) if mismatch is not None else ""
        self.traffic_box.layout.display = "none" if mismatch is None else "flex"

    def scale_clients(self) -> None:
        """Scale the clients' declared rps to the peak_rps in the file (save a new peak first)."""
        try:
            arch = scale_clients(self.model_path)
        except ModelError as exc:
            self.status.value = message(f"not scaled: {problems_text(exc)}")
            return
        self._show_traffic(arch)
        sent = ", ".join(f"{c.id} {c.rps:g}" for c in arch.clients() if c.rps is not None)
        self.status.value = message(f"clients scaled to the peak: {sent}", error=False)
        if self.on_save is not None:
            self.on_save(arch)

    def values(self) -> dict[str, Any]:
        return {field: control.value for field, control in self.controls.items()}

    def save(self) -> bool:
        """Validate and write; on a problem show it next to the field and write nothing. True when saved."""
        for note in self.messages.values():
            note.value = ""
        try:
            arch = set_requirements(self.model_path, self.values())
        except ValidationError as exc:
            for error in exc.errors():
                field = str(error["loc"][0]) if error["loc"] else "functional"
                where = ".".join(str(x) for x in error["loc"][1:])
                note = self.messages.get(field, self.messages["functional"])
                note.value = message(f"{where + ': ' if where else ''}{error['msg']}")
            self.status.value = message("not saved: fix the values marked in red")
            return False
        except ModelError as exc:
            for problem in exc.problems:
                field = problem.path.removeprefix("requirements.").split(".")[0].split("[")[0]
                if field in self.messages:
                    self.messages[field].value = message(problem.message)
            self.status.value = message(f"not saved: {problems_text(exc)}")
            return False
        self.status.value = message(f"saved {self.model_path.name} at {dt.datetime.now():%H:%M:%S}", error=False)
        self._show_traffic(arch)
        if self.on_save is not None:
            self.on_save(arch)
        return True
