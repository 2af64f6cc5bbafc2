"""Security: the OWASP API Security Top 10 (2023) as far as a document can show it."""

from __future__ import annotations

import re
from collections.abc import Iterator
from typing import Any

from archkit.api.entity_schema import SERVER_TIMESTAMPS
from archkit.api.lint.base import SpecHit, SpecRule
from archkit.api.spec import WRITE_METHODS, Spec, SpecOperation, describe, types_of

_ID_PARAM = re.compile(r"\{(id|[A-Za-z0-9]*(_id|Id|-id))\}")
# Fields the server assigns: a client that can write them can forge identity, ownership or history.
SERVER_MANAGED = SERVER_TIMESTAMPS | {"id", "createdAt", "updatedAt", "version", "owner_id", "ownerId", "etag"}
CREDENTIAL_NAMES = re.compile(
    r"^(password|passwd|secret|token|access_token|refresh_token|api_key|apikey|api-key|client_secret|session|sid|"
    r"auth|authorization|jwt|bearer)$",
    re.IGNORECASE,
)
INSECURE_HTTP_SCHEMES = frozenset({"basic", "digest", "negotiate", "ntlm", "oauth"})
# Flows whose abuse costs money or accounts (API6:2023): checkout, payment, sign-up, password reset...
SENSITIVE_FLOW = re.compile(
    r"(checkout|payment|pay|orders?|purchase|transfer|booking|signup|sign-up|register|password|reset|otp|"
    r"coupons?|redeem|refunds?|withdraw)",
    re.IGNORECASE,
)
RATE_LIMIT_HEADERS = ("ratelimit", "ratelimit-limit", "x-ratelimit-limit", "x-rate-limit-limit")


def _secured(spec: Spec, op: SpecOperation) -> bool:
    return any(bool(req) for req in spec.security_of(op))


def unsecured_write(spec: Spec) -> Iterator[SpecHit]:
    for op in spec.operations():
        if op.method in WRITE_METHODS and not _secured(spec, op):
            yield SpecHit(op.pointer, f"{op.route} changes data and requires no credentials")


def bola_prone(spec: Spec) -> Iterator[SpecHit]:
    for op in spec.operations():
        if not _ID_PARAM.search(op.path) or not _secured(spec, op):
            continue
        if not any(scopes for req in spec.security_of(op) for scopes in req.values()):
            yield SpecHit(
                op.pointer,
                f"{op.route} reaches an object by id with credentials alone: no scope or role says whose objects "
                "the caller may touch",
            )


def writable_server_fields(spec: Spec) -> Iterator[SpecHit]:
    for op in spec.operations():
        if op.method not in ("post", "put", "patch"):
            continue
        for _mt, media in spec.media(op.data.get("requestBody")):
            props = spec.schema_properties(media.get("schema"))
            bad = sorted(
                n for n, s in props.items() if n in SERVER_MANAGED and not (isinstance(s, dict) and s.get("readOnly"))
            )
            if bad:
                yield SpecHit(
                    (*op.pointer, "requestBody"),
                    f"{op.route} accepts server-managed field(s) {', '.join(bad)} in its body (not readOnly)",
                )
            break


def _bounded_string(schema: dict[str, Any]) -> bool:
    return any(k in schema for k in ("maxLength", "enum", "const"))


def unbounded_strings(spec: Spec) -> Iterator[SpecHit]:
    for schema, ptr in spec.schemas():
        if "string" in types_of(schema) and not _bounded_string(schema):
            yield SpecHit(ptr, f"string {describe(ptr)} has no maxLength, enum or const")


def unbounded_arrays(spec: Spec) -> Iterator[SpecHit]:
    for schema, ptr in spec.schemas():
        if "array" in types_of(schema) and "maxItems" not in schema:
            yield SpecHit(ptr, f"array {describe(ptr)} has no maxItems")


def unbounded_integers(spec: Spec) -> Iterator[SpecHit]:
    for schema, ptr in spec.schemas():
        if "integer" in types_of(schema):
            missing = [
                k for k in ("minimum", "maximum") if k not in schema and f"exclusive{k.capitalize()}" not in schema
            ]
            if missing:
                yield SpecHit(ptr, f"integer {describe(ptr)} has no {' or '.join(missing)}")


def plain_http_servers(spec: Spec) -> Iterator[SpecHit]:
    for i, server in enumerate(spec.data.get("servers") or []):
        url = str(server.get("url", "")) if isinstance(server, dict) else ""
        if url.lower().startswith(("http://", "ws://")):
            yield SpecHit(("servers", i, "url"), f"server {url} is not encrypted (use https)")


def insecure_schemes(spec: Spec) -> Iterator[SpecHit]:
    for name, scheme in spec.schemes().items():
        if isinstance(scheme, dict) and scheme.get("type") == "http":
            kind = str(scheme.get("scheme", "")).lower()
            if kind in INSECURE_HTTP_SCHEMES:
                yield SpecHit(("components", "securitySchemes", name), f"security scheme '{name}' uses HTTP {kind}")


