"""Self-contained SVG: local files inlined, remote references dropped, prologue removed."""

from __future__ import annotations

import base64
from pathlib import Path

from archkit.report.embed import self_contained_svg
from tests.report.helpers import external_references


def test_local_images_are_inlined_and_remote_ones_dropped(tmp_path: Path) -> None:
    icon = tmp_path / "icon.png"
    icon.write_bytes(b"\x89PNG fake")
    svg = (
        '<?xml version="1.0"?>\n<!DOCTYPE svg PUBLIC "-//W3C//DTD SVG 1.1//EN" "http://www.w3.org/Graphics/SVG/1.1/DTD/svg11.dtd">\n'
        "<!-- made by dot -->"
        '<svg xmlns="http://www.w3.org/2000/svg" xmlns:xlink="http://www.w3.org/1999/xlink">'
        f'<image xlink:href="{icon}" width="1"/><image href="icon.png"/>'
        '<image xlink:href="https://cdn.example.com/x.png"/><a href="//evil.example/"><text>t</text></a>'
        '<rect style="fill: url(#grad)"/><rect style="fill: url(http://x.example/p.svg#g)"/>'
        '<use href="#node1"/></svg>'
    )
    out = self_contained_svg(svg, base=tmp_path)
    inlined = "data:image/png;base64," + base64.b64encode(b"\x89PNG fake").decode()
    assert out.startswith('<svg xmlns="http://www.w3.org/2000/svg"')
    assert out.count(f'"{inlined}"') == 2
    assert "cdn.example.com" not in out and "evil.example" not in out and "x.example" not in out
    assert "url(#grad)" in out and 'href="#node1"' in out and "fill: none" in out
    assert external_references(out) == []
    assert external_references(svg) != []  # the check itself catches what was there before


def test_a_missing_local_file_is_dropped_not_kept(tmp_path: Path) -> None:
    out = self_contained_svg('<svg><image xlink:href="/no/such/icon.png"/></svg>', base=tmp_path)
    assert out == "<svg><image /></svg>"
