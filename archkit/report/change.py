"""The report's "Change from the base" section: what ``archkit diff`` says, for a design document
that goes with a pull request (``archkit report FILE --base BASE``)."""

from __future__ import annotations

from archkit.change.compare import ChangeReport
from archkit.change.model_diff import show_value
from archkit.change.render import met_word, number
from archkit.report.doc import Bullets, Note, Para, Rich, Section, Span, Table


def change_section(change: ChangeReport, title: str) -> Section:
    section = Section("change", title)
    failing = change.failing()
    section.add(Para([Span(f"Compared with {change.base_name}: ", "muted"), Span(change.verdict, "strong")]))
    if failing:
        section.add(Note("This change makes the design worse: " + "; ".join(failing) + ".", "warn"))
    if change.analysis_refused:
        section.add(
            Note(f"The analysis refused a model, so no figures are compared: {change.analysis_refused}", "warn")
        )
    if change.architectural:
        rows: list[list[Rich]] = [
            [
                c.change,
                Span(f"{c.section} {c.item}".strip(), "code"),
                f"{c.field}: {show_value(c.before)} → {show_value(c.after)}" if c.change == "changed" else "",
            ]
            for c in change.architectural
        ]
        section.add(Table(["Change", "Where", "Before → after"], rows, caption="Model changes"))
    if change.findings:
        label = {"new": "new", "fixed": "fixed", "severity": "re-ranked"}
        rows = [
            [
                label[c.change] + (f" (was {c.before})" if c.before else ""),
                c.finding.severity,
                c.finding.rule,
                c.finding.message,
            ]
            for c in change.findings
        ]
        section.add(Table(["Status", "Severity", "Rule", "Finding"], rows, caption="Findings"))
    if change.figures:
        rows = [
            [
                g.item or "system",
                g.name,
                number(g.before, g.name),
                number(g.after, g.name),
                f"{met_word(g.met_before)} → {met_word(g.met_after)}" if g.target_lost else met_word(g.met_after),
            ]
            for g in change.figures
        ]
        section.add(
            Table(["Where", "Figure", "Before", "After", "Target"], rows, numeric=frozenset({2, 3}), caption="Numbers")
        )
    for d in change.api_changes:
        section.add(Para([Span(f"API {d.name}: ", "strong"), d.verdict]))
        section.add(
            Bullets(
                [f"{'breaking' if c.breaking else 'compatible'} {c.kind}: {c.where} — {c.detail}" for c in d.changes]
            )
        )
    return section