def api_key_in_url(spec: Spec) -> Iterator[SpecHit]:
    for name, scheme in spec.schemes().items():
        if isinstance(scheme, dict) and scheme.get("type") == "apiKey" and scheme.get("in") in ("query", "path"):
            yield SpecHit(
                ("components", "securitySchemes", name), f"API key '{name}' travels in the {scheme.get('in')}"
            )


def credentials_in_url(spec: Spec) -> Iterator[SpecHit]:
    for op in spec.operations():
        for p, ptr in op.parameters:
            if p.get("in") in ("query", "path") and CREDENTIAL_NAMES.match(str(p.get("name", ""))):
                yield SpecHit(ptr, f"{op.route}: credential '{p.get('name')}' travels in the {p.get('in')}")


def numeric_ids(spec: Spec) -> Iterator[SpecHit]:
    for op in spec.operations():
        for p, ptr in op.parameters:
            name = str(p.get("name", ""))
            if p.get("in") != "path" or not _ID_PARAM.fullmatch("{" + name + "}"):
                continue
            schema = spec.resolve(p.get("schema")) or {}
            if isinstance(schema, dict) and types_of(schema) & {"integer", "number"}:
                yield SpecHit(ptr, f"{op.route}: '{name}' is a sequential number: ids can be enumerated")


def open_objects(spec: Spec) -> Iterator[SpecHit]:
    for schema, ptr in spec.schemas():
        if schema.get("additionalProperties") is True:
            yield SpecHit(ptr, f"object {describe(ptr)} accepts any additional property")


def undefined_schemes(spec: Spec) -> Iterator[SpecHit]:
    defined = set(spec.schemes())
    reqs: list[tuple[dict[str, Any], tuple[str | int, ...]]] = [
        (r, ("security", i)) for i, r in enumerate(spec.data.get("security") or []) if isinstance(r, dict)
    ]
    for op in spec.operations():
        reqs += [
            (r, (*op.pointer, "security", i))
            for i, r in enumerate(op.data.get("security") or [])
            if isinstance(r, dict)
        ]
    for req, ptr in reqs:
        for name in req:
            if name not in defined:
                yield SpecHit(ptr, f"security requirement names '{name}', which components.securitySchemes lacks")


def _sensitive_posts(spec: Spec) -> Iterator[SpecOperation]:
    for op in spec.operations():
        if op.method == "post" and SENSITIVE_FLOW.search(op.path):
            yield op


def sensitive_without_idempotency(spec: Spec) -> Iterator[SpecHit]:
    for op in _sensitive_posts(spec):
        if op.param("Idempotency-Key", "header") is None and op.param("X-Idempotency-Key", "header") is None:
            yield SpecHit(op.pointer, f"{op.route} is a sensitive business flow and takes no Idempotency-Key")


def sensitive_without_429(spec: Spec) -> Iterator[SpecHit]:
    for op in _sensitive_posts(spec):
        if "429" not in map(str, op.responses):
            yield SpecHit(op.pointer, f"{op.route} is a sensitive business flow and declares no rate limit (429)")


def no_429(spec: Spec) -> Iterator[SpecHit]:
    for op in spec.operations():
        if not {"429", "4XX"} & set(map(str, op.responses)):
            yield SpecHit((*op.pointer, "responses"), f"{op.route} declares no 429")


def rate_limit_headers(spec: Spec) -> Iterator[SpecHit]:
    for op in spec.operations():
        if "429" not in map(str, op.responses):
            continue  # no limit declared: API046 says so once
        for code, response in op.responses.items():
            if not str(code).startswith("2"):
                continue
            resolved = spec.resolve(response)
            headers = {str(h).lower() for h in ((resolved or {}).get("headers") or {})}
            if not headers & set(RATE_LIMIT_HEADERS):
                yield SpecHit((*op.pointer, "responses", str(code)), f"{op.route}: {code} tells no remaining quota")


