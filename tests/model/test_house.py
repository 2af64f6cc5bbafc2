"""House rules that keep the project honest: layers, light import, generated docs current."""

from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[2]
BIN = Path(sys.executable).parent


def test_import_layer_contracts_hold() -> None:
    lint_imports = BIN / "lint-imports"
    result = subprocess.run([str(lint_imports)], cwd=ROOT, capture_output=True, text=True, timeout=300)
    assert result.returncode == 0, result.stdout + result.stderr
    assert "broken" not in result.stdout.lower().replace("0 broken", "")


def test_import_archkit_is_light() -> None:
    code = (
        "import sys, archkit; heavy = ['pandas', 'networkx', 'matplotlib', 'diagrams', 'anthropic', "
        "'papermill', 'ipywidgets', 'IPython', 'pydantic', 'scipy']; "
        "print([m for m in heavy if m in sys.modules])"
    )
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True).stdout
    assert out.strip() == "[]"


def test_loading_a_model_does_not_import_the_edges() -> None:
    code = (
        "import sys, archkit; archkit.load('examples/social-sharing.yaml'); "
        "print([m for m in ('pandas', 'networkx', 'matplotlib', 'diagrams', 'anthropic', 'papermill') if m in sys.modules])"
    )
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True, cwd=ROOT).stdout
    assert out.strip() == "[]"


def test_generated_docs_are_current() -> None:
    from archkit.docs import generated

    stale = [
        str(path.relative_to(ROOT))
        for path, make in generated().items()
        if not path.exists() or path.read_text(encoding="utf-8") != make()
    ]
    assert not stale, f"regenerate with `make docs`: {stale}"


def test_every_field_is_described() -> None:
    from archkit.model.reference import SECTIONS

    missing = [
        f"{title}.{name}"
        for title, model, _ in SECTIONS
        for name, info in model.model_fields.items()
        if not info.description
    ]
    assert not missing


@pytest.mark.parametrize("path", sorted((ROOT / "examples").glob("*.yaml")), ids=lambda p: p.name)
def test_examples_validate_against_the_published_json_schema(path: Path) -> None:
    import jsonschema
    import yaml

    schema = json.loads((ROOT / "docs" / "archkit.schema.json").read_text())
    data = yaml.safe_load(path.read_text())
    jsonschema.validate(json.loads(json.dumps(data, default=str)), schema)


def test_json_schema_rejects_unknown_keys() -> None:
    import jsonschema

    schema = json.loads((ROOT / "docs" / "archkit.schema.json").read_text())
    with pytest.raises(jsonschema.ValidationError):
        jsonschema.validate(
            {"archkit": 1, "name": "x", "components": [{"id": "a", "kind": "service", "replcas": 2}]}, schema
        )


def test_lazy_entry_points_stay_callable_after_their_package_is_imported(tmp_path: Path) -> None:
    import importlib

    import archkit

    for name in ("report", "critique"):
        importlib.import_module(f"archkit.{name}")
        assert callable(getattr(archkit, name)), f"archkit.{name} was shadowed by its package"


@pytest.mark.parametrize(
    ("module", "line", "contract"),
    [
        ("archkit/rules/context.py", "import archkit.report", "The house in layers"),
        ("archkit/analysis/core.py", "import archkit.rules", "The house in layers"),
        ("archkit/report/fmt.py", "import archkit.notebook_steps", "The house in layers"),
        ("archkit/model/kinds.py", "import archkit.cli", "The pure core"),
    ],
    ids=["rules->report", "analysis->rules", "report->notebook_steps", "model->cli"],
)
def test_a_forbidden_import_breaks_the_contracts(tmp_path, module: str, line: str, contract: str) -> None:
    """The contracts can fail: the same check on a copy of the package with one import against the layers."""
    import shutil

    copy = tmp_path / "repo"
    shutil.copytree(ROOT / "archkit", copy / "archkit", ignore=shutil.ignore_patterns("__pycache__"))
    shutil.copy(ROOT / "pyproject.toml", copy / "pyproject.toml")
    target = copy / module
    target.write_text(target.read_text(encoding="utf-8") + f"\n{line}  # injected by the test\n", encoding="utf-8")
    env = {**os.environ, "PYTHONPATH": str(copy)}
    result = subprocess.run([str(BIN / "lint-imports")], cwd=copy, capture_output=True, text=True, timeout=300, env=env)
    assert result.returncode != 0, result.stdout
    broken = result.stdout.split("Broken contracts", 1)[-1]
    assert contract in broken and "injected" not in broken.split(contract, 1)[0]
