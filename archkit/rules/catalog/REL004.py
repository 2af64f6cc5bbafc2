"""REL004 — a synchronous call to an external system is not protected by a timeout or breaker."""

from __future__ import annotations

from collections.abc import Iterator

from archkit.rules.base import Hit, Rule, Severity
from archkit.rules.context import Context


def check(ctx: Context) -> Iterator[Hit]:
    for link in ctx.arch.links:
        if not link.sync or ctx.kind(link.target) != "external":
            continue
        problems: list[str] = []
        severity: Severity = "low"
        # A component with operations sets timeouts per step: REL015 reads those, once per operation.
        if link.timeout_ms is None and not ctx.components[link.source].operations:
            problems.append("no timeout_ms")
            severity = "medium"
        if link.retries > 0 and link.circuit_breaker is not True:
            state = "circuit_breaker: false" if link.circuit_breaker is False else "no circuit breaker declared"
            problems.append(f"{link.retries} retries with {state}")
            if link.circuit_breaker is False:
                severity = "medium"
        if not problems:
            continue
        yield Hit(
            (link.source, link.target),
            f"{link.source} calls the external '{link.target}' synchronously with {' and '.join(problems)}: "
            f"when the provider slows down, {link.source}'s capacity fills with waiting calls",
            links=(link.key,),
            severity=severity,
        )


RULE = Rule(
    code="REL004",
    name="external-call-unprotected",
    category="reliability",
    severity="medium",
    summary="A synchronous call to a third party has no timeout, or retries without a circuit breaker.",
    rationale="Third parties fail slowly more often than they fail fast. Without a timeout the caller's threads "
    "wait indefinitely; retries without a breaker multiply load on a provider that is already struggling.",
    fix="Declare timeout_ms below the caller's own budget, add a circuit breaker when retrying, "
    "or move the call behind a queue.",
    reads=("links.timeout_ms", "links.retries", "links.circuit_breaker", "links.sync", "components.kind"),
    check=check,
)
