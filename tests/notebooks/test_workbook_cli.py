"""`archkit workbook`: argument translation, exit codes, and failures that name the notebook and cell."""

from __future__ import annotations

import nbformat
import pytest

from archkit.cli import build_parser, main
from archkit.workbook import runner
from archkit.workbook.build import notebook

pytestmark = pytest.mark.xdist_group("workbook")


def test_parser_translates_arguments() -> None:
    args = build_parser().parse_args(
        ["workbook", "--model", "m.yaml", "--out", "x", "--only", "03", "--cell-timeout", "9"]
    )
    assert (args.model, args.out, args.only, args.cell_timeout) == ("m.yaml", "x", "03", 9.0)
    assert args.timeout == runner.TOTAL_TIMEOUT_S and args.no_html is False


def test_defaults() -> None:
    args = build_parser().parse_args(["workbook"])
    assert (args.model, args.out, args.only) == (None, "exports", None)


def test_missing_model_exits_2_in_one_line(tmp_path, capsys) -> None:
    assert main(["workbook", "--model", str(tmp_path / "nope.yaml"), "--out", str(tmp_path / "o")]) == 2
    err = capsys.readouterr().err.strip().splitlines()
    assert err == [f"{tmp_path / 'nope.yaml'}: no such file"]
    assert not (tmp_path / "o").exists()


def test_unknown_notebook_exits_2(minimal_model, tmp_path, capsys) -> None:
    assert main(["workbook", "--model", str(minimal_model), "--out", str(tmp_path / "o"), "--only", "42"]) == 2
    assert "archkit workbook: no notebook '42'; choose from: 00, 01" in capsys.readouterr().err


def test_bad_timeout_exits_2(minimal_model, capsys) -> None:
    assert main(["workbook", "--model", str(minimal_model), "--timeout", "0"]) == 2
    assert "timeouts must be positive" in capsys.readouterr().err


def broken_notebooks(folder, source: str):
    """A notebooks folder whose 00_start runs ``source`` after the real parameters cells."""
    folder.mkdir()
    nb = notebook("00_start")
    nb.cells = [*nb.cells[:3], nbformat.v4.new_code_cell(source, id="boom")]
    nbformat.write(nb, str(folder / "00_start.ipynb"))
    return folder


@pytest.mark.slow
def test_failed_cell_is_named_and_the_notebook_kept(minimal_model, tmp_path, monkeypatch, capsys) -> None:
    folder = broken_notebooks(tmp_path / "nb", 'raise ValueError("boom in the model")')
    monkeypatch.setattr(runner, "notebooks_dir", lambda: folder)
    out = tmp_path / "out"
    code = main(["workbook", "--model", str(minimal_model), "--out", str(out), "--only", "00", "-q"])
    err = capsys.readouterr().err.strip().splitlines()
    assert code == 2
    assert len(err) == 1
    assert err[0].startswith("archkit workbook: 00_start: cell 4 [")
    assert "ValueError: boom in the model; failed notebook kept at" in err[0]
    kept = nbformat.read(str(out / "notebooks" / "00_start.ipynb"), as_version=4)
    assert any(o.output_type == "error" for c in kept.cells for o in c.get("outputs", []))


@pytest.mark.slow
def test_cell_timeout_is_named(minimal_model, tmp_path, monkeypatch) -> None:
    folder = broken_notebooks(tmp_path / "nb", "import time\ntime.sleep(60)")
    monkeypatch.setattr(runner, "notebooks_dir", lambda: folder)
    with pytest.raises(runner.WorkbookError, match=r"^00_start: cell 4 failed: .*Timeout"):
        runner.run_workbook(minimal_model, tmp_path / "out", "00", cell_timeout=3, progress=None)


@pytest.mark.slow
def test_outer_timeout_stops_the_run_without_process_wide_side_effects(minimal_model, tmp_path, monkeypatch) -> None:
    """The total time bounds nbclient's own per-cell timeout; the runner installs no signal handler
    and leaves os.environ alone (the kernel gets its environment passed), so it is safe to call
    from a notebook, a thread or a test."""
    import os
    import signal

    folder = broken_notebooks(tmp_path / "nb", "import time\ntime.sleep(60)")
    monkeypatch.setattr(runner, "notebooks_dir", lambda: folder)
    environ, handler = dict(os.environ), signal.getsignal(signal.SIGALRM)
    seen: list[object] = []
    monkeypatch.setattr(signal, "signal", lambda *a: seen.append(a))  # any handler installed is recorded
    with pytest.raises(runner.WorkbookError, match=r"^00_start: cell 4 failed: CellTimeoutError"):
        runner.run_workbook(minimal_model, tmp_path / "out", "00", total_timeout=8, progress=None)
    assert dict(os.environ) == environ
    assert signal.getsignal(signal.SIGALRM) == handler and seen == []


@pytest.mark.slow
def test_progress_lines_and_only(minimal_model, tmp_path, capsys) -> None:
    assert (
        main(["workbook", "--model", str(minimal_model), "--out", str(tmp_path / "o"), "--only", "01", "--no-html"])
        == 0
    )
    err = capsys.readouterr().err
    assert "[1/1] 01_requirements ..." in err and "[1/1] 01_requirements ok (" in err
    assert sorted(p.name for p in (tmp_path / "o" / "notebooks").iterdir()) == ["01_requirements.ipynb"]


@pytest.mark.slow
def test_a_stuck_kernel_gets_one_fresh_try(minimal_model, tmp_path, monkeypatch) -> None:
    # The cell hangs the first time only (as a kernel that lost a reply would look), then passes.
    source = "import pathlib, time\nfirst = pathlib.Path(output_dir) / 'first-try'\nfirst.exists() or first.touch() or time.sleep(60)"
    folder = broken_notebooks(tmp_path / "nb", source)
    monkeypatch.setattr(runner, "notebooks_dir", lambda: folder)
    lines: list[str] = []
    written = runner.run_workbook(
        minimal_model, tmp_path / "out", "00", cell_timeout=4, html=False, progress=lines.append
    )
    assert written == [tmp_path / "out" / "notebooks" / "00_start.ipynb"]
    assert any(
        ln.startswith("[1/1] 00_start: cell 4 failed: CellTimeoutError")
        and ln.endswith("retrying once with a fresh kernel")
        for ln in lines
    ), lines
    assert lines[-2].startswith("[1/1] 00_start ok (")
