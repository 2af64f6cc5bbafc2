"""The report as Markdown (GitHub flavour): same sections as the HTML, pictures as files beside it."""

from __future__ import annotations

import re

from archkit.report.doc import (
    Block,
    Bullets,
    Document,
    Figure,
    Inline,
    Metrics,
    Note,
    Para,
    Rich,
    Section,
    Span,
    Table,
    parts,
)

_SPECIAL = re.compile(r"([\\`*_\[\]|#~])")


def escape(text: str) -> str:
    """User text made inert in Markdown: no emphasis, links, code, table breaks or raw HTML."""
    text = _SPECIAL.sub(r"\\\1", text)
    text = text.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;")
    return re.sub(r"\s*\n\s*", " ", text).strip() if "\n" in text else text


def code(text: str) -> str:
    if "`" not in text and "|" not in text:
        return f"`{text}`" if text else ""
    return escape(text)


_STRONG = {"strong", "bad"}


def inline(rich: Rich) -> str:
    out = []
    for p in parts(rich):
        if isinstance(p, str):
            out.append(escape(p))
            continue
        text = code(p.text) if p.style == "code" else escape(p.text)
        lead, body, trail = _split_space(text)
        if body and (p.style in _STRONG or p.style in ("sev-critical", "sev-high")):
            text = f"{lead}**{body}**{trail}"
        elif body and p.style in ("em", "muted"):
            text = f"{lead}*{body}*{trail}"
        if p.file:
            text = f"[{text}]({p.file})"
        out.append(text)
    return "".join(out)


def _split_space(text: str) -> tuple[str, str, str]:
    """Emphasis markers must hug the text: ``**Context.** We``, never ``**Context. **We``."""
    body = text.strip()
    if not body:
        return text, "", ""
    start = text.index(body)
    return text[:start], body, text[start + len(body) :]


def table(t: Table) -> str:
    head = "| " + " | ".join(escape(c) for c in t.columns) + " |"
    rule = "|" + "|".join("---:" if i in t.numeric else "---" for i in range(len(t.columns))) + "|"
    rows = ["| " + " | ".join(inline(cell) or " " for cell in row) + " |" for row in t.rows]
    caption = [f"*{escape(t.caption)}*", ""] if t.caption else []
    return "\n".join([*caption, head, rule, *rows])


_NOTE_LABEL = {"info": "Note", "warn": "Warning", "unavailable": "Not available", "llm": "LLM-generated"}


def block(b: Block, assets: str) -> str:
    if isinstance(b, Para):
        return inline(b.content)
    if isinstance(b, Bullets):
        return "\n".join(
            f"{i + 1}. {inline(item)}" if b.ordered else f"- {inline(item)}" for i, item in enumerate(b.items)
        )
    if isinstance(b, Table):
        return table(b)
    if isinstance(b, Figure):
        ext = "svg" if b.svg is not None else "png"
        return f"![{escape(b.caption)}]({assets}/{b.name}.{ext})\n\n*{escape(b.caption)}*"
    if isinstance(b, Note):
        return f"> **{_NOTE_LABEL[b.kind]}:** {inline(b.content)}"
    if isinstance(b, Metrics):
        rows: list[list[Rich]] = []
        for m in b.items:
            detail: list[Inline] = [m.detail]
            if m.status:
                detail += [" — ", Span(m.verdict or _STATUS[m.status], m.status)]
            rows.append([m.label, Span(m.value, "strong"), detail])
        return table(Table(["Headline", "Value", "Detail"], rows))
    raise TypeError(f"unknown block {type(b).__name__}")


_STATUS = {"ok": "on target", "warn": "watch", "bad": "off target", "": ""}


def section(s: Section, level: int, assets: str) -> list[str]:
    out = [f"{'#' * level} {escape(s.title)}"]
    out += [block(b, assets) for b in s.blocks]
    for child in s.subsections:
        out += section(child, level + 1, assets)
    return out


def render(doc: Document, assets: str) -> str:
    """Markdown text; figures link to ``<assets>/<name>.svg`` (written by the caller)."""
    out = [f"# {escape(doc.title)}", f"*{escape(doc.subtitle)}*"]
    out.append("  \n".join(f"**{escape(label)}:** {escape(value)}" for label, value in doc.meta))
    out.append(
        "## Contents\n\n"
        + "\n".join(f"{i + 1}. [{escape(s.title)}](#{_anchor(s.title)})" for i, s in enumerate(doc.sections))
    )
    for s in doc.sections:
        out += section(s, 2, assets)
    return "\n\n".join(out).rstrip() + "\n"


def _anchor(title: str) -> str:
    """GitHub's heading anchor: lowercase, punctuation dropped, spaces to hyphens."""
    return re.sub(r"[^\w\- ]", "", title.lower()).replace(" ", "-")
