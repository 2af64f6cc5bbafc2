"""The critique beside the rule findings: one table (notebook step and widget), LLM rows marked."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

import archkit
from archkit import notebook_steps as steps
from archkit.critique import critique
from tests.critique.server import MessagesServer, tool_reply

ANSWER = {
    "points": [
        {
            "severity": "high",
            "category": "api design",
            "cites": ["orders-api"],
            "concern": "orders-api has no versioning scheme: <b>every</b> change breaks clients.",
            "recommendation": "Version the path (/v1) and keep one old version for a quarter.",
        }
    ],
    "questions": [],
}


def test_findings_table_merges_new_llm_points(model_file: Path, server: MessagesServer, tmp_path: Path) -> None:
    server.push(tool_reply(ANSWER))
    arch = archkit.load(model_file)
    review = archkit.check(arch)
    c = critique(arch, findings=review, analysis={}, cache_dir=tmp_path / "cache")

    table = steps.findings_table(review, critique=c)
    llm = table[table["source"] == "llm"]
    assert list(llm["rule"]) == ["LLM"]
    assert list(llm["components"]) == ["orders-api"]
    # most severe first, whoever raised it; at equal severity the rule finding comes first
    assert table["source"].tolist()[:3] == ["analysis", "rule", "llm"]
    assert table["severity"].tolist()[:3] == ["high", "high", "high"]  # PERF102 on kind defaults is high
    assert len(table) == len(review.findings) + 1
    assert set(table[table["source"] != "llm"]["rule"]) == {f.rule for f in review.findings}
    # without a critique, only rule findings
    assert "llm" not in set(steps.findings_table(review)["source"])
    # filters apply to LLM rows too
    assert steps.findings_table(review, critique=c, category="api")["source"].tolist() == ["llm"]


def test_findings_widget_shows_llm_points_but_waives_only_rule_findings(
    model_file: Path, server: MessagesServer, tmp_path: Path
) -> None:
    from archkit.widgets import FindingsTable

    server.push(tool_reply(ANSWER))
    arch = archkit.load(model_file)
    c = critique(arch, findings=archkit.check(arch), analysis={}, cache_dir=tmp_path / "cache")

    table = FindingsTable(model_file, today=dt.date(2026, 11, 25))
    waivable_before = list(table.finding.options)
    assert "versioning scheme" not in table.table.value
    table.set_critique(c)
    assert "versioning scheme" in table.table.value
    assert "&lt;b&gt;every&lt;/b&gt;" in table.table.value  # LLM text is escaped
    assert "api" in table.category.options
    assert list(table.finding.options) == waivable_before  # an LLM point cannot be waived


def test_an_operation_can_be_cited_and_counts_for_its_component() -> None:
    from pathlib import Path

    import archkit
    from archkit.critique.grounding import Answer, ground, known_ids

    arch = archkit.load(Path(__file__).resolve().parents[2] / "examples" / "social-sharing.yaml")
    assert known_ids(arch)["gateway.read-feed"] == "gateway.read-feed"
    raw = {
        "severity": "medium",
        "category": "performance",
        "cites": ["gateway.read-feed", "gateway.nope"],
        "concern": "c",
        "recommendation": "r",
    }
    points, dropped = ground(Answer(points=[raw], questions=[], dropped=[]), arch)
    assert not dropped
    assert points[0].cites == ("gateway.read-feed",) and points[0].components == ("gateway",)
    assert points[0].removed == ("gateway.nope",)
