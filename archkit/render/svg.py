"""Make dot's SVG self-contained and unscaled.

dot links each icon by absolute file path (the diagrams library's long-open issue #26), so
its SVG breaks on any other machine. Here every distinct icon is embedded once, as a data URI
inside a ``<symbol>`` in ``<defs>``, and each use of it becomes a ``<use>``; no ``href`` is
left pointing outside the file. When dot ran with a dpi for the PNG, the SVG gets dot's
scale undone so its size is in points as usual.
"""

from __future__ import annotations

import base64
import functools
import io
import re
import struct
from pathlib import Path

_IMAGE = re.compile(
    r'<image xlink:href="(?P<href>[^"]+)" width="(?P<w>[\d.]+)px" height="(?P<h>[\d.]+)px" '
    r'preserveAspectRatio="(?P<par>[^"]+)" x="(?P<x>[-\d.]+)" y="(?P<y>[-\d.]+)"/>'
)
_SVG_OPEN = re.compile(r'<svg width="[\d.]+pt" height="[\d.]+pt"\s+viewBox="(?P<vb>[^"]+)"(?P<rest>[^>]*)>')
EMBED_MAX_PX = 128
_SCALE = re.compile(r'(<g id="graph0" class="graph" transform=")scale\([\d.]+ [\d.]+\)')


def png_size(data: bytes) -> tuple[int, int]:
    """Width and height from a PNG's IHDR chunk."""
    if data[:8] != b"\x89PNG\r\n\x1a\n":
        raise ValueError("not a PNG")
    width, height = struct.unpack(">II", data[16:24])
    return width, height


def _icon_id(path: str, taken: dict[str, str]) -> str:
    stem = re.sub(r"[^a-z0-9]+", "-", Path(path).stem.lower()).strip("-") or "icon"
    parent = re.sub(r"[^a-z0-9]+", "-", Path(path).parent.name.lower()).strip("-")
    base = f"icon-{parent}-{stem}" if parent else f"icon-{stem}"
    candidate, n = base, 2
    while candidate in taken.values():
        candidate, n = f"{base}-{n}", n + 1
    return candidate


def self_contained(svg: str) -> str:
    """Icons embedded once each; the dpi scale removed; nothing referenced outside the file."""
    svg = _unscale(svg)
    ids: dict[str, str] = {}
    for m in _IMAGE.finditer(svg):
        href = m.group("href")
        if href not in ids:
            ids[href] = _icon_id(href, ids)

    def use(m: re.Match[str]) -> str:
        return (
            f'<use xlink:href="#{ids[m.group("href")]}" x="{m.group("x")}" y="{m.group("y")}" '
            f'width="{m.group("w")}" height="{m.group("h")}"/>'
        )

    svg = _IMAGE.sub(use, svg)
    if ids:
        symbols = []
        for href, icon_id in sorted(ids.items(), key=lambda kv: kv[1]):
            data = embedded_icon(href)
            try:
                w, h = png_size(data)
            except ValueError:
                w, h = 1, 1
            uri = "data:image/png;base64," + base64.b64encode(data).decode("ascii")
            symbols.append(
                f'<symbol id="{icon_id}" viewBox="0 0 {w} {h}" preserveAspectRatio="xMidYMid meet">'
                f'<image width="{w}" height="{h}" xlink:href="{uri}"/></symbol>'
            )
        defs = "<defs>\n" + "\n".join(symbols) + "\n</defs>\n"
        opening = _SVG_OPEN.search(svg)
        if opening is None:
            raise ValueError("dot's SVG has no <svg> element")
        svg = svg[: opening.end()] + "\n" + defs + svg[opening.end() + 1 :]
    return svg


@functools.lru_cache(maxsize=256)
def embedded_icon(path: str, max_px: int = EMBED_MAX_PX) -> bytes:
    """The icon's PNG bytes, shrunk to ``max_px`` (icons are drawn at 44 pt; 128 px stays sharp on
    high-density screens) so an SVG with many distinct icons stays small. Deterministic output."""
    data = Path(path).read_bytes()
    try:
        from PIL import Image
    except ImportError:  # pragma: no cover - Pillow comes with matplotlib
        return data
    with Image.open(io.BytesIO(data)) as img:
        if max(img.size) <= max_px:
            return data
        rgba = img.convert("RGBA")
    rgba.thumbnail((max_px, max_px), Image.Resampling.LANCZOS)
    buffer = io.BytesIO()
    rgba.save(buffer, format="PNG", optimize=True)
    small = buffer.getvalue()
    return small if len(small) < len(data) else data


def _unscale(svg: str) -> str:
    m = _SVG_OPEN.search(svg)
    if m is None:
        return svg
    _, _, w, h = (float(v) for v in m.group("vb").split())
    opening = f'<svg width="{w:g}pt" height="{h:g}pt"\n viewBox="{m.group("vb")}"{m.group("rest")}>'
    svg = svg[: m.start()] + opening + svg[m.end() :]
    return _SCALE.sub(r"\1scale(1 1)", svg, count=1)


def external_refs(svg: str) -> list[str]:
    """Every href/src in the SVG that does not point inside it (should be empty)."""
    refs = re.findall(r'(?:xlink:href|href|src)="([^"]*)"', svg)
    return sorted({r for r in refs if not r.startswith(("#", "data:"))})
