"""Operations and APIs: what a component serves, and the calls (steps) one request of it makes.

A component may list ``operations``; one that exposes an API to its callers also says how
(``api``). Both are optional: a model without them means what it meant before. The meaning of
the numbers (shares, steps, optional) is pinned in DESIGN.md, "Operations and APIs"; the
checks that span components (a step follows a link, shares sum to 1, no cycle of operations)
live in ``operations_check.py``.
"""

from __future__ import annotations

from typing import Literal

from pydantic import Field

from archkit.model.fields import AuthMethod, Id, Percent, PositiveFloat, Strict

ApiStyle = Literal["rest", "graphql", "grpc"]

# The verbs an operation may declare, per API style; the first of each is the usual default.
METHODS: dict[str, tuple[str, ...]] = {
    "rest": ("GET", "POST", "PUT", "PATCH", "DELETE"),
    "graphql": ("query", "mutation", "subscription"),
    "grpc": ("unary", "server_stream", "client_stream", "bidi_stream"),
}
ALL_METHODS: tuple[str, ...] = tuple(m for methods in METHODS.values() for m in methods)
# Methods that change state: a retried request of these is unsafe without an idempotency key.
WRITE_METHODS = frozenset({"POST", "PUT", "PATCH", "DELETE", "mutation"})


def route(method: str | None, path: str | None) -> str:
    """``POST /posts``: method and path as far as declared ("" when neither is)."""
    return " ".join(x for x in (method, path) if x)


class Api(Strict):
    style: ApiStyle = Field(description="rest | graphql | grpc.")
    version: int = Field(1, ge=0, description="Current major version of the API.")
    versioning: Literal["path", "header", "media_type", "none"] | None = Field(
        None, description="How callers pick a version: path (/v1/...) | header | media_type | none."
    )
    errors: Literal["problem_json", "custom", "none"] | None = Field(
        None, description="Error body format: problem_json (RFC 9457) | custom | none."
    )
    pagination: Literal["cursor", "offset", "none"] | None = Field(
        None, description="How operations that return lists page: cursor | offset | none."
    )
    spec: str | None = Field(
        None,
        description="REST: the team's own OpenAPI document for this API, relative to the model file. "
        "`archkit check` then judges that document instead of the one archkit generates.",
    )


class Step(Strict):
    target: Id = Field(alias="to", description="The component called; the model must have a link to it.")
    op: Id | None = Field(
        None, description="The operation called there (default: split by the target's operation shares)."
    )
    calls: PositiveFloat = Field(
        1.0, description="Calls per request of this operation; a fraction is a share of requests (0.25 = one in four)."
    )
    optional: bool | None = Field(
        None,
        description="A failure degrades the answer but the operation still succeeds (default: the link's `optional`).",
    )
    parallel: bool = Field(False, description="Issued concurrently with the neighbouring parallel steps.")
    timeout_ms: PositiveFloat | None = Field(None, description="Timeout of this call in ms (default: the link's).")
    retries: int | None = Field(None, ge=0, description="Retries after a failed call (default: the link's).")


class Operation(Strict):
    id: Id = Field(description="Unique in its component; named elsewhere as component.operation.")
    method: str | None = Field(
        None,
        description="rest: GET POST PUT PATCH DELETE; graphql: query mutation subscription; "
        "grpc: unary server_stream client_stream bidi_stream.",
    )
    path: str | None = Field(None, description="REST only: the route, e.g. /posts/{post_id}.")
    summary: str | None = Field(None, description="What it does, in a sentence.")
    share: float = Field(
        0.0,
        ge=0,
        le=1,
        description="Share of the requests reaching this component without naming an operation "
        "(default 0: reached only by name). Declared shares of a component sum to 1.",
    )
    returns: Literal["one", "list", "none"] | None = Field(None, description="one | list | none.")
    entity: Id | None = Field(None, description="The entity it returns or changes.")
    auth: AuthMethod | None = Field(
        None, description="Overrides the component's auth for this operation; none = public."
    )
    scopes: list[str] = Field(default_factory=list, description="OAuth2 scopes or roles it requires.")
    idempotent: bool | None = Field(None, description="A retried request is safe (idempotency key).")
    service_time_ms: PositiveFloat | None = Field(
        None, description="Own time of this operation in ms, downstream calls excluded (default: the component's)."
    )
    latency_p99_ms: PositiveFloat | None = Field(
        None, description="p99 latency target in ms (default: requirements.latency_p99_ms)."
    )
    availability: Percent | None = Field(
        None, description="Availability target in percent (default: requirements.availability)."
    )
    steps: list[Step] = Field(default_factory=list, description="What serving one request calls, in order.")

    @property
    def route(self) -> str:
        return route(self.method, self.path)


__all__ = ["ALL_METHODS", "METHODS", "WRITE_METHODS", "Api", "ApiStyle", "Operation", "Step", "route"]
