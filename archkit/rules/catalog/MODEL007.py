"""MODEL007 — requirements.peak_rps and the traffic the clients declare disagree."""

from __future__ import annotations

from collections.abc import Iterator

from archkit.analysis.network import build_network
from archkit.rules.base import Hit, Rule
from archkit.rules.context import Context

TOLERANCE = 0.05  # a 5% difference is rounding; more is two different numbers for one peak


def check(ctx: Context) -> Iterator[Hit]:
    peak = ctx.arch.requirements.peak_rps
    if peak is None or not any(c.rps is not None for c in ctx.arch.clients()):
        return  # clients without rps share the peak: nothing can disagree
    sent_by = build_network(ctx.arch).client_rps  # what the analysis sends (the one definition)
    sent = sum(sent_by.values())
    if abs(sent - peak) <= TOLERANCE * peak:
        return
    listed = ", ".join(f"{cid} {rps:g}" for cid, rps in sent_by.items())
    yield Hit(
        tuple(sent_by),
        f"requirements.peak_rps is {peak:g} but the clients send {sent:g} rps ({listed}): the analysis follows "
        f"the clients, so capacity and latency are computed at {sent:g}, not {peak:g}",
    )


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
