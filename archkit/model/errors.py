"""archkit's one error type for bad input, and the ``FILE:LINE: field: message`` format."""

from __future__ import annotations

import difflib
from collections.abc import Iterable
from dataclasses import dataclass

from archkit.errors import InputError


@dataclass(frozen=True)
class Problem:
    """One thing wrong with a model file, located as precisely as the input allows."""

    file: str | None
    line: int | None
    path: str  # field path such as ``components[2].kind``; "" for the whole file
    message: str

    def __str__(self) -> str:
        parts = []
        if self.file:
            parts.append(f"{self.file}:{self.line}" if self.line is not None else self.file)
        if self.path:
            parts.append(self.path)
        return ": ".join([*parts, self.message])


class ModelError(InputError, ValueError):
    """Raised for any bad model input; carries every problem found in one pass."""

    def __init__(self, problems: Iterable[Problem]):
        self.problems = sorted(problems, key=lambda p: (p.file or "", p.line or 0, p.path))
        super().__init__("\n".join(str(p) for p in self.problems))


def did_you_mean(value: object, choices: Iterable[str]) -> str:
    """`` (did you mean 'x'?)`` when a close choice exists, else ``""``."""
    matches = difflib.get_close_matches(str(value), list(choices), n=1, cutoff=0.6)
    return f" (did you mean '{matches[0]}'?)" if matches else ""


def choose_from(choices: Iterable[str]) -> str:
    return "choose from: " + ", ".join(choices)


def unknown(what: str, value: str, choices: Iterable[str]) -> str:
    """``unknown component 'x' (did you mean 'y'?)``: a lookup miss, named."""
    return f"unknown {what} '{value}'{did_you_mean(value, choices)}"
