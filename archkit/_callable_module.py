"""Let a package also be called as its main function.

``archkit`` exposes ``critique`` and ``report`` as lazy functions, but importing the package
``archkit.report`` binds the module to the same name first. Making the module callable keeps
both spellings working: ``archkit.report(arch, out)`` and ``from archkit.report import report``.
"""

from __future__ import annotations

import sys
import types
from collections.abc import Callable
from typing import Any


def make_callable(module_name: str, function: Callable[..., Any]) -> None:
    """Calling the module ``module_name`` calls ``function``."""

    class CallableModule(types.ModuleType):
        __doc__ = sys.modules[module_name].__doc__

        def __call__(self, *args: Any, **kwargs: Any) -> Any:
            return function(*args, **kwargs)

    sys.modules[module_name].__class__ = CallableModule
