"""Open or create the model, and the tables that describe it."""

from __future__ import annotations

import os
from pathlib import Path
from typing import TYPE_CHECKING

from archkit.model import Architecture, load
from archkit.model.io import write_atomic
from archkit.notebook_steps.display import in_ipython

if TYPE_CHECKING:
    import pandas as pd


# --------------------------------------------------------------------------- model and paths
def default_output_dir() -> Path:
    """``exports/`` of the checkout when run from one, else ``./exports``."""
    from archkit.paths import PACKAGE

    checkout_exports = PACKAGE.parent / "exports"
    if (PACKAGE.parent / "pyproject.toml").exists() and checkout_exports.is_dir():
        return checkout_exports
    return Path.cwd() / "exports"


def output_path(output_dir: str | os.PathLike[str] | None) -> Path:
    """``output_dir`` as an absolute, existing folder."""
    out = Path(output_dir).expanduser() if output_dir else default_output_dir()
    out = out.resolve()
    out.mkdir(parents=True, exist_ok=True)
    return out


def open_model(model_path: str | Path | None, output_dir: str | Path | None = None) -> tuple[Architecture, Path]:
    """Load and validate the model, make ``output_dir``; prints the summary a notebook opens with."""
    from archkit.paths import example

    path = Path(model_path).expanduser().resolve() if model_path else example()
    arch = load(path)
    out = output_path(output_dir)
    if in_ipython():  # a notebook session: show the whole message and fix of a finding, not "Run at lea..."
        import pandas as pd

        pd.set_option("display.max_colwidth", None)
    print(f"model:   {path}")
    print(f"exports: {out}")
    print(arch.summary())
    return arch, out


def examples_table() -> pd.DataFrame:
    """The bundled example models: name, size, what they show."""
    import pandas as pd

    from archkit.paths import examples

    rows = []
    for path in examples():
        arch = load(path)
        rows.append(
            {
                "example": path.stem,
                "system": arch.name,
                "components": len(arch.components),
                "links": len(arch.links),
                "description": (arch.description or "").strip(),
                "path": str(path),
            }
        )
    return pd.DataFrame(rows, columns=["example", "system", "components", "links", "description", "path"])


def patterns_table() -> pd.DataFrame:
    import pandas as pd

    from archkit.patterns import PATTERNS

    return pd.DataFrame([{"pattern": k, "starting point": v} for k, v in PATTERNS.items()])


def create_model(name: str, pattern: str, output_dir: str | Path, *, overwrite: bool = False) -> Path:
    """Write a starter model from a pattern under ``output_dir``; returns its path (kept if it exists)."""
    from archkit.model import loads
    from archkit.patterns import new_model, slug

    target = output_path(output_dir) / f"{slug(name)}.yaml"
    if target.exists() and not overwrite:
        print(f"kept existing {target}")
        return target
    text = new_model(name, pattern)
    loads(text, str(target))
    write_atomic(target, text)
    print(f"wrote {target}")
    return target


# --------------------------------------------------------------------------- tables of the model
REQUIREMENT_UNITS: dict[str, str] = {
    "peak_rps": "requests/s",
    "latency_p99_ms": "ms",
    "availability": "%",
    "data_volume_gb": "GB",
    "data_growth_gb_per_month": "GB/month",
    "budget_usd_per_month": "USD/month",
    "planning_horizon_months": "months",
}

_GAP_WHY: dict[str, str] = {
    "peak_rps": "without a peak load nothing can be sized: utilization, replicas and the bottleneck all start from it",
    "latency_p99_ms": "without a latency target a slow journey is not a finding; agree the p99 with the product owner",
    "availability": "without an availability target you cannot tell whether a single replica or a single zone is acceptable",
    "data_volume_gb": "storage cost, backup time and when to partition all follow from the data volume",
    "data_growth_gb_per_month": "growth decides when today's store stops fitting; plan the horizon, not the launch",
    "consistency": "strong or eventual decides replication, caching and which stores are even candidates",
    "budget_usd_per_month": "a design that meets every target but costs three times the budget is not done",
}


