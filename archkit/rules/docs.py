"""The rule catalogue as Markdown, generated from the registry (docs/rules.md).

Regenerate with ``python -m archkit.rules.docs > docs/rules.md``; a test checks it is current.
"""

from __future__ import annotations

import sys

from archkit.rules.base import CATEGORIES
from archkit.rules.registry import all_rules


def markdown() -> str:
    """docs/rules.md: an index table, then one section per rule."""
    rules = all_rules()
    out = [
        "# Review rules",
        "",
        "<!-- Generated from the rule registry by `python -m archkit.rules.docs > docs/rules.md`; do not edit. -->",
        "",
        f"`archkit check` runs {len(rules)} rules over the model and its graph. Each finding names the rule code, "
        "the components and links involved, and a fix. Severity is the rule's default; a rule gives a lower severity "
        "where the model leaves a field undeclared instead of declaring it false. Accept a finding on purpose with a "
        "waiver in the model file (`waivers: [{rule: REL001, components: [x], reason: ..., owner: ..., expires: YYYY-MM-DD}]`). "
        "Codes PERF1xx, REL1xx and COST0xx are rules over the analysis (load, latency, availability, cost). "
        "API001-API099 run over OpenAPI documents: those the model's APIs imply (or name in `api.spec`) under "
        "`archkit check`, and any document under `archkit api lint`; API1xx judge an API against the architecture "
        "around it. Each API rule names the Spectral, OWASP API Top 10 2023, Zalando or RFC rule it corresponds to; "
        "see [review.md](review.md) for the check command, exit codes, waivers and baselines.",
        "",
        "| code | name | category | severity | summary |",
        "|---|---|---|---|---|",
    ]
    for r in rules:
        out.append(f"| [{r.code}](#{r.code.lower()}) | {r.name} | {r.category} | {r.severity} | {_cell(r.summary)} |")
    for category in CATEGORIES:
        group = [r for r in rules if r.category == category]
        if not group:
            continue
        out += ["", f"## {category.capitalize()}"]
        for r in group:
            out += [
                "",
                f"### {r.code}",
                "",
                f"**{r.name}** · {r.category} · default severity **{r.severity}**",
                "",
                r.summary,
                "",
                f"*Why it matters.* {r.rationale}",
                "",
                f"*Fix.* {r.fix}",
                "",
                *([f"*Corresponds to:* {r.reference}", ""] if r.reference else []),
                f"*Reads:* {', '.join(f'`{field}`' for field in r.reads)}",
            ]
    return "\n".join(out) + "\n"


def _cell(text: str) -> str:
    return text.replace("|", "\\|")


if __name__ == "__main__":
    sys.stdout.write(markdown())
