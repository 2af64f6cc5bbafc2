"""The CLI: argument translation, exit codes, no tracebacks for bad input."""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

import pytest

import archkit
from archkit.cli import main

ROOT = Path(__file__).resolve().parents[2]


def run_cli(*args: str, env: dict[str, str] | None = None) -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        [sys.executable, "-m", "archkit", *args],
        capture_output=True,
        text=True,
        cwd=ROOT,
        env={**os.environ, **(env or {})},
        timeout=60,
    )


def test_version(capsys: pytest.CaptureFixture[str]) -> None:
    with pytest.raises(SystemExit) as exited:
        main(["--version"])
    assert exited.value.code == 0
    assert capsys.readouterr().out.strip() == f"archkit {archkit.__version__}"


def test_validate_valid_prints_summary(minimal_model: Path, capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["validate", str(minimal_model)]) == 0
    out = capsys.readouterr().out
    assert out.splitlines()[0] == f"{minimal_model}: valid"
    assert "Minimal: 2 components, 1 links, 0 boundaries" in out


def test_validate_defaults_to_the_bundled_example(capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["validate"]) == 0
    assert "social-sharing.yaml: valid" in capsys.readouterr().out


def test_validate_bad_file_one_line_per_problem_exit_2(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    bad = tmp_path / "bad.yaml"
    bad.write_text(
        "archkit: 1\nname: x\ncomponents:\n  - {id: a, kind: servce}\n  - {id: b, kind: service, replicas: -1}\n"
    )
    assert main(["validate", str(bad)]) == 2
    err = capsys.readouterr().err.splitlines()
    assert err == [
        f"{bad}:4: components[0].kind: 'servce' is not a valid kind (did you mean 'service'?); choose from: "
        "client, cdn, dns, load_balancer, gateway, service, function, worker, database, cache, queue, stream, "
        "object_store, search, identity, secrets, monitoring, external",
        f"{bad}:5: components[1].replicas: must be > 0, got -1",
    ]


def test_no_traceback_in_a_real_process(tmp_path: Path) -> None:
    bad = tmp_path / "bad.yaml"
    bad.write_bytes(b"archkit: 1\nname: \xff\xfe\n")
    result = run_cli("validate", str(bad))
    assert result.returncode == 2
    assert "Traceback" not in result.stderr
    assert result.stderr.strip() == f"{bad}:2: not UTF-8 text (byte 0xff at offset 17); save the file as UTF-8"


def test_archkit_debug_shows_traceback_for_internal_errors(monkeypatch: pytest.MonkeyPatch) -> None:
    from archkit.cli import validate_cmd

    def boom(args: object) -> int:
        raise RuntimeError("bug")

    monkeypatch.setattr(validate_cmd, "load_model", boom)
    assert main(["validate"]) == 2  # one line, no traceback
    monkeypatch.setenv("ARCHKIT_DEBUG", "1")
    with pytest.raises(RuntimeError, match="bug"):
        main(["validate"])


def test_usage_errors_exit_2() -> None:
    assert run_cli("frobnicate").returncode == 2
    assert run_cli().returncode == 2


@pytest.mark.parametrize("pattern", ["monolith", "microservices", "event-driven", "serverless"])
def test_new_writes_a_valid_starter(pattern: str, tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    target = tmp_path / f"{pattern}.yaml"
    assert main(["new", "Order service", "--pattern", pattern, "--out", str(target)]) == 0
    arch = archkit.load(target)
    assert arch.name == "Order service"
    assert len(arch.components) >= 5 and arch.links


def test_new_refuses_to_overwrite_and_unknown_pattern(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    target = tmp_path / "x.yaml"
    target.write_text("keep me")
    assert main(["new", "X", "--out", str(target)]) == 2
    assert target.read_text() == "keep me"
    assert "already exists" in capsys.readouterr().err
    assert main(["new", "X", "--pattern", "microservice", "--out", str(tmp_path / "y.yaml")]) == 2
    assert "did you mean 'microservices'" in capsys.readouterr().err
    assert not (tmp_path / "y.yaml").exists()


def test_new_default_file_name_is_a_slug(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.chdir(tmp_path)
    assert main(["new", "Order Service v2", "--pattern", "monolith"]) == 0
    assert archkit.load(tmp_path / "order-service-v2.yaml").name == "Order Service v2"


def test_schema_command_prints_json_schema(capsys: pytest.CaptureFixture[str]) -> None:
    import json

    assert main(["schema"]) == 0
    schema = json.loads(capsys.readouterr().out)
    assert schema["additionalProperties"] is False
    assert "components" in schema["properties"]
