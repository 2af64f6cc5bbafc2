"""Saving keeps the user's comments and key order, is atomic, and is byte-identical when unchanged."""

from __future__ import annotations

import os
from pathlib import Path

import pytest

import archkit
from archkit.model import ModelError
from archkit.model import io as model_io

ROOT = Path(__file__).resolve().parents[2]
EXAMPLES = sorted((ROOT / "examples").glob("*.yaml"))
PATTERNS = sorted((ROOT / "archkit" / "patterns").glob("*.yaml"))

COMMENTED = """\
# Top comment: why this system exists
archkit: 1
name: Shop   # trailing comment
requirements:
  peak_rps: 100      # at launch
  latency_p99_ms: 250
components:
  # the API everyone calls
  - id: api
    kind: service
    replicas: 2      # two for rolling deploys
  - {id: db, kind: database, tech: postgresql}
links:
  - {from: api, to: db, protocol: sql, calls: 2}
"""


@pytest.mark.parametrize("path", EXAMPLES + PATTERNS, ids=lambda p: p.name)
def test_unchanged_models_round_trip_byte_for_byte(path: Path, tmp_path: Path) -> None:
    target = tmp_path / path.name
    target.write_bytes(path.read_bytes())
    archkit.save(archkit.load(target))
    assert target.read_bytes() == path.read_bytes()


def test_examples_exist() -> None:
    assert len(EXAMPLES) >= 2
    assert len(PATTERNS) == 4


def test_change_keeps_comments_and_order(tmp_path: Path) -> None:
    path = tmp_path / "m.yaml"
    path.write_text(COMMENTED)
    arch = archkit.load(path)
    arch.requirements.peak_rps = 400
    arch.update_component("api", replicas=3)
    archkit.save(arch)
    text = path.read_text()
    for comment in ("# Top comment", "# trailing comment", "# at launch", "# the API everyone calls", "# two for"):
        assert comment in text
    assert "peak_rps: 400" in text
    assert "replicas: 3" in text
    assert text.index("name:") < text.index("requirements:") < text.index("components:") < text.index("links:")
    again = archkit.load(path)
    assert again.requirements.peak_rps == 400
    assert again.component("api").replicas == 3
    # untouched flow-style lines are written as they were
    assert "  - {id: db, kind: database, tech: postgresql}\n" in text
    assert "calls: 2}" in text


def test_builder_changes_are_saved_and_reload(tmp_path: Path) -> None:
    path = tmp_path / "m.yaml"
    path.write_text(COMMENTED)
    arch = archkit.load(path)
    arch.add_component("cache", "cache", tech="redis", hit_ratio=0.9)
    arch.connect("api", "cache", protocol="redis", calls=2)
    arch.remove("db")
    archkit.save(arch)
    text = path.read_text()
    assert "# the API everyone calls" in text
    assert "calls: 2}" in text and "calls: 2.0" not in text  # flow style, like the links around it
    again = archkit.load(path)
    assert again.ids() == ["api", "cache"]
    assert [lk.key for lk in again.links] == ["api->cache"]


def test_new_model_saved_to_new_path(tmp_path: Path) -> None:
    arch = archkit.Architecture(name="Fresh")
    arch.add_component("web", "client")
    arch.add_component("api", "service", replicas=2)
    arch.connect("web", "api", protocol="https")
    path = archkit.save(arch, tmp_path / "fresh.yaml")
    again = archkit.load(path)
    assert again.name == "Fresh" and again.component("api").replicas == 2


def test_save_without_path_for_unsaved_model_is_an_error() -> None:
    with pytest.raises(ModelError, match="needs a path"):
        archkit.save(archkit.Architecture(name="x"))


def test_interrupted_save_leaves_the_old_file(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    path = tmp_path / "m.yaml"
    path.write_text(COMMENTED)
    arch = archkit.load(path)
    arch.requirements.peak_rps = 999

    def crash(src: str, dst: str) -> None:
        raise OSError("disk full")

    monkeypatch.setattr(model_io.os, "replace", crash)
    with pytest.raises(OSError, match="disk full"):
        archkit.save(arch)
    assert path.read_text() == COMMENTED
    assert [p.name for p in tmp_path.iterdir()] == ["m.yaml"]  # no temporary file left behind


def test_save_keeps_file_mode(tmp_path: Path) -> None:
    path = tmp_path / "m.yaml"
    path.write_text(COMMENTED)
    os.chmod(path, 0o600)
    arch = archkit.load(path)
    arch.requirements.peak_rps = 5
    archkit.save(arch)
    assert path.stat().st_mode & 0o777 == 0o600


def test_built_model_writes_version_first(tmp_path: Path) -> None:
    arch = archkit.Architecture(name="Fresh")
    path = archkit.save(arch, tmp_path / "fresh.yaml")
    assert path.read_text().splitlines()[:2] == ["archkit: 1", "name: Fresh"]


def _changed_lines(before: str, after: str) -> tuple[list[str], list[str]]:
    import difflib

    diff = list(difflib.ndiff(before.splitlines(), after.splitlines()))
    return [d[2:] for d in diff if d.startswith("- ")], [d[2:] for d in diff if d.startswith("+ ")]


def test_adding_to_the_example_changes_only_the_added_lines(example_copy: Path) -> None:
    before = example_copy.read_text()
    arch = archkit.load(example_copy)
    arch.add_component("search", "search", tech="elasticsearch", replicas=3, boundary="data")
    arch.connect("feed-service", "search", protocol="https")
    archkit.save(arch)
    removed, added = _changed_lines(before, example_copy.read_text())
    assert removed == []  # every comment, blank line and section divider is still there
    assert added == [
        "  - id: search",
        "    kind: search",
        "    tech: elasticsearch",
        "    boundary: data",
        "    replicas: 3",
        "  - {from: feed-service, to: search, protocol: https}",  # the style of the links above it
    ]


def test_removing_from_the_example_removes_only_its_lines(example_copy: Path) -> None:
    before = example_copy.read_text()
    arch = archkit.load(example_copy)
    arch.remove("media-service")
    archkit.save(arch)
    after = example_copy.read_text()
    removed, added = _changed_lines(before, after)
    assert all("media-service" in line or not line.lstrip().startswith("#") for line in removed)
    assert added == ["      served_by: [media-store, cdn]"]
    assert (
        "  # ---- gateway: how it reaches each service (protocol, TLS, timeouts); how often is its operations' business"
        in after
    )
    assert archkit.load(example_copy).ids() == [c.id for c in arch.components]
