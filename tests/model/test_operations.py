"""Operations in the model file: every bad input at FILE:LINE with its field and message; the builder."""

from __future__ import annotations

from pathlib import Path

import pytest

import archkit
from archkit.model import ModelError

HEAD = "archkit: 1\nname: x\n"
# A client, an API with two operations, a store; line numbers below count from this text.
BASE = HEAD + (
    "components:\n"  # 3
    "  - {id: web, kind: client}\n"  # 4
    "  - id: api\n"  # 5
    "    kind: service\n"  # 6
    "    api: {style: rest}\n"  # 7
    "    operations:\n"  # 8
    "      - {id: read, method: GET, path: /items, share: 0.7, steps: [{to: db, op: select}]}\n"  # 9
    "      - {id: write, method: POST, path: /items, share: 0.3, steps: [{to: db, op: insert}]}\n"  # 10
    "  - id: db\n"  # 11
    "    kind: database\n"  # 12
    "    operations:\n"  # 13
    "      - {id: select}\n"  # 14
    "      - {id: insert}\n"  # 15
    "links:\n"  # 16
    "  - {from: web, to: api}\n"  # 17
    "  - {from: api, to: db}\n"  # 18
)


def _edit(old: str, new: str) -> str:
    assert old in BASE, old
    return BASE.replace(old, new)


# (case id, model text, line, field path, fragments of the message)
CASES = [
    (
        "shares_not_one",
        _edit("share: 0.3", "share: 0.2"),
        8,
        "components[1].operations",
        ["sum to 0.9", "read 0.7, write 0.2", "must sum to 1"],
    ),
    (
        "shares_missing_but_reached_unnamed",
        _edit("share: 0.7, ", "").replace("share: 0.3, ", ""),
        8,
        "components[1].operations",
        ["sum to 0", "web calls it without naming an operation"],
    ),
    (
        "step_without_link",
        _edit("  - {from: api, to: db}\n", ""),
        9,
        "components[1].operations[0].steps[0].to",
        ["no link api -> db", "add the link"],
    ),
    (
        "unknown_op_of_target",
        _edit("op: select", "op: selct"),
        9,
        "components[1].operations[0].steps[0].op",
        ["unknown operation 'selct' of db", "did you mean 'select'", "choose from: select, insert"],
    ),
    (
        "op_on_target_without_operations",
        _edit("    operations:\n      - {id: select}\n      - {id: insert}\n", ""),
        9,
        "components[1].operations[0].steps[0].op",
        ["db declares no operations"],
    ),
    (
        "duplicate_operation_id",
        _edit("{id: write,", "{id: read,"),
        10,
        "components[1].operations[1].id",
        ["duplicate operation id 'read' in api"],
    ),
    (
        "path_on_graphql",
        _edit("api: {style: rest}", "api: {style: graphql}")
        .replace("method: GET", "method: query")
        .replace("method: POST", "method: mutation"),
        9,
        "components[1].operations[0].path",
        ["`path` is for REST APIs", "graphql"],
    ),
    (
        "rest_method_on_grpc",
        _edit("api: {style: rest}", "api: {style: grpc}").replace(", path: /items", ""),
        9,
        "components[1].operations[0].method",
        ["'GET' is not a grpc method", "choose from: unary"],
    ),
    (
        "path_without_slash",
        _edit("path: /items, share: 0.7", "path: items, share: 0.7"),
        9,
        "components[1].operations[0].path",
        ["must start with '/'"],
    ),
    (
        "step_calls_zero",
        _edit("{to: db, op: select}", "{to: db, op: select, calls: 0}"),
        9,
        "components[1].operations[0].steps[0].calls",
        ["must be > 0"],
    ),
    (
        "share_over_one",
        _edit("share: 0.7", "share: 1.7"),
        9,
        "components[1].operations[0].share",
        ["<= 1"],
    ),
    (
        "unknown_step_key",
        _edit("{to: db, op: select}", "{to: db, op: select, timout_ms: 5}"),
        9,
        "components[1].operations[0].steps[0].timout_ms",
        ["unknown key 'timout_ms'", "did you mean 'timeout_ms'"],
    ),
    (
        "unknown_api_style",
        _edit("api: {style: rest}", "api: {style: soap}"),
        7,
        "components[1].api.style",
        ["'soap' is not a valid style", "rest, graphql, grpc"],
    ),
    (
        "link_optional_not_bool",
        _edit("  - {from: api, to: db}\n", "  - {from: api, to: db, optional: sometimes}\n"),
        18,
        "links[1].optional",
        ["expected true or false"],
    ),
    (
        "operation_cycle",
        _edit("      - {id: insert}\n", "      - {id: insert, steps: [{to: api, op: write}]}\n").replace(
            "  - {from: api, to: db}\n", "  - {from: api, to: db}\n  - {from: db, to: api}\n"
        ),
        10,
        "components[1].operations[1].steps[0]",
        ["cycle: api.write -> db.insert -> api.write"],
    ),
]


