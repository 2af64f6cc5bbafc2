"""`archkit api lint`: findings at FILE:LINE in every format, check's exit codes, and bad input
refused at FILE:LINE with exit 2 and no traceback."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from archkit.cli import main

from .conftest import FIXTURES

PETSTORE = FIXTURES / "petstore-expanded.yaml"


def _run(capsys: pytest.CaptureFixture[str], *argv: str) -> tuple[int, str, str]:
    code = main(list(argv))
    out, err = capsys.readouterr()
    return code, out, err


def test_text_findings_name_file_and_line(capsys: pytest.CaptureFixture[str]) -> None:
    code, out, _ = _run(capsys, "api", "lint", str(PETSTORE))
    assert code == 1  # high findings (plaintext server, unauthenticated writes) fail at the default --fail-on
    lines = PETSTORE.read_text().splitlines()
    server = next(ln for ln in out.splitlines() if "API037" in ln)
    number = int(server.split(":")[1])
    assert "http://petstore.swagger.io/api" in lines[number - 1]
    write = next(ln for ln in out.splitlines() if "API031" in ln and "POST /pets" in ln)
    assert lines[int(write.split(":")[1]) - 1].strip() == "post:"


def test_fail_on_and_select(capsys: pytest.CaptureFixture[str]) -> None:
    assert _run(capsys, "api", "lint", str(PETSTORE), "--fail-on", "critical")[0] == 0
    code, out, _ = _run(capsys, "api", "lint", str(PETSTORE), "--select", "API004")
    assert code == 0 and "no findings" in out
    code, _, err = _run(capsys, "api", "lint", str(PETSTORE), "--select", "SEC001")
    assert code == 2 and "not a spec rule" in err


def test_json_sarif_markdown(capsys: pytest.CaptureFixture[str]) -> None:
    _, out, _ = _run(capsys, "api", "lint", str(PETSTORE), "--format", "json")
    data = json.loads(out)
    assert data["summary"]["by_severity"]["high"] == 4
    assert all(f["file"] == str(PETSTORE) and f["line"] for f in data["findings"])
    _, out, _ = _run(capsys, "api", "lint", str(PETSTORE), "--format", "sarif")
    sarif = json.loads(out)
    result = sarif["runs"][0]["results"][0]
    assert result["locations"][0]["physicalLocation"]["region"]["startLine"] > 0
    assert result["locations"][0]["physicalLocation"]["artifactLocation"]["uri"].endswith("petstore-expanded.yaml")
    _, out, _ = _run(capsys, "api", "lint", str(PETSTORE), "--format", "markdown")
    assert "| high | API037 plaintext-server |" in out


def test_clean_document_passes(capsys: pytest.CaptureFixture[str], tmp_path: Path) -> None:
    code, out, _ = _run(capsys, "api", "examples/social-sharing.yaml", "--out", str(tmp_path))
    assert code == 0
    code, out, _ = _run(capsys, "api", "lint", str(tmp_path / "gateway.openapi.yaml"), "--fail-on", "info")
    assert code == 0, out


@pytest.mark.parametrize(
    ("text", "line", "needle"),
    [
        ("openapi: 3.1.0\ninfo: {title: x, version: 1.0.0\npaths: {}\n", 3, "YAML syntax error"),
        ("title: not a spec\npaths: {}\n", 1, "no `openapi` field"),
        ("swagger: '2.0'\ninfo: {title: x, version: '1'}\n", 1, "Swagger 2.0"),
        ("openapi: 2.5.0\ninfo: {title: x, version: 1.0.0}\n", 1, "not 3.0.x or 3.1.x"),
        (
            "openapi: 3.1.0\ninfo: {title: x, version: 1.0.0}\npaths:\n  /a:\n    get:\n"
            "      responses:\n        '200':\n          $ref: '#/components/responses/Missing'\n",
            8,
            "resolves to nothing",
        ),
        (
            "openapi: 3.1.0\ninfo: {title: x, version: 1.0.0}\npaths:\n  /a:\n    get:\n"
            "      responses:\n        '200': {$ref: 'other.yaml#/Ok'}\n",
            7,
            "no such file other.yaml",
        ),
    ],
    ids=["yaml-error", "not-openapi", "swagger2", "bad-version", "missing-ref", "missing-file"],
)
def test_bad_input_is_refused_at_file_line(
    capsys: pytest.CaptureFixture[str], tmp_path: Path, text: str, line: int, needle: str
) -> None:
    spec = tmp_path / "spec.yaml"
    spec.write_text(text)
    code, out, err = _run(capsys, "api", "lint", str(spec))
    assert code == 2 and out == ""
    assert f"{spec}:{line}" in err and needle in err
    assert "Traceback" not in err


def test_reference_into_another_file_is_followed(capsys: pytest.CaptureFixture[str], tmp_path: Path) -> None:
    (tmp_path / "schemas.yaml").write_text("Pet:\n  type: object\n  properties:\n    name: {type: string}\n")
    spec = tmp_path / "spec.yaml"
    spec.write_text(
        "openapi: 3.1.0\ninfo: {title: x, version: 1.0.0}\npaths:\n  /pets:\n    post:\n      operationId: add\n"
        "      summary: add\n      requestBody:\n        content:\n          application/json:\n"
        "            schema: {$ref: 'schemas.yaml#/Pet'}\n      responses: {'201': {description: ok}}\n"
    )
    code, out, _ = _run(capsys, "api", "lint", str(spec), "--select", "API034")
    assert code == 0
    assert "name has no maxLength" in out  # the schema in the other file was judged
