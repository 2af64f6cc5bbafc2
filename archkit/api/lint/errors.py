"""Error responses: one format (RFC 9457 problem details), declared where a client needs it."""

from __future__ import annotations

from collections.abc import Iterator

from archkit.api.lint.base import SpecHit, SpecRule
from archkit.api.spec import Spec


def _errors(spec: Spec) -> Iterator[tuple[str, str, object, tuple[str | int, ...]]]:
    for op in spec.operations():
        for code, response in op.responses.items():
            if str(code)[:1] in ("4", "5") or str(code) == "default":
                yield op.route, str(code), response, (*op.pointer, "responses", str(code))


def not_problem_json(spec: Spec) -> Iterator[SpecHit]:
    for route, code, response, ptr in _errors(spec):
        types = [mt for mt, _ in spec.media(response)]
        if types and not any("problem+json" in mt for mt in types):
            yield SpecHit(ptr, f"{route}: {code} answers {', '.join(types)}, not application/problem+json")


def error_without_body(spec: Spec) -> Iterator[SpecHit]:
    for route, code, response, ptr in _errors(spec):
        if code not in ("401", "429", "default") and not any(True for _ in spec.media(response)):
            yield SpecHit(ptr, f"{route}: {code} declares no error body")


def secured_without_401(spec: Spec) -> Iterator[SpecHit]:
    for op in spec.operations():
        if any(req for req in spec.security_of(op)) and not {"401", "4XX", "default"} & set(map(str, op.responses)):
            yield SpecHit((*op.pointer, "responses"), f"{op.route} requires credentials but declares no 401")


def scoped_without_403(spec: Spec) -> Iterator[SpecHit]:
    for op in spec.operations():
        scoped = any(scopes for req in spec.security_of(op) for scopes in req.values())
        if scoped and not {"403", "4XX", "default"} & set(map(str, op.responses)):
            yield SpecHit((*op.pointer, "responses"), f"{op.route} requires scopes but declares no 403")


def retry_after(spec: Spec) -> Iterator[SpecHit]:
    for op in spec.operations():
        for code in ("429", "503"):
            response = spec.resolve(op.responses.get(code))
            if not isinstance(response, dict):
                continue
            headers = {str(h).lower() for h in (response.get("headers") or {})}
            if "retry-after" not in headers:
                yield SpecHit((*op.pointer, "responses", code), f"{op.route}: {code} has no Retry-After header")


def no_500(spec: Spec) -> Iterator[SpecHit]:
    for op in spec.operations():
        if not {"500", "5XX", "default"} & set(map(str, op.responses)):
            yield SpecHit((*op.pointer, "responses"), f"{op.route} declares no 500 (or 5XX)")


RULES = [
    SpecRule("API021", "error-not-problem-json", "low",
             "An error response is not application/problem+json.",
             "One machine-readable error format (RFC 9457) lets every client handle every error the same way.",
             "Answer errors as application/problem+json with type, title, status and detail.",
             "RFC 9457; Zalando 176", not_problem_json),
    SpecRule("API022", "error-without-body", "low", "A 4xx or 5xx response declares no body.",
             "Clients cannot tell why a request failed, so they cannot fix it or decide whether to retry.",
             "Declare the error body (problem+json).", "RFC 9457; Zalando 176", error_without_body),
    SpecRule("API023", "secured-without-401", "low", "An operation that requires credentials declares no 401.",
             "Clients need to know to refresh or re-acquire credentials; without 401 documented they treat it as a "
             "failure.", "Declare 401 with the error body.",
             "OWASP API8:2023 (owasp:api8:2023-define-error-responses-401)", secured_without_401),
    SpecRule("API024", "scoped-without-403", "low", "An operation that requires scopes declares no 403.",
             "A caller with valid credentials but the wrong scope gets an answer the document does not describe.",
             "Declare 403 for operations with scopes or roles.", "OWASP API5:2023", scoped_without_403),
    SpecRule("API025", "throttle-without-retry-after", "medium", "A 429 or 503 response has no Retry-After header.",
             "Without Retry-After every client retries at once when the limit lifts: the retry storm the limit was "
             "there to stop.", "Add a Retry-After header to 429 and 503.",
             "OWASP API4:2023 (owasp:api4:2023-rate-limit-retry-after); RFC 9110 10.2.3", retry_after),
    SpecRule("API026", "no-500", "info", "An operation declares no 500 (or 5XX) response.",
             "Every operation can fail on the server; clients need the error body to log and report it.",
             "Declare 500 (or 5XX) with the error body.",
             "OWASP API8:2023 (owasp:api8:2023-define-error-responses-500)", no_500),
]  # fmt: skip
