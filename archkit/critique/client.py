"""One Messages API call through the anthropic SDK, bounded in time, with one-line errors.

``anthropic`` is imported here, inside ``call``, never at module import: it costs over a
second. The key is read from ANTHROPIC_API_KEY and handed to the client only; it is never
put in a message, a cache entry or a log line. ANTHROPIC_BASE_URL is honoured by the SDK.

Time is bounded by a middleware that runs inside the SDK's retry loop: each attempt gets
what is left of ``timeout`` as its own timeout, a ``retry-after`` longer than
RETRY_WAIT_CAP is shortened, and no attempt starts once the budget is spent. The SDK
retries 408/409/429/5xx and connection errors at most MAX_RETRIES times.
"""

from __future__ import annotations

import os
import time
from dataclasses import dataclass
from importlib.util import find_spec
from typing import Any
from urllib.parse import urlsplit

from archkit.critique.errors import INSTALL_HINT, KEY_HINT, CritiqueError, CritiqueUnavailable

MAX_RETRIES = 2  # so at most 3 attempts
RETRY_WAIT_CAP = 4.0  # seconds: the longest wait between attempts, whatever retry-after says
MIN_ATTEMPT = 0.5  # seconds: no new attempt starts with less budget than this
MAX_TOKENS = 4096


@dataclass(frozen=True)
class RawAnswer:
    tool_input: Any
    input_tokens: int
    output_tokens: int
    model: str
    stop_reason: str | None
    attempts: int


def check_available() -> str:
    """The API key, or CritiqueUnavailable saying what to install or set."""
    if find_spec("anthropic") is None:
        raise CritiqueUnavailable(INSTALL_HINT)
    key = os.environ.get("ANTHROPIC_API_KEY", "").strip()
    if not key:
        raise CritiqueUnavailable(KEY_HINT)
    return key


class _OutOfTime(Exception):
    """Raised by the budget middleware when no time is left for another attempt."""


class _Budget:
    """Middleware: share one time budget between the SDK's attempts; count them."""

    def __init__(self, timeout: float) -> None:
        self.timeout = timeout
        self.deadline = time.monotonic() + timeout
        self.attempts = 0
        self.last_status: int | None = None

    def __call__(self, request: Any, call_next: Any) -> Any:
        remaining = self.deadline - time.monotonic()
        if remaining < MIN_ATTEMPT:
            raise _OutOfTime()
        self.attempts += 1
        response = call_next(request.copy(timeout=remaining))
        self.last_status = response.status_code
        headers = response.http_response.headers
        if "retry-after-ms" in headers or "retry-after" in headers:
            wait = _retry_after(headers)
            if wait is None or wait > RETRY_WAIT_CAP:
                headers.pop("retry-after-ms", None)
                headers["retry-after"] = str(RETRY_WAIT_CAP)
        return response


def _retry_after(headers: Any) -> float | None:
    for name, scale in (("retry-after-ms", 1000.0), ("retry-after", 1.0)):
        try:
            return float(headers[name]) / scale
        except (KeyError, TypeError, ValueError):
            continue
    return None


def call(
    *,
    system: str,
    user: str,
    tool: dict[str, Any],
    tool_choice: dict[str, str],
    model: str,
    timeout: float,
    max_tokens: int = MAX_TOKENS,
) -> RawAnswer:
    """Send one request; return the forced tool call's input, or raise CritiqueError."""
    key = check_available()
    try:
        import anthropic
    except ImportError as exc:  # installed but broken
        raise CritiqueUnavailable(f"{INSTALL_HINT} (import failed: {exc})") from None

    budget = _Budget(timeout)
    try:
        client = anthropic.Anthropic(api_key=key, max_retries=MAX_RETRIES, timeout=timeout, middleware=[budget])
    # Reported, not hidden: the SDK's set-up failure (an unusable ANTHROPIC_BASE_URL ...) becomes a CritiqueError.
    except Exception as exc:
        raise CritiqueError(f"cannot set up the API client: {type(exc).__name__}: {_one_line(str(exc))}") from None
    base_url = _safe_url(str(client.base_url))
    try:
        message = client.messages.create(  # type: ignore[call-overload]
            model=model,
            max_tokens=max_tokens,
            system=system,
            messages=[{"role": "user", "content": user}],
            tools=[tool],
            tool_choice=tool_choice,
        )
    except _OutOfTime:
        raise CritiqueError(_timeout_message(budget)) from None
    except anthropic.APITimeoutError:
        raise CritiqueError(_timeout_message(budget)) from None
    except anthropic.APIConnectionError as exc:
        cause = _root_cause(exc)
        raise CritiqueError(
            f"cannot reach the API at {base_url} ({cause}) after {budget.attempts} attempt(s); check the network "
            "or ANTHROPIC_BASE_URL"
        ) from None
    except anthropic.APIStatusError as exc:
        raise CritiqueError(_status_message(exc, model, budget.attempts)) from None
    except anthropic.AnthropicError as exc:
        raise CritiqueError(f"the API call failed: {type(exc).__name__}: {_one_line(str(exc))}") from None
    except ValueError as exc:  # a 200 whose body is not JSON, or not shaped like a message
        raise CritiqueError(
            f"malformed answer: the API response is not valid JSON ({_one_line(str(exc), 80)}); "
            "check ANTHROPIC_BASE_URL"
        ) from None
    finally:
        client.close()
    return _answer(message, tool["name"], budget.attempts, model)


