"""`archkit api diff`: every change class, each breaking one with a compatible twin; the semver
verdict; two models or two documents; exit codes and the pull-request markdown."""

from __future__ import annotations

import copy
from collections.abc import Callable
from pathlib import Path
from typing import Any

import pytest
import yaml

from archkit.api.diff import CLASSES, diff_specs
from archkit.api.spec import Spec
from archkit.cli import main

from .conftest import ROOT

POST = {"$ref": "#/components/schemas/Post"}
BASE: dict[str, Any] = {
    "openapi": "3.1.0",
    "info": {"title": "posts", "version": "1.0.0"},
    "servers": [{"url": "https://api.example.com/v1"}],
    "paths": {
        "/posts": {
            "get": {
                "operationId": "list",
                "parameters": [
                    {"name": "limit", "in": "query", "schema": {"type": "integer", "maximum": 100}},
                    {"name": "lang", "in": "query", "required": True, "schema": {"type": "string", "maxLength": 5}},
                ],
                "security": [{"oauth": ["read"]}],
                "responses": {"200": {"description": "ok", "content": {"application/json": {"schema": POST}}}},
            },
            "post": {
                "operationId": "create",
                "requestBody": {
                    "required": False,
                    "content": {"application/json": {"schema": {"$ref": "#/components/schemas/NewPost"}}},
                },
                "responses": {"201": {"description": "created"}, "400": {"description": "bad"}},
            },
        }
    },
    "components": {
        "schemas": {
            "Post": {
                "type": "object",
                "required": ["id", "body", "status"],
                "properties": {
                    "id": {"type": "string", "format": "uuid"},
                    "body": {"type": "string", "maxLength": 500},
                    "status": {"type": "string", "enum": ["draft", "public"]},
                },
            },
            "NewPost": {
                "type": "object",
                "required": ["body"],
                "properties": {
                    "body": {"type": "string", "maxLength": 500},
                    "kind": {"type": "string", "enum": ["text", "photo"]},
                },
            },
        }
    },
}
Mutation = Callable[[dict[str, Any]], None]
GET = ("paths", "/posts", "get")
S = ("components", "schemas")


def at(doc: dict[str, Any], *path: str) -> Any:
    for key in path:
        doc = doc[key]
    return doc


def _param(name: str, required: bool) -> Mutation:
    return lambda d: at(d, *GET)["parameters"].append(
        {"name": name, "in": "header", "required": required, "schema": {"type": "string", "maxLength": 9}}
    )


