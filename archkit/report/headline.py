"""The summary's headline cards: load, capacity, latency, availability, cost and open findings."""

from __future__ import annotations

from typing import Any

from archkit.report import fmt
from archkit.report.doc import Metric
from archkit.report.gather import Inputs


def headline_metrics(inputs: Inputs) -> list[Metric]:
    from archkit.report.numbers import cost_total

    req = inputs.arch.requirements
    data: dict[str, Any] = inputs.analysis.to_dict() if inputs.analysis is not None else {}
    peak = analysed_peak(data, req.peak_rps)  # the traffic the analysis sent: headroom is against it
    if peak is not None and req.peak_rps is not None and abs(peak - req.peak_rps) > 0.05 * req.peak_rps:
        load = Metric(
            "Peak load", fmt.rps(peak), f"the clients' rps; requirements.peak_rps says {fmt.rps(req.peak_rps)}", "warn"
        )
    else:
        load = Metric("Peak load", fmt.rps(req.peak_rps), "declared peak" if req.peak_rps else "no peak declared")
    items = [load]
    max_rps = data.get("max_rps")
    if isinstance(max_rps, int | float):
        detail, status, verdict = f"bottleneck: {data.get('bottleneck') or '—'}", "", ""
        if peak:
            headroom = max_rps / peak
            detail = f"{headroom:.1f}× the peak; {detail}"
            status = "ok" if headroom >= 1.5 else "warn" if headroom > 1.0 else "bad"
            verdict = {"ok": "enough headroom", "warn": "thin headroom", "bad": "saturates at peak"}[status]
        items.append(Metric("Capacity (max rps)", fmt.rps(max_rps), detail, status, verdict))  # type: ignore[arg-type]
    else:
        items.append(Metric("Capacity (max rps)", "—", "analysis not available" if not data else "nothing saturates"))
    if getattr(inputs.analysis, "operations", None):  # an Analysis of a model with operations
        items += _operation_metrics(inputs.analysis)
    else:
        items += _journey_metrics(data, req.latency_p99_ms, req.availability)
    total = cost_total(data)
    budget = req.budget_usd_per_month
    ok = total <= budget if total is not None and budget is not None else None
    items.append(
        Metric(
            "Monthly cost",
            fmt.usd(total),
            f"budget {fmt.usd(budget)}" if budget is not None else "no budget declared",
            *_verdict(ok, "within budget", "over budget"),
        )
    )
    if inputs.review is not None:
        open_ = [f for f in inputs.review.findings if not f.waived]
        worst = sorted({f.severity for f in open_}, key=lambda s: fmt.SEVERITY_RANK.get(s, 9))
        serious = sum(1 for f in open_ if f.severity in ("critical", "high"))
        items.append(
            Metric(
                "Open findings",
                str(len(open_)),
                f"{serious} critical or high" if open_ else "no findings",
                "bad" if serious else "warn" if worst and worst[0] == "medium" else "ok",
                "act before release" if serious else "review" if worst and worst[0] == "medium" else "clean",
            )
        )
    return items


def analysed_peak(data: dict[str, Any], declared: float | None) -> float | None:
    """The client traffic the analysis used (clients' rps, else peak_rps shared), else the declared peak."""
    total = data.get("total_rps")
    return float(total) if isinstance(total, int | float) and total > 0 else declared


def _journey_metrics(data: dict[str, Any], target: float | None, atarget: float | None) -> list[Metric]:
    from archkit.report.numbers import worst_journey

    items: list[Metric] = []
    p99 = worst_journey(data, "p99")
    detail = (f"target {fmt.ms(target)}" if target else "no target declared") + (f"; {p99[0]}" if p99 else "")
    if p99 and p99[1] is None:
        items.append(Metric("Worst p99 latency", "saturated", detail, "bad", "misses target"))
    else:
        ok = p99[1] <= target if p99 and target and p99[1] is not None else None
        items.append(
            Metric(
                "Worst p99 latency",
                fmt.ms(p99[1]) if p99 else "—",
                detail,
                *_verdict(ok, "meets target", "misses target"),
            )
        )
    avail = worst_journey(data, "availability")
    ok = avail[1] >= atarget if avail and atarget and avail[1] is not None else None
    items.append(
        Metric(
            "Worst availability",
            fmt.pct(avail[1]) if avail else "—",
            (f"target {fmt.pct(atarget)}" if atarget else "no target declared") + (f"; {avail[0]}" if avail else ""),
            *_verdict(ok, "meets target", "misses target"),
        )
    )
    return items


def _operation_metrics(analysis: Any) -> list[Metric]:
    """With operations, the headline is the slowest and the least available operation clients call,
    each against its own target (a journey's average hides the operation that misses)."""
    items: list[Metric] = []
    slow = analysis.slowest_operation()
    if slow is not None:
        detail = f"target {fmt.ms(slow.latency_target)}; {slow.id}"
        if slow.latency_p99 is None:
            items.append(Metric("Slowest operation (p99)", "saturated", detail, "bad", "misses target"))
        else:
            verdict = _verdict(slow.meets_latency, "meets target", "misses target")
            items.append(Metric("Slowest operation (p99)", fmt.ms(slow.latency_p99), detail, *verdict))
    weak = analysis.least_available_operation()
    if weak is not None:
        detail = f"target {fmt.pct(weak.availability_target)}" if weak.availability_target else "no target declared"
        verdict = _verdict(weak.meets_availability, "meets target", "misses target")
        items.append(Metric("Least available operation", fmt.pct(weak.availability), f"{detail}; {weak.id}", *verdict))
    return items


def _verdict(ok: bool | None, good: str, bad: str) -> tuple[Any, str]:
    if ok is None:
        return "", ""
    return ("ok", good) if ok else ("bad", bad)
