"""docs/analysis.md states the same defaults and prices the code uses."""

from __future__ import annotations

from pathlib import Path

import pytest

from archkit.analysis import cost
from archkit.model.kinds import KIND_INFO

DOC = (Path(__file__).resolve().parents[2] / "docs" / "analysis.md").read_text(encoding="utf-8")


def _rows() -> dict[str, list[list[str]]]:
    rows: dict[str, list[list[str]]] = {}
    for line in DOC.splitlines():
        if line.startswith("| ") and not line.startswith("|---"):
            cells = [c.strip() for c in line.strip("|").split("|")]
            rows.setdefault(cells[0], []).append(cells[1:])
    return rows


@pytest.mark.parametrize("kind", sorted(KIND_INFO))
def test_defaults_table_matches_kind_info(kind: str):
    info = KIND_INFO[kind]
    expected = [
        f"{info.availability:g}",
        f"{info.service_time_ms:g}",
        str(info.concurrency),
        "M/M/c" if info.capacity_limited else "M/M/∞ (elastic)",
    ]
    assert expected in _rows()[kind]


@pytest.mark.parametrize("kind", sorted({**cost.HOURLY, **{k: v for k, v in cost.MONTHLY.items() if any(v)}}))
def test_price_table_matches_the_code(kind: str):
    prices = cost.HOURLY.get(kind) or cost.MONTHLY[kind]
    assert any(row[:4] == [f"{p:g}" for p in prices] for row in _rows()[kind])


def test_price_date_is_stated():
    assert f"dated {cost.PRICE_DATE}" in DOC
