"""Benchmark: the design document for generated models and the bundled examples.

For generated models of 50, 200 and 500 components (benchmarks/generate.py, 2 links per
component) and each example, it times ``archkit.report.report(arch, out)`` in two ways:

- ``no diagrams``: review, analysis, charts and both formats, diagrams left out;
- ``full``: everything, diagrams included (rendered by Graphviz; the renderer caches by DOT
  source, so the cache is cleared before each run).

Each figure is the best of ``--repeat`` runs (the machine is shared). Run:

    .venv/bin/python benchmarks/bench_report.py [--sizes 50,200,500] [--repeat 2]

and copy the table into docs/report.md.
"""

from __future__ import annotations

import argparse
import sys
import tempfile
import time
import warnings
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from archkit.model import load, loads
from archkit.paths import examples
from archkit.report import report
from benchmarks.generate import generate


def best(fn, repeat: int) -> float:  # type: ignore[no-untyped-def]
    times = []
    for _ in range(repeat):
        try:
            from archkit.render import draw

            draw._CACHE.clear()
        except (ImportError, AttributeError):
            pass
        start = time.perf_counter()
        fn()
        times.append(time.perf_counter() - start)
    return min(times)


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--sizes", default="50,200,500")
    parser.add_argument("--repeat", type=int, default=2)
    args = parser.parse_args()
    warnings.simplefilter("ignore")
    models = [
        (f"generated {n}", loads(generate(n, 2 * n, seed=1), f"gen{n}.yaml")) for n in map(int, args.sizes.split(","))
    ]
    models += [(p.stem, load(p)) for p in examples()]
    print("| model | components | no diagrams (s) | full (s) | HTML size |")
    print("|---|---:|---:|---:|---:|")
    with tempfile.TemporaryDirectory() as tmp:
        report(models[-1][1], Path(tmp) / "warm-up", date="2026-01-01")  # imports, fonts, first dot run
        for name, arch in models:
            out = Path(tmp) / name.replace(" ", "-")
            quick = best(lambda: report(arch, out, date="2026-01-01", diagrams=False), args.repeat)  # noqa: B023
            full = best(lambda: report(arch, out, date="2026-01-01"), args.repeat)  # noqa: B023
            html = next(out.glob("*-design.html"))
            print(
                f"| {name} | {len(arch.components)} | {quick:.2f} | {full:.2f} | {html.stat().st_size / 1e6:.1f} MB |"
            )


if __name__ == "__main__":
    main()
