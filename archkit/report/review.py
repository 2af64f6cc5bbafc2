"""Review findings (grouped by category and severity, with waivers) and the LLM critique."""

from __future__ import annotations

from typing import Any

from archkit.report import fmt
from archkit.report.doc import Inline, Note, Para, Rich, Section, Span, Table
from archkit.report.gather import NO_CRITIQUE, Inputs
from archkit.report.sections import new, unavailable


def _where(f: Any) -> Rich:
    out: list[Any] = []
    in_links = {end for link in f.links for end in link.split("->")}
    for i, item in enumerate([*[c for c in f.components if c not in in_links], *f.links]):
        if i:
            out.append(", ")
        out.append(Span(item, "code"))
    return out or "—"


WIDTHS = ("100px", "90px", "22%", "34%", "auto")


def _accepted_by(inputs: Inputs) -> dict[str, list[str]]:
    accepted: dict[str, list[str]] = {}
    for d in inputs.arch.decisions:
        for code in d.accepts:
            accepted.setdefault(code, []).append(d.id)
    return accepted


def _rows(inputs: Inputs, findings: list[Any]) -> list[list[Rich]]:
    accepted = _accepted_by(inputs)
    rows: list[list[Rich]] = []
    for f in findings:
        message: list[Any] = [f.message]
        if f.rule in accepted:
            message += [" ", Span(f"accepted in {', '.join(accepted[f.rule])}", "muted")]
        rows.append([fmt.severity(f.severity), Span(f.rule, "code"), _where(f), message, f.fix or "—"])
    return rows


def _order(f: Any) -> tuple[int, str, str]:
    return (fmt.SEVERITY_RANK.get(f.severity, 9), f.rule, f.message)


def review_section(inputs: Inputs) -> Section:
    section = new("review")
    if inputs.review is None:
        return section.add(unavailable(inputs, "review"))
    findings = list(inputs.review.findings)
    open_ = sorted((f for f in findings if not f.waived), key=_order)
    waived = sorted((f for f in findings if f.waived), key=_order)
    counts = {s: sum(1 for f in open_ if f.severity == s) for s in fmt.SEVERITIES}
    if open_:
        section.add(
            Para(
                f"{len(open_)} open findings and {len(waived)} waived. Findings are grouped by category, "
                "most severe first; each names where it applies and how to fix it."
            ),
            Table(
                ["Severity", *fmt.SEVERITIES],
                [["Open findings", *[str(counts[s]) for s in fmt.SEVERITIES]]],
                numeric=frozenset(range(1, 6)),
            ),
        )
    else:
        section.add(Para(f"No findings: the review raised nothing that is not waived ({len(waived)} waived)."))
    categories = sorted(
        {f.category for f in open_}, key=lambda c: (min(_order(f) for f in open_ if f.category == c), c)
    )
    columns = ["Severity", "Rule", "Where", "Finding", "Fix"]
    for category in categories:
        group = [f for f in open_ if f.category == category]
        sub = section.sub(_slug(category), category.replace("_", " ").capitalize())
        sub.add(Table(columns, _rows(inputs, group), widths=WIDTHS))
    waivers = section.sub("waivers", "Waivers")
    if inputs.arch.waivers:
        rows: list[list[Rich]] = []
        for w in inputs.arch.waivers:
            if w.expires is None:
                state = Span("no expiry", "warn")
            elif w.expires < inputs.today:
                state = Span("expired", "bad")
            else:
                days = (w.expires - inputs.today).days
                state = Span(f"active, {days} days left", "warn" if days <= 30 else "ok")
            rows.append(
                [
                    Span(w.rule, "code"),
                    ", ".join(w.components) or "all components",
                    w.reason,
                    w.owner,
                    w.expires.isoformat() if w.expires else "—",
                    state,
                ]
            )
        waivers.add(Table(["Rule", "Applies to", "Reason", "Owner", "Expires", "Status"], rows))
    else:
        waivers.add(Para("No waivers declared."))
    if waived:
        waivers.add(Para(Span("Findings waived", "strong")), Table(columns, _rows(inputs, waived), widths=WIDTHS))
    return section


def _slug(text: str) -> str:
    import re

    return re.sub(r"[^a-z0-9]+", "-", text.lower()).strip("-") or "other"


# ----------------------------------------------------------------------------------- critique
def critique_section(inputs: Inputs) -> Section:
    section = new("critique")
    critique = inputs.critique
    if critique is None:
        why = inputs.missing.get("critique", NO_CRITIQUE)
        if why == NO_CRITIQUE:
            hint: list[Inline] = [
                " Add one with ",
                Span("archkit report FILE --critique", "code"),
                " or by passing a critique.",
            ]
            return section.add(Note([why, *hint], "unavailable"))
        return section.add(unavailable(inputs, "critique"))
    section.add(
        Note(
            "LLM-generated: the points below were written by a language model from the model file, the "
            "findings and the analysis. Treat them as a second opinion to discuss, not as verified facts.",
            "llm",
        )
    )
    points = list(getattr(critique, "points", []) or [])
    if not points:
        section.add(Para("The critique raised no points."))
        return section
    rows: list[list[Rich]] = []
    for p in points:
        data = p.to_dict() if hasattr(p, "to_dict") else p if isinstance(p, dict) else {"text": str(p)}
        sev = str(data.get("severity") or "info")
        where = [*(data.get("components") or []), *(data.get("links") or [])]
        title = data.get("title") or data.get("summary") or ""
        body = data.get("message") or data.get("text") or data.get("detail") or ""
        text: list[Any] = [Span(str(title), "strong"), " ", str(body)] if title else [str(body)]
        rows.append(
            [
                fmt.severity(sev),
                ", ".join(map(str, where)) or "—",
                text,
                str(data.get("suggestion") or data.get("fix") or "—"),
            ]
        )
    rows.sort(key=lambda r: fmt.SEVERITY_RANK.get(r[0].text if isinstance(r[0], Span) else "", 9))
    section.add(Table(["Severity", "Where", "Point", "Suggestion"], rows))
    dropped = getattr(critique, "dropped", None)
    if dropped:
        section.add(
            Para(Span(f"{len(dropped)} points were dropped because they named parts not in the model.", "muted"))
        )
    return section
