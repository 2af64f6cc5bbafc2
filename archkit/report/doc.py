"""The report as data: sections of blocks that the HTML and Markdown writers both render.

Building the document once and writing it twice is what keeps the two formats holding the
same sections, tables and figures. Text here is raw user text: each writer escapes it.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass, field
from typing import Literal

# Inline styles: strong, em, code, muted, and a status or severity colour:
# ok | warn | bad | sev-critical | sev-high | sev-medium | sev-low | sev-info
Style = str


@dataclass(frozen=True)
class Span:
    """A piece of inline text with a style (a ``str`` alone is plain text)."""

    text: str
    style: Style = ""
    file: str | None = None  # Markdown links to this file written beside the report
    anchor: str | None = None  # HTML links to this section id in the same page


Inline = str | Span
Rich = Inline | Sequence[Inline]


def parts(rich: Rich) -> list[Inline]:
    """A rich value as a flat list of inline pieces."""
    if isinstance(rich, str | Span):
        return [rich]
    return list(rich)


def plain(rich: Rich) -> str:
    """The text of a rich value without styles."""
    return "".join(p if isinstance(p, str) else p.text for p in parts(rich))


@dataclass(frozen=True)
class Para:
    content: Rich


def ticks(text: str) -> list[Inline]:
    """Text whose `backticked` parts (as archkit's rule messages and fixes write them) become code.
    Only the styling changes: each writer still escapes every piece."""
    import re

    pieces = re.split(r"`([^`\n]+)`", text)
    return [Span(p, "code") if i % 2 else p for i, p in enumerate(pieces) if p]


def paragraphs(text: str, lead: Span | None = None) -> list[Para]:
    """User text split at blank lines into paragraphs; ``lead`` starts the first one."""
    import re

    chunks = [c.strip() for c in re.split(r"\n\s*\n", text.strip()) if c.strip()] or [""]
    out = [Para([lead, chunks[0]] if lead else chunks[0])]
    return out + [Para(c) for c in chunks[1:]]


@dataclass(frozen=True)
class Bullets:
    items: Sequence[Rich]
    ordered: bool = False


@dataclass(frozen=True)
class Table:
    columns: Sequence[str]
    rows: Sequence[Sequence[Rich]]
    numeric: frozenset[int] = frozenset()  # column indexes to right-align
    caption: str | None = None
    widths: Sequence[str] = ()  # CSS widths per column (HTML only), so sibling tables line up


@dataclass(frozen=True)
class Figure:
    """A picture: SVG text or PNG bytes. ``name`` is its file stem in the Markdown assets folder."""

    name: str
    caption: str
    svg: str | None = None
    png: bytes | None = None
    wide: bool = False  # diagrams use the full width; charts are capped


@dataclass(frozen=True)
class Note:
    """A call-out box. ``unavailable`` marks a part that could not be produced; ``llm`` machine text."""

    content: Rich
    kind: Literal["info", "warn", "unavailable", "llm"] = "info"


@dataclass(frozen=True)
class Metric:
    label: str
    value: str
    detail: str = ""
    status: Literal["ok", "warn", "bad", ""] = ""
    verdict: str = ""  # words for the status (default: on target / watch / off target)


@dataclass(frozen=True)
class Metrics:
    """Headline figures, shown as cards in HTML and as a table in Markdown."""

    items: Sequence[Metric]


Block = Para | Bullets | Table | Figure | Note | Metrics


@dataclass
class Section:
    id: str
    title: str
    blocks: list[Block] = field(default_factory=list)
    subsections: list[Section] = field(default_factory=list)

    def add(self, *blocks: Block) -> Section:
        self.blocks.extend(blocks)
        return self

    def sub(self, id: str, title: str, *blocks: Block) -> Section:
        child = Section(f"{self.id}-{id}", title, list(blocks))
        self.subsections.append(child)
        return child


@dataclass
class Document:
    title: str
    subtitle: str
    meta: list[tuple[str, str]]  # (label, value) shown under the title
    sections: list[Section]

    def figures(self) -> list[Figure]:
        found: list[Figure] = []

        def walk(section: Section) -> None:
            found.extend(b for b in section.blocks if isinstance(b, Figure))
            for child in section.subsections:
                walk(child)

        for s in self.sections:
            walk(s)
        return found

    def headings(self) -> list[tuple[int, str]]:
        """(level, title) of every heading, in order; level 2 for sections, 3 for subsections."""
        out: list[tuple[int, str]] = []

        def walk(section: Section, level: int) -> None:
            out.append((level, section.title))
            for child in section.subsections:
                walk(child, level + 1)

        for s in self.sections:
            walk(s, 2)
        return out