def requirements_table(arch: Architecture) -> pd.DataFrame:
    """One row per requirements field: value (blank when not declared), unit, what it means."""
    import pandas as pd

    from archkit.model.schema import Requirements

    rows = []
    for field, info in Requirements.model_fields.items():
        if field == "functional":
            continue
        value = getattr(arch.requirements, field)
        if isinstance(value, list):
            value = ", ".join(value)
        declared = field in arch.requirements.model_fields_set
        rows.append(
            {
                "field": field,
                "value": "" if value is None else value,
                "unit": REQUIREMENT_UNITS.get(field, ""),
                "declared": declared,
                "meaning": info.description or "",
            }
        )
    return pd.DataFrame(rows, columns=["field", "value", "unit", "declared", "meaning"])


def requirement_gaps(arch: Architecture) -> list[str]:
    """Targets that are not declared, each with why it matters; printed one per line."""
    gaps = [f"{field}: {why}" for field, why in _GAP_WHY.items() if getattr(arch.requirements, field) in (None, [], "")]
    if not arch.requirements.functional:
        gaps.append("functional: list what the system must do and trace each to the components that serve it")
    for line in gaps or ["none: every target is declared"]:
        print(f"- {line}")
    return gaps


def functional_trace(arch: Architecture) -> pd.DataFrame:
    """Functional requirements with the components that serve them; an untraced one says so."""
    import pandas as pd

    rows = [
        {"id": fr.id, "requirement": fr.text, "served_by": ", ".join(fr.served_by) or "(not traced)"}
        for fr in arch.requirements.functional
    ]
    return pd.DataFrame(rows, columns=["id", "requirement", "served_by"])


def components_table(arch: Architecture) -> pd.DataFrame:
    """The components with the fields that shape review and analysis (effective values)."""
    import pandas as pd

    rows = []
    for c in arch.components:
        rows.append(
            {
                "id": c.id,
                "kind": c.kind,
                "tech": c.tech or "",
                "boundary": c.boundary or "",
                "trust": arch.trust_of(c.id) or "",
                "replicas": c.replicas,
                "concurrency": arch.concurrency_of(c),
                "service_time_ms": arch.service_time_of(c),
                "availability_%": arch.availability_of(c),
            }
        )
    columns = [
        "id",
        "kind",
        "tech",
        "boundary",
        "trust",
        "replicas",
        "concurrency",
        "service_time_ms",
        "availability_%",
    ]
    return pd.DataFrame(rows, columns=columns)


def links_table(arch: Architecture) -> pd.DataFrame:
    import pandas as pd

    rows = [
        {
            "from": link.source,
            "to": link.target,
            "protocol": link.protocol or "",
            "calls": link.calls,
            "sync": link.sync,
            "encrypted": link.encrypted,
            "timeout_ms": link.timeout_ms,
            "retries": link.retries,
        }
        for link in arch.links
    ]
    return pd.DataFrame(rows, columns=["from", "to", "protocol", "calls", "sync", "encrypted", "timeout_ms", "retries"])


def operations_table(arch: Architecture) -> pd.DataFrame:
    """Every operation: its route, its share of the component's requests, and the calls it makes in order."""
    import pandas as pd

    rows = []
    for c in arch.components:
        for op in c.operations:
            calls = []
            for n, step in enumerate(op.steps, start=1):
                text = f"{n}. {step.target}" + (f".{step.op}" if step.op else "")
                if step.calls != 1:
                    text += f" ×{step.calls:g}"
                if step.optional:
                    text += " (optional)"
                calls.append(text)
            rows.append(
                {
                    "operation": f"{c.id}.{op.id}",
                    "route": op.route,
                    "share": op.share,
                    "service_time_ms": op.service_time_ms
                    if op.service_time_ms is not None
                    else arch.service_time_of(c),
                    "auth": op.auth or c.auth or "",
                    "steps": "; ".join(calls),
                }
            )
    return pd.DataFrame(rows, columns=["operation", "route", "share", "service_time_ms", "auth", "steps"])
