"""Charts of an analysis: matplotlib Figures with the right bars, lines and labels; PNGs that show something."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

import pytest

from archkit.analysis import analyze
from archkit.render.charts import availability_chart, latency_chart, utilization_chart
from tests.browser import artifact, assert_not_blank

from .helpers import model
from .test_load import SHOP

ROOT = Path(__file__).resolve().parents[2]


def _texts(fig) -> list[str]:
    return [t.get_text() for ax in fig.axes for t in ax.texts]


def test_utilization_chart_bars_colors_and_lines():
    fig = utilization_chart(analyze(SHOP))
    (ax,) = fig.axes
    labels = [t.get_text() for t in ax.get_yticklabels()]
    # capacity-limited components only, busiest at the top (matplotlib draws bottom-up)
    assert labels[-1] == "worker" and set(labels) == {"gw", "api", "cache", "db", "q", "worker"}
    assert "100%" in _texts(fig)
    assert sorted(line.get_xdata()[0] for line in ax.lines) == [0.7, 1.0]
    assert "bottleneck worker" in ax.get_title(loc="left")
    path = artifact("analysis-utilization.png")
    fig.savefig(path)
    assert_not_blank(path)


def test_latency_chart_marks_target_and_saturation():
    ok = model(
        "  - {id: app, kind: client}\n  - {id: api, kind: service, service_time_ms: 10, replicas: 2}\n",
        "  - {from: app, to: api}\n",
        "{peak_rps: 50, latency_p99_ms: 120}",
    )
    fig = latency_chart(analyze(ok))
    (ax,) = fig.axes
    assert [line.get_xdata()[0] for line in ax.lines] == [120]
    assert len(ax.patches) == 2  # mean and p99 bars
    assert any(t.endswith(" ms") for t in _texts(fig))
    saturated = latency_chart(analyze(ok, traffic_factor=10))
    assert "saturated: no steady state" in _texts(saturated)
    path = artifact("analysis-latency.png")
    fig.savefig(path)
    assert_not_blank(path)


def test_availability_chart_shows_downtime_against_allowance():
    arch = model(
        "  - {id: app, kind: client}\n  - {id: api, kind: service, availability: 99.9}\n",
        "  - {from: app, to: api}\n",
        "{peak_rps: 10, availability: 99.95}",
    )
    fig = availability_chart(analyze(arch))
    (ax,) = fig.axes
    assert ax.patches[0].get_width() == pytest.approx(0.001 * 730 * 60)
    assert ax.lines[0].get_xdata()[0] == pytest.approx(0.0005 * 730 * 60)
    assert "99.900% · 43.8 min" in _texts(fig)
    path = artifact("analysis-availability.png")
    fig.savefig(path)
    assert_not_blank(path)


def test_charts_of_a_model_without_clients_say_so():
    empty = analyze(model("  - {id: api, kind: service}\n"))
    assert "no clients in the model" in _texts(latency_chart(empty))
    assert "no clients in the model" in _texts(availability_chart(empty))
    assert "no capacity-limited component" in _texts(utilization_chart(analyze(model("  - {id: app, kind: client}\n"))))


def test_the_pure_core_does_not_import_matplotlib_or_pandas():
    code = (
        "import sys, archkit, archkit.analysis; print(sorted(m for m in ('matplotlib', 'pandas') if m in sys.modules))"
    )
    out = subprocess.run([sys.executable, "-c", code], cwd=ROOT, capture_output=True, text=True, check=True)
    assert out.stdout.strip() == "[]"
