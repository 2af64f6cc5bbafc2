"""Discover the rules: every module in ``archkit/rules/catalog`` named by its code defines ``RULE``."""

from __future__ import annotations

from functools import cache
from importlib import import_module

from archkit.errors import InternalError
from archkit.rules.api_specs import spec_rules
from archkit.rules.base import PREFIX_CATEGORY, Rule


class RegistryError(InternalError):
    """A rule file is malformed (wrong name, missing RULE, code/category mismatch)."""


@cache
def registry() -> dict[str, Rule]:
    """Code -> Rule for every rule listed in ``catalog.CODES``, in code order."""
    from archkit.rules import catalog

    rules: dict[str, Rule] = {}
    for code in sorted(catalog.CODES):
        module = import_module(f"{catalog.__name__}.{code}")  # a broken rule file fails loudly
        rule = getattr(module, "RULE", None)
        if not isinstance(rule, Rule):
            raise RegistryError(f"{module.__file__}: a rule file must define RULE = Rule(...)")
        if rule.code != code:
            raise RegistryError(f"{module.__file__}: file name must be the rule code ({rule.code}.py)")
        prefix = rule.code.rstrip("0123456789")
        if PREFIX_CATEGORY[prefix] != rule.category:
            raise RegistryError(f"{rule.code}: category must be '{PREFIX_CATEGORY[prefix]}' for a {prefix} code")
        rules[rule.code] = rule
    for rule in spec_rules():  # the spec rules live in archkit.api.lint, one table per topic
        rules[rule.code] = rule
    return dict(sorted(rules.items()))


@cache
def aliases() -> dict[str, str]:
    """Old code -> current code, for rules that were renamed or merged into another."""
    out: dict[str, str] = {}
    rules = registry()
    for rule in rules.values():
        for old in rule.aliases:
            if old in rules or old in out:
                raise RegistryError(f"{rule.code}: alias {old} is already a rule code or another rule's alias")
            out[old] = rule.code
    return out


def canonical(code: str) -> str:
    """The current code for ``code`` (itself, or the rule it was renamed into)."""
    code = code.strip().upper()
    return aliases().get(code, code)


def all_rules() -> list[Rule]:
    """Every registered rule, in code order."""
    return list(registry().values())


def get_rule(code: str) -> Rule:
    from archkit.model.errors import did_you_mean

    rules = registry()
    code = canonical(code)
    if code not in rules:
        raise KeyError(f"unknown rule '{code}'{did_you_mean(code, rules)}")
    return rules[code]
