"""The what-if panel: traffic factor, components down, replica counts -> analysis and diagram refresh."""

from __future__ import annotations

import html
import os
import time
from pathlib import Path
from typing import Any

import ipywidgets as widgets

from archkit.model import Architecture, load
from archkit.model.kinds import KIND_INFO
from archkit.notebook_steps import run_analysis
from archkit.notebook_steps.analysis import scenario_headline
from archkit.widgets.common import Interactive, diagram_html, tables_html


def scenario_model(arch: Architecture, *, replicas: dict[str, int] | None = None) -> Architecture:
    """A copy of ``arch`` with the what-if's replica counts (for the diagram); the file is not touched.
    Components taken down stay in it: the diagram draws them greyed and crossed out."""
    scenario = arch.model_copy(deep=True)
    for cid, n in (replicas or {}).items():
        scenario.update_component(cid, replicas=n)
    return scenario


# The figures a what-if is about; the full tables are in the notebook above the panel.
COLUMNS = {
    "components": [
        "id",
        "kind",
        "rps",
        "utilization",
        "status",
        "latency_p99_ms",
        "availability",
        "replicas",
        "replicas_needed",
    ],
    "journeys": [
        "client",
        "rps",
        "latency_p99_ms",
        "latency_target_ms",
        "meets_latency",
        "availability",
        "availability_target",
    ],
}


class WhatIfPanel(Interactive, widgets.VBox):
    """Explore load and failure without editing the model; nothing is saved."""

    def __init__(self, model_path: str | os.PathLike[str], *, show_diagram: bool = True) -> None:
        self.model_path = Path(model_path)
        self.show_diagram = show_diagram
        self.arch = load(self.model_path)
        self.analysis: Any = None
        self.baseline: Any = run_analysis(self.arch)  # what each scenario is compared with
        self.last_seconds = 0.0
        self.traffic = widgets.FloatLogSlider(
            value=1.0,
            base=10,
            min=-1,
            max=1,
            step=0.05,
            description="traffic ×",
            continuous_update=False,
            readout_format=".2f",
        )
        servers = [c for c in self.arch.components if c.kind != "client"]
        self.down = {c.id: widgets.Checkbox(value=False, description=c.id, indent=False) for c in servers}
        self.replicas = {
            c.id: widgets.BoundedIntText(
                value=c.replicas,
                min=1,
                max=10_000,
                description=c.id,
                style={"description_width": "initial"},
                layout=widgets.Layout(width="auto"),  # the grid cell decides; a fixed width overflowed it
            )
            for c in servers
            if KIND_INFO[c.kind].capacity_limited
        }
        for control in [self.traffic, *self.down.values(), *self.replicas.values()]:
            control.observe(lambda _c: self.update(), names="value")
        self.headline = widgets.HTML("")
        self.tables = widgets.HTML()
        self.diagram = widgets.HTML()
        grid = widgets.Layout(grid_template_columns="repeat(auto-fill, minmax(260px, 1fr))", grid_gap="2px 12px")
        super().__init__(
            [
                self.traffic,
                widgets.HTML("<b>Down</b> (taken out of service)"),
                widgets.GridBox(list(self.down.values()), layout=grid),
                widgets.HTML("<b>Replicas</b>"),
                widgets.GridBox(list(self.replicas.values()), layout=grid),
                self.headline,
                widgets.Tab([self.tables, self.diagram], titles=("analysis", "diagram")),
            ]
        )
        self.update()

    def scenario(self) -> dict[str, Any]:
        """The what-if as keyword arguments of ``archkit.analyze``."""
        return {
            "traffic_factor": float(self.traffic.value),
            "without": tuple(cid for cid, box in self.down.items() if box.value),
            "replicas": {
                cid: box.value for cid, box in self.replicas.items() if box.value != self.arch.component(cid).replicas
            },
        }

    def update(self) -> None:
        t0 = time.perf_counter()
        s = self.scenario()
        self.analysis = run_analysis(
            self.arch, traffic_factor=s["traffic_factor"], without=s["without"], replicas=s["replicas"] or None
        )
        if self.analysis is None:
            self.headline.value = "<i>analysis: this step is not available yet</i>"
        else:
            said = scenario_headline(
                self.baseline,
                self.analysis,
                traffic_factor=s["traffic_factor"],
                without=s["without"],
                replicas=s["replicas"],
            )
            first, *rest = [html.escape(line) for line in said.splitlines()]
            self.headline.value = f"<b>{first}</b><ul>{''.join(f'<li>{line}</li>' for line in rest)}</ul>"
            frames = {k: f.reset_index() for k, f in self.analysis.frames().items() if k in COLUMNS}
            self.tables.value = tables_html(*[f[[c for c in COLUMNS[k] if c in f]] for k, f in frames.items()])
        if self.show_diagram:
            self.diagram.value = diagram_html(scenario_model(self.arch, replicas=s["replicas"]), down=s["without"])
        self.last_seconds = time.perf_counter() - t0
