"""The ER diagram of the entities: one record per table (key fields first, marked), an edge per
reference, stores as clusters. Plain Graphviz (no icons): a data model reads as tables."""

from __future__ import annotations

from html import escape
from pathlib import Path

from archkit.model.entity import Entity
from archkit.model.schema import ModelFile
from archkit.render.graphviz import run_dot

ER_BASENAME = "er"


def er_dot(model: ModelFile) -> str:
    lines = [
        "digraph er {",
        '  graph [rankdir=LR, fontname="DejaVu Sans", fontsize=11, nodesep=0.5, ranksep=0.9, pad=0.3];',
        '  node [shape=plaintext, fontname="DejaVu Sans", fontsize=10];',
        '  edge [color="#555555", arrowhead=crow, arrowtail=none, dir=both, fontname="DejaVu Sans", fontsize=9];',
    ]
    stores: dict[str, list[Entity]] = {}
    for e in model.entities:
        stores.setdefault(e.store, []).append(e)
    months = model.requirements.planning_horizon_months
    for i, (store, entities) in enumerate(stores.items()):
        lines.append(f"  subgraph cluster_{i} {{")
        lines.append(f'    label="{escape(store)}"; style="rounded,dashed"; color="#8899aa"; fontcolor="#445566";')
        for e in entities:
            lines.append(f'    "{e.id}" [label=<{_table(e, months)}>];')
        lines.append("  }")
    store_of = {e.id: e.store for e in model.entities}
    for e in model.entities:
        for f in e.fields:
            if f.references:
                parent, column = f.references.split(".")
                style = "" if store_of.get(parent) == e.store else ", style=dashed"  # across stores: no FK
                lines.append(f'  "{parent}":"{column}_out":e -> "{e.id}":"{f.name}_in":w [arrowtail=tee{style}];')
    lines.append("}")
    return "\n".join(lines) + "\n"


def _table(e: Entity, months: int) -> str:
    rows = [
        '<table border="0" cellborder="1" cellspacing="0" cellpadding="4" color="#8899aa">',
        f'<tr><td bgcolor="#dde6f0" colspan="2"><b>{escape(e.id)}</b>'
        f'<br/><font point-size="8">{e.rows_at(months):,} rows in {months} months</font></td></tr>',
    ]
    for f in sorted(e.fields, key=lambda f: not f.key):
        mark = " ".join(m for m, on in (("PK", f.key), ("FK", bool(f.references)), ("UQ", f.unique)) if on)
        name = f"<u>{escape(f.name)}</u>" if f.key else escape(f.name)
        kind = f.type + (f"({f.max_length})" if f.max_length else "") + ("?" if f.nullable else "")
        rows.append(
            f'<tr><td align="left" port="{f.name}_in">{name}</td><td align="left" port="{f.name}_out">{escape(kind)}'
            f'<font point-size="8" color="#667788"> {mark}</font></td></tr>'
        )
    rows.append("</table>")
    return "".join(rows)


def er_svg(model: ModelFile) -> str:
    """The ER diagram as SVG text (the report embeds it)."""
    return run_dot(er_dot(model), ("svg",))["svg"].decode("utf-8")


def er_diagram(model: ModelFile, out: Path, formats: tuple[str, ...] = ("png", "svg")) -> list[Path]:
    """Write er.png and er.svg into ``out``; nothing when the model has no entities."""
    if not model.entities:
        return []
    source = er_dot(model)
    # dpi sharpens the PNG; on SVG it would only scale the drawing up, so SVG is laid out without it
    images = {fmt: run_dot(source, (fmt,), dpi=110 if fmt == "png" else None)[fmt] for fmt in formats}
    written = []
    for fmt, data in images.items():
        path = out / f"{ER_BASENAME}.{fmt}"
        path.write_bytes(data)
        written.append(path)
    return written
