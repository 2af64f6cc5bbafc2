"""The guided workbook: notebooks 00_start … 08_export, run headless with papermill.

``run_workbook(model_path, out_dir, only=None)`` executes the notebooks on one model file and
leaves the executed notebooks (``.ipynb`` and static ``.html``) and every export under
``out_dir``. Importing this package is cheap; papermill and nbconvert load on first run.
"""

from __future__ import annotations

from archkit.workbook.runner import (
    CELL_TIMEOUT_S,
    KERNEL,
    NOTEBOOKS,
    TOTAL_TIMEOUT_S,
    WorkbookError,
    notebooks_dir,
    run_workbook,
    select_notebooks,
)

__all__ = [
    "CELL_TIMEOUT_S",
    "KERNEL",
    "NOTEBOOKS",
    "TOTAL_TIMEOUT_S",
    "WorkbookError",
    "notebooks_dir",
    "run_workbook",
    "select_notebooks",
]
