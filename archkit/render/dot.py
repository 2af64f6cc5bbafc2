"""Graphviz DOT source for one view, written by hand (not by the diagrams library).

Stable node ids (the component ids), sorted emission order, one uniquely named cluster per
boundary, ``splines=spline`` and edge text as ``xlabel`` (Graphviz 2.43 crashes on clustered
graphs with edge ``label``s). All user text is escaped before it reaches a label.
``icons=False`` gives portable DOT (shapes instead of icon files) for the text export.
"""

from __future__ import annotations

import html
from collections.abc import Callable
from pathlib import Path

from archkit.model import Architecture
from archkit.model.calls import Call
from archkit.model.kinds import MESSAGING_KINDS, STORE_KINDS
from archkit.model.schema import Boundary, Component, Link
from archkit.render.views import ViewSpec

FONT = "Helvetica"
ICON_PX = 44
# trust level -> (cluster fill, cluster border / swatch colour)
TRUST_STYLE: dict[str, tuple[str, str]] = {
    "public": ("#fdf1f0", "#d0574f"),
    "dmz": ("#fff7e8", "#d99a2b"),
    "internal": ("#eef4fb", "#4a7fc1"),
    "restricted": ("#f6effb", "#8a5bb3"),
}
NO_BOUNDARY = ("#ffffff", "#9aa0a6")
SYNC_COLOUR, ASYNC_COLOUR, CONTEXT_COLOUR = "#4a4f57", "#c7772b", "#b5b9bf"
# Portable DOT: a shape per kind instead of an icon.
KIND_SHAPES: dict[str, str] = {
    "client": "box",
    "database": "cylinder",
    "cache": "cylinder",
    "search": "cylinder",
    "object_store": "folder",
    "queue": "cds",
    "stream": "cds",
    "external": "box3d",
}

IconResolver = Callable[[Component], Path]


def quote(text: str) -> str:
    """A DOT double-quoted string (ids, tooltips, xlabels)."""
    return '"' + text.replace("\\", "\\\\").replace('"', '\\"').replace("\r", "").replace("\n", "\\n") + '"'


def html_text(text: str) -> str:
    """Text for an HTML-like label: entities escaped, non-ASCII as numeric references, newlines as <BR/>."""
    escaped = html.escape(text, quote=True).replace("&#x27;", "&#39;")
    escaped = "".join(ch if ord(ch) < 128 else f"&#{ord(ch)};" for ch in escaped)
    return "<BR/>".join(escaped.replace("\r", "").split("\n"))


def calls_text(calls: float) -> str:
    return f"×{calls:g}" if calls > 1 else ""


def edge_text(link: Link, data: bool = False) -> str:
    """Protocol and ×N; with ``data``, the access (read, write, read/write) instead of the protocol."""
    if data:
        words = [(link.access or "read_write").replace("_", "/")]
    else:
        words = [link.protocol or ""]
    words.append(calls_text(link.calls))
    return " ".join(w for w in words if w)


