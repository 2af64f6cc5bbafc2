"""`archkit render` and `archkit export`: argument translation and exit codes."""

from __future__ import annotations

from pathlib import Path

import pytest

from archkit.cli import main
from archkit.render import draw
from tests.render.conftest import SMALL


@pytest.fixture
def shop(tmp_path: Path) -> Path:
    path = tmp_path / "shop.yaml"
    path.write_text(SMALL, encoding="utf-8")
    return path


def test_render_default_out_is_exports_under_cwd(
    shop: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    monkeypatch.chdir(tmp_path)
    assert main(["render", str(shop)]) == 0
    out = capsys.readouterr().out.split()
    assert out == [str(tmp_path / "exports" / "shop-system.png"), str(tmp_path / "exports" / "shop-system.svg")]


def test_render_view_format_and_out(shop: Path, tmp_path: Path) -> None:
    assert main(["render", str(shop), "--out", str(tmp_path / "d"), "--format", "svg", "--view", "journey:web"]) == 0
    assert [p.name for p in (tmp_path / "d").iterdir()] == ["shop-journey-web.svg"]


def test_render_list_views(shop: Path, capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["render", str(shop), "--list-views"]) == 0
    assert capsys.readouterr().out.splitlines()[:3] == ["system", "overview", "data"]


@pytest.mark.parametrize(
    ("args", "message"),
    [
        (["--view", "nope"], "archkit render: unknown view 'nope'; choose from: system, overview, data,"),
        (["--format", "gif"], "archkit render: unknown format 'gif'; choose from: png, svg"),
    ],
)
def test_render_usage_errors(
    shop: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str], args: list[str], message: str
) -> None:
    assert main(["render", str(shop), "--out", str(tmp_path / "o"), *args]) == 2
    err = capsys.readouterr().err
    assert err.startswith(message) and err.count("\n") == 1
    assert not (tmp_path / "o").exists()


def test_render_without_dot(
    shop: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    draw._CACHE.clear()
    monkeypatch.setenv("PATH", str(tmp_path / "empty"))
    assert main(["render", str(shop), "--out", str(tmp_path / "o")]) == 2
    err = capsys.readouterr().err
    assert err == (
        "archkit render: Graphviz 'dot' is not on PATH; install Graphviz "
        "(Debian/Ubuntu: apt-get install graphviz; macOS: brew install graphviz)\n"
    )


def test_render_bad_model(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    bad = tmp_path / "bad.yaml"
    bad.write_text("archkit: 1\nname: X\ncomponents:\n  - {id: a, kind: servce}\n", encoding="utf-8")
    assert main(["render", str(bad), "--out", str(tmp_path / "o")]) == 2
    assert capsys.readouterr().err.startswith(f"{bad}:4: components[0].kind")


def test_export_stdout_and_out(shop: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["export", str(shop), "--to", "mermaid"]) == 0
    printed = capsys.readouterr().out
    assert printed.startswith("flowchart LR\n")
    target = tmp_path / "shop.mmd"
    assert main(["export", str(shop), "--to", "mermaid", "--out", str(target)]) == 0
    assert target.read_text() == printed


def test_export_unknown_format(shop: Path, capsys: pytest.CaptureFixture[str]) -> None:
    with pytest.raises(SystemExit) as info:
        main(["export", str(shop), "--to", "png"])
    assert info.value.code == 2
    assert "invalid choice: 'png'" in capsys.readouterr().err


def test_export_drawio_without_dot(
    shop: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    monkeypatch.setenv("PATH", str(tmp_path / "empty"))
    assert main(["export", str(shop), "--to", "drawio"]) == 2
    assert "apt-get install graphviz" in capsys.readouterr().err
    assert main(["export", str(shop), "--to", "structurizr"]) == 0  # text formats need no dot
