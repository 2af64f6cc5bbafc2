"""Benchmark: load + validate a generated 2,000-component / 5,000-link model; `import archkit`.

Targets (issue 2): load under 1 s on the 2-core machine; `python -c "import archkit"` under 0.3 s.
Run: .venv/bin/python benchmarks/bench_load.py  (results go in docs/benchmarks.md)
"""

from __future__ import annotations

import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))
sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from generate import generate

import archkit
from archkit.model import load


def best_of(runs: int, fn) -> tuple[float, float]:  # type: ignore[no-untyped-def]
    times = []
    for _ in range(runs):
        start = time.perf_counter()
        fn()
        times.append(time.perf_counter() - start)
    return min(times), statistics.median(times)


def main() -> None:
    with tempfile.TemporaryDirectory() as tmp:
        path = Path(tmp) / "big.yaml"
        path.write_text(generate(2000, 5000), encoding="utf-8")
        size_kb = path.stat().st_size / 1024
        load(path)  # warm the process (schema validators, resolver cache)
        best, median = best_of(5, lambda: load(path))
        arch = load(path)
        print(f"load+validate {len(arch.components)} components / {len(arch.links)} links ({size_kb:.0f} KB):")
        print(f"  best {best:.3f} s, median {median:.3f} s   (target < 1 s)")
    cmd = [sys.executable, "-c", "import archkit"]
    subprocess.run(cmd, check=True)  # warm the OS file cache
    best, median = best_of(7, lambda: subprocess.run(cmd, check=True))
    print(f"python -c 'import archkit' (archkit {archkit.__version__}):")
    print(f"  best {best:.3f} s, median {median:.3f} s   (target < 0.3 s, interpreter start included)")


if __name__ == "__main__":
    main()
