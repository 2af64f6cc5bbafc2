"""The streaming YAML reader (used for large OpenAPI documents) gives exactly what the tree reader
gives — data and the line of every field — and refuses what it refuses."""

from __future__ import annotations

from pathlib import Path

import pytest

from archkit.model.errors import ModelError
from archkit.model.yaml_reader import read
from archkit.model.yaml_stream import read_stream

ROOT = Path(__file__).resolve().parents[2]
FILES = sorted([*ROOT.glob("examples/*.yaml"), *ROOT.glob("tests/api/fixtures/*.yaml")])


@pytest.mark.parametrize("path", FILES, ids=lambda p: p.name)
def test_same_data_and_lines_as_the_tree_reader(path: Path) -> None:
    text = path.read_text(encoding="utf-8")
    assert read_stream(text, str(path)) == read(text, str(path))


def test_merge_keys_aliases_and_explicit_override() -> None:
    text = "base: &b {x: 1, y: 2}\nthing:\n  <<: *b\n  y: 3\nlist: [*b, *b]\nn: 200\nq: '200'\n"
    data, lines = read_stream(text, "f.yaml")
    assert data == read(text, "f.yaml")[0]
    assert data["thing"] == {"x": 1, "y": 3} and data["list"][1] == {"x": 1, "y": 2}
    assert data["n"] == 200 and data["q"] == "200"
    assert lines["thing.y"] == 4 and lines["list[1]"] == 5


@pytest.mark.parametrize(
    ("text", "line", "needle"),
    [
        ("a: 1\na: 2\n", 2, "duplicate key 'a'"),
        ("a: [1, 2\n", 2, "YAML syntax error"),
        ("? [1, 2]\n: x\n", 1, "a key must be plain text"),
    ],
)
def test_bad_input_at_its_line(text: str, line: int, needle: str) -> None:
    with pytest.raises(ModelError) as exc:
        read_stream(text, "f.yaml")
    problem = exc.value.problems[0]
    assert needle in problem.message and problem.line == line


def test_alias_bomb_is_refused_before_it_expands() -> None:
    lines = ["a: &a [x, x, x, x, x, x, x, x, x, x]"]
    for i, name in enumerate("bcdefghi"):
        prev = "abcdefghi"[i]
        lines.append(f"{name}: &{name} [" + ", ".join([f"*{prev}"] * 10) + "]")
    with pytest.raises(ModelError, match="alias bomb"):
        read_stream("\n".join(lines) + "\n", "bomb.yaml")
