"""Shared fixtures. Each area keeps its own tests (and conftest) in its own folder."""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent
EXAMPLES = sorted((ROOT / "examples").glob("*.yaml"))

MINIMAL_MODEL = """\
archkit: 1
name: Minimal
components:
  - {id: app, kind: client}
  - {id: api, kind: service}
links:
  - {from: app, to: api, protocol: https}
"""


@pytest.fixture
def minimal_model(tmp_path: Path) -> Path:
    path = tmp_path / "minimal.yaml"
    path.write_text(MINIMAL_MODEL, encoding="utf-8")
    return path


@pytest.fixture
def example_copy(tmp_path: Path) -> Path:
    """A writable copy of the social-sharing example."""
    target = tmp_path / "social-sharing.yaml"
    shutil.copy(ROOT / "examples" / "social-sharing.yaml", target)
    return target
