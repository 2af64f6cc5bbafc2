"""The data design form without a browser: add an entity, a pattern and an index; the file keeps
its comments; bad input says what is wrong and leaves the file as it was."""

from __future__ import annotations

import pytest

import archkit
from archkit.model import ModelError
from archkit.widgets import DataDesignForm
from archkit.widgets.data_form import parse_fields, parse_where

COMMENT = "# WEAKNESS 5: no id tiebreaker (see header)"


@pytest.fixture
def model(example_copy):
    assert COMMENT in example_copy.read_text()
    return example_copy


def test_add_entity_then_pattern_then_index_and_the_plan_follows(model) -> None:
    form = DataDesignForm(model)
    form.entity_id.value = "comment"
    form.store.value = "posts-db"
    form.rows.value = 5_000_000
    form.fields.value = "id:uuid:key, post_id:uuid:ref=post.id, created_at:timestamp"
    form.add_entity_button.click()
    assert "added entity comment" in form.status.value, form.status.value

    form.entity.value = "comment"
    form.pattern_id.value = "by-post"
    form.where.value = "post_id=eq"
    form.order_by.value = "created_at desc"
    form.limit.value = 50
    form.rps.value = 30
    form.add_pattern_button.click()
    assert "added comment.by-post" in form.status.value, form.status.value
    assert "NONE" in form.plan.value  # no index serves it yet

    form.index_fields.value = "post_id, created_at desc"
    form.add_index_button.click()
    assert "added index (post_id, created_at desc) to comment" in form.status.value

    text = model.read_text()
    assert COMMENT in text  # the user's comments survive every save
    comment = next(e for e in archkit.load(model).entities if e.id == "comment")
    assert comment.access[0].where == {"post_id": "eq"} and comment.access[0].limit == 50
    assert comment.indexes[0].fields == ["post_id", "created_at desc"]
    assert "NONE" not in form.plan.value.split("comment.by-post")[1].split("</tr>")[0]


def test_a_pattern_on_an_unknown_field_is_refused_and_the_file_is_unchanged(model) -> None:
    before = model.read_bytes()
    form = DataDesignForm(model)
    form.entity.value = "post"
    form.pattern_id.value = "by-title"
    form.where.value = "title=eq"
    form.rps.value = 5
    form.add_pattern_button.click()
    assert "not saved" in form.status.value and "unknown field 'title' of post" in form.status.value
    assert model.read_bytes() == before


def test_an_operation_runs_a_pattern_from_the_dropdown(model) -> None:
    form = DataDesignForm(model)
    assert "share-api.create-post" in form.by.options
    form.entity.value = "post"
    form.pattern_id.value = "delete-own"
    form.kind.value = "delete"
    form.where.value = "id=eq"
    form.by.value = "share-api.create-post"
    form.add_pattern_button.click()
    pattern = next(e for e in archkit.load(model).entities if e.id == "post").access[-1]
    assert (pattern.id, pattern.kind, pattern.by, pattern.rps) == (
        "delete-own",
        "delete",
        "share-api.create-post",
        None,
    )


def test_the_text_forms_parse_as_the_model_writes_them() -> None:
    assert parse_fields("id:bigint:key, email:text:unique:personal, team_id:uuid:ref=team.id") == [
        {"name": "id", "type": "bigint", "key": True},
        {"name": "email", "type": "text", "unique": True, "personal": True},
        {"name": "team_id", "type": "uuid", "references": "team.id"},
    ]
    assert parse_where("a=eq, b = range") == {"a": "eq", "b": "range"}
    with pytest.raises(ModelError, match="write field=eq"):
        parse_where("a")
    with pytest.raises(ModelError, match="'primary'"):
        parse_fields("id:uuid:primary")
