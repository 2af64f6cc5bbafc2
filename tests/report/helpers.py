"""Shared pieces of the report tests: a hostile model, a fixed review, parsers for both formats."""

from __future__ import annotations

import base64
import re
from html.parser import HTMLParser
from urllib.parse import unquote

HOSTILE_MODEL = """\
archkit: 1
name: "Evil <script>alert('name')</script> & \\"quoted\\" | piped"
description: "Does <img src=x onerror=alert(1)> things with `ticks` and *stars* | pipes"
requirements:
  peak_rps: 100
  latency_p99_ms: 200
  availability: 99.9
  budget_usd_per_month: 1000
  functional:
    - {id: FR1, text: "Pay <b>now</b> | later", served_by: [api]}
    - {id: FR2, text: "Nobody serves me", served_by: []}
boundaries:
  - {id: edge, name: "Edge <zone>", trust: public}
components:
  - {id: app, kind: client, boundary: edge}
  - {id: api, kind: service, description: "Handles <script>x</script> | a | b", tech: "go`1.22`"}
  - {id: db, kind: database, description: "Stores things"}
  - {id: orphan, kind: worker}
links:
  - {from: app, to: api, protocol: https, description: "JSON </td> over <https>"}
  - {from: api, to: db, protocol: sql}
waivers:
  - {rule: SEC001, components: [db], reason: "Accepted <risk>", owner: "Team \\"A\\"", expires: 2026-01-31}
  - {rule: REL001, reason: "Old waiver", owner: ops, expires: 2025-01-01}
decisions:
  - id: ADR-001
    title: "Use <Postgres> | not `Mongo`"
    status: accepted
    date: 2025-05-01
    deciders: [alice, bob]
    context: "We need <transactions>."
    options: ["Postgres", "Mongo <cheap>"]
    decision: "Postgres, because of joins."
    consequences: "One more thing to run."
    components: [db]
    accepts: [SEC001]
  - id: ADR-002
    title: Keep one region
    superseded_by: ADR-001
    status: superseded
open_questions:
  - "What about <script>alert('q')</script>?"
"""


class Headings(HTMLParser):
    """Collects (level, text) of h1..h6 and every src/href value, from HTML."""

    def __init__(self) -> None:
        super().__init__()
        self.headings: list[tuple[int, str]] = []
        self.refs: list[str] = []
        self._level: int | None = None
        self._text: list[str] = []

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        if re.fullmatch(r"h[1-6]", tag):
            self._level, self._text = int(tag[1]), []
        for name, value in attrs:
            if name in ("src", "href", "xlink:href", "action", "srcset", "poster", "data") and value is not None:
                self.refs.append(value)

    def handle_endtag(self, tag: str) -> None:
        if self._level is not None and tag == f"h{self._level}":
            self.headings.append((self._level, "".join(self._text).strip()))
            self._level = None

    def handle_data(self, data: str) -> None:
        if self._level is not None:
            self._text.append(data)


def html_headings(html: str) -> list[tuple[int, str]]:
    parser = Headings()
    parser.feed(html)
    return parser.headings


def md_headings(md: str) -> list[tuple[int, str]]:
    out = []
    for line in md.splitlines():
        m = re.match(r"^(#{1,6}) (.*)$", line)
        if m:
            out.append((len(m.group(1)), md_unescape(m.group(2))))
    return out


def md_unescape(text: str) -> str:
    text = re.sub(r"\\([\\`*_\[\]|#~])", r"\1", text)
    return text.replace("&lt;", "<").replace("&gt;", ">").replace("&amp;", "&")


_CSS_URL = re.compile(r"url\(\s*['\"]?(?!data:|#)([^)'\"]*)", re.I)


def external_references(html: str, depth: int = 0) -> list[str]:
    """Every reference in ``html`` (or SVG) that would load something from outside the file,
    including inside embedded SVG data URIs."""
    parser = Headings()
    parser.feed(html)
    bad = [r for r in parser.refs if not r.startswith(("data:", "#"))]
    bad += [f"url({u})" for u in _CSS_URL.findall(html)]
    bad += ["@import"] * html.count("@import")
    bad += re.findall(r"<(?:script|link|iframe|object|embed|base)\b[^>]*>", html, re.I)
    if depth < 2:
        for uri in parser.refs:
            m = re.match(r"data:image/svg\+xml(;base64)?,(.*)", uri, re.S)
            if m:
                inner = base64.b64decode(m.group(2)).decode("utf-8") if m.group(1) else unquote(m.group(2))
                bad += external_references(inner, depth + 1)
    return bad
