"""Choose a bundled example or create a starter model from a pattern, in a workspace of one's own."""

from __future__ import annotations

import os
from pathlib import Path

import ipywidgets as widgets

from archkit.model import ModelError
from archkit.notebook_steps import create_model
from archkit.paths import examples
from archkit.patterns import PATTERNS, slug
from archkit.widgets.common import Interactive, button, message, problems_text, row
from archkit.workbook.workspace import copy_into_workspace, record, workspace_dir


class ModelChooser(Interactive, widgets.VBox):
    """Pick the model the next notebooks work on. An example is copied into ``workspace/`` (the
    bundled files are never edited); the choice is recorded in ``archkit-settings.json``, which
    every notebook's parameters cell reads."""

    def __init__(self, folder: str | os.PathLike[str] | None = None) -> None:
        self.folder = Path(folder) if folder is not None else Path.cwd()
        self.chosen: Path | None = None
        self.example = widgets.Dropdown(options=[(p.stem, p) for p in examples()])
        self.use_button = button("Use this example", "use-example")
        self.use_button.on_click(lambda _b: self.use(self.example.value))
        self.name = widgets.Text(placeholder="e.g. Order service")
        self.pattern = widgets.Dropdown(options=[(f"{k}: {v}", k) for k, v in PATTERNS.items()], value="microservices")
        self.create_button = button("Create", "create-model", "success")
        self.create_button.on_click(lambda _b: self.create())
        # Shown only when "Create" would replace a model in the workspace: nothing is overwritten silently.
        self.overwrite_button = button("Overwrite it", "overwrite-model", "danger")
        self.overwrite_button.on_click(lambda _b: self.create(overwrite=True))
        self.keep_button = button("Keep it and use it", "keep-model")
        self.keep_button.on_click(lambda _b: self._keep())
        self.confirm = widgets.HBox([self.overwrite_button, self.keep_button], layout=widgets.Layout(display="none"))
        self.status = widgets.HTML("")
        super().__init__(
            [
                widgets.HTML("<b>An example</b> (copied into your workspace; the bundled file stays as it is)"),
                widgets.HBox([self.example, self.use_button]),
                widgets.HTML(f"<b>A new model</b> (written under <code>{workspace_dir(self.folder)}</code>)"),
                row("name", self.name)[0],
                row("pattern", self.pattern)[0],
                self.create_button,
                self.confirm,
                self.status,
            ]
        )

    def _target(self) -> Path:
        return workspace_dir(self.folder) / f"{slug(self.name.value)}.yaml"

    def _chose(self, path: Path, said: str) -> Path:
        self.chosen = record(path, self.folder)
        self.confirm.layout.display = "none"
        self.status.value = message(f"{said} Every notebook now opens {self.chosen}.", error=False)
        return self.chosen

    def use(self, source: Path | None) -> Path | None:
        if source is None:
            return None
        copy, fresh = copy_into_workspace(source, self.folder)
        said = f"copied {Path(source).name} into the workspace." if fresh else f"kept your edited copy {copy}."
        return self._chose(copy, said)

    def create(self, *, overwrite: bool = False) -> Path | None:
        if not self.name.value.strip():
            self.status.value = message("give the system a name first")
            return None
        target = self._target()
        if target.exists() and not overwrite:
            self.confirm.layout.display = "flex"
            self.status.value = message(f"{target} already exists: overwrite it with a new {self.pattern.value} model?")
            return None
        try:
            path = create_model(self.name.value, self.pattern.value, target.parent, overwrite=overwrite)
        except ModelError as exc:
            self.status.value = message(problems_text(exc))
            return None
        return self._chose(path, f"{'replaced' if overwrite else 'wrote'} {path.name}.")

    def _keep(self) -> Path:
        return self._chose(self._target(), f"kept {self._target().name} as it was.")
