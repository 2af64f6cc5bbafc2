"""The model the notebooks work on: chosen once, in a workspace of the user's own.

The bundled examples are archkit's files, tracked in its repository; the forms must never edit
them in place. So 00_start copies the chosen example or pattern into ``workspace/`` (beside the
notebooks, ignored by git) and records the choice in ``archkit-settings.json`` there. Every
notebook's parameters cell asks ``chosen_model()``: the recorded model, or else a workspace copy
of the default example. ``archkit workbook --model`` and papermill parameters still override it,
because papermill writes its values after the parameters cell.
"""

from __future__ import annotations

import json
import os
import shutil
from pathlib import Path

from archkit.model import ModelError, Problem
from archkit.model.io import write_atomic
from archkit.paths import example

SETTINGS = "archkit-settings.json"
WORKSPACE = "workspace"


def settings_path(folder: str | Path | None = None) -> Path:
    return Path(folder or Path.cwd()) / SETTINGS


def workspace_dir(folder: str | Path | None = None) -> Path:
    return Path(folder or Path.cwd()) / WORKSPACE


def recorded_model(folder: str | Path | None = None) -> Path | None:
    """The model 00_start recorded, when the settings file names one that exists."""
    path = settings_path(folder)
    if not path.exists():
        return None
    try:
        data = json.loads(path.read_text(encoding="utf-8"))
    except json.JSONDecodeError as exc:
        raise ModelError([Problem(str(path), exc.lineno, "", f"not valid JSON: {exc.msg}")]) from None
    model = data.get("model") if isinstance(data, dict) else None
    if not isinstance(model, str):
        raise ModelError([Problem(str(path), 1, "model", "expected the path of the model file as text")])
    resolved = (path.parent / model).resolve()
    return resolved if resolved.exists() else None


def record(model: str | Path, folder: str | Path | None = None) -> Path:
    """Remember ``model`` as the one every notebook opens (relative to the settings file)."""
    target = settings_path(folder)
    model = Path(model).resolve()
    try:
        shown = str(model.relative_to(target.parent.resolve()))
    except ValueError:
        shown = str(model)
    write_atomic(target, json.dumps({"model": shown}, indent=2) + "\n")
    return model


def copy_into_workspace(source: str | Path, folder: str | Path | None = None) -> tuple[Path, bool]:
    """A workspace copy of ``source``; returns it and whether it was copied now (an existing copy,
    with the user's edits, is kept)."""
    target = workspace_dir(folder) / Path(source).name
    if target.exists():
        return target, False
    target.parent.mkdir(parents=True, exist_ok=True)
    shutil.copyfile(source, target)
    return target, True


def chosen_model(folder: str | Path | None = None) -> Path:
    """The model the notebooks open: the recorded choice, or a workspace copy of the default example."""
    recorded = recorded_model(folder)
    if recorded is not None:
        return recorded
    if os.environ.get("ARCHKIT_HEADLESS"):
        return example()  # papermill sets model_path next; a headless run edits nothing, so copy nothing
    return copy_into_workspace(example(), folder)[0]
