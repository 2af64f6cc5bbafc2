"""Headless Chromium for tests: Debian's `chromium`, driven by Playwright (never a browser download).

Usage::

    from tests.browser import chromium_page, screenshot, assert_not_blank
    with chromium_page() as page:
        page.goto(url); page.screenshot(path=out)
"""

from __future__ import annotations

import contextlib
import shutil
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest

ROOT = Path(__file__).resolve().parent.parent
ARTIFACTS = ROOT / "test-artifacts"  # screenshots kept for people to look at (git-ignored)

# Without the background-networking flags Chromium keeps trying to reach Google's hosts.
CHROMIUM_ARGS = [
    "--headless=new",
    "--no-sandbox",
    "--disable-gpu",
    "--disable-quic",
    "--no-first-run",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
    "--disable-dev-shm-usage",
]


def chromium_path() -> str:
    path = shutil.which("chromium") or shutil.which("chromium-browser")
    if path is None:
        pytest.fail("Debian's chromium is not installed; `make browser-deps` installs it")
    return path


@contextlib.contextmanager
def chromium_page(*, offline: bool = False, width: int = 1280, height: int = 900) -> Iterator[Any]:
    """A Playwright page in headless Chromium. ``offline=True`` blocks every non-file, non-data request
    and records it on ``page.blocked_requests``."""
    from playwright.sync_api import sync_playwright

    with sync_playwright() as pw:
        browser = pw.chromium.launch(executable_path=chromium_path(), args=CHROMIUM_ARGS, headless=True)
        try:
            context = browser.new_context(viewport={"width": width, "height": height})
            page = context.new_page()
            page.blocked_requests = []
            if offline:

                def guard(route: Any) -> None:
                    url = route.request.url
                    if url.startswith(("data:", "blob:", "about:")):
                        route.continue_()
                    else:
                        page.blocked_requests.append(url)
                        route.abort()

                context.route("**/*", guard)
            yield page
        finally:
            browser.close()


def artifact(name: str) -> Path:
    ARTIFACTS.mkdir(exist_ok=True)
    return ARTIFACTS / name


def assert_not_blank(png: Path, *, min_colors: int = 8) -> None:
    """A screenshot that is one flat colour (or nearly) means nothing rendered."""
    from PIL import Image

    with Image.open(png) as img:
        colors = img.convert("RGB").getcolors(maxcolors=1_000_000) or []
    distinct = len(colors)
    assert distinct >= min_colors, f"{png} looks blank: only {distinct} distinct colours"
    dominant = max(count for count, _ in colors)
    total = sum(count for count, _ in colors)
    assert dominant / total < 0.995, f"{png} looks blank: {dominant / total:.1%} of pixels are one colour"
