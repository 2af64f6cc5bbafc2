"""One source of truth for the peak: does ``requirements.peak_rps`` match what the clients send?"""

from __future__ import annotations

from dataclasses import dataclass

from archkit.analysis.network import build_network
from archkit.model import Architecture

TOLERANCE = 0.05  # a 5% difference is rounding; more is two different numbers for one peak


@dataclass(frozen=True)
class TrafficMismatch:
    peak_rps: float  # what the requirements say
    sent_rps: float  # what the clients send, which the analysis follows
    by_client: dict[str, float]

    def __str__(self) -> str:
        listed = ", ".join(f"{cid} {rps:g}" for cid, rps in self.by_client.items())
        return (
            f"requirements.peak_rps is {self.peak_rps:g} but the clients send {self.sent_rps:g} rps ({listed}): "
            f"the analysis follows the clients, so capacity and latency are computed at {self.sent_rps:g}, "
            f"not {self.peak_rps:g}"
        )


def traffic_mismatch(arch: Architecture) -> TrafficMismatch | None:
    """The disagreement, when the clients declare rps that differ from ``peak_rps`` by more than 5%."""
    peak = arch.requirements.peak_rps
    if peak is None or not any(c.rps is not None for c in arch.clients()):
        return None  # clients without rps share the peak: nothing can disagree
    sent_by = build_network(arch).client_rps  # what the analysis sends (the one definition)
    sent = sum(sent_by.values())
    if abs(sent - peak) <= TOLERANCE * peak:
        return None
    return TrafficMismatch(peak, sent, dict(sent_by))
