"""Every kind of bad input gets FILE:LINE: field.path: message, with choices or a suggestion."""

from __future__ import annotations

import time
from pathlib import Path

import pytest

import archkit
from archkit.model import ModelError

HEAD = "archkit: 1\nname: x\n"

# (case id, model text, expected line, expected field path, fragments the message must contain)
CASES = [
    ("yaml_syntax", HEAD + "components:\n  - {id: a, kind: service\n", 5, "", ["YAML syntax error"]),
    (
        "unknown_key",
        HEAD + "components:\n  - id: a\n    kind: service\n    replcas: 2\n",
        6,
        "components[0].replcas",
        ["unknown key 'replcas'", "did you mean 'replicas'", "valid keys:"],
    ),
    ("unknown_top_key", HEAD + "component: []\n", 3, "component", ["did you mean 'components'"]),
    (
        "wrong_type",
        HEAD + "components:\n  - id: a\n    kind: service\n    replicas: two\n",
        6,
        "components[0].replicas",
        ["expected a whole number", "'two'"],
    ),
    (
        "wrong_type_bool",
        HEAD + "components:\n  - id: a\n    kind: service\n    health_check: maybe\n",
        6,
        "components[0].health_check",
        ["expected true or false"],
    ),
    ("section_not_list", HEAD + "components: {a: 1}\n", 3, "components", ["expected a list"]),
    ("negative", HEAD + "requirements:\n  peak_rps: -5\n", 4, "requirements.peak_rps", ["must be > 0", "-5"]),
    (
        "zero_replicas",
        HEAD + "components:\n  - id: a\n    kind: service\n    replicas: 0\n",
        6,
        "components[0].replicas",
        ["must be > 0"],
    ),
    (
        "zero_calls",
        HEAD + "components: [{id: a, kind: client}, {id: b, kind: service}]\nlinks:\n  - {from: a, to: b, calls: 0}\n",
        5,
        "links[0].calls",
        ["must be > 0"],
    ),
    ("percent_over_100", HEAD + "requirements: {availability: 100.5}\n", 3, "requirements.availability", ["<= 100"]),
    (
        "unknown_kind",
        HEAD + "components:\n  - id: a\n    kind: servce\n",
        5,
        "components[0].kind",
        ["'servce' is not a valid kind", "did you mean 'service'", "choose from: client"],
    ),
    (
        "unknown_trust",
        HEAD + "boundaries:\n  - id: b\n    trust: intenal\n",
        5,
        "boundaries[0].trust",
        ["did you mean 'internal'", "choose from: public, dmz, internal, restricted"],
    ),
    (
        "duplicate_id",
        HEAD + "components:\n  - id: a\n    kind: service\n  - id: a\n    kind: cache\n",
        6,
        "components[1].id",
        ["duplicate id 'a'", "components[0]"],
    ),
    ("duplicate_key", HEAD + "name: y\n", 3, "name", ["duplicate key 'name'"]),
    (
        "unknown_link_target",
        HEAD + "components:\n  - id: api\n    kind: service\nlinks:\n  - from: api\n    to: apx\n",
        8,
        "links[0].to",
        ["unknown component 'apx'", "did you mean 'api'"],
    ),
    (
        "unknown_boundary",
        HEAD
        + "boundaries: [{id: backend, trust: internal}]\ncomponents:\n  - id: a\n    kind: service\n    boundary: backnd\n",
        7,
        "components[0].boundary",
        ["unknown boundary 'backnd'", "did you mean 'backend'", "known boundaries: backend"],
    ),
    (
        "self_link",
        HEAD + "components:\n  - id: a\n    kind: service\nlinks:\n  - {from: a, to: a}\n",
        7,
        "links[0]",
        ["cannot link to itself"],
    ),
    ("missing_required", "archkit: 1\ncomponents: []\n", 1, "name", ["required field is missing"]),
    (
        "missing_link_end",
        HEAD + "components: [{id: a, kind: service}]\nlinks:\n  - {from: a}\n",
        5,
        "links[0].to",
        ["required field is missing"],
    ),
    ("bad_id", HEAD + "components:\n  - id: My API\n    kind: service\n", 4, "components[0].id", ["not a valid id"]),
    (
        "bad_date",
        HEAD + "waivers:\n  - {rule: SEC001, reason: r, owner: o, expires: soon}\n",
        4,
        "waivers[0].expires",
        ["YYYY-MM-DD"],
    ),
    (
        "rps_on_non_client",
        HEAD + "components:\n  - {id: a, kind: service, rps: 5}\n",
        4,
        "components[0].rps",
        ["only clients send traffic"],
    ),
    (
        "unknown_served_by",
        HEAD + "requirements:\n  functional:\n    - {id: FR1, text: t, served_by: [nope]}\n",
        5,
        "requirements.functional[0].served_by[0]",
        ["unknown component 'nope'"],
    ),
    ("empty_file", "", 1, "", ["the file is empty"]),
    ("comments_only", "# just a comment\n\n", 1, "", ["the file is empty"]),
    ("not_a_mapping_list", "- a\n- b\n", 1, "", ["expected a mapping", "got a list"]),
    ("not_a_mapping_text", "hello\n", 1, "", ["expected a mapping", "got text"]),
    ("newer_version", "archkit: 2\nname: x\n", 1, "archkit", ["newer than this release", "upgrade archkit"]),
    ("merge_of_a_list", HEAD + "requirements:\n  <<: [1, 2]\n", 4, "requirements", ["'<<' merges a mapping"]),
]


