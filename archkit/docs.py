"""Regenerate the generated docs: ``python -m archkit.docs`` (or ``make docs``).

docs/format.md and the JSON Schema come from the model classes; docs/rules.md from the
rule registry. Tests fail when a generated file is stale, so docs are never written twice.
"""

from __future__ import annotations

import json
from collections.abc import Callable
from importlib.util import find_spec
from pathlib import Path

from archkit.model.io import write_atomic
from archkit.paths import PACKAGE

DOCS = PACKAGE.parent / "docs"


def generated() -> dict[Path, Callable[[], str]]:
    """Every generated file and the function that makes its text."""
    from archkit.model.jsonschema import json_schema
    from archkit.model.reference import markdown

    def schema_text() -> str:
        return json.dumps(json_schema(), indent=2) + "\n"

    files: dict[Path, Callable[[], str]] = {
        DOCS / "format.md": markdown,
        DOCS / "archkit.schema.json": schema_text,
        PACKAGE / "model" / "archkit.schema.json": schema_text,
    }
    if find_spec("archkit.rules") is not None and find_spec("archkit.rules.docs") is not None:
        from archkit.rules import docs as rules_docs

        files[DOCS / "rules.md"] = rules_docs.markdown
    return files


def main() -> None:
    for path, make in generated().items():
        text = make()
        if not path.exists() or path.read_text(encoding="utf-8") != text:
            write_atomic(path, text)
            print(f"wrote {path.relative_to(PACKAGE.parent)}")


if __name__ == "__main__":
    main()
