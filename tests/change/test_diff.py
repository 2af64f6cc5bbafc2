"""`archkit diff`: what a change to a model does, as a reviewer of a pull request needs it."""

from __future__ import annotations

import json
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

import archkit
from archkit.change import compare
from archkit.change.model_diff import model_changes
from archkit.workbook import edits

ROOT = Path(__file__).resolve().parents[2]
EXAMPLE = ROOT / "examples" / "social-sharing.yaml"


def _archkit(*args: str, cwd: Path | None = None) -> subprocess.CompletedProcess[str]:
    return subprocess.run([sys.executable, "-m", "archkit", *args], capture_output=True, text=True, cwd=cwd or ROOT)


@pytest.fixture
def pair(tmp_path: Path) -> tuple[Path, Path]:
    base, head = tmp_path / "base.yaml", tmp_path / "head.yaml"
    shutil.copyfile(EXAMPLE, base)
    shutil.copyfile(EXAMPLE, head)
    return base, head


def test_dropping_a_replica_and_opening_a_database_to_the_internet_fails_and_says_both(pair) -> None:
    base, head = pair
    edits.update_component(head, "feed-service", replicas=1)
    edits.update_component(head, "posts-db", boundary="internet")
    edits.connect(head, "mobile", "posts-db", protocol="sql")
    done = _archkit("diff", str(base), str(head), "--format", "markdown")
    assert done.returncode == 1, done.stderr
    md = done.stdout
    assert md.startswith("## ❌ archkit:")
    assert "| changed | components `feed-service` | replicas: 4 → 1 |" in md
    assert "| changed | components `posts-db` | boundary: data → internet |" in md
    assert "| 🆕 new | critical | SEC001 | database 'posts-db' is called directly from the public side" in md
    assert "| 🆕 new | high | REL001 |" in md and "service 'feed-service'" in md
    assert "met → **MISSED**" in md  # the read path's availability target is lost
    assert "**Blocks the merge:**" in md


def test_a_cosmetic_change_is_no_architectural_change(pair) -> None:
    base, head = pair
    text = head.read_text(encoding="utf-8")
    text = text.replace("# feed must feel instant on mobile networks", "# reworded comment")
    head.write_text(text, encoding="utf-8")
    edits.update_component(head, "feed-service", description="Serves the home feed (reworded).")
    done = _archkit("diff", str(base), str(head))
    assert done.returncode == 0, done.stdout + done.stderr
    assert done.stdout.splitlines()[0].endswith(": no architectural change")
    data = json.loads(_archkit("diff", str(base), str(head), "--format", "json").stdout)
    assert data["verdict"] == "no architectural change" and data["fails"] == []
    assert [c["field"] for c in data["model"]] == ["description"]  # said in JSON, not counted


def test_a_fix_shows_as_fixed_and_passes(pair) -> None:
    base, head = pair
    edits.update_component(head, "fanout-worker", replicas=2)
    report = compare(archkit.load(base), archkit.load(head))
    assert not report.failing()
    fixed = [(c.finding.rule, c.finding.components) for c in report.fixed_findings]
    assert ("OPS003", ("fanout-worker",)) in fixed  # one part of a many-part finding, matched per component
    assert any(f.name == "max rps" and f.after > f.before for f in report.figures)


def test_every_kind_of_model_change_is_listed(pair) -> None:
    base, head = pair
    edits.add_component(head, "search", "search", replicas=2)
    edits.remove_component(head, "media-store")
    edits.connect(head, "feed-service", "search", protocol="https")
    edits.set_requirements(head, {"latency_p99_ms": 250})
    edits.set_operation(head, "follow-service", {"id": "unfollow", "method": "DELETE", "path": "/follows/{id}"})
    arch = archkit.load(head)
    arch.entities[0].rows = (arch.entities[0].rows or 0) + 1
    changes = {(c.section, c.item, c.change, c.field) for c in model_changes(archkit.load(base), arch)}
    entity = archkit.load(base).entities[0].id
    assert ("components", "search", "added", "") in changes
    assert ("components", "media-store", "removed", "") in changes
    assert ("links", "feed-service->search (https)", "added", "") in changes
    assert ("links", "media-service->media-store (https)", "removed", "") in changes
    assert ("requirements", "", "changed", "latency_p99_ms") in changes
    assert ("operations", "follow-service.unfollow", "added", "") in changes
    assert ("entities", entity, "changed", "rows") in changes


