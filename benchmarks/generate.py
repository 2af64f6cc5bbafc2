"""Generate large, valid, realistic-shaped models for benchmarks and stress tests.

``generate(n_components, n_links, seed, n_operations)`` returns YAML text: a few clients and
gateways in front of layers of services, with stores, caches and queues behind them, spread
over boundaries. Links only go from a layer to a later one, so synchronous calls never cycle.
With ``n_operations``, gateways and services are given that many operations in all (shares
summing to 1); their steps use every outgoing link, name an operation of the target when it
has some, and a few are optional or carry their own timeout.
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


def generate(
    n_components: int = 2000, n_links: int = 5000, seed: int = 1, boundaries: int = 8, n_operations: int = 0
) -> str:
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
    component_lines: list[tuple[str, str]] = []  # (id, the flow-mapping text without its closing brace)
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
            component_lines.append((cid, f"  - {{id: {cid}, kind: {kind}, boundary: {boundary}{extra}"))
            ids.append(cid)
        ids_by_layer.append(ids)
        made += count
    link_lines: list[str] = []
    seen: dict[tuple[str, str], None] = {}
    attempts = 0
    while len(seen) < n_links and attempts < n_links * 20:
        attempts += 1
        a = rng.randrange(0, len(LAYERS) - 1)
        b = rng.randrange(a + 1, len(LAYERS))
        src, dst = rng.choice(ids_by_layer[a]), rng.choice(ids_by_layer[b])
        if (src, dst) in seen:
            continue
        seen[(src, dst)] = None
        kind = LAYERS[b][0]
        protocol = {"database": "sql", "cache": "redis", "queue": "amqp", "object_store": "https"}.get(kind, "grpc")
        sync = "false" if kind == "queue" else "true"
        calls = rng.choice((0.1, 0.2, 0.5)) if a > 1 else 0.05
        link_lines.append(f"  - {{from: {src}, to: {dst}, protocol: {protocol}, sync: {sync}, calls: {calls}}}")
    operations = _operations(rng, [cid for cid, _ in component_lines], list(seen), n_operations)
    for cid, text in component_lines:
        lines.append(text + (f", operations: [{', '.join(operations[cid])}]}}" if cid in operations else "}"))
    lines.append("links:")
    lines.extend(link_lines)
    return "\n".join(lines) + "\n"


def _operations(rng: random.Random, ids: list[str], links: list[tuple[str, str]], total: int) -> dict[str, list[str]]:
    """``total`` operations over the gateways and services (later layers first, so a step can name
    an operation of its target), as YAML flow mappings per component."""
    hosts = [cid for cid in ids if cid.startswith(("gateway-", "service-"))]
    if not total or not hosts:
        return {}
    count = {cid: total // len(hosts) + (1 if i < total % len(hosts) else 0) for i, cid in enumerate(hosts)}
    out_links: dict[str, list[str]] = {}
    for src, dst in links:
        out_links.setdefault(src, []).append(dst)
    names: dict[str, list[str]] = {}
    out: dict[str, list[str]] = {}
    for cid in reversed(hosts):  # services before gateways: targets are named before their callers
        k = count[cid]
        if k == 0:
            continue
        names[cid] = [f"op{j}" for j in range(k)]
        shares = [round(1.0 / k, 6)] * (k - 1)
        shares.append(round(1.0 - sum(shares), 6))
        targets = out_links.get(cid, [])
        steps: list[list[str]] = [[] for _ in range(k)]
        for n, dst in enumerate(targets):  # every link carries some operation's traffic
            for j in {n % k, rng.randrange(k)}:
                extra = f", op: {rng.choice(names[dst])}" if dst in names else ""
                if rng.random() < 0.1:
                    extra += ", optional: true"
                if rng.random() < 0.3:
                    extra += f", timeout_ms: {rng.choice((50, 100, 250))}"
                steps[j].append(f"{{to: {dst}{extra}}}")
        out[cid] = [f"{{id: op{j}, share: {shares[j]}, steps: [{', '.join(steps[j])}]}}" for j in range(k)]
    return out


if __name__ == "__main__":
    n = int(sys.argv[1]) if len(sys.argv) > 1 else 2000
    m = int(sys.argv[2]) if len(sys.argv) > 2 else 5000
    ops = int(sys.argv[3]) if len(sys.argv) > 3 else 0
    sys.stdout.write(generate(n, m, n_operations=ops))
