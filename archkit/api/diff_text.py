"""An API diff as text, JSON data or a Markdown pull-request comment."""

from __future__ import annotations

from typing import Any

from archkit.api.diff import ApiDiff


def diff_data(diffs: list[ApiDiff]) -> dict[str, Any]:
    return {
        "fails": any(d.fails for d in diffs),
        "breaking": sum(len(d.breaking) for d in diffs),
        "apis": [d.to_dict() for d in diffs],
    }


def diff_text(diffs: list[ApiDiff]) -> str:
    out: list[str] = []
    for d in diffs:
        out.append(f"{d.name}: {d.verdict}")
        for c in sorted(d.changes, key=lambda c: (not c.breaking, c.where)):
            out.append(f"  {'BREAKING' if c.breaking else 'ok      '} {c.kind:32} {c.where}: {c.detail}")
    if not diffs:
        out.append("no REST API in either model")
    return "\n".join(out) + "\n"


def diff_markdown(diffs: list[ApiDiff]) -> str:
    failing = [d for d in diffs if d.fails]
    breaking = sum(len(d.breaking) for d in diffs)
    if failing:
        head = f"### ❌ API: {breaking} breaking change(s) without a new major version"
    elif breaking:
        head = f"### ⚠️ API: {breaking} breaking change(s), released as a new major version"
    elif any(d.changes for d in diffs):
        head = "### ✅ API: compatible changes only"
    else:
        head = "### ✅ API: no change"
    out = [head, ""]
    for d in diffs:
        if not d.changes:
            continue
        out += [f"**{d.name}** — {d.verdict}", "", "| | change | where | detail |", "|---|---|---|---|"]
        for c in sorted(d.changes, key=lambda c: (not c.breaking, c.where)):
            mark = "**breaking**" if c.breaking else "compatible"
            out.append(f"| {mark} | `{c.kind}` | `{_md(c.where)}` | {_md(c.detail)} |")
        out.append("")
    return "\n".join(out).rstrip() + "\n"


def _md(text: str) -> str:
    return text.replace("|", "\\|").replace("\n", " ")


__all__ = ["diff_data", "diff_markdown", "diff_text"]
