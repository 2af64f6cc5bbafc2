"""Properties that hold for any (generated) model: linear load, bounded figures, strict JSON."""

from __future__ import annotations

import json

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

import archkit
from archkit.analysis import analyze
from benchmarks.generate import generate


@settings(max_examples=15, deadline=None)
@given(n=st.integers(8, 60), seed=st.integers(0, 10_000), factor=st.floats(0.1, 20))
def test_generated_models(n: int, seed: int, factor: float):
    arch = archkit.loads(generate(n, 2 * n, seed), "generated.yaml")
    base, scaled = analyze(arch), analyze(arch, traffic_factor=factor)
    json.dumps(scaled.to_dict(), allow_nan=False)  # never NaN or infinity in the output
    for cid, c in base.components.items():
        assert scaled.components[cid].rps == pytest.approx(factor * c.rps, rel=1e-9, abs=1e-9)
        if c.utilization is not None:
            assert scaled.components[cid].utilization == pytest.approx(factor * c.utilization, rel=1e-9, abs=1e-12)
            assert (scaled.components[cid].status == "saturated") == (factor * c.utilization >= 1.0 - 1e-12) or (
                abs(factor * c.utilization - 1.0) < 1e-9
            )
        assert 0.0 <= c.availability <= 100.0
        assert c.replicas_needed >= 1 and c.replicas_needed_n_plus_1 >= c.replicas_needed
    if base.max_rps is not None:
        assert scaled.max_rps == pytest.approx(base.max_rps, rel=1e-9)
    for j in scaled.journeys.values():
        assert 0.0 <= j.availability <= 100.0
        if j.latency_mean is not None:
            assert j.latency_p99 is not None and j.latency_mean <= j.latency_p99 * 1.001
        else:
            assert j.saturated
