"""The numbers step: analysis, scenarios, failures and charts."""

from __future__ import annotations

import json
from collections.abc import Callable
from pathlib import Path
from typing import TYPE_CHECKING, Any

from archkit.model import Architecture, ModelError
from archkit.model.io import write_atomic
from archkit.notebook_steps.display import show_image, show_markdown
from archkit.notebook_steps.model import output_path

if TYPE_CHECKING:
    import pandas as pd


# --------------------------------------------------------------------------- analysis
def run_analysis(
    arch: Architecture,
    output_dir: str | Path | None = None,
    *,
    traffic_factor: float = 1.0,
    without: tuple[str, ...] = (),
    replicas: dict[str, int] | None = None,
) -> Any | None:
    """Load, latency, availability and capacity; writes ``analysis.json`` when ``output_dir`` is given."""
    from archkit.analysis import analyze

    result = _analyze(analyze, arch, traffic_factor=traffic_factor, without=tuple(without), replicas=replicas)
    if result is None:
        return None
    if output_dir is not None:
        target = output_path(output_dir) / "analysis.json"
        write_atomic(target, json.dumps(result.to_dict(), indent=2, default=str) + "\n")
        print(f"wrote {target}")
    return result


def _analyze(analyze: Callable[..., Any], arch: Architecture, *, quiet: bool = False, **options: Any) -> Any | None:
    """Run the analysis; a model it cannot compute (a synchronous cycle, a diverging message loop)
    is a valid model with a design problem, so say why plainly and let the notebook carry on."""
    try:
        return analyze(arch, **options)
    except ModelError as exc:
        if not quiet:
            reasons = "; ".join(p.message for p in exc.problems)
            show_markdown(
                f"> **The numbers cannot be computed for this model:** {reasons}. "
                "Fix it in the model (the review lists it too), then run this notebook again.",
                f"analysis cannot run on this model: {reasons}",
            )
        return None


def analysis_headline(analysis: Any) -> str:
    if analysis is None:
        return "analysis: not available yet"
    data = analysis.to_dict()
    max_rps = data.get("max_rps")
    text = f"bottleneck: {data.get('bottleneck') or 'none'}"
    if max_rps is not None:
        text += f"; the system saturates at {float(max_rps):,.0f} requests/s of client traffic"
    for label, o, ok in (
        ("slowest operation", analysis.slowest_operation(), "meets_latency"),
        ("least available operation", analysis.least_available_operation(), "meets_availability"),
    ):
        if o is None:
            continue
        verdict = {True: "meets its target", False: "MISSES its target", None: "no target"}[getattr(o, ok)]
        if ok == "meets_latency":
            took = "saturated" if o.latency_p99 is None else f"p99 {o.latency_p99:,.1f} ms"
            text += f"\n{label}: {o.id} {took} against {o.latency_target:g} ms ({verdict})"
        elif o.availability_target is not None:
            text += f"\n{label}: {o.id} {o.availability:.4f}% against {o.availability_target:g}% ({verdict})"
    return text


def scenarios_table(arch: Architecture, factors: tuple[float, ...] = (1.0, 2.0, 5.0)) -> pd.DataFrame:
    """What happens at a multiple of today's peak: busiest component, its utilization, worst journey p99."""
    import pandas as pd

    from archkit.analysis import analyze

    rows = []
    for factor in factors:
        result = _analyze(analyze, arch, quiet=True, traffic_factor=factor)
        if result is not None:
            rows.append({"traffic": f"x{factor:g}", **_headline_row(result.to_dict())})
    return pd.DataFrame(
        rows, columns=["traffic", "busiest", "utilization", "worst_journey", "worst_p99_ms", "min_availability_%"]
    )


def failure_table(arch: Architecture) -> pd.DataFrame:
    """One row per component taken down: the journeys that stop working, the worst availability left."""
    import pandas as pd

    from archkit.analysis import analyze

    rows = []
    for c in arch.components:
        if c.kind == "client":
            continue
        result = _analyze(analyze, arch, quiet=True, without=(c.id,))
        if result is None:
            continue
        data = result.to_dict()
        broken = [cid for cid, j in (data.get("journeys") or {}).items() if j.get("availability") == 0]
        rows.append({"down": c.id, "broken_journeys": ", ".join(broken) or "none", **_headline_row(data)})
    columns = [
        "down",
        "broken_journeys",
        "min_availability_%",
        "worst_journey",
        "worst_p99_ms",
        "busiest",
        "utilization",
    ]
    return pd.DataFrame(rows, columns=columns)


