"""Pictures of a model: ``diagram()`` writes PNG/SVG files, ``Diagram`` shows one inline in Jupyter."""

from __future__ import annotations

import dataclasses
import hashlib
import os
import re
import threading
from collections import OrderedDict
from dataclasses import dataclass, field
from pathlib import Path

from archkit.model import Architecture
from archkit.model.io import write_atomic
from archkit.model.schema import Component
from archkit.render import catalog, dot, svg
from archkit.render.graphviz import GraphvizMissing, RenderError, run_dot
from archkit.render.views import ViewSpec, plan

FORMATS = ("png", "svg")
PNG_DPI = 144  # crisp in slides and documents; dot's SVG scale is undone in svg.self_contained
PNG_DPI_LARGE = 96  # past LARGE_VIEW components: cairo's time grows with the pixels
LARGE_VIEW = 40
PNG_MAX_PX = 32_767  # cairo's limit; beyond it dot silently downscales


class RenderedFiles(list[Path]):
    """The files written (a plain ``list[Path]``) plus ``.messages`` for the user (splits, retries)."""

    def __init__(self, paths: list[Path] | None = None, messages: list[str] | None = None) -> None:
        super().__init__(paths or [])
        self.messages: list[str] = messages or []


@dataclass
class Picture:
    """One view rendered: outputs by format, and what the user should know about it."""

    view: ViewSpec
    source: str
    outputs: dict[str, bytes]
    messages: list[str] = field(default_factory=list)


def icon_path(component: Component) -> Path:
    return catalog.icon_for(component.kind, component.tech)


def dot_source(arch: Architecture, view: ViewSpec, *, clusters: bool = True) -> str:
    """The DOT that is rendered (with icon paths) for one view."""
    return dot.build(arch, view, icon_path, clusters=clusters)


_CACHE: OrderedDict[str, dict[str, bytes]] = OrderedDict()
_CACHE_SIZE = 32
_CACHE_LOCK = threading.Lock()


def view_svgs(arch: Architecture, view: str) -> list[tuple[ViewSpec, str]]:
    """(view, SVG text) for each picture a named view is drawn as (a very large ``system`` is an
    overview plus one picture per boundary); views with nothing to draw are left out. SVG only:
    the design document never needs the PNG, which costs as much again to draw."""
    from archkit.render.views import plan, spec

    specs = plan(arch, view)[0] if view == "system" else [spec(arch, view)]
    return [(vs, render_view(arch, vs, ("svg",)).outputs["svg"].decode("utf-8")) for vs in specs if vs.note is None]


def render_view(arch: Architecture, view: ViewSpec, formats: tuple[str, ...] = FORMATS) -> Picture:
    """Lay out and draw one view; retries once without clusters if dot crashes on them."""
    wanted = tuple(sorted(set(formats) | {"svg"}))  # the SVG also tells the expected PNG size
    dpi = png_dpi(view)
    source = dot_source(arch, view)
    messages: list[str] = []
    try:
        raw = _run_cached(source, wanted, dpi)
    except GraphvizMissing:
        raise
    except RenderError as exc:
        flat = dot_source(arch, view, clusters=False)
        if flat == source:
            raise
        raw = _run_cached(flat, wanted, dpi)  # a second failure propagates with dot's own message
        messages.append(f"{view.name}: {exc}; drew it again without boundary clusters")
        source = flat
    outputs = {"svg": svg.self_contained(raw["svg"].decode("utf-8")).encode("utf-8")}
    if "png" in formats:
        outputs["png"] = raw["png"]
        message = _png_downscaled(raw["svg"].decode("utf-8"), raw["png"], dpi)
        if message:
            messages.append(f"{view.name}: {message}")
    return Picture(view, source, {f: outputs[f] for f in formats}, messages)


def png_dpi(view: ViewSpec) -> int:
    return PNG_DPI if len(view.components) <= LARGE_VIEW else PNG_DPI_LARGE


def _run_cached(source: str, formats: tuple[str, ...], dpi: int = PNG_DPI) -> dict[str, bytes]:
    key = hashlib.sha256(f"{dpi}|{','.join(formats)}|{source}".encode()).hexdigest()
    with _CACHE_LOCK:
        if key in _CACHE:
            _CACHE.move_to_end(key)
            return _CACHE[key]
    result = run_dot(source, formats, dpi=dpi if "png" in formats else None)
    with _CACHE_LOCK:
        _CACHE[key] = result
        while len(_CACHE) > _CACHE_SIZE:
            _CACHE.popitem(last=False)
    return result


