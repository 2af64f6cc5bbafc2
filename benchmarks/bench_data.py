"""The data proof of the social-sharing example at 10^6 rows per large table, by phase.

Target (issue 13): under 60 s whole on the 2-core machine. The alternative a team would use
is no tool at all (a hand-written load script and EXPLAIN by hand), so this records archkit's
own phases; results go to docs/benchmarks.md.

    .venv/bin/python benchmarks/bench_data.py [--rows-cap N]
"""

from __future__ import annotations

import argparse
import time

import archkit
from archkit.data.rows import DEFAULT_ROWS_CAP
from archkit.data_proof.prove import prove
from archkit.paths import example


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--rows-cap", type=int, default=DEFAULT_ROWS_CAP)
    args = parser.parse_args()
    model = archkit.load(example("social-sharing"))
    start = time.monotonic()
    proof = prove(model, rows_cap=args.rows_cap)
    total = time.monotonic() - start
    print(f"engine: {proof.engine}")
    print(f"rows: {', '.join(f'{k} {v:,}' for k, v in proof.rows.items())}")
    for phase, seconds in proof.phases.items():
        print(f"  {phase:28s} {seconds:6.1f} s")
    print(
        f"total {total:.1f} s (target < 60 s); patterns failing with declared indexes: "
        f"{len(proof.failed('declared'))}, with the recommended set: {len(proof.failed('recommended'))}"
    )


if __name__ == "__main__":
    main()
