"""PERF104 — a call's timeout is shorter than the time the call takes at peak (from the analysis)."""

from __future__ import annotations

from collections.abc import Iterator

from archkit.analysis import Analysis
from archkit.rules.base import Hit, Rule, Severity
from archkit.rules.context import Context

THRESHOLD = 0.01  # more than 1% of calls outlast the timeout: the timeout is below the call's p99


def check(ctx: Context) -> Iterator[Hit]:
    analysis: Analysis = ctx.analysis
    for t in analysis.timeouts:
        if t.share_over <= THRESHOLD:
            continue
        severity: Severity = "high" if t.share_over > 0.05 or t.call_p99 is None else "medium"
        if t.call_p99 is None:
            took = f"'{t.target}' (or something it calls) is saturated, so calls never settle"
        else:
            took = f"a call to '{t.target}' takes p99 {t.call_p99:,.0f} ms at peak"
        retried = (
            f"; each is retried {t.retries}×, adding load to a component that is already slow" if t.retries else ""
        )
        yield Hit(
            (t.source, t.target),
            f"'{t.source}' gives up on '{t.target}' after {t.timeout_ms:g} ms but {took}: "
            f"{t.share_over:.1%} of calls time out{retried}",
            links=(t.key,),
            severity=severity,
        )


RULE = Rule(
    code="PERF104",
    name="timeout-below-call-time",
    category="performance",
    severity="medium",
    summary="More than 1% of a synchronous call's attempts outlast its timeout_ms at peak (the timeout is below the "
    "call's p99, downstream calls included).",
    rationale="A timeout shorter than the normal tail turns ordinary slow requests into errors, and retries of "
    "them add load exactly when the callee is slowest; the share comes from the call's computed time distribution.",
    fix="Set the timeout above the call's p99 (see call_latency_ms in `archkit analyze`) with a margin, and keep "
    "it below the caller's own budget; or make the callee faster.",
    reads=("links.timeout_ms", "links.retries", "components.service_time_ms", "components.replicas"),
    check=check,
    needs_analysis=True,
)
