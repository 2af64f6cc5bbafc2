"""Plain-text rendering of an analysis (the CLI's default output)."""

from __future__ import annotations

from typing import TYPE_CHECKING

from archkit.model.operation import route

if TYPE_CHECKING:
    from archkit.analysis.result import Analysis


def _ms(value: float | None) -> str:
    return "—" if value is None else f"{value:.1f}"


def _pct(value: float) -> str:
    return f"{value:.1%}" if value < 0.1 else f"{value:.0%}"


def _table(header: list[str], rows: list[list[str]]) -> list[str]:
    widths = [max(len(h), *(len(r[i]) for r in rows)) if rows else len(h) for i, h in enumerate(header)]
    right = [i > 1 for i in range(len(header))]
    out = []
    for row in [header, *rows]:
        cells = [c.rjust(w) if right[i] else c.ljust(w) for i, (c, w) in enumerate(zip(row, widths, strict=True))]
        out.append("  " + "  ".join(cells).rstrip())
    return out


def render_text(a: Analysis) -> str:
    lines = [f"{a.name}: {a.total_rps:g} rps from clients (traffic × {a.traffic_factor:g})"]
    if a.without:
        lines.append(f"what-if: without {', '.join(a.without)}")
    if a.bottleneck is not None and a.max_rps is not None:
        u = a.components[a.bottleneck].utilization or 0.0
        lines.append(
            f"bottleneck: {a.bottleneck} at {u:.0%}; the first component saturates at {a.max_rps:,.0f} rps total"
        )
    else:
        lines.append("bottleneck: none (no capacity-limited component carries load)")
    if a.saturated():
        lines.append(f"SATURATED (>= 100%): {', '.join(a.saturated())}")
    if a.hot():
        lines.append(f"hot (>= 70%): {', '.join(a.hot())}")
    lines += _operation_headline(a)
    lines += ["", "components"]
    rows = []
    for c in a.components.values():
        if c.status == "client":
            continue
        util = "—" if c.utilization is None else _pct(c.utilization)
        rows.append(
            [
                c.id,
                c.kind,
                f"{c.rps:,.1f}",
                util,
                c.status,
                _ms(c.latency_mean),
                _ms(c.latency_p99),
                f"{c.availability:.4f}",
                f"{c.replicas}→{c.replicas_needed} ({c.replicas_needed_n_plus_1})",
                f"{c.cost.total:,.0f}",
            ]
        )
    header = ["id", "kind", "rps", "util", "status", "mean ms", "p99 ms", "avail %", "replicas→needed (N+1)", "$/month"]
    lines += _table(header, rows)
    lines += ["", "journeys (end to end along synchronous calls)"]
    jrows = []
    for j in a.journeys.values():
        lat_ok = {True: "ok", False: "MISSED", None: "no target"}[j.meets_latency]
        av_ok = {True: "ok", False: "MISSED", None: "no target"}[j.meets_availability]
        target = "—" if j.latency_target is None else f"{j.latency_target:g}"
        av_target = "—" if j.availability_target is None else f"{j.availability_target:g}"
        jrows.append(
            [
                j.client,
                f"{j.rps:,.1f}",
                _ms(j.latency_mean),
                _ms(j.latency_p99),
                target,
                lat_ok,
                f"{j.availability:.4f}",
                av_target,
                av_ok,
                f"{j.downtime_minutes_per_month:,.1f}",
            ]
        )
    header = ["client", "rps", "mean ms", "p99 ms", "target", "latency", "avail %", "target", "avail", "down min/month"]
    lines += _table(header, jrows)
    for j in a.journeys.values():
        if j.meets_latency is False:
            top = ", ".join(
                f"{c} {ms:.1f} ms" if ms != float("inf") else f"{c} saturated" for c, ms in j.contributors[:3]
            )
            lines.append(f"  {j.client}: latency mostly in {top}")
        if j.meets_availability is False and j.weakest:
            lines.append(f"  {j.client}: weakest dependencies {', '.join(j.weakest)}")
    lines += _operation_table(a)
    tight = [t for t in a.timeouts if t.share_over > 0.01]
    if tight:
        lines += ["", "timeouts shorter than the call takes at peak"]
        for t in tight:
            took = "saturated" if t.call_p99 is None else f"p99 {t.call_p99:,.0f} ms"
            lines.append(f"  {t.key}: timeout {t.timeout_ms:g} ms, call {took}: {t.share_over:.1%} of calls time out")
    lines += [
        "",
        f"cost: ${a.total_cost:,.0f}/month now, ${a.total_cost_at_horizon:,.0f}/month in {a.horizon_months} months",
    ]
    if a.budget is not None:
        verdict = "OVER budget" if a.over_budget else "within budget"
        lines.append(f"  budget ${a.budget:,.0f}/month: {verdict}; largest: {', '.join(a.cost_drivers())}")
    lines += ["", "assumptions"]
    lines += [f"  - {text}" for text in a.assumptions]
    return "\n".join(lines) + "\n"


_VERDICT = {True: "ok", False: "MISSED", None: "no target"}


def _operation_headline(a: Analysis) -> list[str]:
    """The slowest and the least available operation against their targets (the per-operation headline)."""
    out = []
    slow = a.slowest_operation()
    if slow is not None:
        took = "saturated" if slow.latency_p99 is None else f"p99 {slow.latency_p99:,.1f} ms"
        out.append(
            f"slowest operation: {slow.id} {took} against {slow.latency_target:g} ms ({_VERDICT[slow.meets_latency]})"
        )
    weak = a.least_available_operation()
    if weak is not None and weak.availability_target is not None:
        out.append(
            f"least available operation: {weak.id} {weak.availability:.4f}% against {weak.availability_target:g}% "
            f"({_VERDICT[weak.meets_availability]})"
        )
    return out


def _operation_table(a: Analysis) -> list[str]:
    if not a.operations:
        return []
    rows = []
    for o in a.operations.values():
        shown = route(o.method, o.path) or "—"
        rows.append(
            [
                o.id,
                shown,
                f"{o.rps:,.1f}",
                _ms(o.latency_mean),
                _ms(o.latency_p99),
                "—" if o.latency_target is None else f"{o.latency_target:g}",
                _VERDICT[o.meets_latency],
                f"{o.availability:.4f}",
                "—" if o.availability_target is None else f"{o.availability_target:g}",
                _VERDICT[o.meets_availability],
            ]
        )
    header = ["operation", "route", "rps", "mean ms", "p99 ms", "target", "latency", "avail %", "target", "avail"]
    lines = ["", "operations (end to end: own time plus synchronous steps; optional steps outside availability)"]
    lines += _table(header, rows)
    return lines
