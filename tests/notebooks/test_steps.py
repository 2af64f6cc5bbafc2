"""archkit.notebook_steps: the functions notebook cells call, outside a kernel."""

from __future__ import annotations

import json

import pytest

import archkit
from archkit import notebook_steps as steps
from tests.conftest import MINIMAL_MODEL


@pytest.fixture
def minimal():
    return archkit.loads(MINIMAL_MODEL, "minimal.yaml")


@pytest.mark.parametrize(
    ("target", "call"),
    [
        ("archkit.analysis.analyze", lambda arch, out: steps.run_analysis(arch, out)),
        ("archkit.rules.check", lambda arch, out: steps.run_review(arch, out)),
        ("archkit.render.diagram", lambda arch, out: steps.show_diagram(arch, out)),
    ],
    ids=["analysis", "review", "diagrams"],
)
def test_a_crashing_step_surfaces_never_a_quiet_gap(minimal, tmp_path, monkeypatch, target, call) -> None:
    """Every area ships in the package: a step that fails raises (a failed cell), it never
    prints 'not available' and carries on."""
    import importlib

    module, name = target.rsplit(".", 1)

    def boom(*args, **kwargs):
        raise RuntimeError(f"injected failure in {target}")

    monkeypatch.setattr(importlib.import_module(module), name, boom)
    with pytest.raises(RuntimeError, match="injected failure"):
        call(minimal, tmp_path)


def test_open_model_makes_an_absolute_output_dir(tmp_path, monkeypatch, capsys) -> None:
    (tmp_path / "m.yaml").write_text(MINIMAL_MODEL)
    monkeypatch.chdir(tmp_path)
    arch, out = steps.open_model("m.yaml", "relative/out")
    assert out == tmp_path / "relative" / "out" and out.is_dir()
    assert arch.name == "Minimal"
    assert f"model:   {tmp_path / 'm.yaml'}" in capsys.readouterr().out


def test_requirement_gaps_name_each_missing_target(minimal, capsys) -> None:
    gaps = steps.requirement_gaps(minimal)
    assert [g.split(":")[0] for g in gaps] == [
        "peak_rps",
        "latency_p99_ms",
        "availability",
        "data_volume_gb",
        "data_growth_gb_per_month",
        "consistency",
        "budget_usd_per_month",
        "functional",
    ]
    full = archkit.load(archkit.paths.example())
    assert steps.requirement_gaps(full) == []
    assert "none: every target is declared" in capsys.readouterr().out


def test_requirements_table_marks_declared_fields(minimal) -> None:
    table = steps.requirements_table(minimal).set_index("field")
    assert not table["declared"].any()
    assert table.loc["planning_horizon_months", "value"] == 12
    assert table.loc["peak_rps", "unit"] == "requests/s"


def test_review_writes_json_equal_to_the_api(minimal, tmp_path) -> None:
    review = steps.run_review(minimal, tmp_path)
    assert json.loads((tmp_path / "review.json").read_text()) == json.loads(json.dumps(review.to_dict(), default=str))
    table = steps.findings_table(review)
    rank = list(steps.SEVERITY_ORDER)
    assert [rank.index(s) for s in table["severity"]] == sorted(rank.index(s) for s in table["severity"])
    assert set(steps.findings_table(review, severity="medium")["severity"]) <= {"critical", "high", "medium"}
    assert steps.findings_table(review, component="nope").empty


def test_failure_table_finds_the_single_point_of_failure(minimal) -> None:
    table = steps.failure_table(minimal)
    assert list(table["down"]) == ["api"]
    assert table.loc[0, "broken_journeys"] == "app"
    assert table.loc[0, "min_availability_%"] == 0


def test_scenarios_scale_utilization(example_copy) -> None:
    arch = archkit.load(example_copy)
    table = steps.scenarios_table(arch, (1.0, 2.0))
    assert list(table["traffic"]) == ["x1", "x2"]
    assert table.loc[1, "utilization"] == pytest.approx(2 * table.loc[0, "utilization"], rel=0.01)


def test_analysis_tables_read_as_a_person_reads_them() -> None:
    import pandas as pd

    from archkit.notebook_steps.display import readable

    frame = pd.DataFrame(
        {
            "rps": [24.000010, 2400.0],
            "utilization": [0.45, float("nan")],
            "availability": [99.999973, 99.99],
            "latency_p99_ms": [115.12934, 4.60517],
            "usd_per_month": [652.62, 100.0],
        },
        index=pd.Index(["fanout-worker", "cdn"], name="id"),
    )
    lines = readable(frame).splitlines()
    assert lines[2].split() == ["fanout-worker", "24.0", "45.0%", "99.99997", "115.1", "$653"]
    assert lines[3].split() == ["cdn", "2,400.0", "—", "99.99", "4.6", "$100"]
    assert frame.loc["cdn", "rps"] == 2400.0  # the data itself is untouched


def test_failure_table_names_no_busiest_component_when_nothing_carries_load() -> None:
    from archkit.paths import example

    table = steps.failure_table(archkit.load(example())).set_index("down")
    assert table.loc["gateway", "broken_journeys"] == "mobile, web"
    assert table.isna().loc["gateway", "busiest"]  # every request enters through the gateway
    assert table.loc["monitoring", "busiest"] == "fanout-worker"  # telemetry down: the busiest queue is unchanged
    assert table["busiest"].isin(["mobile", "web"]).sum() == 0  # clients never count as busy
