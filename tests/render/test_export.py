"""Text exports: each one is parsed back and must hold every component and link."""

from __future__ import annotations

import json
import re
import subprocess
import xml.etree.ElementTree as ET
from pathlib import Path

import pytest

from archkit.model import Architecture, ModelError, load, loads
from archkit.model.io import to_data
from archkit.render import EXPORT_FORMATS, export
from tests.render.conftest import SMALL, TRICKY

ROOT = Path(__file__).resolve().parents[2]
MODELS = {p.stem: p for p in sorted((ROOT / "examples").glob("*.yaml"))}


def models() -> list[tuple[str, Architecture]]:
    found = [(name, load(path)) for name, path in MODELS.items()]
    return [*found, ("small", loads(SMALL, "shop.yaml")), ("tricky", loads(TRICKY, "tricky.yaml"))]


CASES = models()
IDS = [name for name, _ in CASES]


def counts(arch: Architecture) -> tuple[int, int]:
    return len(arch.components), len(arch.links)


def parse_mermaid(text: str) -> tuple[int, int]:
    lines = text.splitlines()
    assert lines[0] == "flowchart LR"
    nodes = [m for line in lines if (m := re.match(r'^\s+(c_\w+)(\(\["|\[\("|\{\{"|\[\["|\[")([^"]*)"', line))]
    edges = [m for line in lines if (m := re.match(r'^\s+(c_\w+) (-->|-\.->)(\|"([^"]*)"\|)? (c_\w+)$', line))]
    assert sum(1 for line in lines if line.strip().startswith("subgraph ")) == sum(
        1 for line in lines if line.strip() == "end"
    )
    defined = {m.group(1) for m in nodes}
    assert all(m.group(1) in defined and m.group(5) in defined for m in edges)
    return len(nodes), len(edges)


def parse_structurizr(text: str) -> tuple[int, int]:
    assert text.count("{") == text.count("}")
    elements = re.findall(r"^\s+([a-z0-9_-]+) = (container|softwareSystem) ", text, re.M)
    relations = re.findall(r'^\s+([a-z0-9_-]+) -> ([a-z0-9_-]+) "', text, re.M)
    defined = {e[0] for e in elements}
    assert all(a in defined and b in defined for a, b in relations)
    return len(elements), len(relations)


def parse_dot(text: str) -> tuple[int, int]:
    layout = json.loads(
        subprocess.run(["dot", "-Tjson"], input=text.encode(), capture_output=True, check=True, timeout=60).stdout
    )
    nodes = [o for o in layout.get("objects", []) if "nodes" not in o and o.get("name") != "note"]
    return len(nodes), len(layout.get("edges", []))


def parse_json(text: str) -> tuple[int, int]:
    return counts(loads(text, "export.json"))


def parse_drawio(text: str) -> tuple[int, int]:
    root = ET.fromstring(text)
    cells = root.findall(".//mxCell")
    vertices = {c.get("id") for c in cells if c.get("vertex") == "1" and (c.get("id") or "").startswith("c:")}
    edges = [c for c in cells if c.get("edge") == "1"]
    assert all(e.get("source") in vertices and e.get("target") in vertices for e in edges)
    return len(vertices), len(edges)


def parse_otm(text: str) -> tuple[int, int]:
    from archkit.interop import schema_problems

    document = json.loads(text)
    assert schema_problems(document) == []
    return len(document["components"]), len(document["dataflows"])


PARSERS = {
    "mermaid": parse_mermaid,
    "structurizr": parse_structurizr,
    "dot": parse_dot,
    "json": parse_json,
    "drawio": parse_drawio,
    "otm": parse_otm,
}


def test_every_format_has_a_parser() -> None:
    assert set(PARSERS) == set(EXPORT_FORMATS)


@pytest.mark.parametrize("fmt", EXPORT_FORMATS)
@pytest.mark.parametrize(("name", "arch"), CASES, ids=IDS)
def test_round_trips_component_and_link_counts(name: str, arch: Architecture, fmt: str) -> None:
    assert PARSERS[fmt](export(arch, fmt)) == counts(arch)


@pytest.mark.parametrize("fmt", EXPORT_FORMATS)
def test_deterministic(fmt: str) -> None:
    assert export(loads(SMALL, "a.yaml"), fmt) == export(loads(SMALL, "b.yaml"), fmt)


def test_examples_are_there() -> None:
    assert "social-sharing" in MODELS


def test_unknown_format() -> None:
    with pytest.raises(
        ValueError, match="unknown export format 'png'; choose from: mermaid, structurizr, dot, json, drawio, otm"
    ):
        export(loads(SMALL, "a.yaml"), "png")


