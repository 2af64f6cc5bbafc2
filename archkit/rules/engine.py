"""Run the rules over an architecture: crashes become findings, waivers apply, lines are attached."""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable
from dataclasses import replace

from archkit.analysis import Analysis
from archkit.model.architecture import Architecture
from archkit.model.collector import collector_paused
from archkit.model.errors import ModelError, Problem, did_you_mean
from archkit.model.schema import Decision, Waiver
from archkit.rules.base import Hit, Rule
from archkit.rules.context import Context
from archkit.rules.finding import Finding, Review, compose, with_because
from archkit.rules.registry import canonical, get_rule, registry


@collector_paused()
def check(
    arch: Architecture,
    *,
    select: Iterable[str] | None = None,
    ignore: Iterable[str] | None = None,
    today: dt.date | None = None,
    analysis: Analysis | None = None,
) -> Review:
    """Review ``arch`` with every registered rule (or those in ``select``, minus ``ignore``).
    ``analysis``: ``analyze(arch)`` when the caller has it already (it is not computed twice).

    Raises ``ModelError`` when a waiver names an unknown rule, and ``KeyError`` (with a
    did-you-mean) when ``select``/``ignore`` name an unknown code.
    """
    rules = registry()
    selected = resolve_codes(select) if select is not None else list(rules)
    ignored = set(resolve_codes(ignore)) if ignore is not None else set()
    _check_waivers(arch)
    ctx = Context(arch, today=today, analysis=analysis)
    findings: list[Finding] = []
    run: list[str] = []
    refused: dict[str, list[Rule]] = {}  # a model error message -> the rules it stopped
    for code in selected:
        if code in ignored:
            continue
        run.append(code)
        try:
            findings.extend(run_rule(rules[code], ctx))
        except ModelError as exc:
            refused.setdefault(str(exc), []).append(rules[code])
    findings.extend(_refusals(refused))
    findings = [
        d
        for f in findings
        for w in _apply_waivers(f, arch.waivers, ctx.today)
        for d in _apply_decisions(w, arch.decisions)
    ]
    # Blast is set when a finding is made; a waiver or decision that kept only some of its
    # components changes it, so it is checked again (a copy only where it moved).
    findings = [f if f.blast == (b := _blast(ctx, f.components)) else replace(f, blast=b) for f in findings]
    return Review(findings, model=arch.source_path, rules_run=tuple(run))


def _blast(ctx: Context, components: Iterable[str]) -> float:
    """Requests/s at peak reaching the busiest of these components: a finding's blast radius.
    0 when the analysis refuses the model (ANALYSIS says so once; the order then falls back to
    the rule)."""
    rps = ctx.peak_rps
    return max((rps.get(c, 0.0) for c in components), default=0.0)


def resolve_codes(codes: Iterable[str]) -> list[str]:
    """Validate rule codes (case-insensitive, comma lists allowed); unknown -> KeyError."""
    out: list[str] = []
    for item in [codes] if isinstance(codes, str) else codes:
        for code in (c.strip().upper() for c in item.split(",")):
            if code:
                out.append(get_rule(code).code)
    return list(dict.fromkeys(out))


def run_rule(rule: Rule, ctx: Context) -> list[Finding]:
    """The rule's findings; a rule that raises yields one finding saying so, naming the rule.

    A ``ModelError`` (e.g. the analysis refusing a model with a synchronous cycle) is not a bug
    in the rule: it propagates, and ``check`` reports it once for every rule it stopped."""
    try:
        return [_finding(rule, hit, ctx) for hit in rule.check(ctx)]
    except ModelError:
        raise
    except Exception as exc:  # a crashing rule must never look like "no finding"
        return [
            Finding(
                rule=rule.code,
                name=rule.name,
                severity="high",
                category=rule.category,
                components=(),
                links=(),
                message=f"rule {rule.code} ({rule.name}) crashed and did not check this model: {type(exc).__name__}: {exc}",
                fix="This is a bug in the rule, not in the model: report it with the model file. "
                f"Run with --ignore {rule.code} to skip the rule meanwhile.",
                source="error",
            )
        ]


REFUSAL_CODE = "ANALYSIS"  # not a rule: the analysis (or a rule's model query) refused the model


def _refusals(refused: dict[str, list[Rule]]) -> list[Finding]:
    """One finding per reason the model could not be analysed, listing every rule it stopped.
    It is not a crash (the rules are fine, the model cannot be computed) and not a rule's finding."""
    out = []
    for message, stopped in refused.items():
        codes = ", ".join(r.code for r in stopped)
        out.append(
            Finding(
                rule=REFUSAL_CODE,
                name="analysis-refused",
                severity="medium",
                category="model",
                components=(),
                links=(),
                message=f"the model cannot be analysed, so {codes} did not run: {message}",
                fix="Fix the model problem named in the message; these rules run again once it is gone.",
                source="analysis",
            )
        )
    return out


