"""Optional LLM critique through the anthropic SDK (edge): structured, grounded, cached.

    from archkit.critique import critique, CritiqueUnavailable
    try:
        c = critique(arch)            # Critique: .points .questions .dropped .usage
    except CritiqueUnavailable as exc:
        print(exc)                    # what to install or set; carry on without it

``anthropic`` is imported only when a call is made. See docs/critique.md.
"""

import sys
import types
from typing import Any

from archkit.critique.api import DEFAULT_MODEL, DEFAULT_TIMEOUT, critique, default_model
from archkit.critique.errors import CritiqueError, CritiqueUnavailable
from archkit.critique.prompt import PROMPT_VERSION
from archkit.critique.result import Critique, Dropped, Point, Usage

__all__ = [
    "DEFAULT_MODEL",
    "DEFAULT_TIMEOUT",
    "PROMPT_VERSION",
    "Critique",
    "CritiqueError",
    "CritiqueUnavailable",
    "Dropped",
    "Point",
    "Usage",
    "critique",
    "default_model",
]


class _CallableModule(types.ModuleType):
    """``archkit.critique(arch, ...)`` works even after this package has been imported.

    ``archkit`` exposes ``critique`` lazily, but importing the package ``archkit.critique``
    binds the module to that name first; making the module callable keeps both spellings
    (``archkit.critique(arch)`` and ``from archkit.critique import critique``) working.
    """

    def __call__(self, *args: Any, **kwargs: Any) -> Critique:
        return critique(*args, **kwargs)


sys.modules[__name__].__class__ = _CallableModule
