"""The requirements form in a real JupyterLab, driven by headless Chromium: run, edit, Save, check the file."""

from __future__ import annotations

import contextlib
import os
import shutil
import socket
import subprocess
import sys
import time
import urllib.request
from collections.abc import Iterator
from pathlib import Path

import pytest

from archkit.workbook import notebooks_dir
from archkit.workbook.runner import ensure_kernel
from tests.browser import artifact, assert_not_blank, chromium_page
from tests.conftest import ROOT

pytestmark = [pytest.mark.browser, pytest.mark.slow]

TOKEN = "archkit-browser-test"
COMMENT = "# evening peak, all clients; 3x the daily average"


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return int(s.getsockname()[1])


@contextlib.contextmanager
def jupyterlab(folder: Path) -> Iterator[str]:
    """JupyterLab on 127.0.0.1 serving ``folder``; yields its base URL. Stops it (only it) afterwards."""
    ensure_kernel()
    port = free_port()
    env = {**os.environ, "PYTHONPATH": str(ROOT), "JUPYTER_PLATFORM_DIRS": "1"}
    env.pop("ANTHROPIC_API_KEY", None)
    env.pop("ARCHKIT_HEADLESS", None)
    log = (folder.parent / "jupyterlab.log").open("w")
    process = subprocess.Popen(
        [
            sys.executable,
            "-m",
            "jupyterlab",
            "--allow-root",
            "--ServerApp.open_browser=False",
            "--ServerApp.ip=127.0.0.1",
            f"--ServerApp.port={port}",
            "--ServerApp.port_retries=0",
            f"--IdentityProvider.token={TOKEN}",
            f"--ServerApp.root_dir={folder}",
            "--LabApp.expose_app_in_browser=True",
            f"--LabApp.workspaces_dir={folder.parent / 'workspaces'}",  # no tabs restored from another session
            "--LabApp.news_url=None",
            "--LabApp.check_for_updates_class=jupyterlab.NeverCheckForUpdate",
        ],
        cwd=folder,
        env=env,
        stdout=log,
        stderr=subprocess.STDOUT,
    )
    base = f"http://127.0.0.1:{port}"
    try:
        deadline = time.monotonic() + 90
        while True:
            try:
                with urllib.request.urlopen(f"{base}/api/status?token={TOKEN}", timeout=2) as response:
                    if response.status == 200:
                        break
            except OSError:
                pass
            if process.poll() is not None or time.monotonic() > deadline:
                raise AssertionError(
                    "JupyterLab did not start:\n" + (folder.parent / "jupyterlab.log").read_text()[-3000:]
                )
            time.sleep(0.5)
        yield base
    finally:
        process.terminate()
        try:
            process.wait(timeout=20)
        except subprocess.TimeoutExpired:
            process.kill()
        log.close()


def prepared_lab(tmp_path: Path, name: str) -> tuple[Path, Path]:
    """A tmp copy of the notebooks and of the example model; notebook ``name`` points at that copy."""
    import papermill

    folder = tmp_path / "lab"
    shutil.copytree(notebooks_dir(), folder)
    model = folder / "social-sharing.yaml"
    shutil.copy(ROOT / "examples" / "social-sharing.yaml", model)
    notebook = folder / f"{name}.ipynb"
    papermill.execute_notebook(
        str(notebook),
        str(notebook),
        parameters={"model_path": str(model), "output_dir": str(tmp_path / "exports")},
        prepare_only=True,
        progress_bar=False,
    )
    return folder, model


@pytest.fixture
def lab_folder(tmp_path: Path) -> tuple[Path, Path]:
    return prepared_lab(tmp_path, "01_requirements")


def run_all_when_idle(page, base: str, name: str) -> None:  # type: ignore[no-untyped-def]
    page.set_default_timeout(90_000)
    page.goto(f"{base}/lab/tree/{name}.ipynb?reset&token={TOKEN}")
    page.wait_for_selector(".jp-Notebook .jp-Cell")
    # Run only once the kernel is up: a run command sent before that is lost.
    page.wait_for_function(
        "() => { const s = document.querySelector('#jp-main-statusbar'); return s && /Idle/.test(s.textContent); }"
    )
    page.evaluate("window.jupyterapp.commands.execute('notebook:run-all-cells')")


