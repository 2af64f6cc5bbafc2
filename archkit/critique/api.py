"""``critique(arch, ...)``: a grounded second opinion on an architecture from an LLM."""

from __future__ import annotations

import dataclasses
import os
from pathlib import Path
from typing import Any

from archkit.critique import cache, client
from archkit.critique.errors import CritiqueError
from archkit.critique.grounding import citable, ground, parse
from archkit.critique.pricing import PRICES_AS_OF, cost_usd
from archkit.critique.prompt import PROMPT_VERSION, SYSTEM_PROMPT, TOOL, TOOL_CHOICE, user_message
from archkit.critique.result import Critique, Usage
from archkit.model import Architecture, dumps
from archkit.model.errors import ModelError

DEFAULT_MODEL = "claude-sonnet-5-5"
DEFAULT_TIMEOUT = 60.0
MODEL_ENV = "ARCHKIT_LLM_MODEL"
MAX_ANALYSIS_CHARS = 20_000

FINDING_KEYS = ("rule", "severity", "category", "components", "links", "message", "fix", "waived", "parts")


def default_model() -> str:
    """ARCHKIT_LLM_MODEL, else DEFAULT_MODEL."""
    return os.environ.get(MODEL_ENV, "").strip() or DEFAULT_MODEL


def critique(
    arch: Architecture,
    findings: Any = None,
    analysis: Any = None,
    model: str | None = None,
    focus: str | None = None,
    *,
    use_cache: bool = True,
    cache_dir: str | os.PathLike[str] | None = None,
    timeout: float = DEFAULT_TIMEOUT,
) -> Critique:
    """Ask an LLM for a critique of ``arch``, grounded in the model's ids.

    ``findings``: a ``Review`` or a list of findings (computed with ``archkit.rules.check``
    when None); ``analysis``: an ``Analysis`` or its ``to_dict()`` (computed when None).
    ``model``: the model id (default ARCHKIT_LLM_MODEL, else DEFAULT_MODEL); ``focus``: what
    to look at most. ``timeout``: seconds for the whole call, retries included.

    Answers are cached under ``cache_dir`` (default ``.archkit-cache/critique`` in the
    current folder); ``use_cache=False`` forces a call. Raises ``CritiqueUnavailable`` when
    the anthropic package or ANTHROPIC_API_KEY is missing (a cached answer needs neither),
    ``CritiqueError`` when the call fails or the answer is unusable; both carry one line.
    """
    if timeout <= 0:
        raise ValueError("timeout must be a positive number of seconds")
    model_name = (model or "").strip() or default_model()
    notes: list[str] = []
    finding_list = _findings(arch, findings, notes)
    analysis_summary = _analysis(arch, analysis, notes)
    model_text = dumps(arch)
    cache_key = cache.key(
        model_text=model_text,
        findings=finding_list,
        analysis=analysis_summary,
        prompt_version=PROMPT_VERSION,
        model=model_name,
        focus=focus or None,
    )
    folder = Path(cache_dir) if cache_dir is not None else cache.default_dir()

    entry = cache.read(folder, cache_key) if use_cache else None
    cached = entry is not None
    if entry is None:
        raw = client.call(
            system=SYSTEM_PROMPT,
            user=user_message(model_text, finding_list, analysis_summary, citable(arch), focus),
            tool=TOOL,
            tool_choice=TOOL_CHOICE,
            model=model_name,
            timeout=float(timeout),
        )
        entry = {
            "tool_input": raw.tool_input,
            "input_tokens": raw.input_tokens,
            "output_tokens": raw.output_tokens,
            "model": raw.model,
            "requested_model": model_name,
            "stop_reason": raw.stop_reason,
            "attempts": raw.attempts,
            "prompt_version": PROMPT_VERSION,
        }
        answer = parse(raw.tool_input)  # a malformed answer raises here and is never cached
        try:
            cache.write(folder, cache_key, entry)
        except OSError as exc:
            notes.append(f"answer not cached ({folder}: {exc.strerror or exc})")
    else:
        answer = parse(entry["tool_input"])

    points, dropped = ground(answer, arch, finding_list or [])
    answered_by = str(entry.get("model") or model_name)
    usage = Usage(
        input_tokens=int(entry.get("input_tokens") or 0),
        output_tokens=int(entry.get("output_tokens") or 0),
        cost_usd=cost_usd(answered_by, int(entry.get("input_tokens") or 0), int(entry.get("output_tokens") or 0)),
        prices_as_of=PRICES_AS_OF,
        attempts=int(entry.get("attempts") or 1),
    )
    if entry.get("stop_reason") == "max_tokens":
        notes.append("the answer was cut off at the token limit; some points may be missing")
    return Critique(
        system=arch.name,
        model=answered_by,
        prompt_version=PROMPT_VERSION,
        points=points,
        questions=answer.questions,
        dropped=dropped,
        usage=usage,
        cached=cached,
        focus=focus or None,
        notes=notes,
    )


# ---- inputs -------------------------------------------------------------------------------


def _findings(arch: Architecture, findings: Any, notes: list[str]) -> list[dict[str, Any]] | None:
    """Findings as plain dicts (only the keys the prompt needs), computed when not given."""
    if findings is None:
        from archkit.rules import check

        try:
            findings = check(arch)
        except ModelError as exc:  # the review is an input here, not the job: say so, carry on
            notes.append(f"rule findings not sent: the review failed ({type(exc).__name__}: {exc})")
            return None
    items = getattr(findings, "findings", findings)
    out = []
    for f in items:
        d = _as_dict(f)
        row = {k: d.get(k) for k in FINDING_KEYS if k in d}
        for k in ("components", "links"):
            row[k] = list(row.get(k) or ())
        out.append(row)
    return out


def _analysis(arch: Architecture, analysis: Any, notes: list[str]) -> dict[str, Any] | None:
    """A compact analysis summary (bottleneck, max_rps, journeys, busiest components)."""
    if analysis is None:
        from archkit.analysis import analyze

        try:
            analysis = analyze(arch)
        except ModelError as exc:  # AnalysisError: a model the analysis refuses; say so, carry on
            notes.append(f"analysis not sent: the analysis failed ({type(exc).__name__}: {exc})")
            return None
    data = analysis.to_dict() if hasattr(analysis, "to_dict") else analysis
    if not isinstance(data, dict):
        raise CritiqueError("analysis must be an Analysis or its to_dict() result")
    summary = {k: v for k, v in data.items() if not isinstance(v, dict | list) or k in ("journeys", "components")}
    for k, v in data.items():
        if k not in summary and len(repr(v)) < 4000:
            summary[k] = v
    components = summary.get("components")
    if isinstance(components, dict) and len(repr(summary)) > MAX_ANALYSIS_CHARS:
        busiest = sorted(components.items(), key=lambda kv: -float((kv[1] or {}).get("utilization") or 0))
        summary["components"] = dict(busiest[:30])
        summary["components_note"] = f"the 30 busiest of {len(components)} components"
    return summary


def _as_dict(finding: Any) -> dict[str, Any]:
    if isinstance(finding, dict):
        return finding
    if hasattr(finding, "to_dict"):
        return dict(finding.to_dict())
    if dataclasses.is_dataclass(finding) and not isinstance(finding, type):
        return dataclasses.asdict(finding)
    raise CritiqueError(f"findings must be a Review, Finding objects or dicts, not {type(finding).__name__}")
