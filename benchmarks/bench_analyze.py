"""Benchmark: analyze a generated 2,000-component / 5,000-link model (load, latency, availability,
capacity, cost, text and JSON output).

Target (issue 5): under 2 s on the 2-core machine. The model is loaded once, outside the timing;
the first call (imports of numpy/scipy/networkx, caches) is reported separately.
Run: .venv/bin/python benchmarks/bench_analyze.py  (results go in docs/analysis.md)
"""

from __future__ import annotations

import json
import os
import statistics
import sys
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))
sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from generate import generate

import archkit

CPU: list[float] = []


def timed(fn) -> float:  # type: ignore[no-untyped-def]
    """Wall time of one call; its CPU time (steadier on a shared machine) goes to CPU."""
    start, cpu = time.perf_counter(), time.process_time()
    fn()
    CPU.append(time.process_time() - cpu)
    return time.perf_counter() - start


def main() -> None:
    arch = archkit.loads(generate(2000, 5000, seed=1), "generated.yaml")
    from archkit.analysis import analyze

    first = timed(lambda: analyze(arch))
    CPU.clear()
    runs = [timed(lambda: json.dumps(analyze(arch).to_dict())) for _ in range(5)]
    cpu = min(CPU)
    result = analyze(arch)
    print(f"analyze {len(arch.components)} components / {len(arch.links)} links, {len(result.journeys)} journeys:")
    print(f"  first call {first:.3f} s (imports included)")
    print(f"  best {min(runs):.3f} s, median {statistics.median(runs):.3f} s   (target < 2 s, incl. to_dict + JSON)")
    print(f"  CPU time, best {cpu:.3f} s   (load average {os.getloadavg()[0]:.1f} while measuring)")
    what_if = [timed(lambda: analyze(arch, traffic_factor=3, without=["cache-0"])) for _ in range(3)]
    print(f"  what-if (x3 traffic, a cache down): best {min(what_if):.3f} s")
    print(f"  bottleneck {result.bottleneck} at {result.max_rps:,.0f} rps total")


if __name__ == "__main__":
    main()
