"""The review step: run the rules, summarize and tabulate the findings."""

from __future__ import annotations

import json
from pathlib import Path
from typing import TYPE_CHECKING, Any

from archkit.errors import InternalError
from archkit.model import Architecture
from archkit.model.io import write_atomic
from archkit.notebook_steps.display import SEVERITY_ORDER
from archkit.notebook_steps.model import output_path

if TYPE_CHECKING:
    import pandas as pd


# --------------------------------------------------------------------------- review
def run_review(arch: Architecture, output_dir: str | Path) -> Any | None:
    """Review the model; writes ``review.json`` and shows the findings, most severe first."""
    from archkit.rules import check

    review = check(arch)
    target = output_path(output_dir) / "review.json"
    write_atomic(target, json.dumps(review.to_dict(), indent=2, default=str) + "\n")
    print(review_summary(review))
    print(f"wrote {target}")
    if review.errors:  # a crash never passes: the cell (and `archkit workbook`) fails, naming the rules
        raise RuleCrashError(
            f"rule(s) {', '.join(f.rule for f in review.errors)} crashed and did not check this model: "
            + "; ".join(f.message for f in review.errors)
        )
    return review


class RuleCrashError(InternalError):
    """A rule crashed during the notebook's review (a bug in archkit, not in the model)."""


def review_summary(review: Any) -> str:
    counts: dict[str, int] = {}
    waived = 0
    for f in review.findings:
        if f.waived:
            waived += 1
            continue
        counts[f.severity] = counts.get(f.severity, 0) + 1
    parts = [f"{counts[s]} {s}" for s in SEVERITY_ORDER if counts.get(s)]
    total = sum(counts.values())
    text = f"{total} open finding{'s' if total != 1 else ''}" + (f": {', '.join(parts)}" if parts else "")
    return text + (f"; {waived} waived" if waived else "")


def findings_table(
    review: Any,
    *,
    severity: str | None = None,
    category: str | None = None,
    component: str | None = None,
    critique: Any = None,
) -> pd.DataFrame:
    """Findings as a table sorted by severity, filtered by minimum severity, category and component.

    With ``critique``, the LLM's new points are merged in as rows whose ``source`` is ``llm``
    (points that restate a rule finding are already there as that finding)."""
    import pandas as pd

    rank = {s: i for i, s in enumerate(SEVERITY_ORDER)}
    entries: list[dict[str, Any]] = [
        {
            "rule": f.rule,
            "severity": f.severity,
            "category": f.category,
            "components": tuple(f.components),
            "links": tuple(f.links),
            "message": f.message,
            "fix": f.fix,
            "waived": f.waived,
            "source": getattr(f, "source", "rule"),
        }
        for f in (review.findings if review is not None else [])
    ]
    if critique is not None:
        entries += [
            {**p, "components": tuple(p["components"]), "links": tuple(p["links"])} for p in critique.as_findings()
        ]
    rows = []
    for f in entries:
        if severity and rank.get(f["severity"], 9) > rank[severity]:
            continue
        if category and f["category"] != category:
            continue
        if component and component not in f["components"]:
            continue
        rows.append(
            {
                "rule": f["rule"],
                "severity": f["severity"],
                "category": f["category"],
                "components": ", ".join(f["components"]),
                "links": ", ".join(f["links"]),
                "message": f["message"],
                "fix": f["fix"],
                "waived": f["waived"],
                "source": f["source"],
            }
        )
    # the review's order (severity, then blast radius) is kept within a severity: sorted() is stable
    rows.sort(key=lambda r: (r["waived"], rank.get(str(r["severity"]), 9), r["source"] == "llm"))
    columns = ["rule", "severity", "category", "components", "links", "message", "fix", "waived", "source"]
    return pd.DataFrame(rows, columns=columns)
