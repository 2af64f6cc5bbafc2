"""Findings and the review that holds them (the public contract in DESIGN.md)."""

from __future__ import annotations

from collections.abc import Iterable, Iterator
from dataclasses import asdict, dataclass, field, replace
from typing import TYPE_CHECKING, Any, Literal

from archkit.rules.base import SEVERITIES, SEVERITY_RANK, Severity

if TYPE_CHECKING:
    import pandas as pd


@dataclass(frozen=True)
class Finding:
    """One thing a reviewer would raise about the design."""

    rule: str
    name: str
    severity: Severity
    category: str
    components: tuple[str, ...]
    links: tuple[str, ...]
    message: str
    fix: str
    waived: bool = False
    waiver: str | None = None  # "reason (owner, until date)" of the waiver that applies
    source: Literal["rule", "error", "analysis"] = "rule"  # "error": the rule crashed
    line: int | None = None  # line in the model file of the first component or link named
    baseline: bool = False  # already present in the --baseline findings
    file: str | None = None  # set when the finding is in another file than the model (an API spec)
    # One root cause on many components: the headline ("{n} components run one replica") and one
    # detail per component. Waivers and baselines match per (rule, component), so a part of the
    # finding can be waived or known while the rest still counts (see ``narrowed``).
    headline: str | None = None
    parts: tuple[tuple[str, str], ...] = ()
    blast: float = 0.0  # requests/s that depend on its components: ranks findings of one severity
    because: str | None = None  # what in the model set the severity; the message ends with it

    @property
    def key(self) -> tuple[str, tuple[str, ...], tuple[str, ...], str]:
        """What identifies a finding across runs (for baselines): rule, components, links, and for a
        finding that names neither (a requirement, the whole model) its message, which names it."""
        subject = "" if self.components or self.links else self.message
        return (self.rule, tuple(sorted(self.components)), tuple(sorted(self.links)), subject)

    @property
    def counts(self) -> bool:
        """True when the finding counts toward the exit code (not waived, not in the baseline)."""
        return not self.waived and not self.baseline

    def narrowed(self, components: Iterable[str]) -> Finding:
        """The same finding about only these of its parts (components), its message rebuilt."""
        keep = set(components)
        parts = tuple(p for p in self.parts if p[0] in keep)
        return replace(
            self,
            parts=parts,
            components=tuple(c for c in self.components if c in keep),
            message=with_because(compose(self.headline or "", parts), self.severity, self.because),
        )

    def to_dict(self) -> dict[str, Any]:
        data = asdict(self)
        data["components"] = list(self.components)
        data["links"] = list(self.links)
        if self.file is None:  # only findings in another file (an API spec) say which
            del data["file"]
        if self.because is None:
            del data["because"]
        del data["headline"], data["blast"]
        if self.parts:
            data["parts"] = [{"component": c, "detail": d} for c, d in self.parts]
        else:
            del data["parts"]
        return data


def with_because(message: str, severity: str, because: str | None) -> str:
    """``message — critical because card data …``: the reason for the rank, in the message itself."""
    return f"{message} — {severity} because {because}" if because else message


def compose(headline: str, parts: tuple[tuple[str, str], ...]) -> str:
    """``3 services run one replica: a (…); b (…); c (…)``: the headline's ``{n}`` is the count."""
    return f"{headline.replace('{n}', str(len(parts)))}: {'; '.join(detail for _, detail in parts)}"


def sort_key(f: Finding) -> tuple[Any, ...]:
    """Severity first, then blast radius (the traffic that depends on it), then stable by rule."""
    return (f.waived, -SEVERITY_RANK[f.severity], -f.blast, f.rule, f.components, f.links, f.message)


