"""The critique as data: grounded points, open questions, what was dropped, usage and cost.

Everything here is plain data; ``frame()`` imports pandas when called. Critique text came
from a model and may contain anything: HTML output escapes it, Markdown output escapes the
characters that would turn it into markup or HTML.
"""

from __future__ import annotations

import html
import json
import re
from dataclasses import asdict, dataclass, field
from typing import TYPE_CHECKING, Any

from archkit.critique.prompt import SEVERITIES
from archkit.rules.finding import Finding

if TYPE_CHECKING:
    import pandas as pd

LLM_RULE = "LLM"
# Review.frame()'s columns (one per Finding field) plus the critique's own, so the two concatenate.
FRAME_COLUMNS = [*Finding.__dataclass_fields__, "cites", "restates"]


@dataclass(frozen=True)
class Point:
    """One review point that survived grounding."""

    severity: str
    category: str
    cites: tuple[str, ...]  # valid ids only: components, "from->to" links, requirements, data, boundaries
    concern: str
    recommendation: str
    removed: tuple[str, ...] = ()  # cited ids that do not exist in the model, removed
    restates: str | None = None  # rule code of the finding this point repeats
    components: tuple[str, ...] = ()  # the cites that are components
    links: tuple[str, ...] = ()  # the cites that are links, "from->to"

    def to_dict(self) -> dict[str, Any]:
        """The point, plus ``message``/``fix`` so it reads like a finding to finding-shaped consumers."""
        d = asdict(self)
        for key in ("cites", "removed", "components", "links"):
            d[key] = list(d[key])
        d["message"], d["fix"], d["source"] = self.concern, self.recommendation, "llm"
        return d


@dataclass(frozen=True)
class Dropped:
    """A point the model made that could not be kept, and why."""

    concern: str
    cites: tuple[str, ...]
    reason: str

    def to_dict(self) -> dict[str, Any]:
        return {"concern": self.concern, "cites": list(self.cites), "reason": self.reason}


@dataclass(frozen=True)
class Usage:
    input_tokens: int
    output_tokens: int
    cost_usd: float | None  # approximate; None when the model is not in the price table
    prices_as_of: str
    attempts: int = 1  # HTTP attempts the call took (retries included)

    def to_dict(self) -> dict[str, Any]:
        return asdict(self)

    def line(self) -> str:
        cost = f"~${self.cost_usd:.4f}" if self.cost_usd is not None else "cost unknown for this model"
        return (
            f"{self.input_tokens} input + {self.output_tokens} output tokens, {cost} (prices as of {self.prices_as_of})"
        )