@pytest.mark.parametrize(("text", "line", "path", "fragments"), [c[1:] for c in CASES], ids=[c[0] for c in CASES])
def test_bad_operation_input_names_file_line_field(text: str, line: int, path: str, fragments: list[str]) -> None:
    with pytest.raises(ModelError) as info:
        archkit.loads(text, "m.yaml")
    problem = next((p for p in info.value.problems if p.path == path), None)
    assert problem is not None, [str(p) for p in info.value.problems]
    assert (problem.file, problem.line) == ("m.yaml", line), str(problem)
    for fragment in fragments:
        assert fragment in problem.message, problem.message


def test_the_base_model_is_valid() -> None:
    arch = archkit.loads(BASE, "m.yaml")
    assert [o.id for o in arch.component("api").operations] == ["read", "write"]


def test_mutual_calls_through_different_operations_are_not_a_cycle() -> None:
    text = _edit("      - {id: insert}\n", "      - {id: insert, steps: [{to: api, op: read}]}\n").replace(
        "  - {from: api, to: db}\n", "  - {from: api, to: db}\n  - {from: db, to: api}\n"
    )
    text = text.replace("name: x\n", "name: x\nrequirements: {peak_rps: 100}\n")
    arch = archkit.loads(text, "m.yaml")  # api.write -> db.insert -> api.read -> db.select: no repeat
    result = archkit.analyze(arch)
    rps = {oid: o.rps for oid, o in result.operations.items()}
    # 70 reads and 30 writes from web; each write inserts once, and each insert reads back once
    assert rps == pytest.approx({"api.read": 100.0, "api.write": 30.0, "db.select": 100.0, "db.insert": 30.0})
    assert result.components["api"].rps == pytest.approx(130.0)
    assert result.operations["api.write"].latency_p99 is None  # 130 rps × 10 ms on one replica: saturated
    scaled = archkit.analyze(arch, replicas={"api": 4})
    assert scaled.operations["api.write"].latency_p99 is not None


def test_cli_validate_exits_2_with_file_line(tmp_path) -> None:  # type: ignore[no-untyped-def]
    import subprocess
    import sys

    path = tmp_path / "m.yaml"
    path.write_text(_edit("op: select", "op: selct"), encoding="utf-8")
    done = subprocess.run([sys.executable, "-m", "archkit", "validate", str(path)], capture_output=True, text=True)
    assert done.returncode == 2
    assert f"{path}:9: components[1].operations[0].steps[0].op: unknown operation 'selct'" in done.stderr + done.stdout
    assert "Traceback" not in done.stderr


# ---------------------------------------------------------------------------- builder
def test_builder_adds_operations_and_steps() -> None:
    arch = archkit.loads(BASE, "m.yaml")
    arch.add_component("cache", "cache")
    arch.connect("api", "cache")
    arch.add_operation("api", "search", method="GET", path="/search")
    step = arch.add_step("api", "search", "cache", calls=2)
    assert step.calls == 2
    assert arch.operation("api", "search").steps[0].target == "cache"
    text = archkit.dumps(arch)
    assert "id: search" in text and "to: cache" in text


