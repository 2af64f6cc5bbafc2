"""`archkit api lint` and Spectral (spectral:oas + the OWASP API Security ruleset) side by side
on one generated 1,000-operation OpenAPI document, whole process, in one run.

Targets (issue 12): archkit at least 5x faster than Spectral, at 200 MB or less; on the rules
that map one to one, both report the same operations (disagreements are listed and explained
in docs/benchmarks.md). Spectral runs from tools/spectral (`make setup` installs it).

    .venv/bin/python benchmarks/bench_api.py [--operations N] [--runs N]
"""

from __future__ import annotations

import argparse
import json
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path
from typing import Any

import yaml

ROOT = Path(__file__).resolve().parents[1]
SPECTRAL = ROOT / "tools" / "spectral" / "node_modules" / ".bin" / "spectral"
RULESET = ROOT / "tools" / "spectral" / "ruleset.yaml"
ARCHKIT = Path(sys.executable).with_name("archkit")

# archkit rule -> the Spectral/OWASP rule it corresponds to one to one, per operation.
PAIRS = {
    "API031": "owasp:api2:2023-write-restricted",
    "API041": "owasp:api1:2023-no-numeric-ids",
    "API046": "owasp:api4:2023-rate-limit-responses-429",
    "API023": "owasp:api8:2023-define-error-responses-401",
    "API017": "owasp:api8:2023-define-error-validation",
    "API009": "operation-operationId-unique",
}


def spec(operations: int) -> dict[str, Any]:
    """A document from archkit's own generator (a model with ``operations`` routes), then flawed on
    purpose, deterministically: writes without credentials, ops without 429, numeric ids, missing
    401, input without 400, duplicated operationIds, unbounded strings."""
    import archkit
    from archkit.api import openapi_document

    ops = []
    methods = ["GET", "POST", "PATCH", "DELETE"]
    for i in range(operations):
        method = methods[i % 4]
        path = f"/resources-{i // 4}" + ("" if method == "POST" else "/{resource_id}")
        ops.append(
            {
                "id": f"op-{i}",
                "method": method,
                "path": path,
                "share": 1 / operations,
                "returns": "one",
                "scopes": [f"r{i // 4}:rw"],
            }
        )
    ops[-1]["share"] = round(1 - sum(o["share"] for o in ops[:-1]), 12)
    model = {
        "archkit": 1,
        "name": "bench",
        "components": [
            {"id": "web", "kind": "client"},
            {
                "id": "gw",
                "kind": "gateway",
                "auth": "jwt",
                "rate_limit_rps": 5000,
                "api": {"style": "rest", "versioning": "path", "errors": "problem_json", "pagination": "cursor"},
                "operations": ops,
            },
        ],
        "links": [{"from": "web", "to": "gw", "protocol": "https"}],
    }
    doc = openapi_document(archkit.loads(yaml.safe_dump(model, sort_keys=False)), "gw")
    for n, (_path, item) in enumerate(sorted(doc["paths"].items())):
        for method, op in item.items():
            k = n * 4 + len(method)
            if method != "get" and k % 4 == 0:
                op["security"] = []  # a write anyone may call
                op["responses"].pop("401", None)
                op["responses"].pop("403", None)
            if k % 5 == 0:
                op["responses"].pop("429", None)
            if k % 7 == 0:
                for p in op.get("parameters", []):
                    if p["in"] == "path":
                        p["schema"] = {"type": "integer", "format": "int64", "minimum": 1, "maximum": 2**53}
            if k % 9 == 0 and op["security"]:
                op["responses"].pop("401", None)
            if k % 11 == 0:
                op["responses"].pop("400", None)
            if k % 13 == 0:
                op["operationId"] = "duplicated"
    return doc


def timed(cmd: list[str]) -> tuple[float, int, str]:
    """Seconds, peak RSS in MB (GNU time) and stdout of one whole-process run."""
    with tempfile.NamedTemporaryFile(suffix=".txt") as rss:
        start = time.monotonic()
        proc = subprocess.run(["/usr/bin/time", "-f", "%M", "-o", rss.name, *cmd], capture_output=True, text=True)
        seconds = time.monotonic() - start
        kb = int(Path(rss.name).read_text().strip().splitlines()[-1])
    if proc.returncode not in (0, 1):
        raise SystemExit(f"{cmd[0]} failed ({proc.returncode}): {proc.stderr[-2000:]}")
    return seconds, kb // 1024, proc.stdout


def archkit_routes(path: Path) -> dict[str, set[str]]:
    from archkit.api.lint import SPEC_RULES
    from archkit.api.spec_file import load_spec

    loaded = load_spec(path)
    out: dict[str, set[str]] = {}
    for rule in SPEC_RULES:
        if rule.code in PAIRS:
            out[rule.code] = {f"{h.pointer[2]} {h.pointer[1]}" for h in rule.check(loaded) if len(h.pointer) > 2}
    return out


def spectral_routes(results: list[dict[str, Any]]) -> dict[str, set[str]]:
    out: dict[str, set[str]] = {code: set() for code in PAIRS.values()}
    for r in results:
        where = r.get("path") or []
        if r["code"] in out and len(where) > 2 and where[0] == "paths":
            out[r["code"]].add(f"{where[2]} {where[1]}")
    return out


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--operations", type=int, default=1000)
    parser.add_argument("--runs", type=int, default=3)
    args = parser.parse_args()
    if not SPECTRAL.exists():
        raise SystemExit("Spectral is missing: run `make setup` (npm ci in tools/spectral)")
    with tempfile.TemporaryDirectory() as tmp:
        path = Path(tmp) / "bench.openapi.yaml"
        path.write_text(yaml.safe_dump(spec(args.operations), sort_keys=False), encoding="utf-8")
        size = path.stat().st_size
        ops = sum(len(item) for item in yaml.safe_load(path.read_text())["paths"].values())
        print(f"document: {ops:,} operations, {size / 1e6:.1f} MB")
        runs: dict[str, list[tuple[float, int]]] = {"archkit": [], "spectral": []}
        spectral_out = ""
        for _ in range(args.runs):
            s, mb, _ = timed([str(ARCHKIT), "api", "lint", str(path), "--format", "json"])
            runs["archkit"].append((s, mb))
            s, mb, spectral_out = timed(
                [str(SPECTRAL), "lint", "--ruleset", str(RULESET), "--format", "json", "--quiet", str(path)]
            )
            runs["spectral"].append((s, mb))
        for tool, values in runs.items():
            print(
                f"{tool:9s} median {statistics.median(v[0] for v in values):6.2f} s, "
                f"peak {max(v[1] for v in values):4d} MB  (runs: {', '.join(f'{v[0]:.2f}' for v in values)})"
            )
        ratio = statistics.median(v[0] for v in runs["spectral"]) / statistics.median(v[0] for v in runs["archkit"])
        print(f"archkit is {ratio:.1f}x faster (target >= 5x); archkit peak {max(v[1] for v in runs['archkit'])} MB "
              "(target <= 200 MB)")  # fmt: skip
        ours, theirs = archkit_routes(path), spectral_routes(json.loads(spectral_out or "[]"))
        print("one-to-one rules, operations reported:")
        for code, other in PAIRS.items():
            a, b = ours.get(code, set()), theirs.get(other, set())
            status = "same" if a == b else f"archkit only {len(a - b)}, spectral only {len(b - a)}"
            print(f"  {code} vs {other}: {len(a)} / {len(b)}  {status}")
            for route in sorted(a - b)[:3]:
                print(f"      archkit only: {route}")
            for route in sorted(b - a)[:3]:
                print(f"      spectral only: {route}")


if __name__ == "__main__":
    main()
