"""Diagrams and text exports of a model (an edge: may import the diagrams library and run dot).

- ``diagram(arch, out_dir, formats=("png", "svg"), view=None) -> list[Path]``
- ``Diagram(arch, view=None)``: inline in Jupyter; ``.svg()``, ``.png()``, ``.dot()``
- ``export(arch, to) -> str`` for mermaid | structurizr | dot | json | drawio | otm
- ``views.available_views(arch) -> list[str]``
- ``view_svgs(arch, view) -> [(ViewSpec, svg)]``: the pictures of one view as SVG text (the report's)
"""

from __future__ import annotations

from archkit.render.draw import FORMATS as FORMATS_IMAGE
from archkit.render.draw import Diagram, RenderedFiles, diagram, view_svgs
from archkit.render.export import EXPORT_FORMATS, export
from archkit.render.graphviz import GraphvizMissing, RenderError
from archkit.render.views import UnknownView, available_views, distinct_views

__all__ = [
    "EXPORT_FORMATS",
    "FORMATS_IMAGE",
    "Diagram",
    "GraphvizMissing",
    "RenderError",
    "RenderedFiles",
    "UnknownView",
    "available_views",
    "diagram",
    "distinct_views",
    "export",
    "view_svgs",
]
