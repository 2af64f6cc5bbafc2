"""Benchmark: `archkit.rules.check` on a generated 2,000-component / 5,000-link model.

Run: .venv/bin/python benchmarks/bench_check.py [n_components n_links]
Target: the review (all rules, graph built once) under 2 s. Results go into docs/review.md.
"""

from __future__ import annotations

import sys
import time
from collections import Counter
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from benchmarks.generate import generate

TARGET_S = 2.0


def main() -> int:
    import archkit
    from archkit.rules import all_rules, check
    from archkit.rules.base import ANALYSIS_CODE_PATTERN

    n = int(sys.argv[1]) if len(sys.argv) > 1 else 2000
    m = int(sys.argv[2]) if len(sys.argv) > 2 else 5000
    text = generate(n, m, seed=1)
    t0 = time.perf_counter()
    arch = archkit.loads(text, "generated.yaml")
    t_load = time.perf_counter() - t0
    all_rules()  # discovery and imports, once per process
    own = [r.code for r in all_rules() if not ANALYSIS_CODE_PATTERN.match(r.code)]
    timings = {}
    for label, select in (("structural rules", own), ("all rules (with analysis)", None)):
        best = float("inf")
        for _ in range(3):
            t0 = time.perf_counter()
            review = check(arch, select=select)
            best = min(best, time.perf_counter() - t0)
        timings[label] = (best, review)
    print(f"model: {len(arch.components)} components, {len(arch.links)} links; load {t_load:.2f} s")
    ok = True
    for label, (seconds, review) in timings.items():
        counts = Counter(f.rule for f in review.findings)
        top = ", ".join(f"{code} {n}" for code, n in counts.most_common(5))
        status = "ok" if seconds < TARGET_S else "OVER TARGET"
        ok &= seconds < TARGET_S
        print(
            f"check, {label}: {seconds:.2f} s best of 3 ({len(review.rules_run)} rules, {len(review.findings)} findings, "
            f"{len(review.errors)} rule errors; most: {top}) [{status}, target < {TARGET_S:g} s]"
        )
    return 0 if ok else 1


if __name__ == "__main__":
    raise SystemExit(main())
