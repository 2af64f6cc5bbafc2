"""Generate large, valid, realistic-shaped models for benchmarks and stress tests.

``generate(n_components, n_links, seed)`` returns YAML text: a few clients and gateways in
front of layers of services, with stores, caches and queues behind them, spread over
boundaries. Links only go from a layer to a later one, so synchronous calls never cycle.
"""

from __future__ import annotations

import random
import sys

LAYERS = (
    ("client", 0.01),
    ("gateway", 0.01),
    ("service", 0.50),
    ("worker", 0.08),
    ("cache", 0.08),
    ("queue", 0.06),
    ("database", 0.20),
    ("object_store", 0.03),
    ("external", 0.03),
)
TRUST = ("public", "dmz", "internal", "restricted")


def generate(n_components: int = 2000, n_links: int = 5000, seed: int = 1, boundaries: int = 8) -> str:
    rng = random.Random(seed)
    ids_by_layer: list[list[str]] = []
    lines = [
        "archkit: 1",
        f"name: Generated {n_components}/{n_links}",
        "requirements:",
        "  peak_rps: 5000",
        "  latency_p99_ms: 800",
        "  availability: 99.9",
        "boundaries:",
    ]
    for b in range(boundaries):
        lines.append(f"  - {{id: b{b}, name: Zone {b}, trust: {TRUST[min(b, 3)]}}}")
    lines.append("components:")
    made = 0
    for layer, (kind, share) in enumerate(LAYERS):
        count = max(1, round(n_components * share)) if layer < len(LAYERS) - 1 else max(1, n_components - made)
        count = min(count, max(1, n_components - made))
        ids = []
        for i in range(count):
            cid = f"{kind.replace('_', '-')}-{i}"
            boundary = "b0" if kind == "client" else f"b{rng.randrange(1, boundaries)}"
            extra = ""
            if kind not in ("client", "external"):
                extra = f", replicas: {rng.choice((1, 2, 3))}, concurrency: {rng.choice((4, 8, 16))}"
                extra += f", service_time_ms: {rng.choice((1, 2, 5, 10))}"
            lines.append(f"  - {{id: {cid}, kind: {kind}, boundary: {boundary}{extra}}}")
            ids.append(cid)
        ids_by_layer.append(ids)
        made += count
    lines.append("links:")
    seen: set[tuple[str, str]] = set()
    attempts = 0
    while len(seen) < n_links and attempts < n_links * 20:
        attempts += 1
        a = rng.randrange(0, len(LAYERS) - 1)
        b = rng.randrange(a + 1, len(LAYERS))
        src, dst = rng.choice(ids_by_layer[a]), rng.choice(ids_by_layer[b])
        if (src, dst) in seen:
            continue
        seen.add((src, dst))
        kind = LAYERS[b][0]
        protocol = {"database": "sql", "cache": "redis", "queue": "amqp", "object_store": "https"}.get(kind, "grpc")
        sync = "false" if kind == "queue" else "true"
        calls = rng.choice((0.1, 0.2, 0.5)) if a > 1 else 0.05
        lines.append(f"  - {{from: {src}, to: {dst}, protocol: {protocol}, sync: {sync}, calls: {calls}}}")
    return "\n".join(lines) + "\n"


if __name__ == "__main__":
    n = int(sys.argv[1]) if len(sys.argv) > 1 else 2000
    m = int(sys.argv[2]) if len(sys.argv) > 2 else 5000
    sys.stdout.write(generate(n, m))