def _headline_row(data: dict[str, Any]) -> dict[str, Any]:
    components = data.get("components") or {}
    busiest, utilization = None, None
    for cid, figures in components.items():
        u = figures.get("utilization")
        # Only components that queue can be "busiest": not clients, elastic kinds or components taken down.
        if figures.get("status") in ("down", "client", "elastic") or u is None:
            continue
        if utilization is None or u > utilization:
            busiest, utilization = cid, u
    if not utilization:  # nothing carries load (e.g. the entry point is down): no busiest component
        busiest = None
    worst, worst_p99, min_avail = None, None, None
    for client, figures in (data.get("journeys") or {}).items():
        p99 = (figures.get("latency_ms") or {}).get("p99")
        if p99 is None:
            worst, worst_p99 = client, float("inf")
        elif worst_p99 is None or p99 > worst_p99:
            worst, worst_p99 = client, p99
        avail = figures.get("availability")
        if avail is not None and (min_avail is None or avail < min_avail):
            min_avail = avail
    return {
        "busiest": busiest,
        "utilization": None if utilization is None else round(float(utilization), 3),
        "worst_journey": worst,
        "worst_p99_ms": None if worst_p99 is None else round(float(worst_p99), 1),
        "min_availability_%": None if min_avail is None else round(float(min_avail), 4),
    }


def save_charts(analysis: Any, output_dir: str | Path) -> list[Path]:
    """Utilization, latency and availability charts as PNG under ``output_dir/charts``; shown inline."""
    if analysis is None:
        return []
    from archkit.render import charts

    folder = output_path(output_dir) / "charts"
    folder.mkdir(parents=True, exist_ok=True)
    written = []
    makers: dict[str, Callable[[Any], Any]] = {
        "utilization": charts.utilization_chart,
        "latency": charts.latency_chart,
        "availability": charts.availability_chart,
    }
    import matplotlib.pyplot as plt

    for name, make in makers.items():
        fig = make(analysis)
        target = folder / f"{name}.png"
        fig.savefig(target, dpi=110, bbox_inches="tight")
        plt.close(fig)
        show_image(target)
        written.append(target)
        print(f"wrote {target}")
    return written


def scenario_headline(
    base: Any, now: Any, *, traffic_factor: float = 1.0, without: tuple[str, ...] = (), replicas: Any = None
) -> str:
    """What a what-if changed and what it costs: which operation (or journey) now misses which
    target and by how much, and how far the traffic is from saturating the bottleneck."""
    changed = []
    if traffic_factor != 1.0:
        changed.append(f"traffic × {traffic_factor:.2f} ({now.total_rps:,.0f} rps)")
    if without:
        changed.append(f"down: {', '.join(without)}")
    if replicas:
        changed.append("replicas " + ", ".join(f"{k}={v}" for k, v in sorted(replicas.items())))
    lines = [("what-if: " + "; ".join(changed)) if changed else "today's design at its declared peak"]
    by_operation = bool(now.operations)
    items = now.operations if by_operation else now.journeys
    before = base.operations if by_operation else base.journeys
    what = "operation" if by_operation else "journey"
    misses = []
    for key, item in items.items():
        name = getattr(item, "id", key)
        was = before.get(key)
        new = " (met before)" if was is not None and was.meets_availability else ""
        if item.meets_availability is False:
            if item.availability == 0:
                misses.append(f"{what} {name} is down: 0% against {item.availability_target:g}%{new}")
                continue
            gap = item.availability_target - item.availability
            misses.append(
                f"{what} {name} availability {item.availability:.3f}% misses {item.availability_target:g}% "
                f"by {gap:.3f} points{new}"
            )
        if item.meets_latency is False:
            new = " (met before)" if was is not None and was.meets_latency else ""
            if item.latency_p99 is None:
                misses.append(f"{what} {name} saturates: no p99 against {item.latency_target:g} ms{new}")
            else:
                over = item.latency_p99 - item.latency_target
                misses.append(
                    f"{what} {name} p99 {item.latency_p99:,.0f} ms misses {item.latency_target:g} ms by {over:,.0f} ms{new}"
                )
    lines += misses or [f"every {what} meets its targets"]
    if now.bottleneck and now.max_rps and now.total_rps:
        headroom = now.max_rps / now.total_rps
        lines.append(
            f"bottleneck {now.bottleneck}: saturates at {now.max_rps:,.0f} rps, "
            f"{headroom:.1f}× this traffic" + (" — saturated now" if headroom < 1 else "")
        )
    return "\n".join(lines)
