"""Edits keep comments by identity, not position (issue 17).

Random sequences of form edits — add, update, clear and restore a field, connect, disconnect,
partial requirement updates, removals, and attempts to add what already exists — run over the
annotated examples. After every step:

- every comment whose entry still exists is still attached to that entry and key (the same id or
  link, the same field), and no comment appears that was not there;
- the file still validates;
- a refused edit leaves the bytes as they were.

And undoing a sequence of reversible edits (in reverse order) gives back the original bytes.
"""

from __future__ import annotations

import random
import re
import shutil
from collections.abc import Callable
from pathlib import Path
from typing import Any

import pytest

import archkit
from archkit.model import ModelError, yaml_reader
from archkit.workbook import edits

ROOT = Path(__file__).resolve().parents[2]
ANNOTATED = {p.stem: p for p in sorted((ROOT / "examples").glob("*.yaml"))}
SEGMENT = re.compile(r"([^.\[\]]+)|\[(\d+)\]")
INLINE = re.compile(r"\s#\s?.*$")


# --------------------------------------------------------------------------- comment owners
def _identity(item: Any, index: int) -> Any:
    """What an entry is, whatever its position: its id, a link's ends, a step's target, a value."""
    if isinstance(item, dict):
        if "id" in item:
            return item["id"]
        if "from" in item and "to" in item:
            return f"{item['from']}->{item['to']}:{item.get('protocol')}"
        if "to" in item:
            return f"step->{item['to']}.{item.get('op')}"
        if "name" in item:
            return f"name={item['name']}"
        return f"#{index}"
    return repr(item)


def _identity_path(data: Any, path: str) -> str:
    out, node = [], data
    for key, index in SEGMENT.findall(path):
        if key:
            out.append(key)
            node = node[key] if isinstance(node, dict) else None
        else:
            i = int(index)
            out.append(f"[{_identity(node[i], i)}]")
            node = node[i]
    return ".".join(out)


def comment_owners(text: str) -> set[tuple[str, frozenset[str]]]:
    """(comment, what it is about): an end-of-line comment belongs to the entries on its line, a
    comment line to the entries on the next line with any (the end of the file: "END")."""
    data, lines = yaml_reader.read(text, "m.yaml")
    on_line: dict[int, set[str]] = {}
    for path, line in lines.items():
        if path:
            on_line.setdefault(line, set()).add(_identity_path(data, path))
    rows = text.splitlines()
    owners = set()
    for number, row in enumerate(rows, start=1):
        stripped = row.strip()
        if stripped.startswith("#"):
            after = next((n for n in range(number + 1, len(rows) + 1) if n in on_line), None)
            owner = frozenset(on_line[after]) if after else frozenset({"END"})
            owners.add((stripped, owner))
        elif (found := INLINE.search(row)) and number in on_line:
            owners.add((found.group().strip(), frozenset(on_line[number])))
    return owners


def _paths(text: str) -> set[str]:
    data, lines = yaml_reader.read(text, "m.yaml")
    return {_identity_path(data, path) for path in lines if path} | {"END"}


def assert_comments_kept(before: str, after: str) -> None:
    still = _paths(after)
    was, now = comment_owners(before), comment_owners(after)
    lost = sorted((comment, sorted(owner)) for comment, owner in was - now if owner <= still)
    assert not lost, f"comments no longer on their entry: {lost[:5]}"
    texts_before = {comment for comment, _ in was}
    written = {comment for comment, _ in now} - texts_before
    # the one comment an edit writes: a cleared field, kept in place until it is restored
    assert all(c.startswith("# (cleared) ") for c in written), f"an edit wrote a comment nobody wrote: {written}"


# --------------------------------------------------------------------------- the edits
Undo = Callable[[], Any]


def _clear_restore_field(path: Path, arch: archkit.Architecture, rng: random.Random) -> Undo:
    candidates = [
        (c.id, field)
        for c in arch.components
        for field in ("description", "timeout_ms", "owner", "tech", "replicas", "size")
        if field in c.model_fields_set and "\n" not in str(getattr(c, field))
    ]  # a folded (multi-line) description comes back as one line: known, and not what this tests
    cid, field = rng.choice(candidates)
    value = getattr(arch.component(cid), field)
    edits.update_component(path, cid, **{field: None})
    return lambda: edits.update_component(path, cid, **{field: value})


def _change_field(path: Path, arch: archkit.Architecture, rng: random.Random) -> Undo:
    c = rng.choice([c for c in arch.components if c.kind != "client"])
    old = c.replicas if "replicas" in c.model_fields_set else None
    edits.update_component(path, c.id, replicas=rng.choice([n for n in range(2, 10) if n != c.replicas]))
    return lambda: edits.update_component(path, c.id, replicas=old)


