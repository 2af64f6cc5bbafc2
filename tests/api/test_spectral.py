"""The real Spectral CLI (npm, installed into tools/spectral by `make setup`) with spectral:oas and
the OWASP API Security ruleset finds no error in any document archkit generates; and, as a
negative control, it does find them in a document with the flaws archkit's own rules report."""

from __future__ import annotations

import json
import subprocess
from pathlib import Path

import archkit
from archkit.api import api_documents

from .conftest import EXAMPLES, FIXTURES, SPECTRAL, SPECTRAL_RULESET, STYLES


def _spectral(files: list[Path]) -> list[dict[str, object]]:
    assert SPECTRAL.exists(), "Spectral is missing: `make setup` installs it into tools/spectral (npm ci)"
    proc = subprocess.run(
        [str(SPECTRAL), "lint", "--ruleset", str(SPECTRAL_RULESET), "--format", "json", "--quiet", *map(str, files)],
        capture_output=True,
        text=True,
        timeout=300,
        check=False,
    )
    assert proc.returncode in (0, 1), proc.stderr  # 1: problems found at the fail severity
    out = proc.stdout.strip()
    return json.loads(out) if out else []


def _write(models: list[Path], folder: Path) -> list[Path]:
    files = []
    for model in models:
        for doc in api_documents(archkit.load(model)):
            if doc.style == "rest":
                path = folder / f"{model.stem}-{doc.filename}"
                path.write_text(doc.text, encoding="utf-8")
                files.append(path)
    return files


def test_every_example_document_has_no_spectral_error(tmp_path: Path) -> None:
    files = _write(EXAMPLES, tmp_path)
    assert len(files) >= 2
    results = _spectral(files)
    errors = [f"{r['source']}:{r['code']}: {r['message']}" for r in results if r["severity"] == 0]
    assert errors == []
    assert {Path(str(r["source"])).name for r in results} <= {f.name for f in files}


def test_spectral_errors_on_an_unthrottled_api_are_the_ones_archkit_reports(tmp_path: Path) -> None:
    """The styles fixture's public-api has nothing rate-limiting it: Spectral's only errors are the
    missing rate-limit headers there, which `archkit check` reports once as API102."""
    results = _spectral(_write([STYLES], tmp_path))
    errors = {(Path(str(r["source"])).name, str(r["code"])) for r in results if r["severity"] == 0}
    assert errors == {("styles-public-api.openapi.yaml", "owasp:api4:2023-rate-limit")}
    review = archkit.check(archkit.load(STYLES), select=["API102"])
    assert "public-api" in {c for f in review.findings for c in f.components}


def test_spectral_does_report_errors_on_a_flawed_document() -> None:
    results = _spectral([FIXTURES / "petstore-expanded.yaml"])
    codes = {str(r["code"]) for r in results if r["severity"] == 0}
    # the same flaws archkit reports as API037, API031, API034 and API041
    assert {"owasp:api8:2023-no-server-http", "owasp:api2:2023-write-restricted"} <= codes
    assert {"owasp:api4:2023-string-limit", "owasp:api1:2023-no-numeric-ids"} <= codes
