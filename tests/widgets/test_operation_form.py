"""The operation form without a browser: add an operation, edit an existing one, expose a component
as an API; comments survive; bad input says what is wrong and leaves the file as it was."""

from __future__ import annotations

import pytest

import archkit
from archkit.widgets import OperationForm
from archkit.widgets.operation_form import parse_steps

COMMENT = "# the app sends an Idempotency-Key, so a retried POST never posts twice"


@pytest.fixture
def model(example_copy):
    assert COMMENT in example_copy.read_text()
    return example_copy


def test_parse_steps() -> None:
    assert parse_steps("identity, feed-service.get-feed") == [
        {"to": "identity"},
        {"to": "feed-service", "op": "get-feed"},
    ]
    assert parse_steps("") == []


def test_add_an_operation_reached_only_by_name(model) -> None:
    form = OperationForm(model)
    assert form.component.value == "gateway"  # the first component with an api
    form.op_id.value = "read-post"
    form.method.value = "GET"
    form.path.value = "/posts/{post_id}"
    form.summary.value = "Read one post"
    form.returns.value = "one"
    form.entity.value = "post"
    form.scopes.value = "feed:read"
    form.steps.value = "identity, share-api.create-post"
    form.save_button.click()
    assert "saved gateway.read-post" in form.status.value, form.status.value
    op = next(o for o in archkit.load(model).component("gateway").operations if o.id == "read-post")
    assert (op.method, op.path, op.entity, op.scopes, op.share) == ("GET", "/posts/{post_id}", "post", ["feed:read"], 0)
    assert [s.target for s in op.steps] == ["identity", "share-api"]
    assert COMMENT in model.read_text()
    assert "gateway.read-post" in form.table.value  # the API table refreshed


def test_edit_an_existing_operation_keeps_the_others(model) -> None:
    form = OperationForm(model)
    form.existing.value = "follow"
    assert form.path.value == "/users/{user_id}/followers" and form.scopes.value == "graph:write"
    form.idempotent.value = True
    form.save_button.click()
    assert "saved gateway.follow" in form.status.value, form.status.value
    ops = archkit.load(model).component("gateway").operations
    assert [o.id for o in ops] == ["read-feed", "create-post", "follow", "upload-media"]
    assert next(o for o in ops if o.id == "follow").idempotent is True


def test_a_step_without_a_link_is_refused_and_the_file_is_unchanged(model) -> None:
    before = model.read_bytes()
    form = OperationForm(model)
    form.op_id.value = "bad"
    form.method.value = "GET"
    form.path.value = "/bad"
    form.steps.value = "posts-db"  # the gateway has no link to posts-db
    form.save_button.click()
    assert "not saved" in form.status.value and "posts-db" in form.status.value
    assert model.read_bytes() == before


def test_expose_a_component_as_a_graphql_api(model) -> None:
    form = OperationForm(model)
    form.component.value = "feed-service"
    assert list(form.method.options) == ["GET", "POST", "PUT", "PATCH", "DELETE"]
    form.style.value = "graphql"
    form.api_button.click()
    assert "feed-service exposes a graphql API" in form.status.value, form.status.value
    api = archkit.load(model).component("feed-service").api
    assert api is not None and api.style == "graphql"
    assert list(form.method.options) == ["query", "mutation", "subscription"]
