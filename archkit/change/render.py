"""A change report as text, JSON or a pull-request comment (markdown) a reviewer reads in ten seconds:
the verdict first, then tables only for what moved."""

from __future__ import annotations

import json
from typing import Any

from archkit.change.compare import ChangeReport
from archkit.change.model_diff import show_value
from archkit.rules.formats import md_cell


def number(value: Any, name: str) -> str:
    if value is None:
        return "—"
    if isinstance(value, float):
        if "availability" in name:
            return f"{value:.7g}%"  # 99.99997 must not read as 100
        if "USD" in name:
            return f"${value:,.0f}"
        return f"{value:,.0f}" if abs(value) >= 10 else f"{value:.3g}"
    return str(value)


def met_word(flag: bool | None) -> str:
    return {True: "met", False: "MISSED", None: ""}[flag]


def to_markdown(report: ChangeReport, fail_on: str = "high") -> str:
    failing = report.failing(fail_on)
    icon = "❌" if failing else "✅"
    out = [f"## {icon} archkit: {report.verdict}", ""]
    out.append(f"`{report.base_name}` → `{report.head_name}`")
    out.append("")
    if failing:
        out += ["**Blocks the merge:** " + "; ".join(failing) + ".", ""]
    if report.analysis_refused:
        out += [f"> The analysis refused a model, so no figures are compared: {report.analysis_refused}", ""]
    changes = report.architectural
    if changes:
        out += ["### Model", "", "| change | where | before → after |", "|---|---|---|"]
        for c in changes:
            where = f"{c.section} `{c.item}`" if c.item else c.section
            moved = (
                f"{c.field}: {md_cell(show_value(c.before))} → {md_cell(show_value(c.after))}"
                if c.change == "changed"
                else ""
            )
            out.append(f"| {c.change} | {where} | {moved} |")
        cosmetic = len(report.model) - len(changes)
        if cosmetic:
            out.append(f"\n{cosmetic} cosmetic change(s) (descriptions, names) not listed.")
        out.append("")
    if report.findings:
        out += ["### Review", "", "| | severity | rule | finding |", "|---|---|---|---|"]
        order = {"new": 0, "severity": 1, "fixed": 2}
        for fc in sorted(report.findings, key=lambda fc: order[fc.change]):
            f = fc.finding
            label = {"new": "🆕 new", "fixed": "✔ fixed", "severity": f"↕ was {fc.before}"}[fc.change]
            out.append(f"| {label} | {f.severity} | {f.rule} | {md_cell(f.message)} |")
        out.append("")
    if report.figures:
        out += ["### Numbers", "", "| | figure | before | after | target |", "|---|---|---|---|---|"]
        for g in report.figures:
            target = (
                f"{met_word(g.met_before)} → **{met_word(g.met_after)}**" if g.target_lost else met_word(g.met_after)
            )
            out.append(
                f"| {g.item or 'system'} | {g.name} | {number(g.before, g.name)} | {number(g.after, g.name)} | {target} |"
            )
        out.append("")
    for d in report.api_changes:
        out += [f"### API `{d.name}`: {d.verdict}", ""]
        out += [
            f"- {'**breaking**' if c.breaking else 'compatible'} {c.kind}: {md_cell(c.where)} — {md_cell(c.detail)}"
            for c in d.changes
        ]
        out.append("")
    return "\n".join(out).rstrip() + "\n"


def to_text(report: ChangeReport, fail_on: str = "high") -> str:
    failing = report.failing(fail_on)
    out = [f"{report.base_name} -> {report.head_name}: {report.verdict}"]
    out += [f"FAILS: {why}" for why in failing]
    if report.analysis_refused:
        out.append(f"analysis refused: {report.analysis_refused}")
    out += [f"  model: {c}" for c in report.architectural]
    for c in report.findings:
        f = c.finding
        was = f" (was {c.before})" if c.before else ""
        out.append(f"  {c.change}: {f.severity.upper()}{was} {f.rule} {f.message}")
    for g in report.figures:
        lost = "  TARGET LOST" if g.target_lost else ""
        out.append(f"  {g.item or 'system'} {g.name}: {number(g.before, g.name)} -> {number(g.after, g.name)}{lost}")
    for d in report.api_changes:
        out.append(f"  api {d.name}: {d.verdict}")
        out += [f"    {'BREAKING' if c.breaking else 'ok'} {c.kind}: {c.where}: {c.detail}" for c in d.changes]
    return "\n".join(out) + "\n"


def render(report: ChangeReport, fmt: str, fail_on: str = "high") -> str:
    if fmt == "json":
        return json.dumps(report.to_dict(fail_on), indent=2, default=str) + "\n"
    if fmt == "markdown":
        return to_markdown(report, fail_on)
    return to_text(report, fail_on)
