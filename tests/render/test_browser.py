"""The rendered SVG opens in headless Chromium offline, with every icon visible."""

from __future__ import annotations

import re
from pathlib import Path

import pytest

from archkit.model import load
from archkit.render import diagram
from tests.browser import artifact, assert_not_blank, chromium_page

ROOT = Path(__file__).resolve().parents[2]
EXAMPLE = ROOT / "examples" / "social-sharing.yaml"

pytestmark = [pytest.mark.browser, pytest.mark.slow]


def test_svg_opens_offline_with_every_icon(tmp_path: Path) -> None:
    files = diagram(load(EXAMPLE), tmp_path, formats=("svg", "png"))
    svg_text = next(p for p in files if p.suffix == ".svg").read_text(encoding="utf-8")
    body = svg_text[svg_text.index("<svg") :]
    html = f"<!doctype html><html><head><meta charset='utf-8'></head><body style='margin:0'>{body}</body></html>"
    shot = artifact("render-social-sharing-svg.png")
    with chromium_page(offline=True, width=1600, height=1000) as page:
        page.set_content(html)
        icons = page.evaluate(
            """async () => {
                const images = [...document.querySelectorAll('symbol image')];
                const results = [];
                for (const el of images) {
                    const img = new Image();
                    img.src = el.getAttribute('xlink:href') || el.getAttribute('href');
                    try { await img.decode(); } catch (e) {}
                    results.push([el.parentElement.id, img.naturalWidth]);
                }
                return {results, uses: document.querySelectorAll('use').length,
                        width: document.querySelector('svg').getBoundingClientRect().width};
            }"""
        )
        page.screenshot(path=str(shot), full_page=True)
        blocked = list(page.blocked_requests)
    assert blocked == []
    assert icons["uses"] == 18  # one per component of the example
    assert len(icons["results"]) == len(set(re.findall(r'<use xlink:href="(#[^"]+)"', svg_text)))
    assert all(width > 0 for _, width in icons["results"]), icons["results"]
    assert icons["width"] > 600
    assert_not_blank(shot)
