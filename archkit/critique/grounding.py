"""Turn the model's tool input into grounded points.

1. ``parse``: the tool input must be an object with a list of points (and a list of
   questions); anything else is a malformed answer and raises CritiqueError. A single point
   with a bad field (unknown severity, no concern) is dropped with the reason, not fatal.
2. ``ground``: every cited id is checked against the architecture (components, links as
   ``from->to``, requirement ids and ``requirements.<field>``, data assets, boundaries,
   decisions). Unknown ids are removed and recorded on the point; a point left with no
   valid id is dropped. A point that repeats a rule finding is linked to it (``restates``).
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass
from typing import TYPE_CHECKING, Any

from archkit.critique.errors import CritiqueError
from archkit.critique.prompt import CATEGORIES, MAX_POINTS, MAX_QUESTIONS, SEVERITIES, TOOL_NAME
from archkit.critique.result import Dropped, Point

if TYPE_CHECKING:
    from archkit.model import Architecture

MAX_TEXT = 2000  # characters kept of one concern / recommendation / question
MAX_CITES = 20  # ids kept of one point

# Categories the rule engine (or the model) may use, mapped onto the critique's categories.
CATEGORY_ALIASES = {
    "api": "api",
    "api design": "api",
    "versioning": "api",
    "data": "data",
    "consistency": "data",
    "privacy": "security",
    "compliance": "security",
    "security": "security",
    "performance": "scaling",
    "capacity": "scaling",
    "scalability": "scaling",
    "scaling": "scaling",
    "reliability": "reliability",
    "resilience": "reliability",
    "availability": "reliability",
    "operations": "operations",
    "observability": "operations",
    "operability": "operations",
    "ops": "operations",
    "cost": "cost",
}


@dataclass(frozen=True)
class Answer:
    points: list[dict[str, Any]]  # well-formed raw points
    questions: list[str]
    dropped: list[Dropped]  # malformed points


def parse(tool_input: Any) -> Answer:
    """Check the shape of the tool input; raise CritiqueError when it is unusable as a whole."""
    if not isinstance(tool_input, dict):
        raise CritiqueError(f"malformed answer: the {TOOL_NAME} input is {_kind(tool_input)}, not an object; try again")
    points = tool_input.get("points")
    if not isinstance(points, list):
        what = "missing" if points is None else f"{_kind(points)}, not a list"
        raise CritiqueError(f"malformed answer: 'points' is {what}; try again")
    questions_raw = tool_input.get("questions", [])
    if not isinstance(questions_raw, list):
        raise CritiqueError(f"malformed answer: 'questions' is {_kind(questions_raw)}, not a list; try again")
    questions = [_clip(q) for q in questions_raw if isinstance(q, str) and q.strip()][:MAX_QUESTIONS]

    good: list[dict[str, Any]] = []
    dropped: list[Dropped] = []
    for i, raw in enumerate(points, 1):
        if i > MAX_POINTS:
            dropped.append(Dropped(f"{len(points) - MAX_POINTS} more points", (), f"beyond the limit of {MAX_POINTS}"))
            break
        if not isinstance(raw, dict):
            dropped.append(Dropped(_clip(str(raw)), (), f"point {i} is {_kind(raw)}, not an object"))
            continue
        concern = raw.get("concern")
        cites_raw = raw.get("cites", [])
        cites = tuple(str(c) for c in cites_raw[:MAX_CITES]) if isinstance(cites_raw, list) else (str(cites_raw),)
        problem = _point_problem(raw)
        if problem:
            text = concern if isinstance(concern, str) and concern.strip() else f"point {i}"
            dropped.append(Dropped(_clip(text), cites, problem))
            continue
        good.append(
            {
                "severity": raw["severity"].strip().lower(),
                "category": CATEGORY_ALIASES[raw["category"].strip().lower()],
                "cites": cites,
                "concern": _clip(raw["concern"]),
                "recommendation": _clip(raw["recommendation"]),
                "restates": raw.get("restates") if isinstance(raw.get("restates"), str) else None,
            }
        )
    return Answer(good, questions, dropped)


def _point_problem(raw: dict[str, Any]) -> str | None:
    for key in ("concern", "recommendation"):
        value = raw.get(key)
        if not isinstance(value, str) or not value.strip():
            return f"no {key}"
    severity = raw.get("severity")
    if not isinstance(severity, str) or severity.strip().lower() not in SEVERITIES:
        return f"severity {severity!r} is not one of {', '.join(SEVERITIES)}"
    category = raw.get("category")
    if not isinstance(category, str) or category.strip().lower() not in CATEGORY_ALIASES:
        return f"category {category!r} is not one of {', '.join(CATEGORIES)}"
    if not isinstance(raw.get("cites"), list):
        return "no cites list"
    return None


# ---- grounding ---------------------------------------------------------------------------


def known_ids(arch: Architecture) -> dict[str, str]:
    """Every id a point may cite, normalised -> as written in the model."""
    ids: list[str] = [c.id for c in arch.components]
    ids += [link.key for link in arch.links]
    ids += [f"{c.id}.{op.id}" for c in arch.components for op in c.operations]
    ids += [fr.id for fr in arch.requirements.functional]
    ids += [f"requirements.{name}" for name in type(arch.requirements).model_fields if name != "functional"]
    ids += [d.id for d in arch.data_assets]
    ids += [b.id for b in arch.boundaries]
    ids += [d.id for d in arch.decisions]
    return {_norm(i): i for i in ids}


def citable(arch: Architecture) -> list[str]:
    """The ids listed to the model, in model order (requirement fields left implicit)."""
    return [i for i in known_ids(arch).values() if not i.startswith("requirements.")]


def _norm(value: str) -> str:
    text = value.strip().strip("`'\"").replace("→", "->").replace("=>", "->")
    return "".join(text.split()).lower()


def ground(
    answer: Answer,
    arch: Architecture,
    findings: Iterable[dict[str, Any]] = (),
) -> tuple[list[Point], list[Dropped]]:
    """Keep the points whose cites exist, linked to the findings they restate."""
    known = known_ids(arch)
    components = frozenset(c.id for c in arch.components)
    operation_of = {f"{c.id}.{op.id}": c.id for c in arch.components for op in c.operations}
    link_keys = frozenset(link.key for link in arch.links)
    findings = list(findings)
    points: list[Point] = []
    dropped = list(answer.dropped)
    for raw in answer.points:
        valid: list[str] = []
        removed: list[str] = []
        for cite in raw["cites"]:
            canonical = known.get(_norm(cite))
            if canonical is None:
                removed.append(cite)
            elif canonical not in valid:
                valid.append(canonical)
        if not valid:
            reason = (
                f"cites no id in the model (unknown: {', '.join(removed)})" if removed else "cites no id in the model"
            )
            dropped.append(Dropped(raw["concern"], tuple(raw["cites"]), reason))
            continue
        point = Point(
            severity=raw["severity"],
            category=raw["category"],
            cites=tuple(valid),
            concern=raw["concern"],
            recommendation=raw["recommendation"],
            removed=tuple(removed),
            # an operation cited is about its component too
            components=tuple(
                dict.fromkeys(operation_of.get(c, c) for c in valid if c in components or c in operation_of)
            ),
            links=tuple(c for c in valid if c in link_keys),
        )
        rule = restated_rule(point, raw.get("restates"), findings)
        points.append(Point(**{**point.__dict__, "restates": rule}))
    points.sort(key=lambda p: SEVERITIES.index(p.severity))  # stable: the model's order within a severity
    return points, dropped


def restated_rule(point: Point, claimed: str | None, findings: list[dict[str, Any]]) -> str | None:
    """The rule code of the finding this point repeats, or None.

    A point repeats a finding when the model says so (``restates``) and they share an id,
    or when it cites exactly the finding's components and links (or only components of a finding
    of many parts), in the same category.
    Waived findings count: a point re-raising an accepted finding is still a repeat.
    """
    cited = set(point.cites)
    structural = {*point.components, *point.links}
    if claimed:
        for f in findings:
            rule = str(f.get("rule") or "")
            if rule and claimed.strip().upper() == rule.upper() and cited & _targets(f):
                return rule
    for f in findings:
        targets = _targets(f)
        category = CATEGORY_ALIASES.get(str(f.get("category", "")).lower())
        # a finding of many parts (one cause on several components) is repeated by a point on any of them
        parts = {str(p.get("component")) for p in f.get("parts") or () if isinstance(p, dict)}
        same = structural == targets or (parts and structural and structural <= parts)
        if targets and same and category == point.category and f.get("rule"):
            return str(f["rule"])
    return None


def _targets(finding: dict[str, Any]) -> set[str]:
    return set(finding.get("components") or ()) | set(finding.get("links") or ())


def _kind(value: Any) -> str:
    if value is None:
        return "null"
    if isinstance(value, str):
        return "a string"
    if isinstance(value, list):
        return "a list"
    if isinstance(value, dict):
        return "an object"
    return f"a {type(value).__name__}"


def _clip(text: str) -> str:
    text = " ".join(text.split())
    return text if len(text) <= MAX_TEXT else text[: MAX_TEXT - 1] + "…"