def _answer(message: Any, tool_name: str, attempts: int, model: str) -> RawAnswer:
    content = getattr(message, "content", None)
    if not isinstance(content, list):
        raise CritiqueError(
            "malformed answer: the API response is not a Messages API message; check ANTHROPIC_BASE_URL"
        )
    calls = [b for b in content if getattr(b, "type", None) == "tool_use" and getattr(b, "name", None) == tool_name]
    stop = getattr(message, "stop_reason", None)
    if not calls:
        hint = " (cut off at max_tokens)" if stop == "max_tokens" else ""
        raise CritiqueError(f"malformed answer: the model did not call {tool_name}{hint}; try again")
    usage = getattr(message, "usage", None)
    return RawAnswer(
        tool_input=getattr(calls[0], "input", None),
        input_tokens=int(getattr(usage, "input_tokens", 0) or 0),
        output_tokens=int(getattr(usage, "output_tokens", 0) or 0),
        model=str(getattr(message, "model", None) or model),
        stop_reason=stop,
        attempts=max(attempts, 1),
    )


def _timeout_message(budget: _Budget) -> str:
    return (
        f"no answer within {budget.timeout:g} s ({budget.attempts} attempt(s)); "
        "try again later or allow more time (timeout=..., --timeout)"
    )


def _status_message(exc: Any, model: str, attempts: int) -> str:
    status = int(getattr(exc, "status_code", 0) or 0)
    detail = _one_line(str(getattr(exc, "api_message", None) or ""))
    tries = f"after {attempts} attempts" if attempts > 1 else "on the first attempt"
    if status == 401:
        return "the API rejected the key (401 authentication error): check ANTHROPIC_API_KEY"
    if status == 403:
        return f"the key is not allowed to do this (403 permission denied){': ' + detail if detail else ''}"
    if status == 404:
        return (
            f"model '{model}' was not found (404): pass --model / model= or set ARCHKIT_LLM_MODEL to a current model id"
        )
    if status == 429:
        return f"rate limited (429) {tries}; wait a minute and try again"
    if status == 529:
        return f"the API is overloaded (529) {tries}; try again in a few minutes"
    if status >= 500:
        return f"the API failed with a server error ({status}) {tries}; try again later"
    if status == 400:
        return f"the API refused the request (400){': ' + detail if detail else ''}"
    return f"the API answered {status}{': ' + detail if detail else ''}"


def _root_cause(exc: BaseException) -> str:
    seen = exc
    while seen.__cause__ is not None:
        seen = seen.__cause__
    text = _one_line(str(seen)) or type(seen).__name__
    if "refused" in text.lower():
        return "connection refused"
    return text


def _safe_url(url: str) -> str:
    """The URL without any user:password part."""
    parts = urlsplit(url)
    host = parts.hostname or ""
    port = f":{parts.port}" if parts.port else ""
    return f"{parts.scheme}://{host}{port}{parts.path}".rstrip("/")


def _one_line(text: str, limit: int = 200) -> str:
    text = " ".join(text.split())
    return text if len(text) <= limit else text[: limit - 1] + "…"
