"""What every import shares: the result (a model and what could not be mapped) and archkit ids."""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from typing import Any


@dataclass
class ImportResult:
    model: dict[str, Any]
    unmapped: list[str] = field(default_factory=list)  # what has no archkit meaning, one line each


def slug(text: object) -> str:
    """An archkit id (lowercase letters, digits, '-' and '_', at most 64) for another tool's id or name."""
    value = re.sub(r"[^a-z0-9_-]+", "-", str(text).lower()).strip("-_")[:64].rstrip("-_")
    return value if value and value[0].isalpha() else f"x-{value}"[:64].rstrip("-_")


def unique(wanted: str, taken: set[str]) -> str:
    """``wanted``, or ``wanted-2``, ``wanted-3``... when another element already has that id."""
    candidate, n = wanted, 2
    while candidate in taken:
        suffix = f"-{n}"
        candidate, n = wanted[: 64 - len(suffix)] + suffix, n + 1
    taken.add(candidate)
    return candidate


def merge_link(links: list[dict[str, Any]], link: dict[str, Any]) -> bool:
    """Fold ``link`` into a link of ``links`` with the same ends and protocol, as archkit has one
    link per pair and protocol: the data both carry, and both descriptions. True when folded."""
    key = (link["from"], link["to"], link.get("protocol"))
    same = next((x for x in links if (x["from"], x["to"], x.get("protocol")) == key), None)
    if same is None:
        return False
    same["data"] = list(dict.fromkeys([*same.get("data", []), *link.get("data", [])]))
    said = [d for d in (same.get("description"), link.get("description")) if d]
    if said:
        same["description"] = "; ".join(dict.fromkeys(said))
    if not same["data"]:
        del same["data"]
    return True