def _add_component(path: Path, arch: archkit.Architecture, rng: random.Random) -> Undo:
    new = rng.choice([i for i in ("audit-svc", "search-svc", "billing-svc") if not arch.has(i)])
    edits.add_component(path, new, rng.choice(["service", "worker", "cache"]), owner="platform")
    return lambda: edits.remove_component(path, new)


def _connect(path: Path, arch: archkit.Architecture, rng: random.Random) -> Undo:
    linked = {(link.source, link.target) for link in arch.links}
    callers = [c.id for c in arch.components if c.kind in ("service", "worker")]
    stores = [c.id for c in arch.components if c.kind in ("database", "cache", "queue", "object_store")]
    pairs = [(a, b) for a in callers for b in stores if (a, b) not in linked]
    a, b = rng.choice(pairs)
    edits.connect(path, a, b, protocol="grpc", timeout_ms=200)
    return lambda: edits.disconnect(path, a, b)


def _requirement(path: Path, arch: archkit.Architecture, rng: random.Random) -> Undo:
    r = arch.requirements
    field = rng.choice(["peak_rps", "latency_p99_ms", "budget_usd_per_month"])
    old = getattr(r, field) if field in r.model_fields_set else None
    edits.set_requirements(path, {field: rng.choice([250.0, 1500.0, 9000.0])})
    return lambda: edits.set_requirements(path, {field: old})


REVERSIBLE = [_clear_restore_field, _change_field, _add_component, _connect, _requirement]


def _refused(path: Path, arch: archkit.Architecture, rng: random.Random) -> None:
    """Adding what exists is refused and writes nothing."""
    before = path.read_bytes()
    link = rng.choice(arch.links)
    attempts = [
        lambda: edits.connect(path, link.source, link.target, protocol=link.protocol),
        lambda: edits.add_component(path, arch.components[-1].id, "service"),
    ]
    with pytest.raises(ModelError):
        rng.choice(attempts)()
    assert path.read_bytes() == before


def _remove(path: Path, arch: archkit.Architecture, rng: random.Random) -> None:
    victim = rng.choice([c.id for c in arch.components if c.kind != "client"])
    edits.remove_component(path, victim)


def _step(path: Path, step: Callable[..., Any], rng: random.Random) -> Any:
    before = path.read_text(encoding="utf-8")
    result = step(path, archkit.load(path), rng)
    after = path.read_text(encoding="utf-8")
    archkit.loads(after, str(path))  # still valid, cross-references included
    assert_comments_kept(before, after)
    return result


SEEDS = range(3)  # each seed is one reproducible random sequence per example


@pytest.mark.parametrize("seed", SEEDS)
@pytest.mark.parametrize("name", sorted(ANNOTATED))
def test_reversible_edits_keep_comments_and_undo_to_the_same_bytes(name: str, seed: int, tmp_path: Path) -> None:
    rng = random.Random(f"{name}/{seed}")
    path = tmp_path / f"{name}.yaml"
    shutil.copyfile(ANNOTATED[name], path)
    original = path.read_text(encoding="utf-8")
    undos = []
    for step in rng.choices(REVERSIBLE, k=4):
        undos.append(_step(path, step, rng))
        _step(path, _refused, rng)
    for undo in reversed(undos):
        undo()
    assert path.read_text(encoding="utf-8") == original


@pytest.mark.parametrize("seed", SEEDS)
@pytest.mark.parametrize("name", sorted(ANNOTATED))
def test_removals_among_edits_keep_every_other_comment_in_place(name: str, seed: int, tmp_path: Path) -> None:
    rng = random.Random(f"{name}/removals/{seed}")
    path = tmp_path / f"{name}.yaml"
    shutil.copyfile(ANNOTATED[name], path)
    for step in [_remove, *rng.choices([*REVERSIBLE, _remove], k=3)]:
        _step(path, step, rng)


def test_the_issue_sequence_moves_no_comment(tmp_path: Path) -> None:
    """Connect feed-service -> feed-cache twice, then remove feed-cache (issue 17's report)."""
    path = tmp_path / "social.yaml"
    shutil.copyfile(ANNOTATED["social-sharing"], path)
    before = path.read_text(encoding="utf-8")
    with pytest.raises(ModelError, match="already exists"):
        edits.connect(path, "feed-service", "feed-cache")
    edits.remove_component(path, "feed-cache")
    after = path.read_text(encoding="utf-8")
    assert_comments_kept(before, after)
    assert "  # ---- read path\n" in after  # the section's header stays with the section
    assert "# a follow is a write plus a count read" in after.split("to: follows-db", 1)[1].split("- from", 1)[0]
