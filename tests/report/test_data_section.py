"""The report's Data section: present exactly when the model has entities, with the ER diagram,
the index plan, and a proof table only when a proof was given."""

from __future__ import annotations

from pathlib import Path

import pytest

import archkit
from archkit.data.plan_check import PlanVerdict
from archkit.data_proof.prove import PatternProof, Proof
from archkit.paths import example
from archkit.report import build_document

pytestmark = pytest.mark.filterwarnings("ignore::UserWarning")


def _section(doc, key: str):  # type: ignore[no-untyped-def]
    return next((s for s in doc.sections if s.id == key), None)


def test_a_model_without_entities_has_no_data_section() -> None:
    doc, _ = build_document(archkit.load(example("saas-api")), diagrams=False)
    assert _section(doc, "data") is None


def test_the_data_section_shows_the_er_diagram_and_the_plan_and_asks_for_a_proof() -> None:
    doc, _ = build_document(archkit.load(example("social-sharing")))
    data = _section(doc, "data")
    assert data is not None
    titles = [s.title for s in doc.sections]
    # the order of the notebooks: architecture, then the API clients call, then the data behind it
    assert titles.index("Data") == titles.index("API") + 1 == titles.index("Architecture") + 2
    assert any(getattr(b, "name", "") == "diagram-entities" and "follow" in (b.svg or "") for b in data.blocks)
    plan = next(s for s in data.subsections if s.title == "Index plan")
    rows = {str(r[0].text): r for r in plan.blocks[0].rows}
    assert rows["post.by-author"][3].text == "missing: add (author_id, created_at DESC, id DESC)"
    assert rows["user.by-handle"][3].text == "UNIQUE (handle)"
    proof = next(s for s in data.subsections if s.title == "Proof")
    assert "archkit data FILE --prove" in proof.blocks[0].content


def test_a_given_proof_is_tabled_declared_beside_recommended() -> None:
    def result(pattern: str, index_set: str, passed: bool) -> PatternProof:
        verdict = PlanVerdict(passed, () if passed else ("Sort of 21 rows",), "Index Scan", 0.1, 21, 20)
        return PatternProof("posts-db", "post", pattern, index_set, "SELECT 1", verdict)

    proof = Proof("PostgreSQL 15", indicative=False, rows={"post": 1000})
    proof.results = [
        result("by-author", "declared", False),
        result("by-id", "declared", True),
        result("by-author", "recommended", True),
        result("by-id", "recommended", True),
    ]
    doc, _ = build_document(archkit.load(example("social-sharing")), diagrams=False, proof=proof)
    section = next(s for s in _section(doc, "data").subsections if s.title == "Proof")
    para, table = section.blocks
    assert "1 pattern(s) fail with the declared indexes, 0 with the recommended set" in para.content
    assert [(r[0].text, r[1], r[2].text) for r in table.rows] == [
        ("post.by-author", "declared", "fail"),
        ("post.by-author", "recommended", "pass"),
        ("post.by-id", "declared", "pass"),
        ("post.by-id", "recommended", "pass"),
    ]
    assert "Sort of 21 rows" in table.rows[0][6]


def test_the_report_files_carry_the_data_section(tmp_path: Path) -> None:
    archkit.report(archkit.load(example("checkout")), tmp_path, ("md",), diagrams=False)
    md = next(tmp_path.glob("*-design.md")).read_text(encoding="utf-8")
    assert "## Data" in md and "1 entity in 1 store (orders-db)" in md
    assert "| `order.history` | read |" in md and "(customer\\_id, created\\_at DESC, id DESC)" in md
