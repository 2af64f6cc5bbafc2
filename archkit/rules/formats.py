"""A review as text, Markdown, JSON or SARIF 2.1.0 (for code-scanning UIs)."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

from archkit.rules.base import SEVERITIES, Rule
from archkit.rules.finding import Finding, Review
from archkit.rules.registry import all_rules

SARIF_SCHEMA = "https://json.schemastore.org/sarif-2.1.0.json"
SARIF_LEVEL = {"critical": "error", "high": "error", "medium": "warning", "low": "note", "info": "note"}
FORMATS = ("text", "json", "sarif", "markdown")


def render(review: Review, fmt: str) -> str:
    if fmt == "text":
        return to_text(review)
    if fmt == "json":
        return json.dumps(review.to_dict(), indent=2)
    if fmt == "sarif":
        return json.dumps(to_sarif(review), indent=2)
    if fmt == "markdown":
        return to_markdown(review)
    raise ValueError(f"unknown format '{fmt}'; choose from: {', '.join(FORMATS)}")


def _where(review: Review, f: Finding) -> str:
    file = f.file or review.model or "<model>"
    return f"{file}:{f.line}" if f.line else file


def _status(f: Finding) -> str:
    if f.waived:
        return " [waived]"
    if f.baseline:
        return " [baseline]"
    if f.source == "error":
        return " [rule error]"
    return ""


def to_text(review: Review) -> str:
    lines = []
    for f in review.findings:
        lines.append(f"{_where(review, f)}: {f.severity.upper()} {f.rule} {f.name}{_status(f)}: {f.message}")
        lines.append(f"    fix: {f.fix}")
        if f.waived and f.waiver:
            lines.append(f"    waived: {f.waiver}")
    lines.append(_summary_line(review))
    return "\n".join(lines)


def _summary_line(review: Review) -> str:
    s = review.summary()
    counts = ", ".join(f"{n} {sev}" for sev, n in s["by_severity"].items() if n) or "no findings"
    extra = [f"{s[k]} {k}" for k in ("waived", "baseline", "errors") if s[k]]
    more = f" ({', '.join(extra)})" if extra else ""
    return f"{counts}{more}; {s['rules_run']} rules run"


def to_markdown(review: Review) -> str:
    out = [f"# Review of {review.model or 'the model'}", "", _summary_line(review), ""]
    if not review.findings:
        return "\n".join([*out, "No findings."]) + "\n"
    out += ["| severity | rule | components | finding | fix |", "|---|---|---|---|---|"]
    for f in review.findings:
        comps = ", ".join(f"`{c}`" for c in f.components) or "—"
        status = _status(f).strip()
        message = f"{f.message} *{status}*" if status else f.message
        if f.waived and f.waiver:
            message += f" — {f.waiver}"
        out.append(f"| {f.severity} | {f.rule} {f.name} | {comps} | {md_cell(message)} | {md_cell(f.fix)} |")
    return "\n".join(out) + "\n"


def md_cell(text: str) -> str:
    """Text safe inside a markdown table cell (also used by `archkit diff`)."""
    return text.replace("|", "\\|").replace("\n", " ")


def _uri(path: str | None) -> str:
    if not path:
        return "model.yaml"
    p = Path(path)
    try:
        return p.resolve().relative_to(Path.cwd().resolve()).as_posix()
    except ValueError:
        return p.as_posix()


def to_sarif(review: Review, rules: list[Rule] | None = None) -> dict[str, Any]:
    """SARIF 2.1.0: one run, the registry as the driver's rules, one result per finding
    (waived findings carry a suppression; baseline findings have baselineState "unchanged")."""
    from archkit import __version__

    rules = rules if rules is not None else all_rules()
    index = {r.code: i for i, r in enumerate(rules)}
    results = []
    for f in review.findings:
        location: dict[str, Any] = {"physicalLocation": {"artifactLocation": {"uri": _uri(f.file or review.model)}}}
        if f.line:
            location["physicalLocation"]["region"] = {"startLine": f.line}
        if f.components or f.links:
            location["logicalLocations"] = [
                {"name": name, "kind": "component" if "->" not in name else "link"}
                for name in (*f.components, *f.links)
            ]
        result: dict[str, Any] = {
            "ruleId": f.rule,
            "level": SARIF_LEVEL[f.severity],
            "message": {"text": f"{f.message}. Fix: {f.fix}"},
            "locations": [location],
            "partialFingerprints": {"archkitFinding/v1": "|".join([f.rule, ",".join(f.key[1]), ",".join(f.key[2])])},
            "properties": {"severity": f.severity, "category": f.category, "source": f.source},
        }
        if f.rule in index:
            result["ruleIndex"] = index[f.rule]
        if f.waived:
            result["suppressions"] = [{"kind": "external", "status": "accepted", "justification": f.waiver or "waived"}]
        result["baselineState"] = "unchanged" if f.baseline else "new"
        results.append(result)
    driver = {
        "name": "archkit",
        "version": __version__,
        "rules": [
            {
                "id": r.code,
                "name": r.name,
                "shortDescription": {"text": r.summary},
                "fullDescription": {"text": r.rationale},
                "help": {"text": r.fix},
                "defaultConfiguration": {"level": SARIF_LEVEL[r.severity]},
                "properties": {"category": r.category, "severity": r.severity, "tags": [r.category]},
            }
            for r in rules
        ],
    }
    return {
        "$schema": SARIF_SCHEMA,
        "version": "2.1.0",
        "runs": [{"tool": {"driver": driver}, "results": results, "columnKind": "unicodeCodePoints"}],
    }


def rules_text(rules: list[Rule]) -> str:
    width = max((len(r.name) for r in rules), default=0)
    return "\n".join(f"{r.code:<8} {r.severity:<8} {r.category:<12} {r.name:<{width}}  {r.summary}" for r in rules)


def rules_json(rules: list[Rule]) -> str:
    keys = ("code", "name", "category", "severity", "summary", "rationale", "fix", "reads")
    return json.dumps([{k: getattr(r, k) for k in keys} for r in rules], indent=2)


__all__ = [
    "FORMATS",
    "SARIF_LEVEL",
    "SEVERITIES",
    "render",
    "rules_json",
    "rules_text",
    "to_markdown",
    "to_sarif",
    "to_text",
]