RULES = [
    SpecRule("API031", "unauthenticated-write", "high", "An operation that changes data requires no credentials.",
             "Anyone on the internet can create, change or delete data: spam, defacement, or worse.",
             "Require a security scheme on every write (and give public writes a captcha and rate limit).",
             "OWASP API2:2023 (owasp:api2:2023-write-restricted)", unsecured_write),
    SpecRule("API032", "bola-prone-route", "high",
             "An operation reaches an object by id with credentials but no scope or role.",
             "Broken object level authorization, the top API risk: any logged-in user changes the id and reads or "
             "changes another user's object.",
             "Declare scopes or roles on the operation and check ownership of the object in the handler.",
             "OWASP API1:2023", bola_prone),
    SpecRule("API033", "writable-server-field", "high",
             "A request body accepts a server-managed field (id, created_at, version...) not marked readOnly.",
             "Mass assignment: a client sets its own id, owner or version and forges history or ownership.",
             "Mark server-managed fields readOnly: true (and ignore them on input).",
             "OWASP API3:2023 (broken object property level authorization)", writable_server_fields),
    SpecRule("API034", "unbounded-string", "medium", "A string schema has no maxLength, enum or const.",
             "A 100 MB string in a name field costs memory, storage and log volume before anything rejects it.",
             "Give every string a maxLength (or an enum or const).",
             "OWASP API4:2023 (owasp:api4:2023-string-limit)", unbounded_strings),
    SpecRule("API035", "unbounded-array", "medium", "An array schema has no maxItems.",
             "An unbounded array in a request or a page turns one call into unbounded work.",
             "Give every array a maxItems.", "OWASP API4:2023 (owasp:api4:2023-array-limit)", unbounded_arrays),
    SpecRule("API036", "unbounded-integer", "low", "An integer schema has no minimum or maximum.",
             "Negative or huge numbers reach code that allocates, loops or pages with them.",
             "Give integers a minimum and a maximum.", "OWASP API4:2023 (owasp:api4:2023-integer-limit)",
             unbounded_integers),
    SpecRule("API037", "plaintext-server", "high", "A server URL uses http:// (or ws://).",
             "Tokens and data cross the network in clear text.", "Serve the API over https only.",
             "OWASP API8:2023 (owasp:api8:2023-no-server-http)", plain_http_servers),
    SpecRule("API038", "insecure-auth-scheme", "high", "A security scheme uses HTTP Basic, Digest, NTLM or Negotiate.",
             "Long-lived passwords travel on every request; one leaked log line is a leaked account.",
             "Use OAuth 2.0 / OpenID Connect bearer tokens, or mutual TLS between systems.",
             "OWASP API2:2023 (owasp:api2:2023-no-http-basic, auth-insecure-schemes)", insecure_schemes),
    SpecRule("API039", "api-key-in-url", "high", "An API key is sent in the query string or path.",
             "URLs end up in access logs, proxies and browser history: the key leaks with them.",
             "Send API keys in a header.", "OWASP API2:2023 (owasp:api2:2023-no-api-keys-in-url)", api_key_in_url),
    SpecRule("API040", "credentials-in-url", "high", "A password, token or secret is a query or path parameter.",
             "URLs end up in access logs, proxies and browser history: the credential leaks with them.",
             "Send credentials in the Authorization header or the body.",
             "OWASP API2:2023 (owasp:api2:2023-no-credentials-in-url)", credentials_in_url),
    SpecRule("API041", "numeric-id", "medium", "An id path parameter is a number.",
             "Sequential ids let anyone enumerate objects, and feed BOLA attacks.",
             "Use random identifiers (UUID) in URLs.", "OWASP API1:2023 (owasp:api1:2023-no-numeric-ids)",
             numeric_ids),
    SpecRule("API042", "open-object", "medium", "An object schema allows any additional property.",
             "Unknown fields pass validation and reach the handler: mass assignment and unbounded payloads.",
             "Set additionalProperties: false (or a bounded schema).",
             "OWASP API3:2023 (owasp:api3:2023-no-additionalProperties)", open_objects),
    SpecRule("API043", "undefined-security-scheme", "high",
             "A security requirement names a scheme that is not defined.",
             "Tools treat the operation as unsecured, and gateways configured from the document may leave it open.",
             "Define the scheme in components.securitySchemes or fix the name.",
             "Spectral oas3-operation-security-defined", undefined_schemes),
    SpecRule("API044", "sensitive-flow-without-idempotency", "high",
             "A sensitive business flow (checkout, payment, sign-up...) takes no Idempotency-Key.",
             "A retried checkout charges twice; a scripted one is indistinguishable from a retry.",
             "Require an Idempotency-Key header and answer a repeat with the first result.",
             "OWASP API6:2023; IETF draft-ietf-httpapi-idempotency-key-header", sensitive_without_idempotency),
    SpecRule("API045", "sensitive-flow-without-rate-limit", "high",
             "A sensitive business flow (checkout, payment, sign-up...) declares no 429.",
             "Bots buy out stock, enumerate coupons or create accounts at machine speed.",
             "Rate-limit the flow per user and per client, and declare 429 with Retry-After.",
             "OWASP API6:2023", sensitive_without_429,
             check_defers_to="API101 and API102 (whether anything throttles the API)"),
    SpecRule("API046", "no-rate-limit-response", "low", "An operation declares no 429 response.",
             "Clients are not told that they can be throttled, so they do not back off.",
             "Declare 429 with Retry-After (and rate-limit the operation).",
             "OWASP API4:2023 (owasp:api4:2023-rate-limit-responses-429)", no_429,
             check_defers_to="API101 and API102 (whether anything throttles the API)"),
    SpecRule("API047", "quota-not-exposed", "low", "A rate-limited operation's 2xx response carries no RateLimit header.",
             "Clients can only learn their quota by hitting it.",
             "Return RateLimit (or RateLimit-Limit/Reset) headers on success.",
             "OWASP API4:2023 (owasp:api4:2023-rate-limit); draft-ietf-httpapi-ratelimit-headers", rate_limit_headers),
]  # fmt: skip
