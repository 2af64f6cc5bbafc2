"""A discrete-event simulation (Ciw) of a small model agrees with the analytic mean latency."""

from __future__ import annotations

import statistics

import pytest
from scipy import stats

from archkit.analysis import analyze

from .helpers import model

ciw = pytest.importorskip("ciw")

ARCH = model(
    "  - {id: c, kind: client, rps: 60}\n"
    "  - {id: api, kind: service, replicas: 2, concurrency: 1, service_time_ms: 20}\n"
    "  - {id: db, kind: database, replicas: 1, concurrency: 1, service_time_ms: 5}\n",
    "  - {from: c, to: api}\n  - {from: api, to: db, calls: 0.5}\n",
)
HORIZON, WARM_UP, COOL_DOWN = 40_000.0, 4_000.0, 4_000.0  # ms


def _replication(seed: int) -> float:
    """Mean end-to-end time (ms) of requests that arrived in the steady-state window."""
    network = ciw.create_network(
        arrival_distributions=[ciw.dists.Exponential(rate=60 / 1000), None],
        service_distributions=[ciw.dists.Exponential(rate=1 / 20), ciw.dists.Exponential(rate=1 / 5)],
        routing=[[0.0, 0.5], [0.0, 0.0]],  # after api, half the requests call db (calls: 0.5)
        number_of_servers=[2, 1],
    )
    ciw.seed(seed)
    sim = ciw.Simulation(network)
    sim.simulate_until_max_time(HORIZON)
    spans: dict[int, list[float]] = {}
    for r in sim.get_all_records():
        first, last = spans.get(r.id_number, [r.arrival_date, r.exit_date])
        spans[r.id_number] = [min(first, r.arrival_date), max(last, r.exit_date)]
    times = [b - a for a, b in spans.values() if WARM_UP <= a <= HORIZON - COOL_DOWN]
    return statistics.fmean(times)


def test_ciw_simulation_agrees_with_the_analytic_mean_within_its_95_ci():
    analytic = analyze(ARCH).journeys["c"].latency_mean
    assert analytic is not None
    # api: M/M/2 at ρ = 0.6 -> 20 + 0.45 / (0.1 − 0.06) = 31.25 ms; db: M/M/1 at 30 rps -> 5 / 0.85 ms, half the time.
    assert analytic == pytest.approx(31.25 + 0.5 * 5 / 0.85)
    samples = [_replication(seed) for seed in range(6)]
    mean = statistics.fmean(samples)
    half_width = stats.t.ppf(0.975, len(samples) - 1) * statistics.stdev(samples) / len(samples) ** 0.5
    assert half_width < 0.1 * mean, "the simulation is too short to say anything"
    assert mean - half_width <= analytic <= mean + half_width, (analytic, mean, half_width)
