"""Number and label formatting shared by the section builders (deterministic, locale-free)."""

from __future__ import annotations

from typing import Any

from archkit.model.schema import MOST_SEVERE_FIRST
from archkit.report.doc import Span

SEVERITIES = MOST_SEVERE_FIRST
SEVERITY_RANK = {s: i for i, s in enumerate(SEVERITIES)}


def count(n: int, one: str, many: str | None = None) -> str:
    return f"{n} {one if n == 1 else many or one + 's'}"


def num(value: float | None, digits: int = 0) -> str:
    if value is None:
        return "—"
    return f"{value:,.{digits}f}"


def rps(value: float | None) -> str:
    return "—" if value is None else f"{num(value, 0 if value >= 100 else 1)} rps"


def ms(value: float | None) -> str:
    return "—" if value is None else f"{num(value, 0 if value >= 100 else 1)} ms"


def pct(value: float | None) -> str:
    """An availability percentage with enough digits to tell the nines apart."""
    if value is None:
        return "—"
    for digits in (3, 4, 5, 6):  # never round an availability below 100% up to 100%
        text = f"{value:.{digits}f}"
        if value >= 100.0 or float(text) < 100.0:
            return f"{text}%".replace(".000%", "%")
    return "> 99.9999%"


def usd(value: float | None) -> str:
    return "—" if value is None else f"${value:,.0f}"


def ratio(value: float | None) -> str:
    """A utilization fraction as a percentage."""
    if value is None:
        return "—"
    return f"{value * 100:.1f}%" if value < 0.1 else f"{value * 100:.0f}%"


def severity(sev: str) -> Span:
    return Span(sev, f"sev-{sev}" if sev in SEVERITY_RANK else "")


def status(ok: bool | None, good: str = "meets target", bad: str = "misses target") -> Span:
    if ok is None:
        return Span("no target", "muted")
    return Span(good, "ok") if ok else Span(bad, "bad")


def yes_no(value: bool | None) -> str:
    return "—" if value is None else ("yes" if value else "no")


def get(data: Any, *keys: str) -> Any:
    """``data[k1][k2]...`` or None when any step is missing."""
    for key in keys:
        if not isinstance(data, dict) or key not in data:
            return None
        data = data[key]
    return data