@dataclass
class Review:
    """The result of ``archkit.rules.check``: findings sorted by severity, critical first."""

    findings: list[Finding]
    model: str | None = None  # path of the model file, when known
    rules_run: tuple[str, ...] = field(default_factory=tuple)

    def __post_init__(self) -> None:
        self.findings = sorted(self.findings, key=sort_key)

    def __len__(self) -> int:
        return len(self.findings)

    def __iter__(self) -> Iterator[Finding]:
        return iter(self.findings)

    @property
    def active(self) -> list[Finding]:
        """Findings that are not waived."""
        return [f for f in self.findings if not f.waived]

    @property
    def errors(self) -> list[Finding]:
        """Findings that report a crashed rule."""
        return [f for f in self.findings if f.source == "error"]

    def at_or_above(self, severity: str) -> list[Finding]:
        """Counting findings (not waived, not in the baseline) at or above ``severity``."""
        floor = SEVERITY_RANK[severity]
        return [f for f in self.findings if f.counts and SEVERITY_RANK[f.severity] >= floor]

    def failed(self, fail_on: str = "high") -> bool:
        """Findings at or above ``fail_on`` count, and a crashed rule always does: a crash never passes."""
        return bool(self.at_or_above(fail_on)) or bool(self.errors)

    def with_baseline(self, keys: Iterable[tuple[str, tuple[str, ...], tuple[str, ...], str]]) -> Review:
        """A copy where findings whose key is in ``keys`` are marked ``baseline`` (they no longer count).
        A finding of many parts is matched per (rule, component): its known parts become a baseline
        finding, and the new ones still count."""
        known = set(keys)
        known_parts = {(rule, c) for rule, comps, _, _ in known for c in comps}
        marked: list[Finding] = []
        for f in self.findings:
            if f.source == "error":  # a crashed rule checked nothing, so it cannot be "known"
                marked.append(f)
            elif f.parts:
                old = [c for c, _ in f.parts if (f.rule, c) in known_parts]
                new = [c for c, _ in f.parts if (f.rule, c) not in known_parts]
                if old:
                    marked.append(replace(f.narrowed(old), baseline=True))
                if new:
                    marked.append(f.narrowed(new) if old else f)
            else:
                marked.append(replace(f, baseline=f.key in known))
        return Review(marked, model=self.model, rules_run=self.rules_run)

    def summary(self) -> dict[str, Any]:
        by_severity = {s: 0 for s in reversed(SEVERITIES)}
        by_category: dict[str, int] = {}
        for f in self.findings:
            if f.counts:
                by_severity[f.severity] += 1
                by_category[f.category] = by_category.get(f.category, 0) + 1
        return {
            "model": self.model,
            "total": len(self.findings),
            "counted": sum(1 for f in self.findings if f.counts),
            "waived": sum(1 for f in self.findings if f.waived),
            "baseline": sum(1 for f in self.findings if f.baseline and not f.waived),
            "errors": len(self.errors),
            "by_severity": by_severity,
            "by_category": dict(sorted(by_category.items())),
            "rules_run": len(self.rules_run),
        }

    def to_dict(self) -> dict[str, Any]:
        return {"findings": [f.to_dict() for f in self.findings], "summary": self.summary()}

    def frame(self) -> pd.DataFrame:
        """The findings as a pandas DataFrame, one row per finding, sorted by severity."""
        import pandas as pd

        columns = list(Finding.__dataclass_fields__)
        rows = []
        for f in self.findings:
            row = f.to_dict()
            row["components"] = ", ".join(f.components)
            row["links"] = ", ".join(f.links)
            rows.append(row)
        frame = pd.DataFrame(rows, columns=columns)
        frame["severity"] = pd.Categorical(frame["severity"], categories=list(reversed(SEVERITIES)), ordered=True)
        return frame

    def _repr_html_(self) -> str:
        return self.frame()._repr_html_()  # type: ignore[operator,no-any-return]

    def __repr__(self) -> str:
        s = self.summary()["by_severity"]
        counts = ", ".join(f"{n} {k}" for k, n in s.items() if n) or "no findings"
        return f"<Review {self.model or ''}: {counts}>"
