"""The on-disk answer cache: re-running a notebook or CI does not call the API again.

An entry is the model's raw tool input plus usage, stored as JSON under a key that hashes
everything that shapes the answer: the model text, the findings, the analysis summary, the
focus, the prompt version and the model name. Grounding runs again on every load, so an
entry never holds more than the API returned. Nothing secret goes in: the API key is not
an input to any of this. Unreadable entries count as misses.
"""

from __future__ import annotations

import hashlib
import json
from pathlib import Path
from typing import Any

from archkit.model.io import write_atomic

CACHE_FORMAT = 1


def default_dir() -> Path:
    return Path.cwd() / ".archkit-cache" / "critique"


def key(**inputs: Any) -> str:
    """sha256 of the inputs as canonical JSON."""
    text = json.dumps({"format": CACHE_FORMAT, **inputs}, sort_keys=True, ensure_ascii=False, default=str)
    return hashlib.sha256(text.encode("utf-8")).hexdigest()


def read(cache_dir: Path, cache_key: str) -> dict[str, Any] | None:
    path = cache_dir / f"{cache_key}.json"
    try:
        entry = json.loads(path.read_text(encoding="utf-8"))
    except (OSError, ValueError):
        return None
    if not isinstance(entry, dict) or entry.get("format") != CACHE_FORMAT or "tool_input" not in entry:
        return None
    return entry


def write(cache_dir: Path, cache_key: str, entry: dict[str, Any]) -> Path:
    path = cache_dir / f"{cache_key}.json"
    write_atomic(path, json.dumps({"format": CACHE_FORMAT, **entry}, indent=1, sort_keys=True, ensure_ascii=False))
    return path