@dataclass
class Critique:
    """The LLM critique of one architecture (see ``archkit.critique.critique``)."""

    system: str
    model: str
    prompt_version: str
    points: list[Point]
    questions: list[str]
    dropped: list[Dropped]
    usage: Usage
    cached: bool = False
    focus: str | None = None
    notes: list[str] = field(default_factory=list)  # e.g. "rule findings not sent: ..."

    # ---- selections -------------------------------------------------------------------------
    @property
    def new_points(self) -> list[Point]:
        """Points that do not repeat a rule finding."""
        return [p for p in self.points if p.restates is None]

    @property
    def restated(self) -> list[Point]:
        """Points that agree with a rule finding (linked to it by ``restates``)."""
        return [p for p in self.points if p.restates is not None]

    # ---- exports ----------------------------------------------------------------------------
    def to_dict(self) -> dict[str, Any]:
        return {
            "source": "llm",
            "system": self.system,
            "model": self.model,
            "prompt_version": self.prompt_version,
            "focus": self.focus,
            "cached": self.cached,
            "points": [p.to_dict() for p in self.points],
            "questions": list(self.questions),
            "dropped": [d.to_dict() for d in self.dropped],
            "usage": self.usage.to_dict(),
            "notes": list(self.notes),
        }

    def to_json(self) -> str:
        return json.dumps(self.to_dict(), indent=2, ensure_ascii=False)

    def as_findings(self, *, include_restated: bool = False) -> list[dict[str, Any]]:
        """Finding-like dicts (source="llm") for the findings table and the report.

        Points that restate a rule finding are left out unless ``include_restated``: the
        finding is already in the table.
        """
        out = []
        for p in self.points if include_restated else self.new_points:
            out.append(
                {
                    "rule": LLM_RULE,
                    "name": "llm-critique",
                    "severity": p.severity,
                    "category": p.category,
                    "components": p.components,
                    "links": p.links,
                    "cites": p.cites,
                    "message": p.concern,
                    "fix": p.recommendation,
                    "waived": False,
                    "waiver": None,
                    "source": "llm",
                    "line": None,
                    "baseline": False,
                    "restates": p.restates,
                }
            )
        return out

    def frame(self) -> pd.DataFrame:
        """One row per point (restating ones included, marked), source="llm", most severe first.

        The columns are those of ``Review.frame()`` plus ``cites`` and ``restates``, so
        ``pd.concat([review.frame(), critique.frame()])`` gives one findings table.
        """
        import pandas as pd

        rows = [
            {**f, **{k: ", ".join(f[k]) for k in ("components", "links", "cites")}}
            for f in sorted(self.as_findings(include_restated=True), key=lambda f: SEVERITIES.index(f["severity"]))
        ]
        frame = pd.DataFrame(rows, columns=FRAME_COLUMNS)
        frame["severity"] = pd.Categorical(frame["severity"], categories=list(reversed(SEVERITIES)), ordered=True)
        return frame

    def to_text(self) -> str:
        lines = [f"LLM critique of {self.system} ({self.model}{', cached' if self.cached else ''})", ""]
        for i, p in enumerate(self.new_points, 1):
            lines.append(f"{i}. [{p.severity}] {p.category} - {', '.join(p.cites)}")
            lines.append(f"   {p.concern}")
            lines.append(f"   -> {p.recommendation}")
            if p.removed:
                lines.append(f"   (unknown ids removed: {', '.join(p.removed)})")
        if not self.new_points:
            lines.append("No new points beyond the rule findings.")
        if self.restated:
            lines += ["", "Agrees with rule findings:"]
            lines += [f"- {p.restates}: {p.concern}" for p in self.restated]
        if self.questions:
            lines += ["", "Open questions:"]
            lines += [f"- {q}" for q in self.questions]
        if self.dropped:
            lines += ["", "Dropped (not grounded in the model):"]
            lines += [f"- {d.concern} — {d.reason}" for d in self.dropped]
        lines += ["", *self._footer()]
        return "\n".join(lines) + "\n"

    def to_markdown(self) -> str:
        m = _md
        lines = [f"## LLM critique: {m(self.system)}", ""]
        lines.append(
            f"*Second opinion by `{m(self.model)}`, grounded in the model: every point cites ids that exist. "
            "Machine-generated: weigh it, do not obey it.*"
        )
        lines.append("")
        if self.new_points:
            lines += ["| # | Severity | Category | Cites | Concern | Recommendation |", "|---|---|---|---|---|---|"]
            for i, p in enumerate(self.new_points, 1):
                cites = ", ".join(m(c) for c in p.cites)
                lines.append(
                    f"| {i} | {p.severity} | {p.category} | {cites} | {_cell(p.concern)} | {_cell(p.recommendation)} |"
                )
        else:
            lines.append("No new points beyond the rule findings.")
        if self.restated:
            lines += ["", "### Agrees with rule findings", ""]
            lines += [f"- **{m(p.restates or '')}**: {m(p.concern)}" for p in self.restated]
        if self.questions:
            lines += ["", "### Open questions", ""]
            lines += [f"- {m(q)}" for q in self.questions]
        if self.dropped:
            lines += ["", "### Dropped (not grounded in the model)", ""]
            lines += [f"- {m(d.concern)} — {m(d.reason)}" for d in self.dropped]
        footer = self._footer()
        lines += ["", f"*{footer[0]}*  ", f"*{footer[1]}*  ", *(f"*{m(x)}*  " for x in footer[2:])]
        return "\n".join(lines).rstrip() + "\n"

    def to_html(self) -> str:
        """A self-contained HTML fragment; every piece of critique text is escaped."""
        e = html.escape
        out = [
            '<div class="archkit-critique">',
            f"<h3>LLM critique: {e(self.system)}</h3>",
            f"<p><em>Second opinion by <code>{e(self.model)}</code>{' (cached)' if self.cached else ''}; "
            "every point cites ids that exist in the model.</em></p>",
        ]
        if self.new_points:
            out.append(
                "<table><thead><tr><th>Severity</th><th>Category</th><th>Cites</th><th>Concern</th>"
                "<th>Recommendation</th></tr></thead><tbody>"
            )
            for p in self.new_points:
                out.append(
                    f'<tr class="sev-{e(p.severity)}"><td>{e(p.severity)}</td><td>{e(p.category)}</td>'
                    f"<td>{', '.join(f'<code>{e(c)}</code>' for c in p.cites)}</td>"
                    f"<td>{e(p.concern)}</td><td>{e(p.recommendation)}</td></tr>"
                )
            out.append("</tbody></table>")
        else:
            out.append("<p>No new points beyond the rule findings.</p>")
        if self.restated:
            out.append("<h4>Agrees with rule findings</h4><ul>")
            out += [f"<li><b>{e(p.restates or '')}</b>: {e(p.concern)}</li>" for p in self.restated]
            out.append("</ul>")
        if self.questions:
            out.append("<h4>Open questions</h4><ul>")
            out += [f"<li>{e(q)}</li>" for q in self.questions]
            out.append("</ul>")
        if self.dropped:
            out.append("<h4>Dropped (not grounded in the model)</h4><ul>")
            out += [f"<li>{e(d.concern)} — {e(d.reason)}</li>" for d in self.dropped]
            out.append("</ul>")
        out += [f"<p><small>{e(x)}</small></p>" for x in self._footer()]
        out.append("</div>")
        return "\n".join(out)

    def _repr_html_(self) -> str:
        return self.to_html()

    def __repr__(self) -> str:
        return (
            f"<Critique of {self.system!r} by {self.model}: {len(self.new_points)} points, "
            f"{len(self.restated)} restating findings, {len(self.questions)} questions, {len(self.dropped)} dropped>"
        )

    # ---- helpers ----------------------------------------------------------------------------
    def _footer(self) -> list[str]:
        usage = self.usage.line() + (" — served from the cache, no API call made" if self.cached else "")
        return [usage, f"prompt {self.prompt_version}", *self.notes]


_MD_SPECIAL = re.compile(r"([\\`*_{}\[\]#|!~])")


def _md(text: str) -> str:
    """Untrusted text made inert in Markdown, on one line: HTML as entities, markup backslash-escaped."""
    text = " ".join(text.split()).replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;")
    return _MD_SPECIAL.sub(r"\\\1", text)


def _cell(text: str) -> str:
    return _md(text)
