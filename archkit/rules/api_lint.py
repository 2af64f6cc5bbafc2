"""``archkit api lint``: the spec rules over OpenAPI files a team already has, as a review
(findings at FILE:LINE, the same formats and exit codes as ``archkit check``)."""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from pathlib import Path

from archkit.api.lint import SPEC_RULES
from archkit.api.spec_file import load_spec
from archkit.rules.engine import resolve_codes
from archkit.rules.finding import Finding, Review


def lint_files(
    paths: Sequence[str | Path], *, select: Iterable[str] | None = None, ignore: Iterable[str] | None = None
) -> Review:
    """Every spec rule (or those selected) over every file. Raises ``ModelError`` for a file that
    is not a readable OpenAPI 3 document, ``KeyError`` for an unknown or non-spec rule code."""
    codes = {r.code for r in SPEC_RULES}
    chosen = set(resolve_codes(select)) if select is not None else set(codes)
    dropped = set(resolve_codes(ignore)) if ignore is not None else set()
    foreign = sorted(chosen - codes)
    if foreign:
        raise KeyError(f"{', '.join(foreign)}: not a spec rule (API001-API0xx); model rules run under `archkit check`")
    rules = [r for r in SPEC_RULES if r.code in chosen - dropped]
    specs = [load_spec(p) for p in paths]  # every file is read (and refused) before any is judged
    findings: list[Finding] = []
    for spec in specs:
        for rule in rules:
            for hit in rule.check(spec):
                findings.append(
                    Finding(
                        rule=rule.code,
                        name=rule.name,
                        severity=hit.severity or rule.severity,
                        category="api",
                        components=(),
                        links=(),
                        message=hit.message,
                        fix=rule.fix,
                        line=spec.line(hit.pointer),
                        file=spec.file,
                    )
                )
    model = str(paths[0]) if len(paths) == 1 else None
    return Review(findings, model=model, rules_run=tuple(r.code for r in rules))


__all__ = ["lint_files"]
