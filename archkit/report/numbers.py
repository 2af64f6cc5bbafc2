"""Capacity, latency, availability and cost against the declared targets, from the analysis."""

from __future__ import annotations

from typing import Any

from archkit.report import fmt
from archkit.report.doc import Para, Rich, Section, Span, Table
from archkit.report.gather import Inputs
from archkit.report.sections import new, unavailable


def worst_journey(data: dict[str, Any], what: str) -> tuple[str, float | None] | None:
    """(client id, value) of the journey with the highest p99 (``what="p99"``) or lowest availability."""
    journeys = data.get("journeys") or {}
    values: list[tuple[str, float | None]] = []
    for cid in sorted(journeys):
        value = fmt.get(journeys[cid], "latency_ms", "p99") if what == "p99" else fmt.get(journeys[cid], "availability")
        values.append((cid, value))
    if not values:
        return None
    if what == "p99":  # a saturated journey (None) is the worst of all
        return max(values, key=lambda kv: (kv[1] is None, kv[1] or 0.0))
    return min(values, key=lambda kv: (kv[1] is not None, kv[1] or 0.0))


def cost_total(data: dict[str, Any]) -> float | None:
    cost = data.get("cost")
    if isinstance(cost, int | float):
        return float(cost)
    for key in ("total_usd_per_month", "usd_per_month", "total"):
        value = fmt.get(cost, key)
        if isinstance(value, int | float):
            return float(value)
    return None


def analysis_section(inputs: Inputs) -> Section:
    section = new("analysis")
    if inputs.analysis is None:
        return section.add(unavailable(inputs, "analysis"))
    data = inputs.analysis.to_dict()
    req = inputs.arch.requirements
    section.add(
        Para(
            "Figures at the declared peak load"
            + (f" of {fmt.rps(req.peak_rps)}" if req.peak_rps else " (no peak declared: client rates from the model)")
            + ". Utilization is arrival rate × service time ÷ (replicas × concurrency); journeys follow the "
            "synchronous calls a request from each client makes."
        )
    )
    _capacity(section, inputs, data)
    _latency(section, inputs, data)
    _availability(section, inputs, data)
    return section


def _chart(section: Section, inputs: Inputs, key: str) -> None:
    if key in inputs.charts:
        section.add(inputs.charts[key])
    else:
        why = inputs.missing.get(f"chart-{key}") or inputs.missing.get("charts") or "chart not available"
        section.add(Para(Span(f"Chart not available: {why}", "muted")))


def _capacity(section: Section, inputs: Inputs, data: dict[str, Any]) -> None:
    sub = section.sub("capacity", "Capacity")
    peak = inputs.arch.requirements.peak_rps
    max_rps = data.get("max_rps")
    bottleneck = data.get("bottleneck")
    if isinstance(max_rps, int | float):
        text = f"The system saturates at {fmt.rps(max_rps)} of client traffic"
        text += f", first at {bottleneck}" if bottleneck else ""
        if peak:
            text += f": {max_rps / peak:.1f}× the declared peak of {fmt.rps(peak)}."
        else:
            text += "."
        sub.add(Para(text))
    components = data.get("components") or {}
    rows: list[list[Rich]] = []
    for c in inputs.arch.components:
        figures = components.get(c.id)
        if not isinstance(figures, dict) or c.kind == "client":
            continue
        util = figures.get("utilization")
        util_span: Rich = "—"
        if isinstance(util, int | float):
            util_span = Span(fmt.ratio(util), "bad" if util >= 1 else "warn" if util >= 0.7 else "")
        needed = figures.get("replicas_needed")
        rows.append(
            [
                Span(c.id, "code"),
                fmt.rps(figures.get("rps")),
                util_span,
                str(c.replicas),
                str(needed) if needed is not None else "—",
                fmt.ms(fmt.get(figures, "latency_ms", "p99")),
            ]
        )
    if rows:
        sub.add(
            Table(
                ["Component", "Load", "Utilization", "Replicas", "Replicas needed", "Own p99"],
                rows,
                numeric=frozenset({1, 2, 3, 4, 5}),
            )
        )
    _chart(sub, inputs, "utilization")


