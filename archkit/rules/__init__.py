"""The architecture review: rules over the model and its graph (pure core).

``check(arch)`` runs every rule in ``archkit/rules/catalog`` (one file per code) and
returns a ``Review``; ``all_rules()`` lists the registry. See DEVELOPMENT.md, "Add a rule".
"""

from archkit.rules.base import SEVERITIES, Hit, Rule
from archkit.rules.context import Context
from archkit.rules.engine import check, resolve_codes
from archkit.rules.finding import Finding, Review
from archkit.rules.registry import all_rules, get_rule

__all__ = [
    "SEVERITIES",
    "Context",
    "Finding",
    "Hit",
    "Review",
    "Rule",
    "all_rules",
    "check",
    "get_rule",
    "resolve_codes",
]
