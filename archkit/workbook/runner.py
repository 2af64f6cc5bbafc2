"""Run the guided notebooks headless with papermill: named kernel, per-cell and outer timeouts."""

from __future__ import annotations

import os
import sys
import time
from collections.abc import Callable, Sequence
from pathlib import Path
from typing import Any

from archkit.errors import ExternalToolError
from archkit.paths import PACKAGE

NOTEBOOKS = (
    "00_start",
    "01_requirements",
    "02_architecture",
    "03_api_design",
    "04_data_design",
    "05_review",
    "06_capacity_and_availability",
    "07_critique",
    "08_export",
)
KERNEL = "archkit"
HEADLESS_ENV = "ARCHKIT_HEADLESS"  # set for the kernels of `archkit workbook`
CELL_TIMEOUT_S = 180  # one cell; rendering every view of a large model is the slowest
TOTAL_TIMEOUT_S = 1200  # the whole workbook


class WorkbookError(ExternalToolError):
    """A notebook failed or timed out, or the selection is wrong; one line, names notebook and cell."""


def notebooks_dir() -> Path:
    """``notebooks/`` in a checkout, ``archkit/_notebooks`` in an installed wheel."""
    for candidate in (PACKAGE.parent / "notebooks", PACKAGE / "_notebooks"):
        if (candidate / f"{NOTEBOOKS[0]}.ipynb").is_file():
            return candidate
    raise WorkbookError("archkit's notebooks are missing from this installation")


def select_notebooks(only: str | Sequence[str] | None = None) -> list[str]:
    """Notebook names for ``only`` ("04", "04,05", ["01", "08_export"]); all of them for None."""
    if only is None or only == "" or only == []:
        return list(NOTEBOOKS)
    wanted = [w.strip() for w in (only.split(",") if isinstance(only, str) else only) if w.strip()]
    chosen: list[str] = []
    for w in wanted:
        matches = [n for n in NOTEBOOKS if n == w or n.split("_", 1)[0] == w.zfill(2)]
        if not matches:
            choices = ", ".join(n.split("_", 1)[0] for n in NOTEBOOKS)
            raise WorkbookError(f"no notebook '{w}'; choose from: {choices}")
        chosen.extend(m for m in matches if m not in chosen)
    return [n for n in NOTEBOOKS if n in chosen]


def ensure_kernel(name: str = KERNEL) -> bool:
    """Install the named Jupyter kernel for this Python if it is missing; True if it was installed."""
    from jupyter_client.kernelspec import KernelSpecManager, NoSuchKernel

    try:
        KernelSpecManager().get_kernel_spec(name)
        return False
    except NoSuchKernel:
        from ipykernel.kernelspec import install

        install(kernel_name=name, display_name="archkit (Python 3)", prefix=sys.prefix)
        return True


def run_workbook(
    model_path: str | os.PathLike[str],
    out_dir: str | os.PathLike[str],
    only: str | Sequence[str] | None = None,
    *,
    cell_timeout: float = CELL_TIMEOUT_S,
    total_timeout: float = TOTAL_TIMEOUT_S,
    html: bool = True,
    kernel: str = KERNEL,
    progress: Callable[[str], None] | None = print,
    base_path: str | os.PathLike[str] | None = None,
) -> list[Path]:
    """Execute the notebooks on ``model_path``; returns the executed notebooks (and their HTML).
    ``base_path``: the model before a change; 08 export then shows what the change does.

    Raises ``ModelError`` for a bad model (checked before any kernel starts) and
    ``WorkbookError`` naming the notebook and cell when one fails; the failed notebook is kept.
    """
    from archkit.model import load

    say = progress or (lambda _line: None)
    model = Path(model_path).expanduser().resolve()
    load(model)  # bad input fails here, in one clear line, not inside a kernel
    parameters = {"model_path": str(model)}
    if base_path is not None:
        base = Path(base_path).expanduser().resolve()
        load(base)
        parameters["base_model_path"] = str(base)
    out = Path(out_dir).expanduser().resolve()
    names = select_notebooks(only)
    source = notebooks_dir()
    executed_dir = out / "notebooks"
    executed_dir.mkdir(parents=True, exist_ok=True)
    if ensure_kernel(kernel):
        say(f"installed the Jupyter kernel '{kernel}'")

    import papermill as pm

    written: list[Path] = []
    started = time.monotonic()
    end = started + total_timeout

    def remaining() -> float:
        return max(0.0, end - time.monotonic())

    manager = _kernel_manager_class(_kernel_env())
    for number, name in enumerate(names, 1):
        if remaining() <= 0:
            raise WorkbookError(
                f"{name}: not started: the workbook's {total_timeout:g} s timeout ran out "
                f"({number - 1} of {len(names)} notebooks done)"
            )
        target = executed_dir / f"{name}.ipynb"
        say(f"[{number}/{len(names)}] {name} ...")
        t0 = time.monotonic()
        for attempt in (1, 2):
            try:
                # nbclient's own per-cell timeout, never past the workbook's total time left
                pm.execute_notebook(
                    str(source / f"{name}.ipynb"),
                    str(target),
                    parameters={**parameters, "output_dir": str(out)},
                    kernel_name=kernel,
                    progress_bar=False,
                    cwd=str(out),
                    execution_timeout=max(1, int(min(cell_timeout, remaining()))),
                    start_timeout=120,
                    extra_arguments=["--IPKernelApp.log_level=ERROR"],  # no plain-TCP warning per kernel
                    kernel_manager_class=manager,
                )
                break
            except Exception as exc:  # reported: a failed cell or a kernel failure becomes a WorkbookError naming it
                failure = _describe_failure(name, target, exc)
                # A kernel that stops answering (a lost reply, seen with ipykernel 7) gets one fresh try.
                if attempt == 1 and _is_stuck_kernel(exc) and remaining() > 1:
                    say(f"[{number}/{len(names)}] {failure.split('; ')[0]}; retrying once with a fresh kernel")
                    continue
                raise WorkbookError(failure) from None
        written.append(target)
        say(f"[{number}/{len(names)}] {name} ok ({time.monotonic() - t0:.1f} s) -> {target}")
    if html:
        from archkit.workbook.static_html import write_static_html

        for nb in list(written):
            written.append(write_static_html(nb, nb.with_suffix(".html")))
    say(f"workbook done in {time.monotonic() - started:.1f} s; executed notebooks in {executed_dir}, exports in {out}")
    return written


