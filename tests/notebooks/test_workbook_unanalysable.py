"""A valid model the analysis cannot compute (a synchronous call cycle) still gets the whole workbook:
the numbers step says why, every other step carries on."""

from __future__ import annotations

from pathlib import Path

import nbformat
import pytest

from archkit.workbook import NOTEBOOKS, run_workbook

pytestmark = [pytest.mark.slow, pytest.mark.xdist_group("workbook")]

CYCLIC = """\
archkit: 1
name: Cyclic <script>alert(1)</script>
requirements: {peak_rps: 100, latency_p99_ms: 200, availability: 99.9}
components:
  - {id: app, kind: client}
  - {id: a, kind: service}
  - {id: b, kind: service}
  - {id: db, kind: database}
links:
  - {from: app, to: a, protocol: https}
  - {from: a, to: b, protocol: grpc}
  - {from: b, to: a, protocol: grpc}
  - {from: b, to: db, protocol: sql}
"""


def test_workbook_carries_on_when_the_numbers_cannot_be_computed(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.delenv("ANTHROPIC_API_KEY", raising=False)
    model = tmp_path / "cyclic.yaml"
    model.write_text(CYCLIC, encoding="utf-8")
    out = tmp_path / "out"
    run_workbook(model, out, progress=None, cell_timeout=60)
    for name in NOTEBOOKS:
        nb = nbformat.read(str(out / "notebooks" / f"{name}.ipynb"), as_version=4)
        assert [o for c in nb.cells for o in c.get("outputs", []) if o.output_type == "error"] == [], name
    capacity = (out / "notebooks" / "06_capacity_and_availability.ipynb").read_text()
    assert "The numbers cannot be computed for this model:" in capacity
    assert "synchronous calls form a cycle: a \\u2192 b \\u2192 a" in capacity or "a → b → a" in capacity
    review = (out / "review.json").read_text()
    assert '"REL002"' in review  # the review names the cycle as a finding
    (report,) = (out / "report").glob("*-design.html")
    assert "<script>alert(1)</script>" not in report.read_text()
    assert not (out / "analysis.json").exists()
