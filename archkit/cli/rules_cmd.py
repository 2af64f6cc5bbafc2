"""archkit rules: list the review rules."""

from __future__ import annotations

import argparse


def register(sub: argparse._SubParsersAction) -> None:  # type: ignore[type-arg]
    parser = sub.add_parser("rules", help="list the review rules (code, severity, category, summary)")
    parser.add_argument("--format", "-f", choices=("text", "json", "markdown"), default="text")
    parser.set_defaults(func=run)


def run(args: argparse.Namespace) -> int:
    from archkit.rules import all_rules
    from archkit.rules.docs import markdown
    from archkit.rules.formats import rules_json, rules_text

    rules = all_rules()
    text = {"text": rules_text, "json": rules_json}.get(args.format)
    print(text(rules) if text else markdown(), end="\n" if text else "")
    return 0