def _finding(rule: Rule, hit: Hit, ctx: Context) -> Finding:
    line = None
    message = compose(hit.message, hit.parts) if hit.parts else (hit.message or rule.summary)
    if hit.file is not None:
        line = hit.line
    elif hit.components:
        line = ctx.component_line(hit.components[0])
    elif hit.links:
        line = ctx.link_line(hit.links[0])
    severity = hit.severity or rule.severity
    return Finding(
        rule=rule.code,
        name=rule.name,
        severity=severity,
        category=rule.category,
        components=hit.components,
        links=hit.links,
        message=with_because(message, severity, hit.because),
        fix=hit.fix or rule.fix,
        source="analysis" if rule.needs_analysis else "rule",
        line=line,
        file=hit.file,
        headline=hit.message if hit.parts else None,
        parts=hit.parts,
        because=hit.because,
        blast=_blast(ctx, hit.components),
    )


def _check_waivers(arch: Architecture) -> None:
    rules = registry()
    problems = []
    for i, d in enumerate(arch.decisions):
        for j, accepted in enumerate(d.accepts):
            code = canonical(accepted)
            if code not in rules:
                path = f"decisions[{i}].accepts[{j}]"
                message = f"unknown rule '{accepted}'{did_you_mean(code, rules)}; see `archkit rules`"
                problems.append(Problem(arch.source_path, arch.line_of(path), path, message))
    for i, waiver in enumerate(arch.waivers):
        code = canonical(waiver.rule)
        if code not in rules:
            path = f"waivers[{i}].rule"
            problems.append(
                Problem(
                    arch.source_path,
                    arch.line_of(path),
                    path,
                    f"unknown rule '{waiver.rule}'{did_you_mean(code, rules)}; see `archkit rules`",
                )
            )
    if problems:
        raise ModelError(problems)


def _waiver_applies(waiver: Waiver, finding: Finding) -> bool:
    if canonical(waiver.rule) != finding.rule:
        return False
    if not waiver.components:
        return True  # a waiver for the whole rule
    # scoped to components: it never covers a finding that names none (it would widen to waive-all)
    return bool(finding.components) and set(finding.components) <= set(waiver.components)


def _apply_waivers(finding: Finding, waivers: list[Waiver], today: dt.date) -> list[Finding]:
    """The finding, waived or not; a finding of many parts waived for some components is split
    into the waived part and the part that still counts."""
    if finding.source == "error":
        return [finding]  # a crash is never waived
    if finding.parts:
        rest = [c for c, _ in finding.parts]
        out: list[Finding] = []
        expired: Waiver | None = None
        for waiver in waivers:
            if canonical(waiver.rule) != finding.rule or not waiver.components or not rest:
                continue
            covered = [c for c in rest if c in waiver.components]
            if not covered:
                continue
            if waiver.expires is not None and waiver.expires < today:
                expired = waiver
                continue
            out.append(_waive(finding.narrowed(covered), waiver))
            rest = [c for c in rest if c not in covered]
        if out or expired is not None:
            remaining = _apply_one(finding.narrowed(rest), waivers, today) if rest else None
            if remaining is not None and expired is not None and not remaining.waived:
                remaining = replace(remaining, message=remaining.message + _expired_note(expired))
            return [*out, *([remaining] if remaining is not None else [])]
    return [_apply_one(finding, waivers, today)]


def _expired_note(waiver: Waiver) -> str:
    return f" (waiver by {waiver.owner} expired on {waiver.expires}; no longer waived)"


def _waive(finding: Finding, waiver: Waiver) -> Finding:
    until = f", until {waiver.expires.isoformat()}" if waiver.expires else ""
    return replace(finding, waived=True, waiver=f"{waiver.reason} ({waiver.owner}{until})")


def _apply_one(finding: Finding, waivers: list[Waiver], today: dt.date) -> Finding:
    expired = None
    for waiver in waivers:
        if not _waiver_applies(waiver, finding):
            continue
        if waiver.expires is not None and waiver.expires < today:
            expired = waiver
            continue
        return _waive(finding, waiver)
    if expired is not None:
        return replace(finding, message=finding.message + _expired_note(expired))
    return finding


def _apply_decisions(finding: Finding, decisions: list[Decision]) -> list[Finding]:
    """An accepted decision that ``accepts`` the rule for components covering the finding waives it;
    for a finding of many parts, the parts its components cover (the rest still counts)."""
    if finding.waived or finding.source == "error":
        return [finding]
    for d in decisions:
        if d.status != "accepted" or finding.rule not in {canonical(code) for code in d.accepts}:
            continue
        note = f"accepted by {d.id}: {d.title}"
        if not d.components or (finding.components and set(finding.components) <= set(d.components)):
            return [replace(finding, waived=True, waiver=note)]
        if finding.parts:
            covered = [c for c, _ in finding.parts if c in d.components]
            if covered:
                rest = [c for c, _ in finding.parts if c not in d.components]
                return [replace(finding.narrowed(covered), waived=True, waiver=note), finding.narrowed(rest)]
    return [finding]