def test_json_is_the_model(small: Architecture) -> None:
    data = json.loads(export(small, "json"))
    assert data == to_data(small)
    assert to_data(loads(export(small, "json"), "x.json")) == to_data(small)


def test_mermaid_content(small: Architecture) -> None:
    text = export(small, "mermaid")
    assert '  c_orders -->|"sql ×2"| c_orders_db' in text
    assert '  c_orders -.->|"amqp"| c_events' in text
    assert '  subgraph b_data["Data tier (restricted)"]' in text
    assert '    c_orders_db[("orders-db<br/><small>postgresql</small>")]:::database' in text


def test_mermaid_escapes_and_keeps_ids_apart(tricky: Architecture) -> None:
    text = export(tricky, "mermaid")
    assert "<script>" not in text and "alert(1)" in text
    assert 'c_app(["Caf\u00e9 #quot;app#quot;<br/>line two<br/><small>client</small>"])' in text
    assert '|"h#lt;t#gt;tp#124;s #quot;x#quot; ×3"|' in text
    a = loads(
        "archkit: 1\nname: X\ncomponents:\n  - {id: a-b, kind: service}\n  - {id: a_b, kind: service}\n", "x.yaml"
    )
    assert parse_mermaid(export(a, "mermaid")) == (2, 0)
    assert "c_a_b_2" in export(a, "mermaid")


def test_structurizr_content(small: Architecture) -> None:
    text = export(small, "structurizr")
    assert 'workspace "Shop" "Generated by archkit" {' in text
    assert '            group "Data tier (restricted)" {' in text
    assert '                orders-db = container "orders-db" "" "postgresql" "database,Database"' in text
    assert '        payments = softwareSystem "payments" "" "external,External"' in text
    assert '        orders -> events "sends to" "amqp" "async"' in text
    assert '        container archkitSystem "checkout" "Checkout path" {' in text
    assert "            include gateway orders payments" in text


def test_structurizr_escapes(tricky: Architecture) -> None:
    text = export(tricky, "structurizr")
    assert 'app = container "Café \\"app\\" line two"' in text
    assert '"C:\\\\path & <go>"' in text


def test_drawio_keeps_layout_positions(small: Architecture) -> None:
    root = ET.fromstring(export(small, "drawio"))
    geometry = {c.get("id"): c.find("mxGeometry") for c in root.findall(".//mxCell") if c.get("vertex") == "1"}
    xs = {cid: float(g.get("x")) for cid, g in geometry.items() if cid.startswith("c:")}  # type: ignore[union-attr, arg-type]
    assert len(set(xs.values())) > 2  # laid out, not stacked
    assert xs["c:web"] < xs["c:gateway"] < xs["c:orders"] < xs["c:orders-db"]  # left to right like the picture
    box = geometry["boundary:data"]
    inner = geometry["c:orders-db"]
    assert float(box.get("x")) <= float(inner.get("x"))  # type: ignore[arg-type, union-attr]
    assert float(box.get("y")) <= float(inner.get("y"))  # type: ignore[arg-type, union-attr]


def test_drawio_escapes(tricky: Architecture) -> None:
    text = export(tricky, "drawio")
    root = ET.fromstring(text)
    values = [c.get("value") or "" for c in root.findall(".//mxCell")]
    assert "&lt;script&gt;alert(1)&lt;/script&gt;<br><font color='#5f6368'>C:\\path &amp; &lt;go&gt;</font>" in values


def test_empty_model_exports(empty: Architecture) -> None:
    for fmt in EXPORT_FORMATS:
        assert PARSERS[fmt](export(empty, fmt)) == (0, 0)


def test_structurizr_keeps_repeated_links_apart() -> None:
    text = "archkit: 1\nname: X\ncomponents:\n  - {id: a, kind: service}\n  - {id: b, kind: service}\nlinks:\n"
    text += "  - {from: a, to: b, protocol: grpc}\n  - {from: a, to: b, protocol: http}\n"
    dsl = export(loads(text, "x.yaml"), "structurizr")
    relations = re.findall(r'^\s+a -> b ("[^"]*")', dsl, re.M)
    assert relations == ['"calls"', '"calls (http)"']
    with pytest.raises(ModelError, match="duplicate link a -> b"):  # the same pair and protocol twice is refused
        loads(text + "  - {from: a, to: b, protocol: http}\n", "x.yaml")


def test_mermaid_defines_every_class_it_uses(small: Architecture) -> None:
    text = export(small, "mermaid")
    used = set(re.findall(r":::(\w+)$", text, re.M))
    defined = set(re.findall(r"^  classDef (\w+) ", text, re.M))
    assert used == defined == {c.kind for c in small.components}