def build(arch: Architecture, view: ViewSpec, icons: IconResolver | None = None, *, clusters: bool = True) -> str:
    """The DOT source of one view. ``icons`` maps a component to its PNG (None: portable shapes)."""
    out: list[str] = [f"digraph {quote(view.slug)} {{"]
    out.append(
        f"  graph [rankdir=LR, newrank=true, splines=spline, nodesep=0.45, ranksep=0.9, pad=0.3, bgcolor=white, "
        f'fontname="{FONT}", fontsize=12, labelloc=t, labeljust=l, label=<{_legend(arch, view)}>];'
    )
    out.append(f'  node [fontname="{FONT}", fontsize=11, fontcolor="#1f2328"];')
    out.append(f'  edge [fontname="{FONT}", fontsize=9, fontcolor="#5f6368", arrowsize=0.7, penwidth=1.2];')
    if view.note or not view.components:
        note = view.note or "Nothing to draw in this view."
        out.append(
            f'  "note" [shape=note, style=filled, fillcolor="#fffbe6", color="#d9c36a", label=<{html_text(note)}>];'
        )
        out.append("}")
        return "\n".join(out) + "\n"
    if view.overview:
        out.extend(_overview(arch, view))
        out.append("}")
        return "\n".join(out) + "\n"
    boundaries = {b.id: b for b in arch.boundaries}
    by_boundary: dict[str | None, list[Component]] = {}
    for c in view.components:
        if view.collapse_context and c.id in view.context:
            continue
        key = c.boundary if clusters and c.boundary in boundaries else None
        by_boundary.setdefault(key, []).append(c)
    order = list(TRUST_STYLE)  # public first: the picture reads from outside in
    for boundary_id in sorted(
        (k for k in by_boundary if k is not None), key=lambda k: (order.index(boundaries[k].trust), k)
    ):
        b = boundaries[boundary_id]
        fill, border = TRUST_STYLE[b.trust]
        label = f'<B>{html_text(b.name or b.id)}</B>  <FONT POINT-SIZE="9" COLOR="{border}">{b.trust}</FONT>'
        out.append(f"  subgraph {quote('cluster_' + b.id)} {{")
        out.append(
            f'    graph [label=<{label}>, style="rounded,filled", fillcolor="{fill}", color="{border}", '
            f"penwidth=1.2, fontsize=12, labeljust=l, margin=14];"
        )
        out.extend("    " + _node(arch, c, view, icons) for c in by_boundary[boundary_id])
        out.append("  }")
    out.extend("  " + _node(arch, c, view, icons) for c in by_boundary.get(None, []))
    if view.collapse_context:
        out.extend(_collapsed_context(arch, view))
        out.append("}")
        return "\n".join(out) + "\n"
    for number, call in enumerate(view.calls, start=1):
        out.append("  " + _call_edge(number, call))
    holders = {c.id for c in view.components if c.kind in STORE_KINDS | MESSAGING_KINDS} if view.data else set()
    for link in view.links:
        out.append("  " + _edge(link, view, data=link.target in holders))
    out.append("}")
    return "\n".join(out) + "\n"


DOWN_COLOUR = "#c5221f"


def _node(arch: Architecture, c: Component, view: ViewSpec, icons: IconResolver | None) -> str:
    down = c.id in view.down
    context = c.id in view.context or down
    name = html_text(c.name or c.id)
    if down:  # struck through, with the reason in red: the reader sees what the scenario took out
        name = f"<S>{name}</S>"
    details = [c.tech or c.kind.replace("_", " ")]
    if c.replicas > 1:
        details.append(f"{c.replicas} replicas")
    sub = html_text(" · ".join(details))
    colour = CONTEXT_COLOUR if context else "#5f6368"
    rows = [f"<TR><TD>{name}</TD></TR>", f'<TR><TD><FONT POINT-SIZE="9" COLOR="{colour}">{sub}</FONT></TD></TR>']
    if down:
        rows.insert(0, f'<TR><TD><FONT POINT-SIZE="10" COLOR="{DOWN_COLOUR}"><B>✕ down</B></FONT></TD></TR>')
    if view.data:
        held = sorted(a.name or a.id for a in arch.data_assets if c.id in a.stored_in)
        if held:
            rows.append(
                f'<TR><TD><FONT POINT-SIZE="9" COLOR="#8a5bb3">holds: {html_text(", ".join(held))}</FONT></TD></TR>'
            )
    tooltip = quote(f"{c.id} ({c.kind})" + (f": {c.description}" if c.description else ""))
    if icons is not None:
        img = f'<TR><TD FIXEDSIZE="TRUE" WIDTH="{ICON_PX}" HEIGHT="{ICON_PX}"><IMG SRC={quote(str(icons(c)))} SCALE="TRUE"/></TD></TR>'
        table = f'<TABLE BORDER="0" CELLBORDER="0" CELLSPACING="0" CELLPADDING="1">{img}{"".join(rows)}</TABLE>'
        fontcolor = ', fontcolor="#9aa0a6"' if context else ""
        return f"{quote(c.id)} [shape=plain, label=<{table}>, tooltip={tooltip}{fontcolor}];"
    if down:
        return (
            f'{quote(c.id)} [shape=box, style="rounded,filled,dashed", fillcolor="#f1f3f4", color="{DOWN_COLOUR}", '
            f"label=<{table}>, tooltip={tooltip}];"
        )
    table = f'<TABLE BORDER="0" CELLBORDER="0" CELLSPACING="0" CELLPADDING="1">{"".join(rows)}</TABLE>'
    shape = KIND_SHAPES.get(c.kind, "box")
    style = '"rounded,filled"' if shape == "box" else "filled"
    border = CONTEXT_COLOUR if context else "#5f6368"
    return f'{quote(c.id)} [shape={shape}, style={style}, fillcolor=white, color="{border}", label=<{table}>, tooltip={tooltip}];'


