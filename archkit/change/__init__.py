"""What a change to a model does: ``compare(base, head)`` for ``archkit diff`` and pull requests."""

from archkit.change.compare import ChangeReport, Side, compare, evaluate

__all__ = ["ChangeReport", "Side", "compare", "evaluate"]
