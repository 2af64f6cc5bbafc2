"""Choose a bundled example, create a starter model from a pattern, or import another tool's model,
in a workspace of one's own."""

from __future__ import annotations

import html
import os
from pathlib import Path

import ipywidgets as widgets

from archkit.interop.convert import TOOLS, convert
from archkit.model import ModelError
from archkit.model.io import write_atomic
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
        self.source = widgets.Text(placeholder="path to threagile.yaml or model.otm.json")
        self.tool = widgets.Dropdown(options=[(name, key) for key, name in TOOLS.items()], value="otm")
        self.import_button = button("Import", "import-model")
        self.import_button.on_click(lambda _b: self.import_file())
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
                widgets.HTML(
                    "<b>A model from another tool</b> (Threagile YAML, or OTM from IriusRisk, StartLeft or an"
                    " archkit export; written into your workspace, what could not be mapped listed)"
                ),
                row("file", self.source)[0],
                row("format", self.tool)[0],
                self.import_button,
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

    def import_file(self) -> Path | None:
        """Convert the file into a new workspace model (never over an existing one) and use it."""
        source = Path(self.source.value.strip()).expanduser()
        if not self.source.value.strip():
            self.status.value = message("give the path of the file to import first")
            return None
        if not source.is_absolute():
            source = self.folder / source
        try:
            text = source.read_text(encoding="utf-8")
        except (OSError, UnicodeDecodeError) as exc:
            self.status.value = message(f"{source}: {getattr(exc, 'strerror', None) or exc}")
            return None
        target = self._free(workspace_dir(self.folder) / f"{slug(source.name.split('.')[0])}.yaml")
        try:
            imported = convert(self.tool.value, text, str(source), str(target))
        except ModelError as exc:
            self.status.value = message("; ".join(str(p) for p in exc.problems))
            return None
        write_atomic(target, imported.text)
        chosen = self._chose(target, f"imported {source.name} as {target.name}.")
        arch = imported.arch
        counts = (
            f"{len(arch.components)} components, {len(arch.links)} links, {len(arch.boundaries)} boundaries, "
            f"{len(arch.data_assets)} data assets"
        )
        items = "".join(f"<li>{html.escape(line)}</li>" for line in imported.unmapped)
        listed = f"<details><summary>{len(imported.unmapped)} item(s) not mapped (also at the end of the file)</summary><ul>{items}</ul></details>"
        self.status.value += f"<div>{html.escape(counts)}.</div>" + (listed if imported.unmapped else "")
        return chosen

    @staticmethod
    def _free(target: Path) -> Path:
        """``target``, or ``name-2.yaml``, ``name-3.yaml``... when a model of that name exists."""
        candidate, n = target, 2
        while candidate.exists():
            candidate, n = target.with_name(f"{target.stem}-{n}.yaml"), n + 1
        return candidate
