"""The bundled examples: the analysis reproduces the figures their comments state, and they hold at peak."""

from __future__ import annotations

from pathlib import Path

import pytest

import archkit
from archkit.analysis import analyze

ROOT = Path(__file__).resolve().parents[2]
EXAMPLES = sorted((ROOT / "examples").glob("*.yaml"))

# (example, component) -> (rps, utilization) as written in the example's own comments.
ANNOTATED = {
    ("checkout", "cart-service"): (520, 0.26),
    ("checkout", "checkout-service"): (40, 0.10),
    ("checkout", "inventory-service"): (356, 0.24),
    ("checkout", "order-service"): (200, 0.25),
    ("checkout", "orders-db"): (400, 0.04),
    ("checkout", "email-worker"): (40, 0.15),
    ("social-sharing", "share-api"): (180, 0.23),
    ("social-sharing", "feed-service"): (840, 0.21),
    ("social-sharing", "follow-service"): (120, 0.15),
    ("social-sharing", "media-service"): (60, 0.30),
    ("social-sharing", "fanout-worker"): (180, 0.45),
}


@pytest.mark.parametrize(("example", "component"), sorted(ANNOTATED))
def test_annotated_figures(example: str, component: str):
    path = ROOT / "examples" / f"{example}.yaml"
    c = analyze(archkit.load(path)).components[component]
    rps, utilization = ANNOTATED[(example, component)]
    assert c.rps == pytest.approx(rps, rel=2e-3)  # retries add ~0.01%
    assert c.utilization == pytest.approx(utilization, abs=0.0051)  # comments round to whole percent


@pytest.mark.parametrize("path", EXAMPLES, ids=[p.stem for p in EXAMPLES])
def test_examples_are_sound_at_peak(path: Path):
    arch = archkit.load(path)
    r = analyze(arch)
    assert r.saturated() == []
    assert r.max_rps is not None and r.max_rps > r.total_rps
    assert r.bottleneck in r.components
    for j in r.journeys.values():
        assert j.latency_mean is not None and j.latency_p99 is not None
        assert 0 < j.latency_mean < j.latency_p99
        assert 0 < j.availability <= 100
    # Every component the clients reach carries load; nothing gets negative or NaN traffic.
    assert all(c.rps >= 0 for c in r.components.values())
    # The same numbers come out for the same model (no randomness).
    assert analyze(arch).to_dict() == r.to_dict()


def test_social_sharing_cache_outage_moves_reads_to_posts_db():
    path = ROOT / "examples" / "social-sharing.yaml"
    arch = archkit.load(path)
    base, outage = analyze(arch), analyze(arch, without=["feed-cache"])
    # 840 feed reads/s hit the cache; 8% miss to posts-db. Without the cache all 840 go to posts-db.
    assert base.components["posts-db"].rps == pytest.approx(180 * 2 + 840 * 0.08 + 0, rel=0.05)
    assert outage.components["posts-db"].rps - base.components["posts-db"].rps == pytest.approx(840 * 0.92, rel=1e-3)
