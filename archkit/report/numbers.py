"""Capacity, latency, availability and cost against the declared targets, from the analysis."""

from __future__ import annotations

from typing import Any

from archkit.report import fmt
from archkit.report.doc import Bullets, Para, Rich, Section, Span, Table, ticks
from archkit.report.gather import Inputs
from archkit.report.headline import analysed_peak
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
    analysed = analysed_peak(data, req.peak_rps)
    if req.peak_rps and analysed and abs(analysed - req.peak_rps) > 0.05 * req.peak_rps:
        opening = (
            f"Figures at {fmt.rps(analysed)}, the traffic the clients declare (requirements.peak_rps says "
            f"{fmt.rps(req.peak_rps)}; see MODEL007)"
        )
    elif req.peak_rps:
        opening = f"Figures at the declared peak load of {fmt.rps(req.peak_rps)}"
    else:
        opening = "Figures at the client rates declared in the model (no peak load declared)"
    section.add(
        Para(
            opening + ". Utilization is arrival rate × service time ÷ (replicas × concurrency); journeys follow the "
            "synchronous calls a request from each client makes."
        )
    )
    _capacity(section, inputs, data)
    _operations(section, inputs, data)
    _latency(section, inputs, data)
    _availability(section, inputs, data)
    _assumptions(section, data)
    return section


def _chart(section: Section, inputs: Inputs, key: str) -> None:
    if key in inputs.charts:
        section.add(inputs.charts[key])
    else:
        why = inputs.missing.get(f"chart-{key}") or inputs.missing.get("charts") or "chart not available"
        section.add(Para(Span(f"Chart not available: {why.rstrip('.')}.", "muted")))


_STATUS_STYLE = {"ok": "ok", "hot": "warn", "saturated": "bad", "down": "bad", "elastic": "muted", "bypassed": "muted"}


def _capacity(section: Section, inputs: Inputs, data: dict[str, Any]) -> None:
    sub = section.sub("capacity", "Capacity")
    peak = analysed_peak(data, inputs.arch.requirements.peak_rps)
    max_rps = data.get("max_rps")
    bottleneck = data.get("bottleneck")
    if isinstance(max_rps, int | float):
        text = f"The system saturates at {fmt.rps(max_rps)} of client traffic"
        text += f", first at {bottleneck}" if bottleneck else ""
        text += f": {max_rps / peak:.1f}× the peak of {fmt.rps(peak)} the analysis sent." if peak else "."
        sub.add(Para(text))
    else:
        sub.add(Para("No component limits capacity: every component on the request paths scales elastically."))
    components = data.get("components") or {}
    rows: list[list[Rich]] = []
    for c in inputs.arch.components:
        figures = components.get(c.id)
        if not isinstance(figures, dict) or c.kind == "client":
            continue
        util = figures.get("utilization")
        state = str(figures.get("status") or "")
        util_text: Rich = fmt.ratio(util) if isinstance(util, int | float) else Span("elastic", "muted")
        needed = figures.get("replicas_needed")
        spare = figures.get("replicas_needed_n_plus_1")
        rows.append(
            [
                Span(c.id, "code"),
                fmt.rps(figures.get("rps")),
                util_text,
                Span(state or "—", _STATUS_STYLE.get(state, "")),
                str(figures.get("replicas", c.replicas)),
                "—" if needed is None else f"{needed}" + (f" ({spare})" if spare is not None else ""),
                fmt.ms(fmt.get(figures, "latency_ms", "p99")),
            ]
        )
    if rows:
        sub.add(
            Table(
                ["Component", "Load", "Utilization", "Status", "Replicas", "Needed (N+1)", "Own p99"],
                rows,
                numeric=frozenset({1, 2, 4, 5, 6}),
            )
        )
    if any(isinstance(fmt.get(f, "utilization"), int | float) for f in components.values()):
        _chart(sub, inputs, "utilization")


