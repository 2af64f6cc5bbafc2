"""Helpers for the rule tests: fixture files and a tiny model builder."""

from __future__ import annotations

import datetime as dt
from pathlib import Path
from typing import Any

import yaml

import archkit
from archkit.model import Architecture

FIXTURES = Path(__file__).parent / "fixtures"
TODAY = dt.date(2026, 11, 25)


def model_from(data: dict[str, Any], file: str = "<fixture>") -> Architecture:
    body = {"archkit": 1, "name": "fixture", **data}
    return archkit.loads(yaml.safe_dump(body, sort_keys=False), file)


def fixture_files() -> dict[str, dict[str, Any]]:
    return {p.stem: yaml.safe_load(p.read_text(encoding="utf-8")) for p in sorted(FIXTURES.glob("*.yaml"))}
