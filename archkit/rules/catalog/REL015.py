"""REL015 — synchronous calls with no timeout on the chains of operations clients call (one finding)."""

from __future__ import annotations

from collections.abc import Iterator

from archkit.model.calls import has_operations
from archkit.rules.base import Hit, Rule, Severity, listing
from archkit.rules.context import Context


def check(ctx: Context) -> Iterator[Hit]:
    """One finding for the cause (calls without a timeout), listing every such call once and the
    operations clients call whose chains they are on."""
    if not has_operations(ctx.arch):
        return  # component-only models: REL004 reads the links
    calls: dict[str, tuple[str, str, str]] = {}  # link key -> (caller, target, kind)
    on: dict[str, list[str]] = {}  # link key -> operations it holds up
    for component, operation in ctx.calls.entry_operations():
        for call in ctx.calls.chain(component, operation):
            if call.timeout_ms is not None or not ctx.waits(call.link) or ctx.kind(call.target) == "client":
                continue
            key = call.link.key
            calls.setdefault(key, (call.caller, call.target, ctx.kind(call.target)))
            ops = on.setdefault(key, [])
            if f"{component}.{operation}" not in ops:
                ops.append(f"{component}.{operation}")
    if not calls:
        return
    external = [k for k, (_, _, kind) in calls.items() if kind == "external"]
    severity: Severity = "medium" if external else "low"
    operations = list(dict.fromkeys(op for ops in on.values() for op in ops))
    yield Hit(
        tuple(dict.fromkeys(c for caller, target, _ in calls.values() for c in (caller, target))),
        f"{len(calls)} synchronous call{'s' if len(calls) != 1 else ''} with no timeout sit on the chains of "
        f"{listing(operations, 4)}: {listing(list(calls), 8)}; one slow dependency holds every caller above it",
        links=tuple(calls),
        severity=severity,
    )


RULE = Rule(
    code="REL015",
    name="operation-call-without-timeout",
    category="reliability",
    severity="medium",
    summary="A synchronous call on the chain of an operation clients call has no timeout (its step's or its "
    "link's); reported once, listing every such call and the operations it holds up.",
    rationale="Without a timeout a slow dependency keeps the caller's workers waiting; they fill up and the "
    "slowness travels up the chain to the user. Internal calls need timeouts as much as third-party ones.",
    fix="Set timeout_ms on the step or its link, below the caller's own budget (its p99 target minus what is "
    "spent before the call), so the innermost call times out first.",
    reads=("components.operations", "links.timeout_ms", "links.sync"),
    check=check,
)
