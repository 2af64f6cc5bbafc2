"""The spec rules (``archkit.api.lint``) as review rules: under ``archkit check`` they run over
the OpenAPI document of every REST component, the team's own (``api.spec``) when the model
names one, else the one archkit generates from the model.

A hit in a team's document is placed at its file and line; a hit in a generated document is
placed on the component, since its cause is in the model.
"""

from __future__ import annotations

from collections.abc import Iterator
from functools import cache

from archkit.api.lint import SPEC_RULES, SpecRule
from archkit.rules.base import Hit, Rule
from archkit.rules.context import Context


def _as_rule(spec_rule: SpecRule) -> Rule:
    def check(ctx: Context) -> Iterator[Hit]:
        for component, spec in ctx.api_specs.items():
            for hit in spec_rule.check(spec):
                where = f"{spec.file}: " if spec.file else ""
                yield Hit(
                    (component,),
                    f"{component} API: {where}{hit.message}" if spec.file else f"{component} API: {hit.message}",
                    severity=hit.severity,
                    file=spec.file,
                    line=spec.line(hit.pointer) if spec.file else None,
                )

    return Rule(
        code=spec_rule.code,
        name=spec_rule.name,
        category="api",
        severity=spec_rule.severity,
        summary=spec_rule.summary,
        rationale=spec_rule.rationale,
        fix=spec_rule.fix,
        reads=("components.api", "components.operations"),
        check=check,
        reference=spec_rule.reference,
    )


@cache
def spec_rules() -> tuple[Rule, ...]:
    return tuple(_as_rule(r) for r in SPEC_RULES)


__all__ = ["spec_rules"]
