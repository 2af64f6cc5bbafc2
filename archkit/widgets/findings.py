"""The findings table: filter by severity, category and component; read the fix; waive a finding."""

from __future__ import annotations

import datetime as dt
import os
from pathlib import Path
from typing import Any

import ipywidgets as widgets

from archkit.model import ModelError, load
from archkit.notebook_steps import SEVERITY_ORDER, findings_table, review_summary
from archkit.widgets.common import Interactive, button, message, problems_text, row, tables_html
from archkit.workbook.edits import add_waiver

ALL = "(all)"
WAIVER_DAYS = 90


class FindingsTable(Interactive, widgets.VBox):
    """Review findings of a model file, most severe first; a finding can be waived from here.

    Pass an LLM ``critique`` (or call :meth:`set_critique`) to list its points in the same table,
    marked ``source: llm``; only rule findings can be waived."""

    def __init__(
        self, model_path: str | os.PathLike[str], *, today: dt.date | None = None, critique: Any = None
    ) -> None:
        self.model_path = Path(model_path)
        self.today = today or dt.date.today()
        self.critique = critique
        self.review: Any = None
        self.severity = widgets.Dropdown(options=[ALL, *SEVERITY_ORDER], value=ALL, description="at least")
        self.category = widgets.Dropdown(options=[ALL], value=ALL, description="category")
        self.component = widgets.Dropdown(options=[ALL], value=ALL, description="component")
        for control in (self.severity, self.category, self.component):
            control.observe(lambda _c: self.redraw(), names="value")
        self.summary = widgets.HTML("")
        self.table = widgets.HTML()

        self.finding = widgets.Dropdown(description="finding", layout=widgets.Layout(width="90%"))
        self.reason = widgets.Text(placeholder="why this is accepted")
        self.owner = widgets.Text(placeholder="who accepts it")
        self.expires = widgets.DatePicker(value=self.today + dt.timedelta(days=WAIVER_DAYS))
        self.waive_button = button("Waive", "waive", "warning")
        self.waive_button.on_click(lambda _b: self.waive())
        self.status = widgets.HTML("")
        super().__init__(
            [
                widgets.HBox([self.severity, self.category, self.component]),
                self.summary,
                self.table,
                widgets.HTML("<b>Accept a finding</b> (writes a waiver into the model file)"),
                self.finding,
                row("reason", self.reason)[0],
                row("owner", self.owner)[0],
                row("expires", self.expires)[0],
                widgets.HBox([self.waive_button, self.status]),
            ]
        )
        self.refresh()

    def refresh(self) -> None:
        """Reload the model and review it again."""
        from archkit.rules import check

        self.review = check(load(self.model_path), today=self.today)
        self._update_choices()
        self.summary.value = f"<b>{review_summary(self.review)}</b>"
        self.redraw()

    def set_critique(self, critique: Any) -> None:
        """Show (or, with None, hide) an LLM critique's points beside the rule findings."""
        self.critique = critique
        self._update_choices()
        self.redraw()

    def _update_choices(self) -> None:
        rows = [(f.category, f.components) for f in (self.review.findings if self.review is not None else [])]
        if self.critique is not None:
            rows += [(p["category"], p["components"]) for p in self.critique.as_findings()]
        self.category.options = [ALL, *sorted({category for category, _ in rows})]
        self.component.options = [ALL, *sorted({c for _, components in rows for c in components})]

    def _filters(self) -> dict[str, str | None]:
        return {
            "severity": None if self.severity.value == ALL else self.severity.value,
            "category": None if self.category.value == ALL else self.category.value,
            "component": None if self.component.value == ALL else self.component.value,
        }

    def visible(self) -> list[Any]:
        """The open (not waived) findings passing the filters, in table order."""
        if self.review is None:
            return []
        frame = findings_table(self.review, **self._filters())
        keys = {(r.rule, r.components, r.message) for r in frame.itertuples() if not r.waived and r.source != "llm"}
        ordered = [f for f in self.review.findings if (f.rule, ", ".join(f.components), f.message) in keys]
        rank = {s: i for i, s in enumerate(SEVERITY_ORDER)}
        return sorted(ordered, key=lambda f: (rank.get(f.severity, 9), f.rule))

    def redraw(self) -> None:
        if self.review is None:
            return
        self.table.value = tables_html(findings_table(self.review, critique=self.critique, **self._filters()))
        self.finding.options = [
            (f"{f.severity} {f.rule} {', '.join(f.components) or '-'}: {f.message}"[:160], i)
            for i, f in enumerate(self.visible())
        ]
        self.finding.value = 0 if self.finding.options else None

    def waive(self) -> bool:
        """Write a waiver for the selected finding; True when written."""
        visible = self.visible()
        if self.finding.value is None or self.finding.value >= len(visible):
            self.status.value = message("select a finding first")
            return False
        f = visible[self.finding.value]
        try:
            add_waiver(self.model_path, f.rule, f.components, self.reason.value, self.owner.value, self.expires.value)
        except ModelError as exc:
            self.status.value = message(f"not saved: {problems_text(exc)}")
            return False
        self.status.value = message(f"waived {f.rule} for {', '.join(f.components) or 'all'}; saved", error=False)
        self.reason.value = ""
        self.refresh()
        return True