def _edge(link: Link, view: ViewSpec, *, data: bool = False) -> str:
    attrs = []
    text = edge_text(link, data)
    if text:
        attrs.append(f"xlabel={quote(text)}")
    context = link.source in view.context or link.target in view.context
    down = link.source in view.down or link.target in view.down
    context = context or down
    if not link.sync or down:
        attrs.append("style=dashed")
    colour = CONTEXT_COLOUR if context else (SYNC_COLOUR if link.sync else ASYNC_COLOUR)
    attrs.append(f'color="{colour}"')
    attrs.append(
        f"tooltip={quote(f'{link.source} -> {link.target}' + (f': {link.description}' if link.description else ''))}"
    )
    return f"{quote(link.source)} -> {quote(link.target)} [{', '.join(attrs)}];"


def _call_edge(number: int, call: Call) -> str:
    """One step of an operation view: its number in the chain, the operation called, ×calls;
    optional calls dashed, asynchronous ones dashed in the asynchronous colour."""
    words = [f"{number}", call.target_op or "", f"×{call.calls:g}" if call.calls != 1 else ""]
    if call.optional:
        words.append("(optional)")
    attrs = [f"xlabel={quote(' '.join(w for w in words if w))}"]
    if call.optional or not call.link.sync:
        attrs.append("style=dashed")
    attrs.append(f'color="{SYNC_COLOUR if call.link.sync else ASYNC_COLOUR}"')
    tip = f"{call.where} -> {call.target}" + (f".{call.target_op}" if call.target_op else "")
    attrs.append(f"tooltip={quote(tip)}")
    return f"{quote(call.caller)} -> {quote(call.target)} [{', '.join(attrs)}];"


def _collapsed_context(arch: Architecture, view: ViewSpec) -> list[str]:
    """Outside neighbours as one greyed box per boundary; links to them counted, not drawn one by one."""
    boundaries = {b.id: b for b in arch.boundaries}
    where = {c.id: (c.boundary if c.boundary in boundaries else "") for c in view.components}
    stub_members: dict[str, int] = {}
    for c in view.components:
        if c.id in view.context:
            stub_members[where[c.id]] = stub_members.get(where[c.id], 0) + 1
    lines = []
    for key in sorted(stub_members):
        b = boundaries.get(key)
        title = html_text(b.name or b.id) if b else "(no boundary)"
        border = TRUST_STYLE[b.trust][1] if b else NO_BOUNDARY[1]
        n = stub_members[key]
        label = f'{title}<BR/><FONT POINT-SIZE="9">{n} component{"s" if n != 1 else ""} outside this view</FONT>'
        lines.append(
            f'  {quote("b:" + key)} [shape=box, style="rounded,dashed", color="{border}", fontcolor="#7a7f87", label=<{label}>];'
        )

    def end(cid: str) -> str:
        return "b:" + where[cid] if cid in view.context else cid

    grouped: dict[tuple[str, str], list[Link]] = {}
    for link in view.links:
        grouped.setdefault((end(link.source), end(link.target)), []).append(link)
    for (a, b2), links in sorted(grouped.items()):
        if len(links) == 1 and a == links[0].source and b2 == links[0].target:
            lines.append("  " + _edge(links[0], view))
            continue
        sync = any(lk.sync for lk in links)
        text = edge_text(links[0]) if len(links) == 1 else f"{len(links)} links"
        style = "" if sync else ", style=dashed"
        lines.append(f'  {quote(a)} -> {quote(b2)} [xlabel={quote(text)}, color="{CONTEXT_COLOUR}"{style}];')
    return lines