def test_an_api_break_without_a_major_version_fails(pair) -> None:
    base, head = pair
    arch = archkit.load(head)
    gateway = arch.component("gateway")
    gateway.operations = [o for o in gateway.operations if o.id != "follow"]
    gateway.operations[0].share += 0.1  # the follows' share goes to the feed: the shares still sum to 1
    archkit.save(arch)
    report = compare(archkit.load(base), archkit.load(head))
    assert [d.name for d in report.api_breaks] == ["gateway"]
    assert any("breaking API change" in why for why in report.failing())


def test_git_compares_the_working_file_with_a_ref(tmp_path: Path) -> None:
    repo = tmp_path / "repo"
    repo.mkdir()
    model = repo / "models" / "system.yaml"
    model.parent.mkdir()
    shutil.copyfile(EXAMPLE, model)
    git = ["git", "-C", str(repo), "-c", "user.email=a@b.c", "-c", "user.name=t"]
    subprocess.run([*git, "init", "-q"], check=True)
    subprocess.run([*git, "add", "."], check=True)
    subprocess.run([*git, "commit", "-qm", "base"], check=True)
    edits.update_component(model, "posts-db", replicas=1)
    done = _archkit("diff", str(model), "--git", "HEAD", "--format", "text")
    assert done.returncode == 1, done.stderr
    assert done.stdout.startswith("HEAD:system.yaml -> ")
    assert "model: component posts-db: replicas 2 → 1" in done.stdout
    clean = _archkit("diff", str(model), "--git", "HEAD~0", cwd=tmp_path)
    assert "replicas 2 → 1" in clean.stdout  # any ref git understands; the cwd does not matter
    missing = _archkit("diff", str(model), "--git", "no-such-ref")
    assert missing.returncode == 2 and "--git no-such-ref" in missing.stderr


def test_bad_input_exits_2_with_file_and_line(pair) -> None:
    base, head = pair
    head.write_text(head.read_text().replace("peak_rps: 1200", "peak_rps: lots"), encoding="utf-8")
    done = _archkit("diff", str(base), str(head))
    assert done.returncode == 2 and f"{head}:" in done.stderr and "peak_rps" in done.stderr
    assert "Traceback" not in done.stderr
    assert _archkit("diff", str(base)).returncode == 2


def test_the_report_with_a_base_says_what_the_change_does(pair, tmp_path: Path) -> None:
    base, head = pair
    edits.update_component(head, "posts-db", replicas=1)
    out = tmp_path / "report"
    done = _archkit("report", str(head), "--base", str(base), "--out", str(out), "--no-diagrams", "--format", "md")
    assert done.returncode == 0, done.stderr
    text = next(out.glob("*.md")).read_text(encoding="utf-8")
    assert "## Change from the base" in text
    assert text.index("## Change from the base") < text.index("## Requirements")  # right after the summary
    assert "replicas: 2 → 1" in text and "This change makes the design worse" in text
    plain = tmp_path / "plain"
    _archkit("report", str(head), "--out", str(plain), "--no-diagrams", "--format", "md")
    assert "Change from the base" not in next(plain.glob("*.md")).read_text(encoding="utf-8")


def test_the_export_notebook_step_shows_the_change(pair, capsys) -> None:
    from archkit.notebook_steps import show_change

    base, head = pair
    edits.update_component(head, "feed-service", replicas=1)
    assert show_change("", archkit.load(head)) is None
    assert "no base model" in capsys.readouterr().out
    got = show_change(str(base), archkit.load(head))
    assert got is not None and got.component("feed-service").replicas == 4
    shown = capsys.readouterr().out
    assert "## ❌ archkit:" in shown and "replicas: 4 → 1" in shown


def test_a_detached_side_compares_exactly_as_the_whole_one(pair) -> None:
    """`archkit diff` sends the base back from its second process as plain data: same report."""
    import pickle

    from archkit.change import evaluate

    base, head = pair
    edits.update_component(head, "feed-service", replicas=1)
    arch = archkit.load(head)
    arch.component("gateway").operations = [o for o in arch.component("gateway").operations if o.id != "follow"]
    arch.component("gateway").operations[0].share += 0.1
    archkit.save(arch)
    whole_base, whole_head = evaluate(archkit.load(base)), evaluate(archkit.load(head))
    detached = pickle.loads(pickle.dumps(whole_base.detached()))
    assert detached.arch is None
    assert len(pickle.dumps(detached)) < len(pickle.dumps(whole_base))
    expected = compare(whole_base, whole_head).to_dict()
    assert compare(detached, whole_head).to_dict() == expected
    assert expected["model"] and expected["api"]  # the pair has model and API changes to carry
