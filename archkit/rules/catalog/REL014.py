"""REL014 — an operation clients call waits on a non-critical dependency (e.g. email inside checkout)."""

from __future__ import annotations

import re
from collections.abc import Iterator

from archkit.model.calls import has_operations
from archkit.rules.base import Hit, Rule, listing
from archkit.rules.context import Context

# Side jobs a user-facing operation should not fail for: they can be queued or skipped.
NON_CRITICAL = re.compile(
    r"\b(e?mail(er|ing)?|smtp|sendgrid|mailgun|ses|sms|twilio|push|notif(y|ication|ications|ier)?|"
    r"analytics|tracking|tracker|telemetry|ads?|adservice|advert\w*|recommend\w*|audit)\b"
)


def _words(*texts: str | None) -> str:
    return " ".join(re.sub(r"[-_]", " ", t.lower()) for t in texts if t)


def check(ctx: Context) -> Iterator[Hit]:
    if not has_operations(ctx.arch):
        return
    called_optionally: set[str] = {lk.target for lk in ctx.arch.links if lk.optional}
    for c in ctx.arch.components:
        for op in c.operations:
            called_optionally |= {s.target for s in op.steps if s.optional}
    waiting: dict[str, list[str]] = {}
    links: dict[str, list[str]] = {}
    for component, operation in ctx.calls.entry_operations():
        for call in ctx.calls.chain(component, operation):
            if call.optional or not ctx.waits(call.link):
                continue
            dep = ctx.components[call.target]
            if dep.kind not in ("service", "function", "external", "worker"):
                continue
            if not (
                call.target in called_optionally
                or NON_CRITICAL.search(_words(dep.id, dep.name, dep.tech, dep.description))
            ):
                continue
            ops = waiting.setdefault(call.target, [])
            if f"{component}.{operation}" not in ops:
                ops.append(f"{component}.{operation}")
            links.setdefault(call.target, [])
            if call.link.key not in links[call.target]:
                links[call.target].append(call.link.key)
    for target, ops in waiting.items():
        why = (
            "other calls already treat it as optional"
            if target in called_optionally
            else "its name says it is a side job (notification, analytics, ads ...)"
        )
        yield Hit(
            (target,),
            f"'{target}' is called synchronously and not optionally on the path of {listing(ops)} ({why}): "
            f"when {target} fails or slows down, those operations fail with it",
            links=tuple(links[target]),
        )


RULE = Rule(
    code="REL014",
    name="non-critical-dependency-on-critical-path",
    category="reliability",
    severity="medium",
    summary="An operation clients call waits, without `optional`, on a dependency it could do without "
    "(email, notifications, analytics, ads, recommendations, or one other calls treat as optional).",
    rationale="Every synchronous required call multiplies into the operation's availability and adds to its "
    "latency. Sending an email inside checkout makes checkout only as available as the mail provider.",
    fix="Publish the side job to a queue (sync: false) and let a worker do it, or mark the step `optional: true` "
    "with a timeout so a failure degrades the answer instead of failing it.",
    reads=("components.operations", "links.optional", "links.sync", "components.kind", "components.tech"),
    check=check,
)
