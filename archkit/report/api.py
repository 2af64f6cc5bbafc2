"""The "API" section: the reference of every API the model declares (the same data as the
self-contained HTML page `archkit api` and notebook 03 write), and the API findings."""

from __future__ import annotations

from archkit.api.reference import ApiReference, api_reference
from archkit.report import fmt
from archkit.report.doc import Para, Rich, Section, Span, Table, ticks
from archkit.report.gather import Inputs
from archkit.report.sections import new


def api_section(inputs: Inputs) -> Section | None:
    """None when no component declares an api (the report then has no API section)."""
    arch = inputs.arch
    if not any(c.api is not None for c in arch.components):
        return None
    numbers = inputs.analysis.to_dict().get("operations", {}) if inputs.analysis is not None else {}
    refs = api_reference(arch, numbers)
    section = new("api")
    ops = sum(len(r.operations) for r in refs)
    section.add(
        Para(
            ticks(
                f"{fmt.count(len(refs), 'API')} ({', '.join(f'{r.component}: {r.style}' for r in refs)}), "
                f"{fmt.count(ops, 'REST operation')}. `archkit api MODEL --out DIR` writes the documents "
                "(OpenAPI 3.1, GraphQL SDL, proto) and notebook 03 a self-contained HTML reference."
            )
        )
    )
    for ref in refs:
        _api(section, ref)
    if inputs.review is not None:
        api = [f for f in inputs.review.findings if f.category == "api" and not f.waived]
        if api:
            rows: list[list[Rich]] = [
                [Span(f.severity, f"sev-{f.severity}"), Span(f.rule, "code"), ticks(f.message)] for f in api
            ]
            section.sub(
                "findings",
                "API findings",
                Table(["Severity", "Rule", "Finding"], rows, caption="API rules", widths=("12%", "10%", "78%")),
            )
        else:
            section.sub("findings", "API findings", Para("No API rule reports anything."))
    return section


def _api(section: Section, ref: ApiReference) -> None:
    title = f"{ref.title} ({ref.style}, {ref.version or 'unversioned'})"
    if ref.text is not None:
        section.sub(
            ref.component,
            title,
            Para([f"The {ref.style} schema is written to ", Span(ref.filename, "code"), "."]),
        )
        return
    rows: list[list[Rich]] = []
    for op in ref.operations:
        latency = f"{op.p99_ms:,.0f} ms" if op.p99_ms is not None else ("saturated" if op.rps is not None else "—")
        if op.p99_target_ms:
            latency += f" / {op.p99_target_ms:,.0f}"
        rows.append(
            [
                Span(f"{op.method} {op.path}", "code"),
                op.summary or op.operation_id,
                Span(op.auth, "muted" if op.auth == "public" else ""),
                ", ".join(code for code, _ in op.responses),
                f"{op.rps:,.0f}" if op.rps is not None else "—",
                latency,
            ]
        )
    schemes = "; ".join(f"{n}: {what}" for n, what in ref.schemes) or "none"
    section.sub(
        ref.component,
        title,
        Para([f"Served by {ref.component} at ", Span(", ".join(ref.servers), "code"), f". Authentication: {schemes}."]),
        Table(
            ["Route", "What it does", "Auth", "Responses", "rps", "p99 / target"],
            rows,
            caption=f"Operations of {ref.component}",
            widths=("24%", "26%", "16%", "16%", "7%", "11%"),
        ),
    )


__all__ = ["api_section"]
