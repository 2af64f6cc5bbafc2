"""What a spec rule is: metadata for the docs and the review, the reference it corresponds to,
and a check over one OpenAPI document that yields hits at pointers."""

from __future__ import annotations

from collections.abc import Callable, Iterable
from dataclasses import dataclass, field

from archkit.api.spec import Pointer, Spec
from archkit.model.schema import Severity


@dataclass(frozen=True)
class SpecHit:
    pointer: Pointer
    message: str
    severity: Severity | None = None


@dataclass(frozen=True)
class SpecRule:
    code: str  # API001..API099: rules over any OpenAPI document
    name: str
    severity: Severity
    summary: str
    rationale: str
    fix: str
    reference: str  # the Spectral / OWASP API Top 10 2023 id, Zalando rule number or RFC it corresponds to
    check: Callable[[Spec], Iterable[SpecHit]] = field(compare=False, repr=False)
    # Under `archkit check` the architecture may know the cause better: then this rule stays quiet
    # there and the API1xx rule named here reports it once (it still runs under `api lint`).
    check_defers_to: str | None = None


__all__ = ["SpecHit", "SpecRule"]
