"""Shared helpers for the API tests: the examples and the fixture with every API style."""

from __future__ import annotations

from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]
FIXTURES = Path(__file__).parent / "fixtures"
EXAMPLES = sorted((ROOT / "examples").glob("*.yaml"))
STYLES = FIXTURES / "styles.yaml"
SPECTRAL = ROOT / "tools" / "spectral" / "node_modules" / ".bin" / "spectral"
SPECTRAL_RULESET = ROOT / "tools" / "spectral" / "ruleset.yaml"
