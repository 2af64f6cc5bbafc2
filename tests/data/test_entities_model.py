"""Entities in the model: what loads, and every error at its file, line and field."""

from __future__ import annotations

import pytest

import archkit
from archkit.model.errors import ModelError

BASE = """\
archkit: 1
name: t
components:
  - {id: api, kind: service, operations: [{id: list, share: 1, steps: [{to: db}]}]}
  - {id: db, kind: database}
links:
  - {from: api, to: db, protocol: sql}
entities:
  - id: user
    store: db
    fields:
      - {name: id, type: uuid, key: true}
  - id: post
    store: STORE
    concurrency: CONCURRENCY
    fields:
      - {name: id, type: uuid, key: true}
      - {name: author_id, type: uuid, references: REF}
      - {name: created_at, type: timestamp}
    access:
      - {id: mine, by: BY, where: {WHERE: eq}, order_by: [created_at desc], limit: 20}
"""
GOOD = {"STORE": "db", "CONCURRENCY": "none", "REF": "user.id", "BY": "api.list", "WHERE": "author_id"}


def _load(**change: str) -> archkit.Architecture:
    text = BASE
    for key, value in {**GOOD, **change}.items():
        text = text.replace(key, value)
    return archkit.loads(text, "m.yaml")


def test_the_good_model_loads() -> None:
    arch = _load()
    assert [e.id for e in arch.entities] == ["user", "post"]
    assert arch.entities[1].access[0].where == {"author_id": "eq"}


@pytest.mark.parametrize(
    ("change", "line", "words"),
    [
        ({"WHERE": "auther_id"}, 21, ["unknown field 'auther_id'", "did you mean 'author_id'"]),
        ({"REF": "user.uid"}, 18, ["unknown field 'uid' of user"]),
        ({"REF": "person.id"}, 18, ["unknown entity 'person'"]),
        ({"STORE": "api"}, 14, ["'api' is a service, not a store"]),
        ({"BY": "api.lst"}, 21, ["unknown operation 'api.lst'", "did you mean 'api.list'"]),
        ({"CONCURRENCY": "optimistic"}, 15, ["optimistic concurrency needs a version field"]),
    ],
)
def test_errors_name_file_line_and_field(change: dict[str, str], line: int, words: list[str]) -> None:
    with pytest.raises(ModelError) as caught:
        _load(**change)
    problems = caught.value.problems
    text = "\n".join(str(p) for p in problems)
    assert any(p.file == "m.yaml" and p.line == line for p in problems), text
    for word in words:
        assert word in text


def test_an_operation_entity_must_exist_once_entities_are_declared() -> None:
    text = BASE.replace("{id: list, share: 1,", "{id: list, share: 1, entity: pots,")
    for key, value in GOOD.items():
        text = text.replace(key, value)
    with pytest.raises(ModelError, match="unknown entity 'pots'"):
        archkit.loads(text, "m.yaml")


def test_removing_a_store_forgets_its_entities_everywhere_they_are_named() -> None:
    """The fuzz test found it: the example's operations name `entity: post`; removing posts-db
    removes post, and the operations must lose the reference, or the saved file is invalid."""
    from archkit.paths import example

    arch = archkit.load(example("social-sharing"))
    assert any(op.entity == "post" for op in arch.component("gateway").operations)
    arch.remove("posts-db")
    assert all(op.entity != "post" for c in arch.components for op in c.operations)
    assert archkit.loads(archkit.dumps(arch), "saved.yaml").component("gateway").operations[1].entity is None
