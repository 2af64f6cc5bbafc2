"""Make pictures self-contained: SVG with no outside references, figures as SVG text, data URIs."""

from __future__ import annotations

import base64
import mimetypes
import re
from pathlib import Path
from typing import Any

_PROLOGUE = re.compile(r"<\?xml[^>]*\?>|<!DOCTYPE[^>]*>|<!--.*?-->|<metadata>.*?</metadata>", re.S)
_HREF = re.compile(r"""(?<![\w:-])(?P<attr>(?:xlink:)?href|src)\s*=\s*(?P<q>["'])(?P<url>.*?)(?P=q)""", re.S)
_URL = re.compile(r"""url\(\s*(?P<q>["']?)(?P<url>[^)"']*)(?P=q)\s*\)""")


def data_uri(payload: bytes, mime: str) -> str:
    return f"data:{mime};base64,{base64.b64encode(payload).decode('ascii')}"


def _inline(url: str, base: Path | None) -> str | None:
    """A data URI for a local file reference, ``url`` itself when already safe, else None (dropped)."""
    if url.startswith(("data:", "#")) or not url:
        return url
    if re.match(r"^[a-z][a-z0-9+.-]*://|^//", url, re.I) and not url.lower().startswith("file://"):
        return None  # http(s) or another scheme: never fetched from a report
    path = Path(url[7:] if url.lower().startswith("file://") else url)
    if not path.is_absolute() and base is not None:
        path = base / path
    if not path.is_file():
        return None
    mime = mimetypes.guess_type(path.name)[0] or "application/octet-stream"
    return data_uri(path.read_bytes(), mime)


def self_contained_svg(svg: str, base: Path | None = None) -> str:
    """``svg`` without an XML prologue, DOCTYPE or comments, every file reference inlined as a data URI
    and every remote reference removed, so it shows the same offline, anywhere."""
    svg = _PROLOGUE.sub("", svg).strip()

    def fix_href(m: re.Match[str]) -> str:
        url = _inline(m.group("url"), base)
        return "" if url is None else f"{m.group('attr')}={m.group('q')}{url}{m.group('q')}"

    def fix_url(m: re.Match[str]) -> str:
        url = _inline(m.group("url"), base)
        return "none" if url is None else f"url({url})"

    svg = _HREF.sub(fix_href, svg)
    return _URL.sub(fix_url, svg)


def figure_svg(fig: Any) -> str:
    """A matplotlib figure as deterministic SVG text (no date, stable ids); closes the figure."""
    import io

    import matplotlib
    import matplotlib.pyplot as plt

    buffer = io.StringIO()
    with matplotlib.rc_context({"svg.hashsalt": "archkit", "svg.fonttype": "none"}):
        fig.savefig(buffer, format="svg", metadata={"Date": None})
    plt.close(fig)
    return self_contained_svg(buffer.getvalue())
