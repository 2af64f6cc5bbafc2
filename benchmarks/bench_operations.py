"""Benchmark: `archkit analyze` and `archkit check` as whole processes (interpreter start, imports,
load, work, JSON out) on generated 2,000-component / 5,000-link models, without operations and
with 2,000 operations, side by side in one run.

Target (operations issue): with 2,000 operations, analyze < 2 s and check < 2 s whole process.
Run: .venv/bin/python benchmarks/bench_operations.py  (results go in docs/benchmarks.md)
"""

from __future__ import annotations

import os
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from benchmarks.generate import generate

RUNS = 3


def whole_process(args: list[str]) -> list[float]:
    times = []
    for _ in range(RUNS):
        start = time.perf_counter()
        done = subprocess.run([sys.executable, "-m", "archkit", *args], capture_output=True, text=True)
        times.append(time.perf_counter() - start)
        if done.returncode not in (0, 1):  # 1: findings (check)
            raise SystemExit(f"archkit {' '.join(args)} failed ({done.returncode}): {done.stderr[-2000:]}")
    return times


def main() -> None:
    with tempfile.TemporaryDirectory() as tmp:
        models = {}
        for label, ops in (("no operations", 0), ("2,000 operations", 2000)):
            path = Path(tmp) / f"ops-{ops}.yaml"
            path.write_text(generate(2000, 5000, seed=1, n_operations=ops), encoding="utf-8")
            models[label] = path
        print(f"load average {os.getloadavg()[0]:.1f} before measuring; best and median of {RUNS} runs")
        for command in ("validate", "analyze", "check"):
            for label, path in models.items():
                extra = ["--format", "json"] if command != "validate" else []
                runs = whole_process([command, str(path), *extra])
                print(
                    f"  archkit {command:8s} {label:17s}: best {min(runs):.2f} s, median {statistics.median(runs):.2f} s"
                )


if __name__ == "__main__":
    main()
