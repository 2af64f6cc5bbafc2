"""Optional LLM critique through the anthropic SDK (edge): structured, grounded, cached.

    from archkit.critique import critique, CritiqueUnavailable
    try:
        c = critique(arch)            # Critique: .points .questions .dropped .usage
    except CritiqueUnavailable as exc:
        print(exc)                    # what to install or set; carry on without it

``anthropic`` is imported only when a call is made. See docs/critique.md.
"""

from archkit._callable_module import make_callable
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


# `archkit.critique(arch)` keeps working after this package is imported (see _callable_module).
make_callable(__name__, critique)
