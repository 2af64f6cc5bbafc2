"""Architecture decisions: the report's Decisions section and one MADR file per decision.

Files are ``decisions/NNNN-title.md``, numbered by their order in the model, in the layout of
MADR (Markdown Any Decision Records, 2.x): title, status/deciders/date, context and problem
statement, considered options, decision outcome, consequences, plus "Accepted findings"
listing the review rule codes the decision accepts on purpose.
"""

from __future__ import annotations

from pathlib import Path
from typing import Any

from archkit.model.schema import Decision
from archkit.patterns import slug
from archkit.report.doc import Bullets, Para, Rich, Section, Span, Table, paragraphs, plain
from archkit.report.gather import Inputs
from archkit.report.markdown import escape
from archkit.report.sections import new

FOLDER = "decisions"


def file_names(decisions: list[Decision]) -> dict[str, str]:
    """Decision id -> ``NNNN-title.md`` (numbered from 1 in model order)."""
    return {d.id: f"{i:04d}-{slug(d.title)[:60].strip('-') or 'decision'}.md" for i, d in enumerate(decisions, 1)}


def _rule_names() -> dict[str, str]:
    from archkit.rules import all_rules

    return {r.code: r.name for r in all_rules()}


def _accepted(inputs: Inputs, decision: Decision) -> list[tuple[str, str, list[str]]]:
    """(code, rule name, current finding messages) for each code the decision accepts."""
    names = _rule_names()
    findings = list(inputs.review.findings) if inputs.review is not None else []
    out = []
    for code in decision.accepts:
        messages = sorted({f.message for f in findings if f.rule == code})
        out.append((code, names.get(code, ""), messages))
    return out


def decisions_section(inputs: Inputs) -> Section:
    section = new("decisions")
    decisions = inputs.arch.decisions
    if not decisions:
        return section.add(Para("No decisions recorded in the model."))
    files = file_names(decisions)
    rows: list[list[Rich]] = []
    for i, d in enumerate(decisions, 1):
        rows.append(
            [
                f"{i:04d}",
                Span(d.id, "strong", file=f"{FOLDER}/{files[d.id]}", anchor=f"adr-{i:04d}"),
                d.title,
                Span(d.status, "ok" if d.status == "accepted" else "muted" if d.status != "proposed" else "warn"),
                d.date.isoformat() if d.date else "—",
                ", ".join(d.accepts) or "—",
            ]
        )
    section.add(
        Para(
            f"{len(decisions)} decisions; each is also written as a MADR file under {FOLDER}/ beside the Markdown report."
        ),
        Table(["No.", "Id", "Title", "Status", "Date", "Accepts findings"], rows),
    )
    for i, d in enumerate(decisions, 1):
        sub = Section(f"adr-{i:04d}", f"{d.id}: {d.title}")
        meta: list[Any] = [f"Status: {d.status}"]
        if d.date:
            meta.append(f" · Date: {d.date.isoformat()}")
        if d.deciders:
            meta.append(f" · Deciders: {', '.join(d.deciders)}")
        if d.superseded_by:
            meta.append(f" · Superseded by {d.superseded_by}")
        sub.add(Para(Span("".join(meta), "muted")))
        if d.context:
            sub.add(*paragraphs(d.context, Span("Context. ", "strong")))
        if d.options:
            sub.add(Para(Span("Options considered", "strong")), Bullets(d.options))
        sub.add(*paragraphs(d.decision or "Not yet taken.", Span("Decision. ", "strong")))
        if d.consequences:
            sub.add(*paragraphs(d.consequences, Span("Consequences. ", "strong")))
        accepted = _accepted(inputs, d)
        if accepted:
            items: list[Rich] = []
            for code, name, messages in accepted:
                items.append(
                    [Span(code, "code"), f" {name}" if name else "", f" — {'; '.join(messages)}" if messages else ""]
                )
            sub.add(Para(Span("Accepts findings", "strong")), Bullets(items))
        if d.components:
            sub.add(Para([Span("Concerns: ", "strong"), ", ".join(d.components)]))
        section.subsections.append(sub)
    return section


def madr(inputs: Inputs, number: int, decision: Decision, files: dict[str, str]) -> str:
    """One decision in MADR layout."""
    d = decision
    lines = [f"# {number:04d}. {escape(d.title)}", ""]
    status: str = d.status
    if d.superseded_by:
        target = files.get(d.superseded_by)
        by = f"[{escape(d.superseded_by)}]({target})" if target else escape(d.superseded_by)
        status = f"{d.status} (superseded by {by})"
    lines.append(f"* Status: {status}")
    if d.deciders:
        lines.append(f"* Deciders: {escape(', '.join(d.deciders))}")
    if d.date:
        lines.append(f"* Date: {d.date.isoformat()}")
    lines.append(f"* Id: {escape(d.id)}")
    if d.components:
        lines.append(f"* Components: {', '.join(f'`{c}`' for c in d.components)}")
    lines += ["", "## Context and Problem Statement", "", _text(d.context, "*Not recorded.*"), ""]
    lines += ["## Considered Options", ""]
    lines += [f"* {escape(o)}" for o in d.options] if d.options else ["*Not recorded.*"]
    lines += ["", "## Decision Outcome", "", _text(d.decision, "*Not yet taken.*"), ""]
    lines += ["### Consequences", "", _text(d.consequences, "*Not recorded.*"), ""]
    accepted = _accepted(inputs, d)
    if accepted:
        lines += [
            "## Accepted Findings",
            "",
            "This decision accepts the findings of these review rules on purpose:",
            "",
        ]
        for code, name, messages in accepted:
            lines.append(f"* `{code}`" + (f" {escape(name)}" if name else ""))
            lines += [f"  * {escape(m)}" for m in messages]
        lines.append("")
    lines += ["---", "", footer(inputs.arch.name)]
    return "\n".join(lines) + "\n"


def _text(text: str | None, missing: str) -> str:
    """Escaped user text, keeping its paragraphs (blank lines)."""
    if not text or not text.strip():
        return missing
    return "\n\n".join(escape(plain(p.content)) for p in paragraphs(text))


def footer(system: str) -> str:
    """The last line of every decision file; it also marks the file as generated for ``system``."""
    return f"*Generated by archkit from the model of {escape(system)}; edit the model, not this file.*"


def write_decisions(inputs: Inputs, out_dir: Path) -> list[Path]:
    from archkit.model.io import write_atomic

    decisions = inputs.arch.decisions
    files = file_names(decisions)
    written = []
    for i, d in enumerate(decisions, 1):
        path = out_dir / FOLDER / files[d.id]
        write_atomic(path, madr(inputs, i, d, files))
        written.append(path)
    return written


__all__ = ["FOLDER", "decisions_section", "file_names", "madr", "write_decisions"]