CASES: list[tuple[str, Mutation]] = [
    ("operation-removed", lambda d: at(d, "paths", "/posts").pop("post")),
    ("operation-added", lambda d: at(d, "paths").update({"/posts/{id}": {"get": {"responses": {"200": {}}}}})),
    ("parameter-required-added", _param("X-Tenant", True)),
    ("parameter-optional-added", _param("X-Tenant", False)),
    ("parameter-became-required", lambda d: at(d, *GET)["parameters"][0].update(required=True)),
    ("parameter-became-optional", lambda d: at(d, *GET)["parameters"][1].update(required=False)),
    ("parameter-removed", lambda d: at(d, *GET)["parameters"].pop(0)),
    ("request-field-required-added", lambda d: _add_field(d, "NewPost", "title", required=True)),
    ("request-field-optional-added", lambda d: _add_field(d, "NewPost", "title", required=False)),
    ("request-field-became-required", lambda d: at(d, *S, "NewPost")["required"].append("kind")),
    ("request-body-required", lambda d: at(d, "paths", "/posts", "post", "requestBody").update(required=True)),
    ("response-field-removed", lambda d: at(d, *S, "Post", "properties").pop("body")),
    ("response-field-added", lambda d: _add_field(d, "Post", "likes", required=False)),
    ("response-field-became-optional", lambda d: at(d, *S, "Post")["required"].remove("status")),
    ("type-changed", lambda d: at(d, *S, "Post", "properties", "id").update(type="integer", format="int64")),
    ("type-narrowed", lambda d: at(d, *S, "NewPost", "properties", "body").update(maxLength=100)),
    ("type-widened", lambda d: at(d, *S, "NewPost", "properties", "body").update(maxLength=5000)),
    ("enum-narrowed", lambda d: at(d, *S, "NewPost", "properties", "kind").update(enum=["text"])),
    (
        "enum-widened-input",
        lambda d: at(d, *S, "NewPost", "properties", "kind").update(enum=["text", "photo", "video"]),
    ),
    (
        "enum-widened-output",
        lambda d: at(d, *S, "Post", "properties", "status").update(enum=["draft", "public", "gone"]),
    ),
    ("enum-narrowed-output", lambda d: at(d, *S, "Post", "properties", "status").update(enum=["public"])),
    ("auth-stronger", lambda d: at(d, *GET).update(security=[{"oauth": ["read", "admin"]}])),
    ("auth-weaker", lambda d: at(d, *GET).update(security=[])),
    ("success-status-changed", lambda d: _recode(d, "201", "200")),
    ("response-status-removed", lambda d: at(d, "paths", "/posts", "post", "responses").pop("400")),
    ("response-status-added", lambda d: at(d, "paths", "/posts", "post", "responses").update({"409": {}})),
    ("media-type-removed", lambda d: _media(d, remove=True)),
    ("media-type-added", lambda d: _media(d, remove=False)),
    ("server-changed", lambda d: d.update(servers=[{"url": "https://posts.example.com/v1"}])),
    ("operation-id-changed", lambda d: at(d, *GET).update(operationId="list-posts")),
]
# Each breaking class and the compatible change next to it (its twin).
TWINS = {
    "operation-removed": "operation-added",
    "parameter-required-added": "parameter-optional-added",
    "parameter-became-required": "parameter-became-optional",
    "request-field-required-added": "request-field-optional-added",
    "request-field-became-required": "request-field-optional-added",
    "request-body-required": "media-type-added",
    "response-field-removed": "response-field-added",
    "response-field-became-optional": "response-field-added",
    "type-changed": "type-widened",
    "type-narrowed": "type-widened",
    "enum-narrowed": "enum-widened-input",
    "enum-widened-output": "enum-narrowed-output",
    "auth-stronger": "auth-weaker",
    "success-status-changed": "response-status-added",
    "response-status-removed": "response-status-added",
    "media-type-removed": "media-type-added",
    "server-changed": "operation-id-changed",
}


def _add_field(d: dict[str, Any], schema: str, name: str, *, required: bool) -> None:
    at(d, *S, schema, "properties")[name] = {"type": "string", "maxLength": 50}
    if required:
        at(d, *S, schema, "required").append(name)


def _recode(d: dict[str, Any], old: str, new: str) -> None:
    responses = at(d, "paths", "/posts", "post", "responses")
    responses[new] = responses.pop(old)


def _media(d: dict[str, Any], *, remove: bool) -> None:
    content = at(d, *GET, "responses", "200", "content")
    if remove:
        content["application/xml"] = content.pop("application/json")
    else:
        content["application/xml"] = {"schema": POST}


def _diff(mutate: Mutation) -> list[tuple[str, bool]]:
    new = copy.deepcopy(BASE)
    mutate(new)
    return [(c.kind, c.breaking) for c in diff_specs(Spec(copy.deepcopy(BASE)), Spec(new)).changes]


@pytest.mark.parametrize(("kind", "mutate"), CASES, ids=[c[0] for c in CASES])
def test_each_change_class(kind: str, mutate: Mutation) -> None:
    changes = _diff(mutate)
    assert (kind, CLASSES[kind][0]) in changes, changes
    if kind not in ("media-type-removed",):  # removing json adds xml: two changes by design
        assert all(k == kind for k, _ in changes), changes


def test_every_class_is_tested_and_every_breaking_class_has_a_compatible_twin() -> None:
    tested = {c[0] for c in CASES}
    assert tested == set(CLASSES)
    breaking = {k for k, (b, _) in CLASSES.items() if b}
    assert set(TWINS) == breaking
    assert all(not CLASSES[twin][0] for twin in TWINS.values())
    assert len(CLASSES) >= 12


