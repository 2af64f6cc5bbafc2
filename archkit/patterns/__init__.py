"""Starter models for ``archkit new``: each a valid, realistic design to edit."""

from __future__ import annotations

import re
from pathlib import Path

from archkit.model.errors import ModelError, Problem, choose_from, did_you_mean

_DIR = Path(__file__).resolve().parent

PATTERNS: dict[str, str] = {
    "monolith": "A monolith with a relational database and a cache",
    "microservices": "Microservices behind an API gateway, each owning its data",
    "event-driven": "Event-driven with a broker and a CQRS read model",
    "serverless": "Serverless functions behind an API gateway with managed stores",
}


def new_model(name: str, pattern: str = "microservices") -> str:
    """The text of a starter model called ``name``, from one of ``PATTERNS``."""
    if pattern not in PATTERNS:
        raise ModelError(
            [
                Problem(
                    None,
                    None,
                    "--pattern",
                    f"unknown pattern '{pattern}'{did_you_mean(pattern, PATTERNS)}; {choose_from(PATTERNS)}",
                )
            ]
        )
    if not name.strip():
        raise ModelError([Problem(None, None, "NAME", "the system needs a name")])
    text = (_DIR / f"{pattern}.yaml").read_text(encoding="utf-8")
    quoted = '"' + name.replace("\\", "\\\\").replace('"', '\\"') + '"'
    # A function as replacement: re.sub would otherwise read the backslashes in ``quoted``.
    return re.sub(r"^name: .*$", lambda _: f"name: {quoted}", text, count=1, flags=re.MULTILINE)


def slug(name: str) -> str:
    """A file-name-safe slug: 'Order Service' -> 'order-service'."""
    return re.sub(r"[^a-z0-9]+", "-", name.lower()).strip("-") or "model"
