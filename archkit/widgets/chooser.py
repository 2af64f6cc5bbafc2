"""Choose a bundled example or create a starter model from a pattern."""

from __future__ import annotations

import os
from pathlib import Path

import ipywidgets as widgets

from archkit.model import ModelError
from archkit.notebook_steps import create_model, output_path
from archkit.paths import examples
from archkit.patterns import PATTERNS
from archkit.widgets.common import Interactive, button, message, problems_text, row


class ModelChooser(Interactive, widgets.VBox):
    """Pick the model the next notebooks work on; prints the path to put into ``model_path``."""

    def __init__(self, output_dir: str | os.PathLike[str] | None = None) -> None:
        self.output_dir = output_path(output_dir)
        self.chosen: Path | None = None
        self.example = widgets.Dropdown(options=[(p.stem, p) for p in examples()])
        self.use_button = button("Use this example", "use-example")
        self.use_button.on_click(lambda _b: self.use(self.example.value))
        self.name = widgets.Text(placeholder="e.g. Order service")
        self.pattern = widgets.Dropdown(options=[(f"{k}: {v}", k) for k, v in PATTERNS.items()], value="microservices")
        self.create_button = button("Create", "create-model", "success")
        self.create_button.on_click(lambda _b: self.create())
        self.status = widgets.HTML("")
        super().__init__(
            [
                widgets.HTML("<b>An example</b>"),
                widgets.HBox([self.example, self.use_button]),
                widgets.HTML(f"<b>A new model</b> (written under <code>{self.output_dir}</code>)"),
                row("name", self.name)[0],
                row("pattern", self.pattern)[0],
                self.create_button,
                self.status,
            ]
        )

    def use(self, path: Path | None) -> None:
        if path is None:
            return
        self.chosen = Path(path)
        self.status.value = message(f'model_path = "{self.chosen}"', error=False)

    def create(self) -> Path | None:
        if not self.name.value.strip():
            self.status.value = message("give the system a name first")
            return None
        try:
            path = create_model(self.name.value, self.pattern.value, self.output_dir)
        except ModelError as exc:
            self.status.value = message(problems_text(exc))
            return None
        self.use(path)
        return path
