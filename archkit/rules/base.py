"""What a rule is: its metadata, its typed check, and the hits it yields.

A rule lives in ``archkit/rules/catalog/<CODE>.py`` and defines one module attribute,
``RULE = Rule(...)``. The engine discovers the files, so adding a rule is adding a file
(see DEVELOPMENT.md, "Add a rule").
"""

from __future__ import annotations

import re
from collections.abc import Callable, Iterable
from dataclasses import dataclass, field
from typing import TYPE_CHECKING, Literal

from archkit.model.schema import SEVERITIES, Severity

if TYPE_CHECKING:
    from archkit.rules.context import Context

Category = Literal["security", "reliability", "performance", "data", "api", "operability", "cost", "model"]

SEVERITY_RANK: dict[str, int] = {name: rank for rank, name in enumerate(SEVERITIES)}
CATEGORIES: tuple[Category, ...] = (
    "security",
    "reliability",
    "performance",
    "data",
    "api",
    "operability",
    "cost",
    "model",
)

# Code prefixes and the categories they belong to. Ranges reserved for rules that read
# ``ctx.analysis`` (issue 5): PERF1xx, REL1xx, COST0xx.
PREFIX_CATEGORY: dict[str, Category] = {
    "SEC": "security",
    "REL": "reliability",
    "PERF": "performance",
    "DATA": "data",
    "API": "api",
    "OPS": "operability",
    "COST": "cost",
    "MODEL": "model",
}
CODE_PATTERN = re.compile(r"^(SEC|REL|PERF|DATA|API|OPS|COST|MODEL)(\d{3})$")
ANALYSIS_CODE_PATTERN = re.compile(r"^(PERF1\d\d|REL1\d\d|COST0\d\d)$")


@dataclass(frozen=True)
class Hit:
    """One place where a rule applies. ``severity`` overrides the rule's default for this hit
    (e.g. lower when the model leaves a field undeclared rather than declaring it false)."""

    components: tuple[str, ...] = ()
    message: str = ""
    links: tuple[str, ...] = ()  # "from->to"
    severity: Severity | None = None
    fix: str | None = None  # overrides the rule's fix for this hit
    file: str | None = None  # the hit is in another file than the model (an API spec the model names)
    line: int | None = None  # its line there
    # One root cause on many components: ``message`` is the headline ("{n} services run one
    # replica") and ``parts`` one (component, detail) each; the engine composes the message and
    # lets waivers and baselines take parts of it.
    parts: tuple[tuple[str, str], ...] = ()
    # What in the model set ``severity`` ("card data crosses from the public side"): the finding's
    # message ends with "— critical because …", so a reader sees why it ranks where it does.
    because: str | None = None


CheckFn = Callable[["Context"], Iterable[Hit]]


@dataclass(frozen=True)
class Rule:
    """A review rule: stable code, metadata for the docs, and a typed check over the context."""

    code: str
    name: str
    category: Category
    severity: Severity
    summary: str
    rationale: str
    fix: str
    reads: tuple[str, ...]
    check: CheckFn = field(compare=False, repr=False)
    needs_analysis: bool = False  # reads ctx.analysis (codes PERF1xx, REL1xx, COST0xx)
    reference: str = ""  # the outside rule or standard it corresponds to (Spectral, OWASP, Zalando, RFC)
    aliases: tuple[str, ...] = ()  # former codes of this rule: waivers and baselines naming them still apply

    def __post_init__(self) -> None:
        match = CODE_PATTERN.match(self.code)
        if not match:
            raise ValueError(f"rule code '{self.code}' must look like SEC001 (prefixes: {', '.join(PREFIX_CATEGORY)})")
        if self.severity not in SEVERITY_RANK:
            raise ValueError(f"rule {self.code}: unknown severity '{self.severity}'")
        if self.category not in CATEGORIES:
            raise ValueError(f"rule {self.code}: unknown category '{self.category}'")
        for attr in ("name", "summary", "rationale", "fix"):
            if not getattr(self, attr).strip():
                raise ValueError(f"rule {self.code}: '{attr}' must not be empty")


def listing(items: Iterable[str], limit: int = 6) -> str:
    """``a, b, c`` — or ``a, b, c, d, e, f and 12 more`` — for messages that name many ids."""
    names = list(items)
    if len(names) <= limit:
        return ", ".join(names)
    return f"{', '.join(names[:limit])} and {len(names) - limit} more"