@pytest.mark.parametrize(
    ("call", "fragment"),
    [
        (lambda a: a.add_operation("api", "read"), "duplicate operation id 'read'"),
        (lambda a: a.add_operation("nope", "x"), "unknown component 'nope'"),
        (lambda a: a.add_operation("api", "x", method=5), "expected text"),
        (lambda a: a.add_step("api", "read", "web"), "no link api -> web"),
        (lambda a: a.add_step("api", "read", "db", op="selct"), "did you mean 'select'"),
        (lambda a: a.add_step("api", "nope", "db"), "unknown operation of api 'nope'"),
        (lambda a: a.add_step("api", "read", "db", calls=0), "must be > 0"),
    ],
)
def test_builder_refuses_bad_operations(call, fragment: str) -> None:  # type: ignore[no-untyped-def]
    arch = archkit.loads(BASE, "m.yaml")
    before = archkit.dumps(arch)
    with pytest.raises(ModelError) as info:
        call(arch)
    assert fragment in str(info.value)
    assert archkit.dumps(arch) == before  # nothing half-added


def test_remove_and_disconnect_clean_up_steps() -> None:
    arch = archkit.loads(BASE, "m.yaml")
    assert arch.disconnect("api", "db") == 1
    assert all(not op.steps for op in arch.component("api").operations)
    arch = archkit.loads(BASE, "m.yaml")
    arch.remove("db")
    assert all(not op.steps for op in arch.component("api").operations)
    archkit.loads(archkit.dumps(arch), "again.yaml")  # still a valid model


# ---------------------------------------------------------------------------- one rule for forms, scripts and files
@pytest.mark.parametrize(
    ("text", "line", "path", "fragment"),
    [
        (
            HEAD
            + "components: [{id: a, kind: client}, {id: b, kind: service}]\nlinks:\n  - {from: a, to: b}\n  - {from: a, to: b}\n",
            6,
            "links[1]",
            "duplicate link a -> b (first declared as links[0])",
        ),
        (
            HEAD + "requirements:\n  functional:\n    - {id: FR1, text: x}\n    - {id: FR1, text: y}\n",
            6,
            "requirements.functional[1].id",
            "duplicate requirement id 'FR1'",
        ),
        (
            HEAD + "requirements:\n  functional:\n    - {id: FR 6, text: x}\n",
            5,
            "requirements.functional[0].id",
            "'FR 6' is not a valid requirement id",
        ),
        (
            HEAD + "requirements:\n  functional:\n    - {id: FR6, text: '  '}\n",
            5,
            "requirements.functional[0].text",
            "must not be empty or blank",
        ),
    ],
    ids=["duplicate_link", "duplicate_fr", "fr_id_with_space", "blank_fr_text"],
)
def test_validation_owns_the_rules_forms_used_to_skip(text: str, line: int, path: str, fragment: str) -> None:
    with pytest.raises(ModelError) as info:
        archkit.loads(text, "m.yaml")
    problem = next(p for p in info.value.problems if p.path == path)
    assert problem.line == line and fragment in problem.message, str(problem)


def test_connecting_twice_is_reported_not_added_again() -> None:
    arch = archkit.loads(BASE, "m.yaml")
    with pytest.raises(ModelError, match="the link web -> api already exists; not added again"):
        arch.connect("web", "api")
    assert sum(1 for lk in arch.links if (lk.source, lk.target) == ("web", "api")) == 1
    arch.connect("web", "api", protocol="grpc")  # another protocol is another link


def test_entry_operations_are_reached_through_a_load_balancer() -> None:
    """One definition for the review, the analysis, the report and the notebooks: a client behind a
    load balancer reaches the gateway's operations first (checkout is built that way)."""
    from archkit.model.calls import entry_operations

    arch = archkit.load(Path(__file__).resolve().parents[2] / "examples" / "checkout.yaml")
    ops = entry_operations(arch)
    assert ops == [("gateway", "cart"), ("gateway", "stock"), ("gateway", "orders"), ("gateway", "place-order")]
    result = archkit.analyze(arch)
    assert {o.id for o in result.operations.values() if o.entry} == {f"{c}.{o}" for c, o in ops}
