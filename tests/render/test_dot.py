"""The generated DOT text: golden files, escaping, and the Graphviz 2.43 traps avoided.

Regenerate the golden files after an intended change with
``ARCHKIT_REGEN_GOLDEN=1 .venv/bin/python -m pytest tests/render/test_dot.py`` and review the diff.
"""

from __future__ import annotations

import os
import re
import subprocess
from pathlib import Path

import pytest

from archkit.model import Architecture
from archkit.model.schema import Component
from archkit.render import catalog, dot
from archkit.render.views import spec

GOLDEN = Path(__file__).parent / "golden"
REGEN = bool(os.environ.get("ARCHKIT_REGEN_GOLDEN"))


def fake_icon(c: Component) -> Path:
    """A machine-independent icon path, so the golden file is the same everywhere."""
    return Path("icons") / f"{c.kind}-{catalog.normalize_tech(c.tech) or 'generic'}.png"


def check_golden(name: str, text: str) -> None:
    path = GOLDEN / name
    if REGEN:
        path.write_text(text, encoding="utf-8")
    assert path.exists(), f"missing golden file {path}; run with ARCHKIT_REGEN_GOLDEN=1"
    assert text == path.read_text(encoding="utf-8"), f"{name} differs from its golden file"


def graphviz_graph(text: str) -> tuple[set[str], set[tuple[str, str]]]:
    """Node names and edges as Graphviz itself parses the DOT (``dot -Tjson0``): an independent
    reading of the text, like black's ``assert_equivalent`` beside its golden files."""
    import json

    out = subprocess.run(["dot", "-Tjson0"], input=text, capture_output=True, text=True, check=True).stdout
    data = json.loads(out)
    objects = data.get("objects", [])
    names = {o["name"] for o in objects if "nodes" not in o}  # clusters list their nodes; nodes do not
    by_id = {o["_gvid"]: o["name"] for o in objects}
    edges = {(by_id[e["tail"]], by_id[e["head"]]) for e in data.get("edges", [])}
    return names, edges


@pytest.mark.parametrize("view", ["system", "data", "boundary:data", "journey:web", "checkout"])
def test_the_dot_means_the_model(small: Architecture, view: str) -> None:
    """Parsed back by Graphviz, every view holds exactly the model's components and links for it."""
    vs = spec(small, view)
    names, edges = graphviz_graph(dot.build(small, vs, icons=None))
    assert names == {c.id for c in vs.components}
    assert edges == {(lk.source, lk.target) for lk in vs.links}


def test_the_dot_of_an_operation_view_is_its_call_chain(tmp_path) -> None:  # type: ignore[no-untyped-def]
    import archkit

    arch = archkit.load(Path(__file__).resolve().parents[2] / "examples" / "social-sharing.yaml")
    vs = spec(arch, "operation:gateway.create-post")
    names, edges = graphviz_graph(dot.build(arch, vs, icons=None))
    assert names == {c.id for c in vs.components}
    assert ("gateway", "share-api") in edges and ("share-api", "posts-db") in edges
    assert edges == {(c.caller, c.target) for c in vs.calls}
    assert ("feed-cache", "posts-db") not in edges  # a write into a cache ends there
    assert ("gateway", "feed-service") not in edges  # another operation's route


@pytest.mark.parametrize("view", ["system", "data", "boundary:data", "journey:web", "checkout", "overview"])
def test_golden_portable(small: Architecture, view: str) -> None:
    check_golden(f"shop-{view.replace(':', '-')}.dot", dot.build(small, spec(small, view), icons=None))


def test_golden_with_icons(small: Architecture) -> None:
    check_golden("shop-system-icons.dot", dot.build(small, spec(small, "system"), fake_icon))


def test_golden_tricky(tricky: Architecture) -> None:
    check_golden("tricky-system.dot", dot.build(tricky, spec(tricky, "system"), fake_icon))


def test_golden_empty(empty: Architecture) -> None:
    check_golden("empty-system.dot", dot.build(empty, spec(empty, "system"), fake_icon))


def test_same_model_in_another_order_gives_the_same_dot(small: Architecture) -> None:
    shuffled = small.model_copy(deep=True)
    shuffled.components.reverse()
    shuffled.links.reverse()
    shuffled.boundaries.reverse()
    assert dot.build(shuffled, spec(shuffled, "system"), fake_icon) == dot.build(
        small, spec(small, "system"), fake_icon
    )


def test_edges_use_xlabel_spline_and_no_ortho(small: Architecture) -> None:
    text = dot.build(small, spec(small, "system"), fake_icon)
    edges = [line for line in text.splitlines() if " -> " in line]
    assert len(edges) == 7
    assert all("xlabel=" in e and " label=" not in e for e in edges)
    assert "splines=spline" in text
    assert "ortho" not in text
    assert '"orders" -> "orders-db" [xlabel="sql ×2"' in text
    assert '"orders" -> "events" [xlabel="amqp", style=dashed' in text
    assert '"web" -> "gateway" [xlabel="https", color=' in text  # calls 1: no ×


def test_unique_cluster_per_boundary_even_with_equal_names(small: Architecture) -> None:
    for b in small.boundaries:
        b.name = "Same name"
    text = dot.build(small, spec(small, "system"), fake_icon)
    clusters = re.findall(r'subgraph "(cluster_[^"]+)"', text)
    assert clusters == ["cluster_internet", "cluster_app", "cluster_data"]  # trust order: public first


def test_without_clusters(small: Architecture) -> None:
    text = dot.build(small, spec(small, "system"), fake_icon, clusters=False)
    assert "subgraph" not in text
    assert text.count("[shape=plain") == 8


@pytest.mark.parametrize(
    ("raw", "escaped"),
    [
        ('say "hi"', "say &quot;hi&quot;"),
        ("a<b>&c", "a&lt;b&gt;&amp;c"),
        ("two\nlines", "two<BR/>lines"),
        ("café 日本", "caf&#233; &#26085;&#26412;"),
        ("it's", "it&#39;s"),
        ("plain", "plain"),
    ],
)
def test_html_text(raw: str, escaped: str) -> None:
    assert dot.html_text(raw) == escaped


@pytest.mark.parametrize(
    ("raw", "quoted"),
    [('a "b"', '"a \\"b\\""'), ("c:\\x", '"c:\\\\x"'), ("1\n2", '"1\\n2"'), ("ok", '"ok"')],
)
def test_quote(raw: str, quoted: str) -> None:
    assert dot.quote(raw) == quoted


def test_tricky_labels_are_escaped_and_dot_accepts_them(tricky: Architecture) -> None:
    text = dot.build(tricky, spec(tricky, "system"), icons=None)
    assert "<script>" not in text
    assert "&lt;script&gt;alert(1)&lt;/script&gt;" in text
    assert "Caf&#233; &quot;app&quot;<BR/>line two" in text
    assert 'xlabel="h<t>tp|s \\"x\\" ×3"' in text
    proc = subprocess.run(["dot", "-Tsvg"], input=text.encode(), capture_output=True, timeout=60)
    assert proc.returncode == 0, proc.stderr.decode()
    svg = proc.stdout.decode()
    assert "Café &quot;app&quot;" in svg and "line two" in svg
    assert "&lt;script&gt;alert(1)&lt;/script&gt;" in svg
    assert "Base de données 日本" in svg
