"""Models from and to the tools teams already use: Threagile's YAML (import) and the Open
Threat Model (import and export)."""

from archkit.interop.common import ImportResult
from archkit.interop.otm import from_otm, schema_problems, to_otm
from archkit.interop.threagile import from_threagile

__all__ = ["ImportResult", "from_otm", "from_threagile", "schema_problems", "to_otm"]
