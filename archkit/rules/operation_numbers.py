"""Which analysed operations the review reads, and what their dependencies allow."""

from __future__ import annotations

from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from archkit.analysis import Analysis
    from archkit.analysis.result import OperationResult


def reviewed_operations(analysis: Analysis) -> list[OperationResult]:
    """The operations clients call first. Internal operations are read through them (one finding
    per user-facing operation, not one per hop), unless they declare a target of their own."""
    return [o for o in analysis.operations.values() if o.entry or o.has_own_target]


def journeys_by_operation(analysis: Analysis) -> set[str]:
    """Clients whose requests reach operations: their journeys are judged per operation instead."""
    return {client for client, j in analysis.journeys.items() if j.reaches_operations}


def dependencies_allow(analysis: Analysis, o: OperationResult) -> float:
    """The best availability (percent) the operation could have if its own component never failed."""
    product = 1.0
    for cid in o.dependencies:
        product *= analysis.components[cid].availability / 100.0
    return 100.0 * product


def named_weakest(analysis: Analysis, ids: list[str]) -> str:
    """``db 99.950%, cache 99.990%``: the weak links worth naming. A component whose availability
    reads as 100.000% costs nothing worth a reader's attention, so it is left out."""
    shown = [(cid, analysis.components[cid].availability) for cid in ids]
    return ", ".join(f"{cid} {a:.3f}%" for cid, a in shown if f"{a:.3f}" != "100.000")
