"""API design steps: the operations, the documents archkit writes (OpenAPI 3.1, GraphQL SDL,
proto) with a self-contained HTML reference, and the API findings."""

from __future__ import annotations

from html import escape
from pathlib import Path
from typing import TYPE_CHECKING, Any

from archkit.model import Architecture
from archkit.notebook_steps.model import output_path

if TYPE_CHECKING:
    import pandas as pd

REFERENCE_FILE = "api-reference.html"


def _numbers(arch: Architecture) -> dict[str, Any]:
    from archkit.analysis import analyze
    from archkit.model.errors import ModelError

    try:
        return dict(analyze(arch).to_dict().get("operations", {}))
    except ModelError as exc:  # the analysis refuses the model (a cycle): documents without numbers
        print(f"no load figures in the documents: {exc}")
        return {}


def api_operations_table(arch: Architecture) -> pd.DataFrame:
    """The operations of every component that exposes an API: the contract a client sees (route,
    authentication, what it returns) and the load it carries."""
    import pandas as pd

    from archkit.api.facts import operation_auth

    rows = []
    numbers = _numbers(arch)
    for c in arch.components:
        if c.api is None:
            continue
        for op in c.operations:
            auth = operation_auth(c, op)
            figures = numbers.get(f"{c.id}.{op.id}", {})
            rows.append(
                {
                    "operation": f"{c.id}.{op.id}",
                    "api": c.api.style,
                    "route": op.route,
                    "auth": auth.method + (f" ({', '.join(auth.scopes)})" if auth.scopes else ""),
                    "returns": op.returns or "",
                    "entity": op.entity or "",
                    "idempotent": "yes" if op.idempotent else "",
                    "rps": round(figures["rps"], 1) if figures else None,
                    "calls": ", ".join(s.target + (f".{s.op}" if s.op else "") for s in op.steps),
                }
            )
    if not rows:
        print("no component exposes an API yet: give one an `api` and operations with the form below")
    columns = ["operation", "api", "route", "auth", "returns", "entity", "idempotent", "rps", "calls"]
    return pd.DataFrame(rows, columns=columns)


def write_api(arch: Architecture, output_dir: str | Path) -> list[Path]:
    """The documents and the HTML reference under ``out/api``; prints what it wrote."""
    from archkit.api.documents import api_documents
    from archkit.api.reference import api_reference
    from archkit.model.io import write_atomic
    from archkit.report.api_reference import reference_html

    folder = output_path(output_dir) / "api"
    folder.mkdir(parents=True, exist_ok=True)
    numbers = _numbers(arch)
    written = []
    for doc in api_documents(arch, numbers):
        write_atomic(folder / doc.filename, doc.text)
        written.append(folder / doc.filename)
    write_atomic(folder / REFERENCE_FILE, reference_html(api_reference(arch, numbers), arch.name))
    written.append(folder / REFERENCE_FILE)
    for path in written:
        print(path)
    return written


def show_document(arch: Architecture, component: str | None = None) -> Any:
    """One API document as text (the first REST API unless ``component`` names another)."""
    from IPython.display import HTML

    from archkit.api.documents import api_documents

    docs = api_documents(arch, _numbers(arch))
    if not docs:
        return HTML("<p>No component declares an <code>api</code> yet.</p>")
    chosen = next((d for d in docs if d.component == component), None) if component else docs[0]
    if chosen is None:
        raise ValueError(f"no API on component '{component}'; APIs: {', '.join(d.component for d in docs)}")
    others = ", ".join(d.filename for d in docs if d is not chosen)
    more = f"<p>Also written: {escape(others)}</p>" if others else ""
    return HTML(
        f"<p><b>{escape(chosen.filename)}</b> ({chosen.text.count(chr(10)):,} lines)</p>{more}"
        '<pre class="archkit-api-document" style="max-height:28em;overflow:auto;white-space:pre;font-family:monospace;'
        f'border:1px solid #d9e2ec;padding:8px">{escape(chosen.text)}</pre>'
    )


def api_findings(arch: Architecture) -> pd.DataFrame:
    """The API rules' findings (category api), most severe first."""
    import pandas as pd

    from archkit.rules import check

    review = check(arch)
    rows = [
        {"severity": f.severity, "rule": f.rule, "finding": f.message, "fix": f.fix}
        for f in review.findings
        if f.category == "api"
    ]
    if not rows:
        print("no API finding")
    return pd.DataFrame(rows, columns=["severity", "rule", "finding", "fix"])


def show_reference(output_dir: str | Path) -> Any:
    """The HTML reference written by ``write_api``, in a frame of its own (its styles stay inside)."""
    from IPython.display import HTML

    page = output_path(output_dir) / "api" / REFERENCE_FILE
    if not page.is_file():
        return HTML("<p>Run <code>steps.write_api(arch, out)</code> first.</p>")
    srcdoc = escape(page.read_text(encoding="utf-8"), quote=True)
    return HTML(
        f'<iframe class="archkit-api-reference" srcdoc="{srcdoc}" '
        'style="width:100%;height:640px;border:1px solid #d9e2ec"></iframe>'
        f"<p>Open it on its own: <code>{escape(str(page))}</code></p>"
    )


__all__ = ["api_findings", "api_operations_table", "show_document", "show_reference", "write_api"]
