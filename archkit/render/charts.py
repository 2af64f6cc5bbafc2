"""Charts of an analysis as matplotlib Figures (for the notebooks and the report).

- ``utilization_chart(analysis)``: utilization per capacity-limited component, with the
  target (default 70%) and saturation (100%) marked.
- ``latency_chart(analysis)``: each client journey's mean and p99 against the p99 target.
- ``availability_chart(analysis)``: each journey's downtime per month against what the
  availability target allows.

Figures are built with the object API on the Agg canvas (no pyplot state, no display
needed); Jupyter shows a returned Figure inline. Save with ``fig.savefig(path)``.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from archkit.analysis.availability import downtime

if TYPE_CHECKING:
    from matplotlib.figure import Figure

    from archkit.analysis import Analysis

COLORS = {"ok": "#3a923a", "hot": "#e08a00", "saturated": "#c62828", "target": "#555555", "p99": "#1f5fa8"}
MEAN_COLOR = "#8fb4e3"
SHOWN_MAX = 1.5  # utilization bars are drawn up to 150%; the label gives the real value


def _figure(rows: int) -> Figure:
    from matplotlib.backends.backend_agg import FigureCanvasAgg
    from matplotlib.figure import Figure

    fig = Figure(figsize=(8.0, max(2.2, 0.9 + 0.38 * rows)), dpi=100, layout="constrained")
    FigureCanvasAgg(fig)
    return fig


def _empty(fig: Figure, title: str, message: str) -> Figure:
    ax = fig.add_subplot()
    ax.set_title(title, loc="left", fontsize=11)
    ax.text(0.5, 0.5, message, ha="center", va="center", transform=ax.transAxes, color="#666666")
    ax.set_axis_off()
    return fig


def utilization_chart(analysis: Analysis) -> Figure:
    """Horizontal bars: utilization per capacity-limited component, busiest first."""
    rows = sorted(
        (c for c in analysis.components.values() if c.status in ("ok", "hot", "saturated")),
        key=lambda c: (-(c.utilization or 0.0), c.id),
    )
    fig = _figure(len(rows))
    title = f"{analysis.name}: utilization at {analysis.total_rps:,.0f} rps"
    if not rows:
        return _empty(fig, title, "no capacity-limited component")
    ax = fig.add_subplot()
    names = [c.id for c in rows][::-1]
    values = [c.utilization or 0.0 for c in rows][::-1]
    colors = [COLORS[c.status] for c in rows][::-1]
    bars = ax.barh(names, [min(v, SHOWN_MAX) for v in values], color=colors)
    for bar, value in zip(bars, values, strict=True):
        ax.text(bar.get_width() + 0.01, bar.get_y() + bar.get_height() / 2, f"{value:.0%}", va="center", fontsize=8)
    ax.axvline(analysis.target_utilization, color=COLORS["target"], linestyle="--", linewidth=1)
    ax.axvline(1.0, color=COLORS["saturated"], linewidth=1)
    ax.set_xlim(0, max(1.1, min(max(values), SHOWN_MAX) + 0.15))
    ax.xaxis.set_major_formatter(lambda x, _pos: f"{x:.0%}")
    ax.set_xlabel(f"utilization (dashed: target {analysis.target_utilization:.0%}; red: saturated)")
    subtitle = f"bottleneck {analysis.bottleneck}, saturates at {analysis.max_rps:,.0f} rps" if analysis.max_rps else ""
    ax.set_title(f"{title}\n{subtitle}".strip(), loc="left", fontsize=11)
    ax.tick_params(axis="y", labelsize=8)
    return fig


def latency_chart(analysis: Analysis) -> Figure:
    """Per client journey: mean and p99 end-to-end latency, and the p99 target."""
    journeys = list(analysis.journeys.values())
    fig = _figure(2 * len(journeys))
    title = f"{analysis.name}: journey latency (end to end, synchronous calls)"
    if not journeys:
        return _empty(fig, title, "no clients in the model")
    ax = fig.add_subplot()
    names = [j.client for j in journeys][::-1]
    y = list(range(len(names)))
    ordered = journeys[::-1]
    means = [j.latency_mean or 0.0 for j in ordered]
    p99s = [j.latency_p99 or 0.0 for j in ordered]
    height = 0.38
    ax.barh([i + height / 2 for i in y], p99s, height=height, color=COLORS["p99"], label="p99")
    ax.barh([i - height / 2 for i in y], means, height=height, color=MEAN_COLOR, label="mean")
    top = max([*p99s, *(j.latency_target or 0.0 for j in journeys), 1.0])
    for i, j in zip(y, ordered, strict=True):
        if j.latency_p99 is None:
            ax.text(top * 0.02, i, "saturated: no steady state", va="center", color=COLORS["saturated"], fontsize=9)
        else:
            ax.text(j.latency_p99 + top * 0.01, i + height / 2, f"{j.latency_p99:,.0f} ms", va="center", fontsize=8)
    targets = {j.latency_target for j in journeys if j.latency_target is not None}
    for target in sorted(targets):
        ax.axvline(target, color=COLORS["saturated"], linestyle="--", linewidth=1.2, label=f"target p99 {target:g} ms")
    ax.set_yticks(y, names)
    ax.set_xlim(0, top * 1.15)
    ax.set_xlabel("milliseconds")
    ax.legend(loc="best", fontsize=8, framealpha=0.9)
    ax.set_title(title, loc="left", fontsize=11)
    return fig


def availability_chart(analysis: Analysis) -> Figure:
    """Per client journey: expected downtime per month against what the target allows."""
    journeys = list(analysis.journeys.values())
    fig = _figure(len(journeys))
    title = f"{analysis.name}: journey availability (downtime per month, lower is better)"
    if not journeys:
        return _empty(fig, title, "no clients in the model")
    ax = fig.add_subplot()
    ordered = journeys[::-1]
    names = [j.client for j in ordered]
    minutes = [j.downtime_minutes_per_month for j in ordered]
    colors = [COLORS["saturated"] if j.meets_availability is False else COLORS["ok"] for j in ordered]
    bars = ax.barh(names, minutes, color=colors)
    top = max([*minutes, 1.0])
    for bar, j in zip(bars, ordered, strict=True):
        label = f"{j.availability:.3f}% · {j.downtime_minutes_per_month:,.1f} min"
        ax.text(
            bar.get_width() + top * 0.01,
            bar.get_y() + bar.get_height() / 2,
            label,
            va="center",
            fontsize=8,
            zorder=4,
            bbox={"facecolor": "white", "edgecolor": "none", "pad": 1.0},
        )
    targets = {j.availability_target for j in journeys if j.availability_target is not None}
    for target in sorted(targets):
        allowed = downtime(target / 100.0)[0]
        top = max(top, allowed)
        ax.axvline(
            allowed, color=COLORS["target"], linestyle="--", linewidth=1.2, zorder=3, label=f"allowed by {target:g}%"
        )
    ax.set_xlim(0, top * 1.45)
    ax.set_xlabel("expected minutes down per month (730 h)")
    if targets:
        ax.legend(loc="lower right", fontsize=8, frameon=False)
    ax.set_title(title, loc="left", fontsize=11)
    return fig
