"""``compare(base, head)``: what a change to a model does — to the model, the review, the numbers
and the API — and whether it should fail a pull request."""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any

from archkit.analysis import analyze
from archkit.analysis.network import AnalysisError
from archkit.analysis.result import Analysis
from archkit.api.diff import ApiDiff
from archkit.api.diff_files import diff_spec_sets, model_specs
from archkit.api.spec import Spec
from archkit.change.findings_diff import FindingChange, finding_changes
from archkit.change.model_diff import Declared, FieldChange, declared, model_changes
from archkit.change.numbers import Figure, figure_changes
from archkit.model import Architecture
from archkit.rules import check
from archkit.rules.base import SEVERITY_RANK
from archkit.rules.finding import Review


@dataclass
class ChangeReport:
    base_name: str
    head_name: str
    model: list[FieldChange] = field(default_factory=list)
    findings: list[FindingChange] = field(default_factory=list)
    figures: list[Figure] = field(default_factory=list)
    api: list[ApiDiff] = field(default_factory=list)
    analysis_refused: str | None = None  # why the numbers are missing (the analysis refused a model)

    @property
    def architectural(self) -> list[FieldChange]:
        return [c for c in self.model if not c.cosmetic]

    @property
    def new_findings(self) -> list[FindingChange]:
        return [c for c in self.findings if c.change == "new"]

    @property
    def fixed_findings(self) -> list[FindingChange]:
        return [c for c in self.findings if c.change == "fixed"]

    @property
    def targets_lost(self) -> list[Figure]:
        return [f for f in self.figures if f.target_lost]

    @property
    def api_breaks(self) -> list[ApiDiff]:
        return [d for d in self.api if d.fails]

    def failing(self, fail_on: str = "high") -> list[str]:
        """Why the change should not land as it is (empty: it may)."""
        rank = SEVERITY_RANK[fail_on]
        why = []
        worse = [
            c
            for c in self.findings
            if c.change in ("new", "severity")
            and SEVERITY_RANK[c.finding.severity] >= rank
            and (c.before is None or SEVERITY_RANK[c.finding.severity] > SEVERITY_RANK[c.before])
        ]
        if worse:
            why.append(f"{len(worse)} new finding(s) at or above {fail_on}")
        if self.targets_lost:
            why.append(f"{len(self.targets_lost)} target(s) met before and missed now")
        if self.api_breaks:
            why.append(
                f"breaking API change without a new major version in {', '.join(d.name for d in self.api_breaks)}"
            )
        return why

    @property
    def verdict(self) -> str:
        if not self.architectural and not self.findings and not self.api_changes:
            return "no architectural change"
        parts = [f"{len(self.architectural)} model change(s)"]
        if self.findings:
            parts.append(f"{len(self.new_findings)} new and {len(self.fixed_findings)} fixed finding(s)")
        if self.targets_lost:
            parts.append(f"{len(self.targets_lost)} target(s) lost")
        if self.api_changes:
            parts.append(f"API: {'; '.join(d.name + ': ' + d.verdict for d in self.api_changes)}")
        return ", ".join(parts)

    @property
    def api_changes(self) -> list[ApiDiff]:
        return [d for d in self.api if d.changes]

    def to_dict(self, fail_on: str = "high") -> dict[str, Any]:
        return {
            "base": self.base_name,
            "head": self.head_name,
            "verdict": self.verdict,
            "fails": self.failing(fail_on),
            "model": [c.to_dict() for c in self.model],
            "findings": [c.to_dict() for c in self.findings],
            "figures": [f.to_dict() for f in self.figures],
            "api": [d.to_dict() for d in self.api_changes],
            "analysis_refused": self.analysis_refused,
        }


@dataclass(frozen=True)
class Side:
    """One model evaluated: what ``compare`` needs of it (computed once; a caller may compute the
    two sides at the same time)."""

    arch: Architecture | None  # None once detached
    review: Review
    analysis: Analysis | None
    refused: str | None  # why the analysis refused the model
    declared: Declared | None = None  # the model as plain data, when computed ahead
    specs: dict[str, Spec] | None = None  # its REST APIs' documents, when computed ahead

    def model(self) -> Declared:
        if self.declared is not None:
            return self.declared
        assert self.arch is not None, "a detached side carries its declared model"
        return declared(self.arch)

    def apis(self) -> dict[str, Spec]:
        if self.specs is not None:
            return self.specs
        assert self.arch is not None, "a detached side carries its API documents"
        return model_specs(self.arch)

    def detached(self) -> Side:
        """The side as plain data, without the model object: what crosses a process boundary
        (the model object is two thirds of the pickled bytes of a large side)."""
        return Side(None, self.review, self.analysis, self.refused, self.model(), self.apis())


def evaluate(arch: Architecture) -> Side:
    try:
        analysis: Analysis | None = analyze(arch)
        refused = None
    except AnalysisError as exc:
        analysis, refused = None, f"{arch.name}: {exc}"
    return Side(arch, check(arch, analysis=analysis), analysis, refused)


def compare(
    base: Architecture | Side, head: Architecture | Side, *, base_name: str = "base", head_name: str = "head"
) -> ChangeReport:
    a = base if isinstance(base, Side) else evaluate(base)
    b = head if isinstance(head, Side) else evaluate(head)
    report = ChangeReport(base_name, head_name, model=model_changes(a.model(), b.model()))
    report.findings = finding_changes(a.review, b.review)
    if a.analysis is not None and b.analysis is not None:
        report.figures = figure_changes(a.analysis, b.analysis)
    else:
        report.analysis_refused = a.refused or b.refused
    report.api = diff_spec_sets(a.apis(), b.apis())
    return report
