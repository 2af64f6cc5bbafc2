"""The proof as a table (one line per pattern and index set) and as JSON."""

from __future__ import annotations

from typing import Any

from archkit.data_proof.prove import Proof


def proof_json(proof: Proof) -> dict[str, Any]:
    return {
        "engine": proof.engine,
        "indicative": proof.indicative,
        "rows": proof.rows,
        "phases_s": {k: round(v, 3) for k, v in proof.phases.items()},
        "results": [
            {
                "store": r.store,
                "pattern": r.name,
                "indexes": r.index_set,
                "plan": r.verdict.summary,
                "ms": round(r.verdict.ms, 3),
                "rows_read": r.verdict.rows_read,
                "rows_returned": r.verdict.rows_returned,
                "passed": r.verdict.passed,
                "reasons": list(r.verdict.reasons),
                "sql": r.sql,
            }
            for r in proof.results
        ],
    }


def proof_text(proof: Proof) -> str:
    head = f"Proof on {proof.engine}" + (" — indicative: no data, no statistics" if proof.indicative else "")
    lines = [head, ""]
    header = ("pattern", "indexes", "verdict", "ms", "read", "returned", "plan")
    rows = [
        (
            r.name,
            r.index_set,
            "pass" if r.verdict.passed else "FAIL",
            f"{r.verdict.ms:.2f}",
            f"{r.verdict.rows_read:,}",
            f"{r.verdict.rows_returned:,}",
            r.verdict.summary,
        )
        for r in sorted(proof.results, key=lambda r: (r.store, r.name, r.index_set))  # declared beside recommended
    ]
    widths = [max(len(x[i]) for x in [header, *rows]) for i in range(len(header) - 1)]
    for row in [header, *rows]:
        lines.append("  ".join(cell.ljust(w) for cell, w in zip(row[:-1], widths, strict=True)) + "  " + row[-1])
    failures = [r for r in proof.results if not r.verdict.passed]
    if failures:
        lines.append("")
        for r in failures:
            lines.append(f"{r.name} ({r.index_set} indexes): {'; '.join(r.verdict.reasons)}")
            lines.append(f"    {r.sql}")
    declared, recommended = proof.failed("declared"), proof.failed("recommended")
    lines.append("")
    lines.append(
        f"declared indexes: {len(declared)} pattern(s) fail; recommended indexes: {len(recommended)} pattern(s) fail"
    )
    if proof.rows:
        loaded = ", ".join(f"{k} {v:,}" for k, v in proof.rows.items())
        lines.append(f"rows loaded: {loaded}")
    if proof.phases:
        lines.append("phases: " + ", ".join(f"{k} {v:.1f} s" for k, v in proof.phases.items()))
    return "\n".join(lines) + "\n"
