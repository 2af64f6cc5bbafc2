"""The documents archkit writes from a model: valid, deterministic, and carrying what the
architecture says (security, rate limits, errors, pagination, idempotency, concurrency, schemas)."""

from __future__ import annotations

from typing import Any

import graphql
import pytest
import yaml
from openapi_spec_validator import validate

import archkit
from archkit.api import api_documents, openapi_document

from .conftest import EXAMPLES, STYLES


def _docs(path: Any) -> dict[str, Any]:
    return {d.component: d for d in api_documents(archkit.load(path))}


@pytest.mark.parametrize("path", [*EXAMPLES, STYLES], ids=lambda p: p.stem)
def test_every_openapi_document_validates_and_is_deterministic(path: Any) -> None:
    first, second = _docs(path), _docs(path)
    rest = [d for d in first.values() if d.style == "rest"]
    for doc in rest:
        validate(yaml.safe_load(doc.text))
        assert doc.text == second[doc.component].text
    if path.stem in ("social-sharing", "checkout"):
        assert rest, "the example declares a REST api"


def test_graphql_sdl_parses_and_validates() -> None:
    sdl = _docs(STYLES)["graph"].text
    schema = graphql.build_schema(sdl)  # raises on a syntax or type error
    assert graphql.validate_schema(schema) == []
    assert set(schema.query_type.fields) == {"orders", "order"}
    assert set(schema.mutation_type.fields) == {"placeOrder"}
    assert str(schema.query_type.fields["orders"].type) == "OrderConnection!"
    assert "after" in schema.query_type.fields["orders"].args
    order_input = schema.type_map["OrderInput"]
    assert "id" not in order_input.fields and "version" not in order_input.fields  # server-assigned
    assert [v for v in schema.type_map["OrderStatus"].values] == ["OPEN", "PAID", "SHIPPED", "CANCELLED"]


def test_proto_service_has_one_rpc_per_operation_with_streaming() -> None:
    proto = _docs(STYLES)["orders"].text
    assert 'syntax = "proto3";' in proto and "package orders.v1;" in proto
    assert "rpc GetOrder(GetOrderRequest) returns (GetOrderResponse);" in proto
    assert "rpc WatchOrders(WatchOrdersRequest) returns (stream WatchOrdersResponse);" in proto
    assert "repeated Order items = 1;" in proto
    assert "optional string note = 5;" in proto  # nullable field


def _spec(path: Any, component: str) -> dict[str, Any]:
    return openapi_document(archkit.load(path), component)


def test_security_schemes_follow_auth() -> None:
    social = _spec(EXAMPLES[[p.stem for p in EXAMPLES].index("social-sharing")], "gateway")
    bearer = social["components"]["securitySchemes"]["bearerAuth"]
    assert bearer["scheme"] == "bearer" and bearer["bearerFormat"] == "JWT"
    feed = social["paths"]["/v1/feed"]["get"]
    assert feed["security"] == [{"bearerAuth": ["feed:read"]}]
    assert {"401", "403"} <= set(feed["responses"])
    public = _spec(STYLES, "public-api")
    flow = public["components"]["securitySchemes"]["oauth2"]["flows"]["authorizationCode"]
    assert set(flow["scopes"]) == {"orders:read", "orders:write"} and flow["refreshUrl"]
    partner = _spec(STYLES, "partner-api")
    assert partner["components"]["securitySchemes"]["apiKey"] == {
        "type": "apiKey",
        "in": "header",
        "name": "X-API-Key",
        "description": partner["components"]["securitySchemes"]["apiKey"]["description"],
    }


def test_public_operation_has_no_credentials_and_no_401() -> None:
    checkout = next(p for p in EXAMPLES if p.stem == "checkout")
    stock = _spec(checkout, "gateway")["paths"]["/v1/products/{product_id}/stock"]["get"]
    assert stock["security"] == []
    assert "401" not in stock["responses"] and "403" not in stock["responses"]


def test_429_and_rate_limit_headers_only_where_something_throttles() -> None:
    partner = _spec(STYLES, "partner-api")  # rate_limit_rps on the component itself
    post = partner["paths"]["/orders"]["post"]["responses"]
    assert set(post["429"]["headers"]) >= {"Retry-After", "RateLimit", "RateLimit-Policy"}
    assert "RateLimit" in post["201"]["headers"]
    public = _spec(STYLES, "public-api")  # nothing throttles it
    listing = public["paths"]["/orders"]["get"]["responses"]
    assert "429" not in listing and "RateLimit" not in listing["200"]["headers"]


