"""archkit's one exception root and the small tree under it.

Callers catch the children they expect; anything else is a bug and must surface.

- ``InputError``: bad input (a model, a file, an option). The CLI prints it and exits 2.
- ``UnavailableError``: an optional part is not installed or not configured; one line that
  says what to install or set.
- ``ExternalToolError``: a tool archkit drives (Graphviz, a kernel, an API) failed.
- ``InternalError``: archkit's own invariant broke (a bug); a traceback under ``ARCHKIT_DEBUG=1``.
"""

from __future__ import annotations


class ArchkitError(Exception):
    """Root of every error archkit raises on purpose."""


class InputError(ArchkitError):
    """Bad input: a model file, a path, an option or a value (exit 2)."""


class UnavailableError(ArchkitError):
    """An optional part cannot run here (a missing extra, no API key); the message says what to do."""


class ExternalToolError(ArchkitError):
    """A tool archkit drives (Graphviz, a Jupyter kernel, the Messages API) failed."""


class InternalError(ArchkitError):
    """archkit itself is wrong (a malformed rule file, a broken invariant): report it."""


__all__ = ["ArchkitError", "ExternalToolError", "InputError", "InternalError", "UnavailableError"]
