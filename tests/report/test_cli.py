"""archkit report: argument translation, files written, exit codes, one-line errors."""

from __future__ import annotations

from pathlib import Path

import pytest

from archkit.cli import main
from tests.conftest import MINIMAL_MODEL

ARGS = ["--date", "2026-01-15", "--no-diagrams"]


def test_writes_both_formats_into_out(minimal_model: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    out = tmp_path / "out"
    assert main(["report", str(minimal_model), "--out", str(out), *ARGS]) == 0
    assert sorted(p.name for p in out.iterdir()) == ["minimal-design-files", "minimal-design.html", "minimal-design.md"]
    assert capsys.readouterr().out.splitlines() == [
        f"wrote {out / 'minimal-design.html'}",
        f"wrote {out / 'minimal-design.md'}",
        "wrote 3 more files beside them (pictures, decisions/)",
    ]
    assert "**Generated on:** 2026-01-15" in (out / "minimal-design.md").read_text()


def test_default_out_is_exports_in_the_current_folder(
    minimal_model: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.chdir(tmp_path)
    assert main(["report", str(minimal_model), "--format", "md", *ARGS]) == 0
    assert sorted(p.name for p in (tmp_path / "exports").iterdir()) == ["minimal-design-files", "minimal-design.md"]


@pytest.mark.parametrize(
    ("extra", "message"),
    [
        (["--format", "html,pdf"], "archkit report: --format: unknown format 'pdf'; choose from: html, md"),
        (["--format", ","], "archkit report: --format: unknown format ','; choose from: html, md"),
        (["--date", "15/01/2026"], "archkit report: --date: '15/01/2026' is not a date like 2025-01-31"),
    ],
)
def test_usage_errors_exit_2_with_one_line(
    minimal_model: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str], extra: list[str], message: str
) -> None:
    assert main(["report", str(minimal_model), "--out", str(tmp_path / "o"), *extra]) == 2
    assert capsys.readouterr().err.splitlines() == [message]
    assert not (tmp_path / "o").exists()


def test_out_that_is_a_file_is_a_usage_error(
    minimal_model: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    target = tmp_path / "taken"
    target.write_text("x")
    assert main(["report", str(minimal_model), "--out", str(target), *ARGS]) == 2
    assert capsys.readouterr().err.strip() == f"archkit report: --out: {target} exists and is not a folder"


def test_bad_model_names_file_and_line(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    bad = tmp_path / "bad.yaml"
    bad.write_text(MINIMAL_MODEL.replace("kind: service", "kind: servise"))
    assert main(["report", str(bad), "--out", str(tmp_path / "o"), *ARGS]) == 2
    err = capsys.readouterr().err
    assert err.startswith(f"{bad}:5: components[1].kind:") and "service" in err
    assert "Traceback" not in err
    assert not (tmp_path / "o").exists()


def test_critique_without_api_key_still_writes_the_report(
    minimal_model: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    monkeypatch.delenv("ANTHROPIC_API_KEY", raising=False)
    monkeypatch.chdir(tmp_path)  # no cached answer here
    assert main(["report", str(minimal_model), "--out", "o", "--format", "md", "--critique", *ARGS]) == 0
    err = capsys.readouterr().err
    assert err.startswith("archkit report: The LLM critique could not be produced: ")
    assert "ANTHROPIC_API_KEY" in err
    md = (tmp_path / "o" / "minimal-design.md").read_text()
    section = md.split("## LLM critique")[1].split("## Decisions")[0]
    assert section.strip().startswith("> **Not available:** The LLM critique could not be produced: ")
    assert "ANTHROPIC\\_API\\_KEY" in section


def test_critique_against_a_local_messages_server(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    """--critique end to end: the real SDK talks to a scripted server on 127.0.0.1 (tests/critique/server.py)."""
    from tests.critique.conftest import ENV_CLEARED, MODEL
    from tests.critique.server import MessagesServer, tool_reply
    from tests.critique.test_critique import GOOD

    for name in ENV_CLEARED:
        monkeypatch.delenv(name, raising=False)
    monkeypatch.setenv("ANTHROPIC_CONFIG_DIR", str(tmp_path / "no-config"))
    monkeypatch.chdir(tmp_path)  # the critique cache lands here
    (tmp_path / "orders.yaml").write_text(MODEL, encoding="utf-8")
    server = MessagesServer().start()
    try:
        monkeypatch.setenv("ANTHROPIC_BASE_URL", server.url)
        monkeypatch.setenv("ANTHROPIC_API_KEY", "sk-ant-test-report")
        server.push(tool_reply(GOOD))
        assert main(["report", "orders.yaml", "--out", "o", "--format", "md", "--critique", *ARGS]) == 0
    finally:
        server.stop()
    assert len(server.requests) == 1
    assert capsys.readouterr().err == ""
    md = (tmp_path / "o" / "orders-design.md").read_text()
    section = md.split("## LLM critique")[1].split("## Decisions")[0]
    assert section.lstrip().startswith("> **LLM-generated:** The points below were written by the language model")
    assert "| **high** | " in section
    assert (
        "| medium | data | `orders-api->cache`, `FR1` | Cache invalidation on order updates is unspecified. |"
        in section
    )
    questions = md.split("## Open questions")[1]
    assert "- What is the recovery point objective for orders?" in questions
    assert "sk-ant-test-report" not in md
