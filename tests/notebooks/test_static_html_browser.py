"""Executed notebooks as HTML open offline in Chromium: nothing fetched, charts and tables drawn."""

from __future__ import annotations

import shutil

import pytest

from archkit.workbook import run_workbook
from tests.browser import artifact, assert_not_blank, chromium_page
from tests.conftest import ROOT

pytestmark = [pytest.mark.browser, pytest.mark.slow, pytest.mark.xdist_group("workbook")]


def test_executed_notebook_html_renders_offline(tmp_path) -> None:
    model = tmp_path / "social-sharing.yaml"
    shutil.copy(ROOT / "examples" / "social-sharing.yaml", model)
    written = run_workbook(model, tmp_path / "out", "01,06", progress=None)
    pages = [p for p in written if p.suffix == ".html"]
    assert [p.name for p in pages] == ["01_requirements.html", "06_capacity_and_availability.html"]
    for page_file in pages:
        shot = artifact(f"workbook-{page_file.stem}.png")
        with chromium_page(offline=True, width=1200, height=1600) as page:
            page.set_content(page_file.read_text(encoding="utf-8"), wait_until="load")
            page.screenshot(path=str(shot))
            assert page.blocked_requests == []
            assert page.evaluate("document.querySelectorAll('table').length") >= 2
            broken = page.evaluate(
                "Array.from(document.images).filter(i => !i.complete || i.naturalWidth === 0).length"
            )
            assert broken == 0
            images = page.evaluate("document.images.length")
            text = page.inner_text("body")
        assert_not_blank(shot)
        if page_file.stem.startswith("06"):
            assert images >= 3  # the utilization, latency and availability charts
        if page_file.stem.startswith("01"):
            assert "RequirementsForm: interactive form; open this notebook in JupyterLab" in text