def _png_downscaled(svg_text: str, png: bytes, dpi: int = PNG_DPI) -> str | None:
    m = re.search(r'viewBox="[-\d.]+ [-\d.]+ ([\d.]+) ([\d.]+)"', svg_text)
    if m is None:
        return None
    expected = max(float(m.group(1)), float(m.group(2))) * dpi / 72
    actual = max(svg.png_size(png))
    if expected > PNG_MAX_PX or actual + 2 < expected:
        return (
            f"the PNG would be {expected:,.0f} px wide or tall, past cairo's {PNG_MAX_PX:,} px limit, "
            f"so Graphviz shrank it to {actual:,} px; use the SVG or a per-boundary view"
        )
    return None


def file_stem(arch: Architecture) -> str:
    if arch.source_path and not arch.source_path.startswith("<"):
        return Path(arch.source_path).stem
    return re.sub(r"[^a-z0-9]+", "-", arch.name.lower()).strip("-") or "model"


def diagram(
    arch: Architecture,
    out_dir: str | os.PathLike[str],
    formats: tuple[str, ...] | list[str] = FORMATS,
    view: str | None = None,
    *,
    workers: int | None = None,
) -> RenderedFiles:
    """Render ``view`` (default: the whole system) to ``out_dir`` as ``<model>-<view>.<format>``.

    Returns the paths written; ``.messages`` says when the whole system was split into a
    boundary overview plus per-boundary views, or when dot needed a retry without clusters.
    Raises ``GraphvizMissing`` / ``RenderError`` (one-line messages) and ``UnknownView``.
    Several pictures (a split view) are drawn by up to ``workers`` dot processes at once
    (default: the CPU count, at most 4); the files are the same either way.
    """
    formats = tuple(formats)
    unknown = [f for f in formats if f not in FORMATS]
    if unknown or not formats:
        raise ValueError(f"unknown format '{','.join(unknown)}'; choose from: {', '.join(FORMATS)}")
    specs, messages = plan(arch, view)
    workers = workers or min(4, os.cpu_count() or 1)
    if len(specs) > 1 and workers > 1:
        from concurrent.futures import ThreadPoolExecutor  # dot runs in its own process; threads just wait

        with ThreadPoolExecutor(max_workers=min(workers, len(specs))) as pool:
            pictures = list(pool.map(lambda s: render_view(arch, s, formats), specs))
    else:
        pictures = [render_view(arch, s, formats) for s in specs]
    out = Path(out_dir)
    files = RenderedFiles(messages=list(messages))
    for picture in pictures:
        files.messages.extend(picture.messages)
        for fmt in formats:
            path = out / f"{file_stem(arch)}-{picture.view.slug}.{fmt}"
            write_atomic(path, picture.outputs[fmt])
            files.append(path)
    return files


class Diagram:
    """A view of a model that displays itself inline in Jupyter (SVG, with a PNG fallback).

    Rendered once, on first display, and cached by the content of its DOT source.
    ``Diagram(arch, view="journey:mobile").svg()`` gives the self-contained SVG text.
    """

    def __init__(self, arch: Architecture, view: str | None = None, *, down: tuple[str, ...] = ()) -> None:
        self.arch = arch
        self.view_name = view
        self.down = frozenset(down)  # a what-if: these are drawn out of service
        plan(arch, view)  # fail early on an unknown view name
        self._picture: Picture | None = None
        self._key: str | None = None

    @property
    def view(self) -> ViewSpec:
        """The view drawn (planned again each time: the model may have changed)."""
        view = plan(self.arch, self.view_name)[0][0]
        return dataclasses.replace(view, down=self.down) if self.down else view

    @property
    def messages(self) -> list[str]:
        return plan(self.arch, self.view_name)[1]

    def _render(self) -> Picture:
        view = self.view
        key = dot_source(self.arch, view)
        if self._picture is None or key != self._key:
            self._picture = render_view(self.arch, view, FORMATS)
            self._key = key
        return self._picture

    def dot(self) -> str:
        return dot_source(self.arch, self.view)

    def svg(self) -> str:
        return self._render().outputs["svg"].decode("utf-8")

    def png(self) -> bytes:
        return self._render().outputs["png"]

    def save(self, path: str | os.PathLike[str]) -> Path:
        """Write the SVG or PNG (by the file's suffix) atomically."""
        target = Path(path)
        fmt = target.suffix.lstrip(".").lower()
        if fmt not in FORMATS:
            raise ValueError(f"unknown format '{fmt}'; choose from: {', '.join(FORMATS)}")
        write_atomic(target, self._render().outputs[fmt])
        return target

    def _repr_svg_(self) -> str | None:
        try:
            return self.svg()
        except RenderError:
            return None  # the text repr below says why

    def _repr_png_(self) -> bytes | None:
        try:
            return self.png()
        except RenderError:
            return None

    def __repr__(self) -> str:
        view = self.view
        lines = [f"Diagram({self.arch.name!r}, view={view.name!r}): {len(view.components)} components"]
        lines += self.messages
        try:
            self._render()
        except RenderError as exc:
            lines.append(f"not rendered: {exc}")
        return "\n".join(lines)
