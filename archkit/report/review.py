"""Review findings (grouped by category and severity, with waivers) and the LLM critique."""

from __future__ import annotations

from typing import Any

from archkit.report import fmt
from archkit.report.doc import Bullets, Inline, Note, Para, Rich, Section, Span, Table, ticks
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
        message: list[Any] = ticks(f.message)
        if f.rule in accepted:
            message += [" ", Span(f"accepted in {', '.join(accepted[f.rule])}", "muted")]
        rows.append([fmt.severity(f.severity), Span(f.rule, "code"), _where(f), message, ticks(f.fix) or "—"])
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
    crashed = sorted({f.rule for f in findings if getattr(f, "source", "rule") == "error"})
    if crashed:
        section.add(
            Note(
                f"{fmt.count(len(crashed), 'rule')} crashed on this model ({', '.join(crashed)}), so the review is "
                "incomplete: see the findings they left below and report the crash.",
                "warn",
            )
        )
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
    model = getattr(critique, "model", None)
    label = f"written by the language model {model}" if model else "written by a language model"
    section.add(
        Note(
            f"The points below were {label} from the model file, the review findings and the analysis, "
            "then checked to cite only parts that exist in the model. Treat them as a second opinion to "
            "discuss, not as verified facts.",
            "llm",
        )
    )
    points = list(getattr(critique, "points", []) or [])
    if not points:
        section.add(Para("The critique raised no points."))
    else:
        rows = [_point_row(p) for p in points]
        rows.sort(key=lambda r: fmt.SEVERITY_RANK.get(r[0].text if isinstance(r[0], Span) else "", 9))
        widths = ("100px", "120px", "20%", "34%", "auto")
        section.add(Table(["Severity", "Category", "Cites", "Concern", "Recommendation"], rows, widths=widths))
    dropped = list(getattr(critique, "dropped", None) or [])
    if dropped:
        items: list[Rich] = []
        for d in dropped:
            data = d.to_dict() if hasattr(d, "to_dict") else d if isinstance(d, dict) else {"concern": str(d)}
            reason = data.get("reason")
            items.append([str(data.get("concern", "")), Span(f" ({reason})" if reason else "", "muted")])
        section.add(
            Para(
                Span(
                    f"Dropped ({len(dropped)}): points that could not be grounded in the model",
                    "strong",
                )
            ),
            Bullets(items),
        )
    usage = getattr(critique, "usage", None)
    if usage is not None and hasattr(usage, "line"):
        section.add(Para(Span(f"Usage: {usage.line()}.", "muted")))
    return section


def _point_row(point: Any) -> list[Rich]:
    data = (
        point.to_dict() if hasattr(point, "to_dict") else point if isinstance(point, dict) else {"concern": str(point)}
    )
    cites: list[Any] = []
    for i, c in enumerate(data.get("cites") or [*(data.get("components") or []), *(data.get("links") or [])]):
        cites += [", " if i else "", Span(str(c), "code")]
    concern: list[Any] = ticks(str(data.get("concern") or data.get("message") or data.get("text") or ""))
    if data.get("restates"):
        concern += [" ", Span(f"agrees with {data['restates']}", "muted")]
    return [
        fmt.severity(str(data.get("severity") or "info")),
        str(data.get("category") or "—"),
        cites or "—",
        concern,
        ticks(str(data.get("recommendation") or data.get("fix") or "")) or "—",
    ]
