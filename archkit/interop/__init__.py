"""Models from the tools teams already use: ``from_threagile`` reads Threagile's YAML."""

from archkit.interop.threagile import ImportResult, from_threagile

__all__ = ["ImportResult", "from_threagile"]
