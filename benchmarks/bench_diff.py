"""Benchmark: `archkit diff BASE HEAD` on two generated 2,000-component / 5,000-link models, whole
process (start-up, two loads, two reviews, two analyses, the API diff, the rendering).

Run: .venv/bin/python benchmarks/bench_diff.py [n_components n_links]
Target: under 3 s whole process (issue 15). Side by side: `diff -u` of the two files, the tool a
reviewer would otherwise read (no peer tool diffs architecture models). Results go into docs/ci.md.
"""

from __future__ import annotations

import re
import subprocess
import sys
import tempfile
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from benchmarks.generate import generate

TARGET_S = 3.0


def _timed(command: list[str]) -> tuple[float, subprocess.CompletedProcess[str]]:
    t0 = time.perf_counter()
    done = subprocess.run(command, capture_output=True, text=True)
    return time.perf_counter() - t0, done


def main() -> int:
    n = int(sys.argv[1]) if len(sys.argv) > 1 else 2000
    m = int(sys.argv[2]) if len(sys.argv) > 2 else 5000
    base_text = generate(n, m, seed=1)
    # HEAD: one component loses its replicas, one gains a comment-free description (cosmetic)
    head_text = re.sub(r"replicas: [2-9]", "replicas: 1", base_text, count=1)
    with tempfile.TemporaryDirectory() as folder:
        base, head = Path(folder) / "base.yaml", Path(folder) / "head.yaml"
        base.write_text(base_text, encoding="utf-8")
        head.write_text(head_text, encoding="utf-8")
        runs = []
        for _ in range(5):
            seconds, done = _timed([sys.executable, "-m", "archkit", "diff", str(base), str(head)])
            if done.returncode not in (0, 1):
                print(done.stderr, file=sys.stderr)
                return 2
            runs.append(seconds)
        plain, _ = _timed(["diff", "-u", str(base), str(head)])
    best = min(runs)
    median = sorted(runs)[len(runs) // 2]
    print(
        f"archkit diff, {n} components / {m} links: best {best:.2f} s, median {median:.2f} s of {len(runs)} "
        f"(target {TARGET_S} s)"
    )
    print(f"  first line: {done.stdout.splitlines()[0][:160]}")
    print(f"diff -u of the same files: {plain:.3f} s (text only: no findings, numbers or API)")
    return 0 if best < TARGET_S else 1


if __name__ == "__main__":
    raise SystemExit(main())