def _operations(section: Section, inputs: Inputs, data: dict[str, Any]) -> None:
    """Per operation: route, load, p99 and availability against its own targets, and who may call it."""
    operations = data.get("operations") or {}
    if not operations:
        return
    sub = section.sub("operations", "Operations")
    sub.add(
        Para(
            "Each operation end to end: its own queueing and time plus the synchronous calls it makes (parallel "
            "calls count the slowest); availability over the calls it cannot do without (optional and "
            "asynchronous calls excluded). Operations clients call first are listed first; green meets its "
            "target, red misses it."
        )
    )
    declared = {(c.id, op.id): (c, op) for c in inputs.arch.components for op in c.operations}
    # user-facing operations first, model order within (sorted is stable)
    ordered = sorted(operations.items(), key=lambda kv: not kv[1].get("entry"))
    style = {True: "ok", False: "bad", None: ""}
    rows: list[list[Rich]] = []
    for oid, o in ordered:
        component, op = declared[(o["component"], o["operation"])]
        p99 = fmt.get(o, "latency_ms", "p99")
        target = o.get("latency_target_ms")
        shown = fmt.ms(p99) if p99 is not None else "saturated"
        latency = Span(f"{shown} / {fmt.ms(target)}" if target else shown, style[o.get("meets_latency")])
        a_target = o.get("availability_target")
        a_text = fmt.pct(o.get("availability")) + (f" / {fmt.pct(a_target)}" if a_target else "")
        available = Span(a_text, style[o.get("meets_availability")])
        auth: str = op.auth or component.auth or "—"
        if op.scopes:
            auth += f" ({', '.join(op.scopes)})"
        rows.append(
            [
                Span(oid, "code"),
                op.route or "—",
                fmt.rps(o.get("rps")),
                latency,
                available,
                auth,
            ]
        )
    sub.add(
        Table(
            ["Operation", "Route", "Load", "p99 / target", "Availability / target", "Auth"],
            rows,
            numeric=frozenset({2, 3, 4}),
        )
    )


def _contributors(journey: dict[str, Any], limit: int = 3) -> Rich:
    items = [c for c in journey.get("latency_contributors") or [] if isinstance(c, dict)][:limit]
    out: list[Any] = []
    for i, c in enumerate(items):
        out += [", " if i else "", Span(str(c.get("component")), "code"), f" {fmt.ms(c.get('ms'))}"]
    return out or "—"


def _latency(section: Section, inputs: Inputs, data: dict[str, Any]) -> None:
    sub = section.sub("latency", "Latency")
    target = inputs.arch.requirements.latency_p99_ms
    journeys = data.get("journeys") or {}
    sub.add(Para(f"Target: p99 ≤ {fmt.ms(target)} per client journey." if target else "No latency target declared."))
    rows: list[list[Rich]] = []
    for cid in sorted(journeys):
        j = journeys[cid]
        p99 = fmt.get(j, "latency_ms", "p99")
        ok = None if target is None else (p99 is not None and p99 <= target)
        rows.append(
            [
                Span(cid, "code"),
                fmt.ms(fmt.get(j, "latency_ms", "mean")),
                fmt.ms(p99) if p99 is not None else Span("saturated", "bad"),
                fmt.status(ok),
                _contributors(j),
            ]
        )
    if rows:
        sub.add(
            Table(
                ["Journey (client)", "Mean", "p99", "Against target", "Largest contributors (mean)"],
                rows,
                numeric=frozenset({1, 2}),
            )
        )
        _chart(sub, inputs, "latency")
    else:
        sub.add(Para("No client journeys: the model has no clients."))


def _availability(section: Section, inputs: Inputs, data: dict[str, Any]) -> None:
    sub = section.sub("availability", "Availability")
    target = inputs.arch.requirements.availability
    journeys = data.get("journeys") or {}
    sub.add(Para(f"Target: {fmt.pct(target)} per client journey." if target else "No availability target declared."))
    rows: list[list[Rich]] = []
    for cid in sorted(journeys):
        j = journeys[cid]
        value = fmt.get(j, "availability")
        ok = None if target is None or value is None else value >= target
        minutes = j.get("downtime_minutes_per_month")  # always in the analysis JSON (730-hour month)
        weakest: list[Any] = []
        for i, w in enumerate(j.get("weakest") or []):
            weakest += [", " if i else "", Span(str(w), "code")]
        rows.append(
            [
                Span(cid, "code"),
                fmt.pct(value),
                (f"{minutes:,.1f} min" if minutes < 10 else f"{minutes:,.0f} min")
                if isinstance(minutes, int | float)
                else "—",
                fmt.status(ok),
                weakest or "—",
            ]
        )
    if rows:
        sub.add(
            Table(
                ["Journey (client)", "Availability", "Downtime per month", "Against target", "Weakest links"],
                rows,
                numeric=frozenset({1, 2}),
            )
        )
        _chart(sub, inputs, "availability")
    else:
        sub.add(Para("No client journeys: the model has no clients."))