def _latency(section: Section, inputs: Inputs, data: dict[str, Any]) -> None:
    sub = section.sub("latency", "Latency")
    target = inputs.arch.requirements.latency_p99_ms
    journeys = data.get("journeys") or {}
    sub.add(Para(f"Target: p99 ≤ {fmt.ms(target)} per client journey." if target else "No latency target declared."))
    rows: list[list[Rich]] = []
    for cid in sorted(journeys):
        p99 = fmt.get(journeys[cid], "latency_ms", "p99")
        mean = fmt.get(journeys[cid], "latency_ms", "mean")
        ok = None if target is None else (p99 is not None and p99 <= target)
        rows.append(
            [
                Span(cid, "code"),
                fmt.ms(mean),
                fmt.ms(p99) if p99 is not None else Span("saturated", "bad"),
                fmt.status(ok),
            ]
        )
    if rows:
        sub.add(Table(["Journey (client)", "Mean", "p99", "Against target"], rows, numeric=frozenset({1, 2})))
    else:
        sub.add(Para("No client journeys: the model has no clients."))
    _chart(sub, inputs, "latency")


def _availability(section: Section, inputs: Inputs, data: dict[str, Any]) -> None:
    sub = section.sub("availability", "Availability")
    target = inputs.arch.requirements.availability
    journeys = data.get("journeys") or {}
    sub.add(Para(f"Target: {fmt.pct(target)} per client journey." if target else "No availability target declared."))
    rows: list[list[Rich]] = []
    for cid in sorted(journeys):
        value = fmt.get(journeys[cid], "availability")
        ok = None if target is None or value is None else value >= target
        downtime = f"{(100 - value) / 100 * 30 * 24 * 60:,.0f} min" if isinstance(value, int | float) else "—"
        rows.append([Span(cid, "code"), fmt.pct(value), downtime, fmt.status(ok)])
    if rows:
        sub.add(
            Table(
                ["Journey (client)", "Availability", "Downtime per 30 days", "Against target"],
                rows,
                numeric=frozenset({1, 2}),
            )
        )
    else:
        sub.add(Para("No client journeys: the model has no clients."))
    _chart(sub, inputs, "availability")


def cost_section(inputs: Inputs) -> Section:
    section = new("cost")
    budget = inputs.arch.requirements.budget_usd_per_month
    if inputs.analysis is None:
        return section.add(unavailable(inputs, "analysis"))
    data = inputs.analysis.to_dict()
    total = cost_total(data)
    per_component = fmt.get(data, "cost", "components") or {}
    rows: list[list[Rich]] = []
    for c in inputs.arch.components:
        value = per_component.get(c.id)
        if isinstance(value, dict):
            value = value.get("usd_per_month", value.get("total"))
        if isinstance(value, int | float) and value > 0:
            rows.append([Span(c.id, "code"), c.kind.replace("_", " "), str(c.replicas), c.size, fmt.usd(value)])
    if total is None:
        section.add(Para(Span("The analysis gives no cost estimate.", "muted")))
        return section
    line = f"Estimated monthly cost: {fmt.usd(total)}"
    if budget is not None:
        verdict = "within" if total <= budget else "over"
        share = f" ({total / budget:.0%} of it)" if budget else ""
        section.add(
            Para(
                [
                    line + f" against a budget of {fmt.usd(budget)}{share}: ",
                    fmt.status(total <= budget, verdict, verdict),
                ]
            )
        )
    else:
        section.add(Para(line + "; no budget declared."))
    if rows:
        rows.append([Span("Total", "strong"), "", "", "", Span(fmt.usd(total), "strong")])
        section.add(Table(["Component", "Kind", "Replicas", "Size", "USD per month"], rows, numeric=frozenset({2, 4})))
    return section
