"""REL015 — an operation's call chain has synchronous calls with no timeout (once per operation)."""

from __future__ import annotations

from collections.abc import Iterator

from archkit.model.calls import has_operations
from archkit.rules.base import Hit, Rule, Severity, listing
from archkit.rules.context import Context


def check(ctx: Context) -> Iterator[Hit]:
    if not has_operations(ctx.arch):
        return  # component-only models: REL004 reads the links
    for component, operation in ctx.calls.entry_operations():
        untimed = [
            call
            for call in ctx.calls.chain(component, operation)
            if call.timeout_ms is None and ctx.waits(call.link) and ctx.kind(call.target) != "client"
        ]
        if not untimed:
            continue
        external = [c for c in untimed if ctx.kind(c.target) == "external"]
        severity: Severity = "medium" if external else "low"
        named = [f"{c.where} -> {c.target}" for c in untimed]
        yield Hit(
            tuple(dict.fromkeys([component, *(c.target for c in untimed)])),
            f"operation {component}.{operation} makes {len(untimed)} synchronous call"
            f"{'s' if len(untimed) != 1 else ''} with no timeout on its chain: {listing(named)}; one slow "
            "dependency holds every caller above it",
            links=tuple(dict.fromkeys(c.link.key for c in untimed)),
            severity=severity,
        )


RULE = Rule(
    code="REL015",
    name="operation-call-without-timeout",
    category="reliability",
    severity="medium",
    summary="A synchronous call on the chain of an operation clients call has no timeout (its step's or its "
    "link's); reported once per operation, listing every such call.",
    rationale="Without a timeout a slow dependency keeps the caller's workers waiting; they fill up and the "
    "slowness travels up the chain to the user. Internal calls need timeouts as much as third-party ones.",
    fix="Set timeout_ms on the step or its link, below the caller's own budget (its p99 target minus what is "
    "spent before the call), so the innermost call times out first.",
    reads=("components.operations", "links.timeout_ms", "links.sync"),
    check=check,
)
