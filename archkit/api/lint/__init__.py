"""The spec rules: checks over any OpenAPI 3.0/3.1 document (``archkit api lint``), which
``archkit check`` also runs over the documents a model's APIs imply."""

from __future__ import annotations

from archkit.api.lint import errors, methods, naming, pagination, security, versioning
from archkit.api.lint.base import SpecHit, SpecRule
from archkit.api.spec import Spec

SPEC_RULES: tuple[SpecRule, ...] = tuple(
    sorted(
        [*naming.RULES, *methods.RULES, *versioning.RULES, *errors.RULES, *pagination.RULES, *security.RULES],
        key=lambda r: r.code,
    )
)


def run(rule: SpecRule, spec: Spec) -> list[SpecHit]:
    return list(rule.check(spec))


__all__ = ["SPEC_RULES", "SpecHit", "SpecRule", "run"]
