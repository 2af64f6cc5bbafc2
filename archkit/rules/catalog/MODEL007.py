"""MODEL007 — requirements.peak_rps and the traffic the clients declare disagree."""

from __future__ import annotations

from collections.abc import Iterator

from archkit.analysis.traffic import traffic_mismatch
from archkit.rules.base import Hit, Rule
from archkit.rules.context import Context


def check(ctx: Context) -> Iterator[Hit]:
    mismatch = traffic_mismatch(ctx.arch)
    if mismatch is not None:
        yield Hit(tuple(mismatch.by_client), str(mismatch))


RULE = Rule(
    code="MODEL007",
    name="peak-traffic-mismatch",
    category="model",
    severity="medium",
    summary="requirements.peak_rps and the rps the clients declare differ by more than 5%.",
    rationale="Two numbers for one peak: the analysis follows the clients, so a raised peak_rps changes nothing "
    "and the headroom a reader believes is not the one computed.",
    fix="Scale the clients' rps to the new peak (or drop their rps so they share peak_rps), or correct peak_rps.",
    reads=("requirements.peak_rps", "components.rps"),
    check=check,
)
