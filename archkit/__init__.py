"""archkit: describe a backend once; get diagrams, a review, numbers and a design document.

``import archkit`` stays cheap: every entry point below is imported on first use, so a
script that only needs ``archkit.load`` never pays for pandas, diagrams or anthropic.
"""

from __future__ import annotations

from importlib import import_module
from typing import TYPE_CHECKING, Any

__version__ = "0.1.0"

if TYPE_CHECKING:
    from archkit.model import Architecture, ModelError, Problem, dumps, load, loads, save

# name -> "module:attribute", imported when first touched.
_LAZY = {
    "Architecture": "archkit.model:Architecture",
    "ModelError": "archkit.model:ModelError",
    "Problem": "archkit.model:Problem",
    "load": "archkit.model:load",
    "loads": "archkit.model:loads",
    "save": "archkit.model:save",
    "dumps": "archkit.model:dumps",
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


def __dir__() -> list[str]:
    return sorted([*globals(), *_LAZY])


__all__ = ["Architecture", "ModelError", "Problem", "__version__", "dumps", "load", "loads", "save"]
