"""Findings a change adds, fixes or re-ranks. A finding of many parts is compared per (rule,
component), so dropping one replica shows as one new single point, not a whole new REL001."""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from archkit.rules.finding import Finding, Review

Key = tuple[str, tuple[str, ...], tuple[str, ...], str]


@dataclass(frozen=True)
class FindingChange:
    change: str  # "new" | "fixed" | "severity"
    finding: Finding  # the head's finding (the base's for "fixed")
    before: str | None = None  # severity in the base, for "severity"

    def to_dict(self) -> dict[str, Any]:
        out = {"change": self.change, **self.finding.to_dict()}
        if self.before is not None:
            out["severity_before"] = self.before
        return out


def _units(review: Review) -> dict[Key, tuple[Finding, str | None]]:
    """Each counted finding, and each part of a finding of many parts, by its key; a part is
    narrowed to its component only when it shows in a change (most parts of a large model do not)."""
    out: dict[Key, tuple[Finding, str | None]] = {}
    for f in review.findings:
        if f.waived:
            continue
        if f.parts:
            for cid, _ in f.parts:
                out[(f.rule, (cid,), (), "")] = (f, cid)
        else:
            out[f.key] = (f, None)
    return out


def _shown(unit: tuple[Finding, str | None]) -> Finding:
    finding, part = unit
    return finding if part is None else finding.narrowed([part])


def finding_changes(base: Review, head: Review) -> list[FindingChange]:
    before, after = _units(base), _units(head)
    changes = [FindingChange("new", _shown(u)) for k, u in after.items() if k not in before]
    changes += [FindingChange("fixed", _shown(u)) for k, u in before.items() if k not in after]
    changes += [
        FindingChange("severity", _shown(u), before[k][0].severity)
        for k, u in after.items()
        if k in before and before[k][0].severity != u[0].severity
    ]
    return changes
