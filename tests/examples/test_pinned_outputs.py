"""Operations are additive: a model without them gives the numbers and findings it gave before.

The files in pinned/ were written by archkit before operations existed (`analyze --format json`
and `check --format json` on each example and pattern that keeps the component-only style).
`analyze` must match them byte for byte; `check` too, except the count of rules run, which
grows with every rule added.

The analyze files were re-pinned once, deliberately, when costs learned `basis`, `cpu`/`memory_gb`,
`hosting` and per-request prices on average traffic (`peak_to_average`, issue 14): only the cost
figures of functions and object stores, the new `basis` and `peak_to_average` keys and one
assumption changed; every load, latency and availability figure is as before."""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[2]
PINNED = Path(__file__).parent / "pinned"
SOURCES = {
    "saas-api": ROOT / "examples" / "saas-api.yaml",
    **{
        name: ROOT / "archkit" / "patterns" / f"{name}.yaml"
        for name in ("event-driven", "microservices", "monolith", "serverless")
    },
}


def _run(command: str, path: Path) -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        [sys.executable, "-m", "archkit", command, str(path.relative_to(ROOT)), "--format", "json"],
        capture_output=True,
        text=True,
        cwd=ROOT,
    )


@pytest.mark.parametrize("name", sorted(SOURCES))
def test_analyze_is_byte_identical(name: str) -> None:
    import archkit

    assert not any(c.operations for c in archkit.load(SOURCES[name]).components), "pinned models have no operations"
    done = _run("analyze", SOURCES[name])
    assert done.stdout == (PINNED / f"{name}.analyze.json").read_text(encoding="utf-8")


@pytest.mark.parametrize("name", sorted(SOURCES))
def test_check_findings_are_identical(name: str) -> None:
    done = _run("check", SOURCES[name])
    pinned = (PINNED / f"{name}.check.json").read_text(encoding="utf-8")
    got, want = json.loads(done.stdout), json.loads(pinned)
    assert json.dumps(got["findings"], indent=2) == json.dumps(want["findings"], indent=2)
    got["summary"].pop("rules_run")
    want["summary"].pop("rules_run")
    assert got == want
