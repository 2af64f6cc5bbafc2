"""The two ways a critique can fail, each carrying one line for the user."""

from __future__ import annotations

from archkit.errors import ExternalToolError, UnavailableError


class CritiqueUnavailable(UnavailableError):
    """The critique cannot run here: the ``llm`` extra is missing or no API key is set.

    Notebooks and ``archkit workbook`` catch it and carry on; the CLI prints it and exits 2.
    """


class CritiqueError(ExternalToolError):
    """The critique ran but failed (bad key, overload, timeout, unusable answer); one line."""


INSTALL_HINT = "the LLM critique needs the anthropic package: install the llm extra: pip install 'archkit[llm]'"
KEY_HINT = "the LLM critique needs an API key: set ANTHROPIC_API_KEY in the environment (it is never stored)"
