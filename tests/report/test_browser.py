"""The HTML report in headless Chromium: renders, loads nothing from outside, prints."""

from __future__ import annotations

import datetime as dt
import re
from pathlib import Path

import pytest

import archkit
from archkit.report import report
from tests.browser import artifact, assert_not_blank, chromium_page
from tests.conftest import EXAMPLES, MINIMAL_MODEL
from tests.report.helpers import HOSTILE_MODEL, external_references, html_headings

pytestmark = [pytest.mark.browser, pytest.mark.slow]

MODELS = {p.stem: p.read_text(encoding="utf-8") for p in EXAMPLES} | {
    "minimal": MINIMAL_MODEL,
    "hostile": HOSTILE_MODEL,
}


@pytest.mark.parametrize("name", sorted(MODELS))
def test_html_renders_offline_with_nothing_external(name: str, tmp_path: Path) -> None:
    arch = archkit.loads(MODELS[name], f"{name}.yaml")
    (path,) = report(arch, tmp_path, ("html",), date=dt.date(2026, 1, 15))
    html = path.read_text(encoding="utf-8")
    assert external_references(html) == []
    with chromium_page(offline=True) as page:
        page.set_content(html, wait_until="load")
        shot = artifact(f"report-{name}.png")
        page.screenshot(path=str(shot))
        assert page.blocked_requests == []
        assert page.title() == f"{arch.name} — Design document"
        # every picture decoded: a broken data URI would leave naturalWidth at 0
        broken = page.evaluate("Array.from(document.images).filter(i => !i.complete || i.naturalWidth === 0).length")
        assert broken == 0
        headings = page.evaluate("Array.from(document.querySelectorAll('h2')).map(h => h.textContent)")
        assert headings == [text for level, text in html_headings(html) if level == 2]
        assert not page.evaluate("!!document.querySelector('script')")
    assert_not_blank(shot)


def test_print_layout_gives_a_multi_page_pdf(tmp_path: Path) -> None:
    arch = archkit.load(EXAMPLES[0])
    (path,) = report(arch, tmp_path, ("html",), date=dt.date(2026, 1, 15))
    with chromium_page(offline=True) as page:
        page.set_content(path.read_text(encoding="utf-8"), wait_until="load")
        pdf = page.pdf(format="A4", print_background=True)
        page.emulate_media(media="print")
        shot = artifact(f"report-{EXAMPLES[0].stem}-print.png")
        page.screenshot(path=str(shot))
        assert page.blocked_requests == []
    assert pdf.startswith(b"%PDF")
    pages = len(re.findall(rb"/Type\s*/Page[^s]", pdf))
    assert pages >= 10, pages  # cover and contents, then each of the nine sections from a new page
    assert_not_blank(shot)