def test_requirements_form_saves_from_the_browser(lab_folder) -> None:
    folder, model = lab_folder
    before = model.read_text(encoding="utf-8")
    assert "peak_rps: 1200 " in before
    shot = artifact("lab-01-requirements.png")
    with jupyterlab(folder) as base, chromium_page(width=1400, height=1400) as page:
        run_all_when_idle(page, base, "01_requirements")
        peak = page.locator(".archkit-peak-rps input")
        peak.wait_for(state="visible")
        peak.scroll_into_view_if_needed()
        assert peak.input_value() == "1200"
        peak.fill("1500")
        peak.press("Tab")  # ipywidgets Text syncs on change/blur
        page.locator(".archkit-save button, button.archkit-save").first.click()
        status = page.locator(".archkit-status")
        page.wait_for_function(
            "() => /saved social-sharing.yaml/.test(document.querySelector('.archkit-status')?.textContent || '')"
        )
        assert "saved" in status.text_content()
        peak.scroll_into_view_if_needed()
        page.screenshot(path=str(shot))
    after = model.read_text(encoding="utf-8")
    assert after != before
    assert "peak_rps: 1500                  " + COMMENT in after
    assert after.replace("peak_rps: 1500 ", "peak_rps: 1200 ") == before  # nothing else changed, comments kept
    assert_not_blank(shot)


def test_data_design_form_adds_a_pattern_from_the_browser(tmp_path: Path) -> None:
    folder, model = prepared_lab(tmp_path, "04_data_design")
    before = model.read_text(encoding="utf-8")
    shot = artifact("lab-04-data-design.png")
    with jupyterlab(folder) as base, chromium_page(width=1400, height=1400) as page:
        run_all_when_idle(page, base, "04_data_design")
        pattern = page.locator(".archkit-pattern input")
        pattern.wait_for(state="visible")  # the last cell ran: the proof above it finished
        page.locator(".archkit-entity-select select").select_option("post")
        pattern.fill("by-visibility")
        pattern.press("Tab")
        where = page.locator(".archkit-where input")
        where.fill("visibility=eq")
        where.press("Tab")
        rps = page.locator(".archkit-rps input")
        rps.fill("15")
        rps.press("Tab")
        page.locator("button.archkit-access-add").click()
        page.wait_for_function(
            "() => /saved social-sharing.yaml/.test(document.querySelector('.archkit-status')?.textContent || '')"
        )
        page.locator(".archkit-index-plan").scroll_into_view_if_needed()
        assert "post.by-visibility" in page.locator(".archkit-index-plan").text_content()
        page.screenshot(path=str(shot))
    after = model.read_text(encoding="utf-8")
    post = next(e for e in __import__("archkit").load(model).entities if e.id == "post")
    assert post.access[-1].id == "by-visibility" and post.access[-1].where == {"visibility": "eq"}
    assert "# WEAKNESS 5: no id tiebreaker (see header)" in after and after.startswith(before.split("entities:")[0])
    assert_not_blank(shot)


def test_operation_form_adds_an_operation_from_the_browser(tmp_path: Path) -> None:
    folder, model = prepared_lab(tmp_path, "03_api_design")
    before = model.read_text(encoding="utf-8")
    shot = artifact("lab-03-api-design.png")
    with jupyterlab(folder) as base, chromium_page(width=1400, height=1400) as page:
        run_all_when_idle(page, base, "03_api_design")
        op_id = page.locator(".archkit-id input")
        op_id.wait_for(state="visible")  # the last cell ran
        op_id.fill("read-post")
        op_id.press("Tab")
        path = page.locator(".archkit-path input")
        path.fill("/posts/{post_id}")
        path.press("Tab")
        steps = page.locator(".archkit-steps input")
        steps.fill("identity, share-api.create-post")
        steps.press("Tab")
        page.locator("button.archkit-operation-save").click()
        page.wait_for_function(
            "() => /saved social-sharing.yaml/.test(document.querySelector('.archkit-status')?.textContent || '')"
        )
        page.wait_for_function(
            "() => /gateway.read-post/.test(document.querySelector('.archkit-api-operations')?.textContent || '')"
        )
        page.locator(".archkit-api-operations").scroll_into_view_if_needed()
        page.screenshot(path=str(shot))
    after = model.read_text(encoding="utf-8")
    op = next(o for o in __import__("archkit").load(model).component("gateway").operations if o.id == "read-post")
    assert op.path == "/posts/{post_id}" and [s.target for s in op.steps] == ["identity", "share-api"]
    assert "# the app sends an Idempotency-Key, so a retried POST never posts twice" in after
    assert after.startswith(
        before.split("  # ------------------------------------------------------------------ edge")[0]
    )
    assert_not_blank(shot)
