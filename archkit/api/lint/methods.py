"""Method semantics and status codes (RFC 9110)."""

from __future__ import annotations

import re
from collections.abc import Iterator

from archkit.api.lint.base import SpecHit, SpecRule
from archkit.api.spec import Spec

# Status codes registered with IANA (RFC 9110 and friends), plus the range keys OpenAPI allows.
REGISTERED = frozenset(
    {100, 101, 102, 103, 200, 201, 202, 203, 204, 205, 206, 207, 208, 226, 300, 301, 302, 303, 304, 305, 307, 308}
    | set(range(400, 419))
    | {421, 422, 423, 424, 425, 426, 428, 429, 431, 451}
    | {500, 501, 502, 503, 504, 505, 506, 507, 508, 510, 511}
)
_RANGE = re.compile(r"^[1-5]XX$")


def _success_codes(responses: dict[str, object]) -> list[str]:
    return [str(c) for c in responses if str(c)[:1] in ("2", "3")]


def body_on_get(spec: Spec) -> Iterator[SpecHit]:
    for op in spec.operations():
        if op.method in ("get", "head", "delete") and "requestBody" in op.data:
            yield SpecHit((*op.pointer, "requestBody"), f"{op.route} declares a request body")


def no_success(spec: Spec) -> Iterator[SpecHit]:
    for op in spec.operations():
        if not _success_codes(op.responses) and "default" not in op.responses:
            yield SpecHit((*op.pointer, "responses"), f"{op.route} declares no 2xx or 3xx response")


def content_on_204(spec: Spec) -> Iterator[SpecHit]:
    for op in spec.operations():
        for code in ("204", "304"):
            response = spec.resolve(op.responses.get(code))
            if isinstance(response, dict) and response.get("content"):
                yield SpecHit((*op.pointer, "responses", code), f"{op.route}: {code} declares a body")


def post_create_status(spec: Spec) -> Iterator[SpecHit]:
    """POST on a collection (path ending in a literal segment) creates: 201 (or 202 when queued)."""
    for op in spec.operations():
        last = op.path.rstrip("/").rsplit("/", 1)[-1]
        success = _success_codes(op.responses)
        if op.method == "post" and not last.startswith("{") and success == ["200"]:
            yield SpecHit((*op.pointer, "responses", "200"), f"{op.route} creates in a collection but answers 200")


def put_on_collection(spec: Spec) -> Iterator[SpecHit]:
    for op in spec.operations():
        last = op.path.rstrip("/").rsplit("/", 1)[-1]
        segments = [s for s in op.path.split("/") if s]
        if op.method == "put" and len(segments) > 1 and not last.startswith("{") and not last.startswith("v"):
            if any(s.startswith("{") for s in segments):
                continue  # /users/{id}/settings: a singleton sub-resource is fine
            yield SpecHit(op.pointer, f"{op.route} replaces a whole collection")


def unregistered_status(spec: Spec) -> Iterator[SpecHit]:
    for op in spec.operations():
        for code in op.responses:
            text = str(code)
            if text == "default" or _RANGE.match(text):
                continue
            if not text.isdigit() or int(text) not in REGISTERED:
                yield SpecHit((*op.pointer, "responses", text), f"{op.route}: status {text} is not a registered code")


def no_validation_error(spec: Spec) -> Iterator[SpecHit]:
    for op in spec.operations():
        takes_input = bool(op.parameters) or "requestBody" in op.data
        if takes_input and not any(str(c) in ("400", "422", "4XX", "default") for c in op.responses):
            yield SpecHit((*op.pointer, "responses"), f"{op.route} takes input but declares no 400 or 422")


RULES = [
    SpecRule("API011", "body-on-safe-method", "medium", "A GET, HEAD or DELETE declares a request body.",
             "RFC 9110 gives a body on these methods no meaning: proxies and clients drop it, caches ignore it.",
             "Move the input into path or query parameters (or use POST for a query that needs a body).",
             "RFC 9110 9.3.1, 9.3.5", body_on_get),
    SpecRule("API012", "no-success-response", "high", "An operation declares no 2xx or 3xx response.",
             "A client cannot know what success looks like; generated clients treat every answer as an error.",
             "Declare the success response with its body.", "Spectral operation-success-response", no_success),
    SpecRule("API013", "body-on-204", "medium", "A 204 or 304 response declares a body.",
             "204 and 304 have no content by definition (RFC 9110); clients never read it.",
             "Answer 200 with the body, or drop the content.", "RFC 9110 15.3.5", content_on_204),
    SpecRule("API014", "post-create-answers-200", "low", "A POST on a collection answers only 200.",
             "A create answers 201 with Location (or 202 when the work is queued): clients and caches rely on it.",
             "Answer 201 Created with a Location header.", "Zalando 150, RFC 9110 15.3.2", post_create_status),
    SpecRule("API015", "put-on-collection", "medium", "A PUT targets a collection path.",
             "PUT replaces the resource at the URL: on a collection it means replacing all of it, which is rarely "
             "what the server does.", "PUT /things/{id} for one item; POST /things to add.", "RFC 9110 9.3.4",
             put_on_collection),
    SpecRule("API016", "unregistered-status", "medium", "A response uses a status code that is not registered.",
             "Intermediaries treat unknown codes as the x00 of their class; clients branch on codes they cannot "
             "know.", "Use a registered code (or a range like 4XX).", "Zalando 243, RFC 9110 15", unregistered_status),
    SpecRule("API017", "no-validation-error", "low", "An operation takes input but declares no 400 or 422.",
             "Clients cannot tell bad input from a server failure, and retry requests that can never succeed.",
             "Declare 400 (or 422) with the error body.", "OWASP API8:2023 (owasp:api8:2023-define-error-validation)",
             no_validation_error),
]  # fmt: skip
