"""Discover the rules: every module in ``archkit/rules/catalog`` named by its code defines ``RULE``."""

from __future__ import annotations

import pkgutil
from collections.abc import Iterable
from functools import cache
from importlib import import_module
from importlib.util import find_spec

from archkit.errors import InternalError
from archkit.rules.base import ANALYSIS_CODE_PATTERN, CODE_PATTERN, PREFIX_CATEGORY, Hit, Rule


class RegistryError(InternalError):
    """A rule file is malformed (wrong name, missing RULE, code/category mismatch)."""


def _analysis_available() -> bool:
    try:
        return find_spec("archkit.analysis") is not None
    except (ImportError, ValueError):
        return False


@cache
def registry() -> dict[str, Rule]:
    """Code -> Rule for every rule file, in code order. Analysis rules (``needs_analysis``)
    are left out while archkit.analysis cannot be imported."""
    from archkit.rules import catalog

    rules: dict[str, Rule] = {}
    analysis = _analysis_available()
    for info in sorted(pkgutil.iter_modules(catalog.__path__), key=lambda m: m.name):
        if info.name.startswith("_"):
            continue
        try:
            module = import_module(f"{catalog.__name__}.{info.name}")
        except ModuleNotFoundError as exc:
            if (exc.name or "").startswith("archkit.analysis"):
                continue  # an analysis-based rule, and the analysis package is not there yet
            rules[info.name] = _unloadable(info.name, exc)
            continue
        except Exception as exc:  # a broken rule file (or what it imports) must not hide the others
            rules[info.name] = _unloadable(info.name, exc)
            continue
        rule = getattr(module, "RULE", None)
        if not isinstance(rule, Rule):
            raise RegistryError(f"{module.__file__}: a rule file must define RULE = Rule(...)")
        if rule.code != info.name:
            raise RegistryError(f"{module.__file__}: file name must be the rule code ({rule.code}.py)")
        prefix = rule.code.rstrip("0123456789")
        if PREFIX_CATEGORY[prefix] != rule.category:
            raise RegistryError(f"{rule.code}: category must be '{PREFIX_CATEGORY[prefix]}' for a {prefix} code")
        if rule.needs_analysis and not analysis:
            continue
        rules[rule.code] = rule
    return rules


def _unloadable(module: str, exc: BaseException) -> Rule:
    """A stand-in for a rule file that fails to import: running it reports the import error
    as a finding naming the rule, so the rest of the review still runs."""
    if not CODE_PATTERN.match(module):
        raise RegistryError(
            f"archkit/rules/catalog/{module}.py: cannot import it: {type(exc).__name__}: {exc}"
        ) from exc
    message = f"{type(exc).__name__}: {exc}"

    def check(ctx: object) -> Iterable[Hit]:
        raise ImportError(f"the rule file could not be imported: {message}")

    prefix = module.rstrip("0123456789")
    return Rule(
        code=module,
        name="failed-to-load",
        category=PREFIX_CATEGORY[prefix],
        severity="high",
        summary=f"The rule file {module}.py could not be imported.",
        rationale="A rule that cannot run must be visible, never a silent 'no finding'.",
        fix="Fix the import error in the rule file or in what it imports.",
        reads=(),
        check=check,
    )


def all_rules() -> list[Rule]:
    """Every registered rule, in code order."""
    return list(registry().values())


def get_rule(code: str) -> Rule:
    from archkit.model.errors import did_you_mean

    rules = registry()
    if code not in rules:
        raise KeyError(f"unknown rule '{code}'{did_you_mean(code, rules)}")
    return rules[code]


def is_reserved_code(code: str) -> bool:
    """Codes reserved for analysis rules that may not be registered in this installation."""
    return bool(ANALYSIS_CODE_PATTERN.match(code)) and not _analysis_available()