@pytest.mark.parametrize(("text", "line", "path", "fragments"), [c[1:] for c in CASES], ids=[c[0] for c in CASES])
def test_bad_input_names_file_line_field(text: str, line: int, path: str, fragments: list[str]) -> None:
    with pytest.raises(ModelError) as caught:
        archkit.loads(text, "model.yaml")
    problem = next((p for p in caught.value.problems if p.path == path), None)
    assert problem is not None, f"no problem at {path!r}: {caught.value}"
    assert problem.file == "model.yaml"
    assert problem.line == line
    for fragment in fragments:
        assert fragment in problem.message
    rendered = str(problem)
    assert rendered.startswith(f"model.yaml:{line}: ")


def test_all_problems_reported_in_one_pass() -> None:
    text = HEAD + (
        "components:\n"
        "  - {id: a, kind: servce}\n"  # 4
        "  - {id: b, kind: service, replicas: -1}\n"  # 5
        "links:\n"
        "  - {from: a, to: zz}\n"  # 7
    )
    with pytest.raises(ModelError) as caught:
        archkit.loads(text, "m.yaml")
    located = {(p.line, p.path) for p in caught.value.problems}
    assert located == {(4, "components[0].kind"), (5, "components[1].replicas"), (7, "links[0].to")}


def test_valid_model_loads(minimal_model: Path) -> None:
    arch = archkit.load(minimal_model)
    assert [c.id for c in arch.components] == ["app", "api"]
    assert arch.links[0].key == "app->api"


def test_alias_bomb_refused_quickly() -> None:
    text = 'a: &a ["lol","lol","lol","lol","lol","lol","lol","lol","lol"]\n'
    previous = "a"
    for name in "bcdefghi":
        text += f"{name}: &{name} [" + ",".join([f"*{previous}"] * 9) + "]\n"
        previous = name
    text += "name: *i\n"
    started = time.perf_counter()
    with pytest.raises(ModelError, match="alias bomb"):
        archkit.loads(text, "bomb.yaml")
    # 9^9 nodes if expanded; refused from the distinct nodes alone (generous bound: noisy machine)
    assert time.perf_counter() - started < 5


def test_small_anchors_still_allowed() -> None:
    text = HEAD + "components:\n  - &svc {id: a, kind: service}\nopen_questions: [&q why?, *q]\n"
    arch = archkit.loads(text, "m.yaml")
    assert arch.open_questions == ["why?", "why?"]


def test_file_over_10_mb_refused_before_reading(tmp_path: Path) -> None:
    path = tmp_path / "huge.yaml"
    with path.open("w") as fh:
        fh.write("# padding\n" * 1_100_000)
    with pytest.raises(ModelError) as caught:
        archkit.load(path)
    assert str(caught.value) == f"{path}: file is 11.0 MB; the limit is 10 MB"


def test_not_utf8(tmp_path: Path) -> None:
    path = tmp_path / "latin1.yaml"
    path.write_bytes("archkit: 1\nname: café\n".encode("latin-1"))
    with pytest.raises(ModelError) as caught:
        archkit.load(path)
    (problem,) = caught.value.problems
    assert (problem.file, problem.line) == (str(path), 2)
    assert "not UTF-8" in problem.message


def test_missing_file_and_directory(tmp_path: Path) -> None:
    with pytest.raises(ModelError, match="no such file"):
        archkit.load(tmp_path / "absent.yaml")
    with pytest.raises(ModelError, match="is a directory"):
        archkit.load(tmp_path)


def test_utf8_bom_and_non_ascii_accepted(tmp_path: Path) -> None:
    path = tmp_path / "bom.yaml"
    path.write_bytes("\ufeffarchkit: 1\nname: Café ünïcödé 日本\n".encode())
    assert archkit.load(path).name == "Café ünïcödé 日本"


def test_an_unquoted_comma_in_a_flow_mapping_gets_a_hint() -> None:
    text = HEAD + "components:\n  - {id: a, kind: service, description: Reads, writes and deletes}\n"
    with pytest.raises(ModelError) as info:
        archkit.loads(text, "m.yaml")
    (problem,) = info.value.problems
    assert (problem.line, problem.path) == (4, "components[0].writes and deletes")
    assert "an unquoted comma inside {...} ends a value" in problem.message and "quote the text" in problem.message


def test_anchors_and_merge_keys_as_people_write_them(tmp_path) -> None:  # type: ignore[no-untyped-def]
    """docker-compose style: an `x-` block holds the anchor, components merge it in; explicit keys win;
    a save after an edit keeps the block, the anchor and the merges."""
    text = (
        HEAD
        + "x-service: &service\n  kind: service\n  replicas: 2\n  health_check: true\n"
        + "components:\n  - {id: web, kind: client}\n  - <<: *service\n    id: api\n"
        + "  - <<: *service\n    id: worker\n    replicas: 3\nlinks:\n  - {from: web, to: api}\n"
    )
    path = tmp_path / "m.yaml"
    path.write_text(text, encoding="utf-8")
    arch = archkit.load(path)
    assert [(c.id, c.kind, c.replicas, c.health_check) for c in arch.components] == [
        ("web", "client", 1, None),
        ("api", "service", 2, True),
        ("worker", "service", 3, True),
    ]
    assert archkit.dumps(arch) == text  # unchanged: byte for byte
    arch.update_component("api", replicas=5)
    archkit.save(arch)
    saved = path.read_text(encoding="utf-8")
    assert "x-service: &service" in saved and saved.count("<<: *service") == 2
    assert [c.replicas for c in archkit.load(path).components] == [1, 5, 3]


def test_a_merge_of_something_that_is_not_a_mapping_is_refused() -> None:
    text = HEAD + "x-list: &ids [a, b]\ncomponents:\n  - <<: *ids\n    id: a\n    kind: service\n"
    with pytest.raises(ModelError) as info:
        archkit.loads(text, "m.yaml")
    assert any(p.line == 5 and "'<<' merges a mapping" in p.message for p in info.value.problems)
