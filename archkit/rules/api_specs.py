"""The spec rules (``archkit.api.lint``) as review rules: under ``archkit check`` they run over
the OpenAPI document of every REST component, the team's own (``api.spec``) when the model
names one, else the one archkit generates from the model.

A rule's hits in one document are one finding (one cause, e.g. ``errors: custom``, shows in
every error response): it names the first place and how many more there are. In a team's
document the finding sits at the file and line of the first hit; in a generated one, on the
component, since its cause is in the model.
"""

from __future__ import annotations

from collections.abc import Iterator
from functools import cache

from archkit.api.lint import SPEC_RULES, SpecRule
from archkit.rules.base import SEVERITY_RANK, Hit, Rule
from archkit.rules.context import Context


def _as_rule(spec_rule: SpecRule) -> Rule:
    def check(ctx: Context) -> Iterator[Hit]:
        if spec_rule.check_defers_to:
            return
        for component, spec in ctx.api_specs.items():
            hits = list(spec_rule.check(spec))
            if not hits:
                continue
            first = hits[0]
            where = f"{spec.file}: " if spec.file else ""
            message = f"{component} API: {where}{first.message}"
            if len(hits) > 1:
                message += f" (and {len(hits) - 1} more like it)"
            yield Hit(
                (component,),
                message,
                severity=max((h.severity for h in hits if h.severity), default=None, key=_rank),
                file=spec.file,
                line=spec.line(first.pointer) if spec.file else None,
            )

    summary = spec_rule.summary
    rationale = spec_rule.rationale
    if spec_rule.check_defers_to:
        rationale += f" Under `archkit check`, {spec_rule.check_defers_to} report this from the architecture."
    return Rule(
        code=spec_rule.code,
        name=spec_rule.name,
        category="api",
        severity=spec_rule.severity,
        summary=summary,
        rationale=rationale,
        fix=spec_rule.fix,
        reads=("components.api", "components.operations"),
        check=check,
        reference=spec_rule.reference,
    )


def _rank(severity: str | None) -> int:
    return SEVERITY_RANK.get(severity or "", -1)


@cache
def spec_rules() -> tuple[Rule, ...]:
    return tuple(_as_rule(r) for r in SPEC_RULES)


__all__ = ["spec_rules"]