def test_no_change_and_semver_verdicts() -> None:
    same = diff_specs(Spec(copy.deepcopy(BASE)), Spec(copy.deepcopy(BASE)))
    assert same.changes == [] and same.verdict == "no API change" and not same.fails
    new = copy.deepcopy(BASE)
    at(new, "paths", "/posts").pop("post")
    broken = diff_specs(Spec(copy.deepcopy(BASE)), Spec(new))
    assert broken.fails and broken.required_bump == "major" and broken.verdict.startswith("BREAKING")
    new["info"]["version"] = "2.0.0"
    released = diff_specs(Spec(copy.deepcopy(BASE)), Spec(new))
    assert not released.fails and "new major version" in released.verdict
    added = copy.deepcopy(BASE)
    _add_field(added, "Post", "likes", required=False)
    assert diff_specs(Spec(copy.deepcopy(BASE)), Spec(added)).required_bump == "minor"


def test_renamed_path_parameter_is_the_same_operation() -> None:
    old = copy.deepcopy(BASE)
    old["paths"]["/posts/{id}"] = {"get": {"parameters": [{"name": "id", "in": "path", "required": True}]}}
    new = copy.deepcopy(BASE)
    new["paths"]["/posts/{post_id}"] = {"get": {"parameters": [{"name": "post_id", "in": "path", "required": True}]}}
    assert diff_specs(Spec(old), Spec(new)).changes == []


def _write(path: Path, doc: dict[str, Any]) -> Path:
    path.write_text(yaml.safe_dump(doc, sort_keys=False))
    return path


def test_cli_two_documents_exit_codes_and_markdown(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    old = _write(tmp_path / "old.yaml", BASE)
    new_doc = copy.deepcopy(BASE)
    at(new_doc, *S, "Post", "properties").pop("body")
    new = _write(tmp_path / "new.yaml", new_doc)
    assert main(["api", "diff", str(old), str(new), "--format", "markdown"]) == 1
    out = capsys.readouterr().out
    assert out.startswith("### ❌ API: 1 breaking change(s) without a new major version")
    assert "`response-field-removed`" in out and ".body" in out
    new_doc["info"]["version"] = "2.0.0"
    _write(new, new_doc)
    assert main(["api", "diff", str(old), str(new)]) == 0
    assert "released as a new major version" in capsys.readouterr().out
    assert main(["api", "diff", str(old), str(old), "--format", "json"]) == 0
    assert '"breaking": 0' in capsys.readouterr().out


def test_cli_two_models(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    text = (ROOT / "examples" / "social-sharing.yaml").read_text()
    old = tmp_path / "old.yaml"
    old.write_text(text)
    # HEAD drops the scope the follow operation required: weaker auth is compatible...
    weaker = tmp_path / "weaker.yaml"
    weaker.write_text(text.replace("        scopes: [graph:write]\n", "", 1))
    assert main(["api", "diff", str(old), str(weaker)]) == 0
    assert "auth-weaker" in capsys.readouterr().out
    # ...while dropping the upload operation breaks clients unless the api's major version moves.
    start = text.index("      - id: upload-media")
    end = text.index("\n\n", start)
    removed = tmp_path / "removed.yaml"
    removed.write_text(text[:start] + text[end:])
    removed.write_text(removed.read_text().replace("share: 0.10\n", "share: 0.15\n", 1))
    assert main(["api", "diff", str(old), str(removed)]) == 1
    assert "operation-removed" in capsys.readouterr().out
    bumped = tmp_path / "bumped.yaml"
    bumped.write_text(removed.read_text().replace("      version: 1\n", "      version: 2\n", 1))
    assert main(["api", "diff", str(old), str(bumped)]) == 0


def test_cli_bad_input(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    spec = _write(tmp_path / "spec.yaml", BASE)
    assert main(["api", "diff", str(spec), str(ROOT / "examples" / "checkout.yaml")]) == 2
    assert "not one of each" in capsys.readouterr().err
    assert main(["api", "diff", str(spec)]) == 2
    broken = tmp_path / "broken.yaml"
    broken.write_text("openapi: 3.1.0\ninfo: [\n")
    assert main(["api", "diff", str(spec), str(broken)]) == 2
    err = capsys.readouterr().err
    assert f"{broken}:" in err and "Traceback" not in err