def test_errors_problem_json_or_custom() -> None:
    partner = _spec(STYLES, "partner-api")
    assert "application/problem+json" in partner["paths"]["/orders"]["post"]["responses"]["400"]["content"]
    assert partner["components"]["schemas"]["Problem"]["required"] == ["type", "title", "status"]
    public = _spec(STYLES, "public-api")
    assert "application/json" in public["paths"]["/orders"]["get"]["responses"]["400"]["content"]
    assert "Error" in public["components"]["schemas"] and "Problem" not in public["components"]["schemas"]


def test_pagination_offset_and_cursor() -> None:
    public = _spec(STYLES, "public-api")
    params = {p["name"]: p for p in public["paths"]["/orders"]["get"]["parameters"]}
    assert params["offset"]["schema"]["maximum"] == 10_000 and params["limit"]["schema"]["maximum"] == 100
    assert public["components"]["schemas"]["OrderPage"]["required"] == ["items", "offset", "limit"]
    social = _spec(next(p for p in EXAMPLES if p.stem == "social-sharing"), "gateway")
    feed = {p["name"] for p in social["paths"]["/v1/feed"]["get"]["parameters"]}
    assert feed == {"cursor", "limit"}


def test_idempotency_key_only_on_idempotent_post() -> None:
    social = _spec(next(p for p in EXAMPLES if p.stem == "social-sharing"), "gateway")
    create = {p["name"] for p in social["paths"]["/v1/posts"]["post"]["parameters"]}
    assert "Idempotency-Key" in create
    assert "409" in social["paths"]["/v1/posts"]["post"]["responses"]
    follow = social["paths"]["/v1/users/{user_id}/followers"]["post"]
    assert "Idempotency-Key" not in {p["name"] for p in follow.get("parameters", [])}


def test_if_match_and_etag_for_optimistic_entities() -> None:
    public = _spec(STYLES, "public-api")
    patch = public["paths"]["/orders/{order_id}"]["patch"]
    assert "If-Match" in {p["name"] for p in patch["parameters"]} and "412" in patch["responses"]
    assert "ETag" in public["paths"]["/orders/{order_id}"]["get"]["responses"]["200"]["headers"]
    assert "If-Match" not in {p["name"] for p in public["paths"]["/orders/{order_id}"]["get"]["parameters"]}


def test_entity_schema_types_bounds_and_read_only_keys() -> None:
    order = _spec(STYLES, "public-api")["components"]["schemas"]["Order"]
    props = order["properties"]
    assert props["id"] == {"type": "string", "format": "uuid", "maxLength": 36, "readOnly": True}
    assert props["version"]["readOnly"] is True  # optimistic concurrency: the server bumps it
    assert props["status"]["enum"] == ["open", "paid", "shipped", "cancelled"]
    assert props["note"]["type"] == ["string", "null"] and props["note"]["maxLength"] == 500
    assert props["lines"]["format"] == "int32" and "maximum" in props["lines"]
    assert "note" not in order["required"] and "status" in order["required"]
    assert order["additionalProperties"] is False


def test_versioning_as_declared() -> None:
    public = _spec(STYLES, "public-api")  # header versioning, version 2
    version = next(p for p in public["paths"]["/orders"]["get"]["parameters"] if p["name"] == "Api-Version")
    assert version["schema"]["enum"] == ["2"] and public["info"]["version"] == "2.0.0"
    partner = _spec(STYLES, "partner-api")  # media type versioning
    assert "application/vnd.partner-api.v1+json" in partner["paths"]["/orders"]["post"]["requestBody"]["content"]
    social = _spec(next(p for p in EXAMPLES if p.stem == "social-sharing"), "gateway")
    assert all(path.startswith("/v1/") for path in social["paths"])


def test_x_archkit_traces_component_operation_and_numbers() -> None:
    from archkit.analysis import analyze

    path = next(p for p in EXAMPLES if p.stem == "social-sharing")
    arch = archkit.load(path)
    numbers = analyze(arch).to_dict()["operations"]
    feed = openapi_document(arch, "gateway", numbers)["paths"]["/v1/feed"]["get"]["x-archkit"]
    assert feed["component"] == "gateway" and feed["operation"] == "gateway.read-feed"
    assert feed["rps"] == round(numbers["gateway.read-feed"]["rps"], 3) and feed["rps"] > 0
    assert feed["latency_p99_target_ms"] == arch.requirements.latency_p99_ms


def test_a_component_without_rest_api_is_refused() -> None:
    with pytest.raises(ValueError, match="no REST api"):
        openapi_document(archkit.load(STYLES), "graph")
