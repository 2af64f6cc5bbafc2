"""docs/rules.md is generated from the registry and must be current."""

from __future__ import annotations

from pathlib import Path

from archkit.rules import all_rules
from archkit.rules.docs import markdown

DOC = Path(__file__).resolve().parents[2] / "docs" / "rules.md"


def test_docs_rules_md_is_current() -> None:
    assert DOC.read_text(encoding="utf-8") == markdown(), (
        "docs/rules.md is stale: run `.venv/bin/python -m archkit.rules.docs > docs/rules.md`"
    )


def test_markdown_lists_every_rule_once_in_the_index() -> None:
    text = markdown()
    for rule in all_rules():
        assert text.count(f"| [{rule.code}](#{rule.code.lower()}) |") == 1