def _assumptions(section: Section, data: dict[str, Any]) -> None:
    assumptions: list[Rich] = [ticks(str(a)) for a in data.get("assumptions") or []]
    if assumptions:
        section.sub("assumptions", "Assumptions", Bullets(assumptions))


def cost_section(inputs: Inputs) -> Section:
    section = new("cost")
    budget = inputs.arch.requirements.budget_usd_per_month
    if inputs.analysis is None:
        return section.add(unavailable(inputs, "analysis"))
    data = inputs.analysis.to_dict()
    total = cost_total(data)
    if total is None:
        return section.add(Para(Span("The analysis gives no cost estimate.", "muted")))
    cost = data.get("cost") or {}
    line = f"Estimated monthly cost: {fmt.usd(total)}"
    if budget is not None:
        verdict = "within budget" if total <= budget else "over budget"
        share = f" ({total / budget:.0%} of it)" if budget else ""
        section.add(
            Para(
                [
                    f"{line} against a budget of {fmt.usd(budget)}{share}: ",
                    fmt.status(total <= budget, verdict, verdict),
                ]
            )
        )
    else:
        section.add(Para(line + "; no budget declared."))
    horizon = fmt.get(cost, "usd_per_month_at_horizon")
    months = fmt.get(cost, "horizon_months")
    if isinstance(horizon, int | float) and months and total > 0 and round(horizon) != round(total):
        section.add(Para(f"In {months} months, with the declared data growth: {fmt.usd(horizon)} per month."))
    components = data.get("components") or {}
    rows: list[list[Rich]] = []
    for c in inputs.arch.components:
        figures = fmt.get(components, c.id, "cost")
        value = fmt.get(figures, "usd_per_month")
        if not isinstance(value, int | float) or value <= 0:
            continue
        source = fmt.get(figures, "source")
        rows.append(
            [
                Span(c.id, "code"),
                c.kind.replace("_", " "),
                str(c.replicas),
                str(fmt.get(figures, "basis") or c.size),
                fmt.usd(fmt.get(figures, "compute_usd_per_month")),
                fmt.usd(fmt.get(figures, "storage_usd_per_month")),
                Span(fmt.usd(value), "strong") if c.id in (cost.get("drivers") or []) else fmt.usd(value),
                "model" if source == "override" else "estimate" if source else "—",
            ]
        )
    if rows:
        rows.append([Span("Total", "strong"), "", "", "", "", "", Span(fmt.usd(total), "strong"), ""])
        section.add(
            Table(
                ["Component", "Kind", "Replicas", "Priced as", "Compute", "Storage", "USD per month", "Source"],
                rows,
                numeric=frozenset({2, 4, 5, 6}),
            )
        )
    drivers = cost.get("drivers") or []
    if drivers:
        section.add(Para(f"Largest cost drivers (bold above): {', '.join(map(str, drivers))}."))
    if cost.get("price_source"):
        ratio = cost.get("peak_to_average")
        average = (
            f" Instances are sized for the peak; per-request prices are paid on average traffic, "
            f"the peak ÷ {ratio:g} (requirements.peak_to_average)."
            if isinstance(ratio, int | float)
            else ""
        )
        section.add(
            Para(
                Span(
                    f"Prices: {cost['price_source']}"
                    + (f", as of {cost['price_date']}." if cost.get("price_date") else ".")
                    + average,
                    "muted",
                )
            )
        )
    return section
