"""archkit: describe a backend once; get diagrams, a review, numbers and a design document.

``import archkit`` stays cheap (no pandas, networkx, diagrams, anthropic or Jupyter):
the heavier entry points below are imported on first use.
"""

from __future__ import annotations

from importlib import import_module
from typing import Any

from archkit.model import Architecture, ModelError, Problem, dumps, load, loads, save

__version__ = "0.1.0"

# name -> "module:attribute", imported when first touched.
_LAZY = {
    "check": "archkit.rules:check",
    "analyze": "archkit.analysis:analyze",
    "critique": "archkit.critique:critique",
    "report": "archkit.report:report",
    "diagram": "archkit.render:diagram",
    "new_model": "archkit.patterns:new_model",
}


def __getattr__(name: str) -> Any:
    target = _LAZY.get(name)
    if target is None:
        raise AttributeError(f"module 'archkit' has no attribute '{name}'")
    module, attribute = target.split(":")
    value = getattr(import_module(module), attribute)
    globals()[name] = value
    return value


__all__ = ["Architecture", "ModelError", "Problem", "__version__", "dumps", "load", "loads", "save", *_LAZY]
