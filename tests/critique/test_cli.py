"""archkit critique FILE: argument translation, output formats and exit codes."""

from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path

import pytest

from archkit.cli import main
from tests.critique.conftest import FAKE_KEY
from tests.critique.server import MessagesServer, error_reply, tool_reply
from tests.critique.test_critique import GOOD

ROOT = Path(__file__).resolve().parents[2]


@pytest.fixture(autouse=True)
def without_rules_and_analysis(monkeypatch: pytest.MonkeyPatch) -> None:
    """Keep the CLI tests about the CLI: no rule findings or analysis (tested in test_critique)."""
    from types import SimpleNamespace

    import archkit.analysis
    import archkit.rules

    monkeypatch.setattr(archkit.rules, "check", lambda arch: SimpleNamespace(findings=()))
    monkeypatch.setattr(archkit.analysis, "analyze", lambda arch: SimpleNamespace(to_dict=lambda: {}))


def test_json_output(model_file: Path, server: MessagesServer, capsys: pytest.CaptureFixture[str]) -> None:
    server.push(tool_reply(GOOD))
    assert main(["critique", str(model_file), "--format", "json"]) == 0
    out = json.loads(capsys.readouterr().out)
    assert out["source"] == "llm" and out["system"] == "Orders" and out["cached"] is False
    assert [p["cites"] for p in out["points"]] == [["orders-db"], ["orders-api->cache", "FR1"]]
    assert out["usage"]["input_tokens"] == 1000


def test_text_output_and_cache_notice(
    model_file: Path, server: MessagesServer, capsys: pytest.CaptureFixture[str]
) -> None:
    server.push(tool_reply(GOOD))
    assert main(["critique", str(model_file)]) == 0
    first = capsys.readouterr()
    assert first.out.startswith("LLM critique of Orders (claude-sonnet-5-5)\n\n1. [high] reliability - orders-db\n")
    assert first.err == ""
    assert main(["critique", str(model_file)]) == 0
    second = capsys.readouterr()
    assert second.out.startswith("LLM critique of Orders (claude-sonnet-5-5, cached)")
    assert second.err == "archkit critique: served from the cache (--no-cache to ask again)\n"
    assert len(server.requests) == 1
    server.push(tool_reply(GOOD))
    assert main(["critique", str(model_file), "--no-cache"]) == 0
    third = capsys.readouterr()
    assert third.out.startswith("LLM critique of Orders (claude-sonnet-5-5)\n") and third.err == ""
    assert len(server.requests) == 2


def test_markdown_output_no_cache_model_focus(
    model_file: Path, server: MessagesServer, capsys: pytest.CaptureFixture[str]
) -> None:
    server.push(tool_reply(GOOD), tool_reply(GOOD, model="claude-opus-5-5"))
    assert main(["critique", str(model_file), "--format", "markdown"]) == 0
    capsys.readouterr()
    args = ["critique", str(model_file), "--format", "markdown", "--no-cache", "--model", "claude-opus-5-5"]
    assert main([*args, "--focus", "data consistency"]) == 0
    out = capsys.readouterr().out
    assert out.startswith("## LLM critique: Orders\n")
    assert "| 1 | high | reliability | orders-db |" in out
    assert len(server.requests) == 2
    body = server.requests[1].body
    assert body["model"] == "claude-opus-5-5"
    assert "<focus>\ndata consistency\n</focus>" in body["messages"][0]["content"]


def test_without_key_one_line_and_exit_2(model_file: Path, clean_env: Path, capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["critique", str(model_file)]) == 2
    err = capsys.readouterr()
    assert err.out == ""
    assert err.err == (
        "archkit critique: the LLM critique needs an API key: set ANTHROPIC_API_KEY in the environment "
        "(it is never stored)\n"
    )


def test_api_error_one_line_and_exit_2(
    model_file: Path, server: MessagesServer, capsys: pytest.CaptureFixture[str]
) -> None:
    server.push(error_reply(401, "authentication_error", "invalid x-api-key"))
    assert main(["critique", str(model_file)]) == 2
    captured = capsys.readouterr()
    assert captured.out == ""
    assert captured.err == (
        "archkit critique: the API rejected the key (401 authentication error): check ANTHROPIC_API_KEY\n"
    )


def test_bad_timeout_and_bad_model_file(model_file: Path, clean_env: Path, capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["critique", str(model_file), "--timeout", "0"]) == 2
    assert capsys.readouterr().err == "archkit critique: --timeout must be a positive number of seconds, not 0\n"
    bad = clean_env / "bad.yaml"
    bad.write_text("archkit: 1\nname: X\ncomponents:\n  - {id: a, kind: servce}\n", encoding="utf-8")
    assert main(["critique", str(bad)]) == 2
    assert capsys.readouterr().err.startswith(f"{bad}:4: components[0].kind")


def test_console_script_prints_no_traceback(model_file: Path, server: MessagesServer) -> None:
    """The real process: 500s until giving up gives one line on stderr, exit 2."""
    server.push(*[error_reply(500, "api_error", "boom")] * 3)
    proc = subprocess.run(
        [sys.executable, "-c", "from archkit.cli import run; run()", "critique", str(model_file), "--no-cache"],
        capture_output=True,
        text=True,
        cwd=model_file.parent,
        env={**os.environ, "PYTHONPATH": str(ROOT)},
        timeout=60,
    )
    assert proc.returncode == 2
    assert proc.stdout == ""
    assert proc.stderr == (
        "archkit critique: the API failed with a server error (500) after 3 attempts; try again later\n"
    )
    assert FAKE_KEY not in proc.stderr
