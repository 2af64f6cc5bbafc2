"""REL011 — a quorum that tolerates no failed replica."""

from __future__ import annotations

from collections.abc import Iterator

from archkit.rules.base import Hit, Rule
from archkit.rules.context import Context


def check(ctx: Context) -> Iterator[Hit]:
    for c in ctx.arch.components:
        if c.quorum is None or (c.replicas < 2 and c.quorum <= c.replicas):
            continue
        if c.quorum > c.replicas:
            yield Hit(
                (c.id,),
                f"'{c.id}' needs {c.quorum} replicas up but runs only {c.replicas}: it can never serve",
                severity="high",
            )
        elif c.quorum == c.replicas:
            yield Hit(
                (c.id,),
                f"'{c.id}' needs all {c.replicas} replicas up (quorum {c.quorum}): any one failure stops it, "
                "so it is less available than a single replica",
            )


RULE = Rule(
    code="REL011",
    name="quorum-without-tolerance",
    category="reliability",
    severity="medium",
    summary="A component's quorum equals (or exceeds) its replicas, so it tolerates no failure.",
    rationale="Replicas only add availability when the service survives losing some of them. With quorum = n, "
    "n replicas fail n times as often as one.",
    fix="Run 2f+1 replicas for a quorum of f+1 (3 for 2, 5 for 3), or lower the quorum.",
    reads=("components.quorum", "components.replicas"),
    check=check,
)