def _overview(arch: Architecture, view: ViewSpec) -> list[str]:
    boundaries: dict[str, Boundary] = {b.id: b for b in arch.boundaries}
    where = {c.id: (c.boundary if c.boundary in boundaries else "") for c in view.components}
    counts: dict[str, int] = {}
    for c in view.components:
        counts[where[c.id]] = counts.get(where[c.id], 0) + 1
    lines = []
    order = list(TRUST_STYLE)
    for key in sorted(counts, key=lambda k: (order.index(boundaries[k].trust) if k else len(order), k)):
        b = boundaries.get(key)
        fill, border = TRUST_STYLE[b.trust] if b else NO_BOUNDARY
        title = html_text(b.name or b.id) if b else "(no boundary)"
        sub = f"{b.trust} · " if b else ""
        label = f'<B>{title}</B><BR/><FONT POINT-SIZE="9" COLOR="#5f6368">{sub}{counts[key]} components</FONT>'
        node_id = quote("b:" + key if key else "b:")
        lines.append(
            f'  {node_id} [shape=box, style="rounded,filled", fillcolor="{fill}", color="{border}", penwidth=1.5, margin="0.25,0.12", label=<{label}>];'
        )
    pairs: dict[tuple[str, str], list[Link]] = {}
    for link in view.links:
        a, b2 = where[link.source], where[link.target]
        if a != b2:
            pairs.setdefault((a, b2), []).append(link)
    for (a, b2), links in sorted(pairs.items()):
        sync = any(lk.sync for lk in links)
        style = "" if sync else ", style=dashed"
        colour = SYNC_COLOUR if sync else ASYNC_COLOUR
        n = len(links)
        lines.append(
            f'  {quote("b:" + a)} -> {quote("b:" + b2)} [xlabel="{n} link{"s" if n != 1 else ""}", color="{colour}"{style}];'
        )
    return lines


def _legend(arch: Architecture, view: ViewSpec) -> str:
    """Title plus a one-row legend (trust levels shown, sync/async), as an HTML-like table."""
    title = f'<B>{html_text(arch.name)}</B>  <FONT COLOR="#5f6368">{html_text(view.title)}</FONT>'
    cells = []
    shown = {c.boundary for c in view.components}
    trusts = sorted({b.trust for b in arch.boundaries if b.id in shown}, key=list(TRUST_STYLE).index)
    for trust in trusts:
        fill, border = TRUST_STYLE[trust]
        cells.append(
            f'<TD BGCOLOR="{fill}" COLOR="{border}" BORDER="1" WIDTH="12" HEIGHT="10"></TD><TD ALIGN="LEFT">{trust}  </TD>'
        )
    if not view.overview and view.components:
        cells.append(
            f'<TD><FONT COLOR="{SYNC_COLOUR}">&#9472;&#9472;&#9654;</FONT></TD><TD ALIGN="LEFT">sync call  </TD>'
        )
        cells.append(f'<TD><FONT COLOR="{ASYNC_COLOUR}">- - &#9654;</FONT></TD><TD ALIGN="LEFT">async message  </TD>')
        if view.calls:  # an operation view: numbered steps, optional ones dashed
            cells.append(
                f'<TD><FONT COLOR="{SYNC_COLOUR}">- - &#9654;</FONT></TD><TD ALIGN="LEFT">optional call  </TD>'
            )
            cells.append('<TD ALIGN="LEFT">N: order of the calls  </TD>')
        cells.append('<TD ALIGN="LEFT">&#215;N calls per request</TD>')
    legend = (
        f'<TABLE BORDER="0" CELLBORDER="0" CELLSPACING="2" CELLPADDING="1"><TR>{"".join(cells)}</TR></TABLE>'
        if cells
        else ""
    )
    rows = f'<TR><TD ALIGN="LEFT"><FONT POINT-SIZE="15">{title}</FONT></TD></TR>'
    if legend:
        rows += f'<TR><TD ALIGN="LEFT"><FONT POINT-SIZE="9" COLOR="#5f6368">{legend}</FONT></TD></TR>'
    return f'<TABLE BORDER="0" CELLBORDER="0" CELLSPACING="0" CELLPADDING="3">{rows}</TABLE>'