def _is_stuck_kernel(exc: Exception) -> bool:
    return type(exc).__name__ in {"CellTimeoutError", "DeadKernelError", "TimeoutError"}


def _describe_failure(name: str, target: Path, exc: Exception) -> str:
    from papermill.exceptions import PapermillExecutionError

    if isinstance(exc, PapermillExecutionError):
        cell = f"cell {exc.cell_index}" + (f" [{exc.exec_count}]" if exc.exec_count else "")
        first = next((ln for ln in str(exc.source).splitlines() if ln.strip()), "")
        return (
            f"{name}: {cell} `{first.strip()[:80]}` failed: {exc.ename}: {exc.evalue}; failed notebook kept at {target}"
        )
    kind = type(exc).__name__
    detail = str(exc).strip().splitlines()[0].rstrip(".") if str(exc).strip() else ""
    if "Timeout" in kind:
        detail = detail or "per-cell timeout"
    return f"{name}: {_running_cell(target)} failed: {kind}: {detail}; notebook kept at {target}"


def _running_cell(target: Path) -> str:
    """Which cell failed or was running, from papermill's marks in the saved output notebook."""
    try:
        import nbformat

        nb = nbformat.read(str(target), as_version=4)
    except (OSError, ValueError):  # no notebook written yet, or a half-written one (nbformat's errors are ValueErrors)
        return "a cell"
    for wanted in ("failed", "running"):
        for index, cell in enumerate(nb.cells):
            if cell.get("metadata", {}).get("papermill", {}).get("status") == wanted:
                return f"cell {index}"
    started = [i for i, c in enumerate(nb.cells) if c.get("metadata", {}).get("papermill", {}).get("start_time")]
    return f"cell {started[-1]}" if started else "a cell"  # a timeout: the last cell that started


def _kernel_env() -> dict[str, str]:
    """What the kernel's environment adds: it imports this very archkit (even when it is not
    pip-installed) and knows it runs headless. Given to the kernel only; os.environ is untouched,
    so the runner is safe to call from a notebook, a thread or a test."""
    root = str(PACKAGE.parent)
    paths = [p for p in (os.environ.get("PYTHONPATH") or "").split(os.pathsep) if p]
    return {
        HEADLESS_ENV: "1",  # forms show a static note instead of opening widget comms
        "PYTHONPATH": os.pathsep.join([root, *[p for p in paths if p != root]]),
    }


def _kernel_manager_class(extra_env: dict[str, str]) -> type:
    """A jupyter_client kernel manager that starts each kernel with ``extra_env`` added to its
    environment (papermill hands ``kernel_manager_class`` to nbclient)."""
    from jupyter_client.manager import AsyncKernelManager

    class HeadlessKernelManager(AsyncKernelManager):  # type: ignore[misc]
        async def start_kernel(self, **kw: Any) -> None:  # type: ignore[override]
            kw["env"] = {**os.environ, **(kw.get("env") or {}), **extra_env}
            await self._async_start_kernel(**kw)

    return HeadlessKernelManager
