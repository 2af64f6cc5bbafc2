"""Benchmark: archkit's rendering against plain Graphviz `dot` on the same DOT source.

For generated models of 50, 200 and 500 components (benchmarks/generate.py, 2 links per
component) it times

- ``archkit.render.diagram(arch, out, ("png", "svg"))``: the default view, which past 60
  components becomes a boundary overview plus one view per boundary;
- plain ``dot -Gdpi=N -Tsvg -Tpng`` on exactly the DOT sources archkit produced (same dpi);
- the time spent inside dot during archkit's run, so the Python share is measured in the
  same run (the shared machine makes two separate runs differ by more than the overhead);
- the default run, where the pictures of a split view are drawn by several dot processes at once;
- the same for SVG only.

Each figure is the best of ``--repeat`` runs (the machine is shared). Run:

    .venv/bin/python benchmarks/bench_render.py [--sizes 50,200,500] [--repeat 3]

and copy the table into docs/rendering.md.
"""

from __future__ import annotations

import argparse
import subprocess
import sys
import tempfile
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from archkit.model import loads
from archkit.render import diagram, draw
from archkit.render.views import plan
from benchmarks.generate import generate


def best(fn, repeat: int) -> tuple[float, float]:  # type: ignore[no-untyped-def]
    """Best wall time of ``repeat`` runs, and the time spent inside dot during that run."""
    results = []
    real_run_dot = draw.run_dot
    for _ in range(repeat):
        draw._CACHE.clear()
        in_dot = [0.0]

        def timed(*args, in_dot=in_dot, **kwargs):  # type: ignore[no-untyped-def]
            start = time.perf_counter()
            try:
                return real_run_dot(*args, **kwargs)
            finally:
                in_dot[0] += time.perf_counter() - start

        draw.run_dot = timed  # type: ignore[assignment]
        try:
            start = time.perf_counter()
            fn()
            results.append((time.perf_counter() - start, in_dot[0]))
        finally:
            draw.run_dot = real_run_dot  # type: ignore[assignment]
    return min(results)


def plain_dot(sources: list[tuple[str, int]], tmp: Path, formats: tuple[str, ...] = ("svg", "png")) -> None:
    for i, (source, dpi) in enumerate(sources):
        args = ["dot", f"-Gdpi={dpi}"] if "png" in formats else ["dot"]
        for fmt in formats:
            args += [f"-T{fmt}", f"-o{tmp}/p{i}.{fmt}"]
        subprocess.run(args, input=source.encode(), check=True, capture_output=True)


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--sizes", default="50,200,500")
    parser.add_argument("--repeat", type=int, default=3)
    args = parser.parse_args()
    rows = []
    for n in (int(s) for s in args.sizes.split(",")):
        arch = loads(generate(n, 2 * n, seed=7), f"generated-{n}.yaml")
        specs, _ = plan(arch)
        sources = [(draw.dot_source(arch, s), draw.png_dpi(s)) for s in specs]
        with tempfile.TemporaryDirectory() as tmp:
            out = Path(tmp)
            both, both_dot = best(lambda: diagram(arch, out / "a", workers=1), args.repeat)  # noqa: B023
            parallel, _ = best(lambda: diagram(arch, out / "c"), args.repeat)  # noqa: B023
            plain, _ = best(lambda: plain_dot(sources, out), args.repeat)  # noqa: B023
            svg_only, _ = best(lambda: diagram(arch, out / "b", ("svg",)), args.repeat)  # noqa: B023
            plain_svg, _ = best(lambda: plain_dot(sources, out, ("svg",)), args.repeat)  # noqa: B023
        rows.append((n, len(arch.links), len(specs), both, both_dot, plain, parallel, svg_only, plain_svg))
        print(f"done {n}", file=sys.stderr)
    print(
        "| components | links | pictures | archkit PNG+SVG, one dot at a time | of which in dot | plain dot, same DOT "
        "| overhead vs plain dot | outside dot | archkit PNG+SVG, default (parallel dot) | archkit SVG only | plain dot SVG |"
    )
    print("|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|")
    for n, links, pictures, both, both_dot, plain, parallel, svg_only, plain_svg in rows:
        print(
            f"| {n} | {links} | {pictures} | {both:.2f} s | {both_dot:.2f} s | {plain:.2f} s "
            f"| {100 * (both - plain) / plain:+.0f}% | {100 * (both - both_dot) / both_dot:.1f}% "
            f"| {parallel:.2f} s | {svg_only:.2f} s | {plain_svg:.2f} s |"
        )


if __name__ == "__main__":
    main()
