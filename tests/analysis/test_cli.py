"""archkit analyze: argument translation, output formats and exit codes."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from archkit.cli import main

ROOT = Path(__file__).resolve().parents[2]
CHECKOUT = str(ROOT / "examples" / "checkout.yaml")


def test_json_output(capsys: pytest.CaptureFixture[str]):
    assert main(["analyze", CHECKOUT, "--format", "json"]) == 0
    data = json.loads(capsys.readouterr().out)
    assert data["components"]["cart-service"]["rps"] == pytest.approx(520)
    assert data["bottleneck"] == "cart-service"
    assert data["parameters"] == {"traffic_factor": 1.0, "without": [], "replicas": {}, "target_utilization": 0.7}


def test_what_if_arguments_reach_the_analysis(capsys: pytest.CaptureFixture[str]):
    args = ["analyze", CHECKOUT, "--format", "json", "--traffic-factor", "2", "--without", "cart-store"]
    assert main([*args, "--replicas", "cart-service=6"]) == 0
    data = json.loads(capsys.readouterr().out)
    assert data["parameters"]["traffic_factor"] == 2.0
    assert data["parameters"]["without"] == ["cart-store"]
    assert data["components"]["cart-store"]["status"] == "down"
    assert data["components"]["cart-service"]["replicas"] == 6
    assert data["components"]["cart-service"]["rps"] == pytest.approx(1040)


def test_text_output_and_out_file(tmp_path: Path, capsys: pytest.CaptureFixture[str]):
    out = tmp_path / "analysis.txt"
    assert main(["analyze", CHECKOUT, "--out", str(out)]) == 0
    text = out.read_text()
    assert text.startswith("Checkout: 800 rps from clients")
    assert "journeys (end to end along synchronous calls)" in text
    assert "wrote" in capsys.readouterr().err


@pytest.mark.parametrize(
    ("extra", "message"),
    [
        (["--without", "cart-servce"], "--without: unknown component 'cart-servce' (did you mean 'cart-service'?)"),
        (["--replicas", "cart-service=0"], "--replicas: expected ID=N with N >= 1, not 'cart-service=0'"),
        (["--replicas", "kart-service=2"], "did you mean 'cart-service'?"),
        (["--traffic-factor", "-1"], "--traffic-factor must be >= 0"),
        (["--target-utilization", "1.5"], "--target-utilization must be in (0, 1]"),
    ],
)
def test_usage_errors_exit_2_with_one_line(extra: list[str], message: str, capsys: pytest.CaptureFixture[str]):
    assert main(["analyze", CHECKOUT, *extra]) == 2
    captured = capsys.readouterr()
    assert captured.out == ""
    assert message in captured.err
    assert len(captured.err.strip().splitlines()) == 1


def test_sync_cycle_exits_2_naming_file_line_and_cycle(tmp_path: Path, capsys: pytest.CaptureFixture[str]):
    path = tmp_path / "cycle.yaml"
    path.write_text(
        "archkit: 1\nname: c\ncomponents:\n  - {id: app, kind: client}\n  - {id: a, kind: service}\n"
        "  - {id: b, kind: service}\nlinks:\n  - {from: app, to: a}\n  - {from: a, to: b}\n  - {from: b, to: a}\n"
    )
    assert main(["analyze", str(path)]) == 2
    err = capsys.readouterr().err.strip()
    assert err.startswith(f"{path}:9: links[1]: synchronous calls form a cycle: a → b → a")
    assert "Traceback" not in err


def test_missing_file_exits_2(tmp_path: Path, capsys: pytest.CaptureFixture[str]):
    assert main(["analyze", str(tmp_path / "nope.yaml")]) == 2
    assert "no such file" in capsys.readouterr().err
