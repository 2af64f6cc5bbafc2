"""Write notebooks/*.ipynb from archkit.workbook.sources (stored without outputs).

python -m archkit.workbook.build            # rewrite the notebooks
python -m archkit.workbook.build --check    # exit 1 if a notebook differs from its source
"""

from __future__ import annotations

import argparse
import sys
from pathlib import Path
from typing import Any

from archkit.model.io import write_atomic
from archkit.paths import PACKAGE
from archkit.workbook.runner import KERNEL, NOTEBOOKS
from archkit.workbook.sources import NOTEBOOK_CELLS


def notebook(name: str) -> Any:
    """The nbformat node of one notebook, with stable cell ids so rebuilding changes nothing."""
    import nbformat

    nb = nbformat.v4.new_notebook()
    nb.metadata = {
        "kernelspec": {"name": KERNEL, "display_name": "archkit (Python 3)", "language": "python"},
        "language_info": {"name": "python"},
    }
    for index, (kind, text) in enumerate(NOTEBOOK_CELLS[name]):
        cell_id = f"{name[:2]}-{index:02d}"
        if kind == "md":
            cell = nbformat.v4.new_markdown_cell(text, id=cell_id)
        else:
            cell = nbformat.v4.new_code_cell(text, id=cell_id)
            if kind == "parameters":
                cell.metadata["tags"] = ["parameters"]
        nb.cells.append(cell)
    return nb


def text_of(name: str) -> str:
    import nbformat

    return nbformat.writes(notebook(name)) + "\n"


def build(folder: Path | None = None, *, check: bool = False) -> list[Path]:
    """Write (or with ``check``, compare) every notebook; returns the paths written or differing."""
    folder = folder or PACKAGE.parent / "notebooks"
    changed = []
    for name in NOTEBOOKS:
        path = folder / f"{name}.ipynb"
        text = text_of(name)
        current = path.read_text(encoding="utf-8") if path.exists() else None
        if current != text:
            changed.append(path)
            if not check:
                write_atomic(path, text)
    return changed


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="python -m archkit.workbook.build", description=__doc__.splitlines()[0])
    parser.add_argument("--check", action="store_true", help="only report notebooks that differ from their source")
    args = parser.parse_args(argv)
    changed = build(check=args.check)
    for path in changed:
        print(f"{'differs' if args.check else 'wrote'} {path}")
    return 1 if (args.check and changed) else 0


if __name__ == "__main__":
    sys.exit(main())
