"""docs/ci.md: the workflows parse, and every `archkit ...` line in them is a real archkit command."""

from __future__ import annotations

import re
import shlex
from typing import Any

import pytest
import yaml

from archkit.cli import build_parser
from tests.conftest import ROOT

DOC = ROOT / "docs" / "ci.md"


def yaml_blocks() -> list[Any]:
    return [
        yaml.safe_load(block) for block in re.findall(r"```yaml\n(.*?)```", DOC.read_text(encoding="utf-8"), re.DOTALL)
    ]


def shell_lines(node: Any) -> list[str]:
    """Every shell line under `run:`, `script:` and `before_script:` keys."""
    lines: list[str] = []
    if isinstance(node, dict):
        for key, value in node.items():
            if key == "run" and isinstance(value, str):
                lines.extend(value.splitlines())
            elif key in ("script", "before_script") and isinstance(value, list):
                lines.extend(value)
            else:
                lines.extend(shell_lines(value))
    elif isinstance(node, list):
        for item in node:
            lines.extend(shell_lines(item))
    return [ln.strip() for ln in lines if ln.strip()]


def archkit_commands(lines: list[str]) -> list[list[str]]:
    commands = []
    for line in lines:
        if not line.startswith("archkit "):
            continue
        words = shlex.split(line.split("||")[0].split("&&")[0])
        commands.append(words[1:])
    return commands


def test_the_workflows() -> None:
    github, gitlab, github_diff, gitlab_diff = yaml_blocks()
    assert "jobs" in github and "archkit" in gitlab
    assert "diff" in github_diff["jobs"] and "archkit-diff" in gitlab_diff


@pytest.mark.parametrize("index", [2, 3], ids=["github-diff", "gitlab-diff"])
def test_every_diff_line_parses(index: int) -> None:
    commands = archkit_commands(shell_lines(yaml_blocks()[index]))
    assert [c[0] for c in commands] == ["diff"]
    for words in commands:
        args = build_parser().parse_args(words)
        assert args.git and args.format == "markdown"


@pytest.mark.parametrize("index", [0, 1], ids=["github", "gitlab"])
def test_every_archkit_line_parses(index: int) -> None:
    commands = archkit_commands(shell_lines(yaml_blocks()[index]))
    assert {"check", "workbook"} <= {c[0] for c in commands}
    parser = build_parser()
    for argv in commands:
        args = parser.parse_args(argv)  # argparse exits (SystemExit) on an unknown option
        assert callable(args.func)


@pytest.mark.parametrize("index", [0, 1], ids=["github", "gitlab"])
def test_installs_archkit_and_graphviz_and_keeps_the_exports(index: int) -> None:
    workflow = yaml_blocks()[index]
    lines = shell_lines(workflow)
    assert any("pip install" in ln and "archkit" in ln for ln in lines)
    assert any("install" in ln and "graphviz" in ln for ln in lines)
    sarif = [c for c in archkit_commands(lines) if c[0] == "check" and "sarif" in c]
    assert sarif, "a check --format sarif step"
    args = build_parser().parse_args(sarif[0])
    assert args.format == "sarif" and args.out == "archkit.sarif"
    workbook = build_parser().parse_args(next(c for c in archkit_commands(lines) if c[0] == "workbook"))
    assert workbook.out == "exports" and workbook.model == "architecture/system.yaml"
    text = yaml.safe_dump(workflow)
    assert "exports/" in text and "archkit.sarif" in text  # kept as artefacts


def test_github_uploads_the_sarif_to_code_scanning() -> None:
    steps = yaml_blocks()[0]["jobs"]["archkit"]["steps"]
    upload = next(s for s in steps if str(s.get("uses", "")).startswith("github/codeql-action/upload-sarif"))
    assert upload["with"]["sarif_file"] == "archkit.sarif"
    assert yaml_blocks()[0]["permissions"]["security-events"] == "write"


def test_a_wrong_option_would_be_caught() -> None:
    with pytest.raises(SystemExit):
        build_parser().parse_args(["workbook", "--modle", "x.yaml"])
