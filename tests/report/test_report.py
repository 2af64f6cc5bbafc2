"""The design document: files, sections in both formats, escaping, decisions, determinism, CLI."""

from __future__ import annotations

import dataclasses
import datetime as dt
import re
from pathlib import Path
from types import SimpleNamespace

import pytest

import archkit
from archkit.report import report
from archkit.rules.finding import Finding, Review
from tests.conftest import EXAMPLES, MINIMAL_MODEL
from tests.report.helpers import HOSTILE_MODEL, external_references, html_headings, md_headings

DATE = dt.date(2026, 1, 15)
SECTIONS = [
    "Summary",
    "Requirements",
    "Architecture",
    "Review findings",
    "Capacity, latency and availability",
    "Cost",
    "LLM critique",
    "Decisions",
    "Open questions",
]


def finding(rule: str, severity: str, category: str, message: str, *, waived: bool = False, comps=("api",)) -> Finding:
    return Finding(
        rule=rule,
        name=rule.lower(),
        severity=severity,  # type: ignore[arg-type]
        category=category,
        components=tuple(comps),
        links=(),
        message=message,
        fix=f"fix {rule}",
        waived=waived,
    )


REVIEW = Review(
    [
        finding("SEC001", "high", "security", "db <unencrypted> | bad", waived=True, comps=("db",)),
        finding("REL002", "critical", "reliability", "api is a single replica"),
        finding("PERF001", "medium", "performance", "api has no timeout"),
        finding("SEC002", "low", "security", "api accepts <script>alert(1)</script>"),
    ]
)


def write(tmp_path: Path, text: str, **kwargs) -> dict[str, Path]:
    arch = archkit.loads(text, "model.yaml")
    files = report(arch, tmp_path / "out", date=DATE, diagrams=False, **kwargs)
    return {p.relative_to(tmp_path / "out").as_posix(): p for p in files}


@pytest.fixture(scope="module")
def hostile(tmp_path_factory: pytest.TempPathFactory) -> dict[str, Path]:
    return write(tmp_path_factory.mktemp("hostile"), HOSTILE_MODEL, review=REVIEW)


def test_files_written_for_minimal_model(tmp_path: Path) -> None:
    files = write(tmp_path, MINIMAL_MODEL)
    charts = [f"minimal-design-files/chart-{name}.svg" for name in ("availability", "latency", "utilization")]
    assert sorted(files) == [*charts, "minimal-design.html", "minimal-design.md"]
    md = files["minimal-design.md"].read_text()
    assert "![Utilization of each component at peak](minimal-design-files/chart-utilization.svg)" in md
    assert files[charts[0]].read_text().startswith("<svg")
    html = files["minimal-design.html"].read_text()
    assert html.startswith("<!DOCTYPE html>")
    assert "Generated on:</dt><dd>2026-01-15" in html


def test_formats_select_files_and_reject_unknown(tmp_path: Path) -> None:
    arch = archkit.loads(MINIMAL_MODEL, "m.yaml")
    only_md = report(arch, tmp_path, ("md",), date=DATE, diagrams=False)
    assert [p.name for p in only_md if p.suffix == ".md"] == ["minimal-design.md"]
    only_html = report(arch, tmp_path / "h", ("html",), date=DATE, diagrams=False)
    assert [p.name for p in only_html] == ["minimal-design.html"]  # pictures are inside the page
    with pytest.raises(ValueError, match="unknown report format 'pdf'; choose from: html, md"):
        report(arch, tmp_path, ("pdf",), date=DATE)


def test_both_formats_have_the_same_headings(hostile: dict[str, Path]) -> None:
    html = html_headings(hostile["evil-script-alert-name-script-quoted-piped-design.html"].read_text())
    md = md_headings(hostile["evil-script-alert-name-script-quoted-piped-design.md"].read_text())
    assert html == md
    assert [text for level, text in md if level == 2] == ["Contents", *SECTIONS]
    assert (3, "Reliability") in md and (3, "Security") in md and (3, "Waivers") in md
    assert (3, "ADR-001: Use <Postgres> | not `Mongo`") in md


def test_minimal_model_reads_sensibly(tmp_path: Path) -> None:
    md = write(tmp_path, MINIMAL_MODEL, review=Review([]))["minimal-design.md"].read_text()
    assert [t for lvl, t in md_headings(md) if lvl == 2] == ["Contents", *SECTIONS]
    for text in [
        "No targets declared",
        "No functional requirements declared",
        "No findings: the review raised nothing that is not waived (0 waived).",
        "No waivers declared.",
        "No decisions recorded in the model.",
        "No open questions recorded.",
        "No trust boundaries declared.",
    ]:
        assert text in md, text
    assert (
        "No findings"
        not in write(tmp_path / "h", HOSTILE_MODEL, review=REVIEW)[
            "evil-script-alert-name-script-quoted-piped-design.md"
        ].read_text()
    )


def test_user_text_is_escaped_in_html(hostile: dict[str, Path]) -> None:
    html = hostile["evil-script-alert-name-script-quoted-piped-design.html"].read_text()
    assert "<script" not in html.lower()
    assert "<img src=x" not in html and "<b>now" not in html and "<Postgres>" not in html
    assert "Evil &lt;script&gt;alert(&#x27;name&#x27;)&lt;/script&gt; &amp; &quot;quoted&quot;" in html
    assert "Does &lt;img src=x onerror=alert(1)&gt; things" in html
    assert "What about &lt;script&gt;alert(&#x27;q&#x27;)&lt;/script&gt;?" in html
    assert "JSON &lt;/td&gt; over &lt;https&gt;" in html
    assert external_references(html) == []


def test_user_text_is_escaped_in_markdown(hostile: dict[str, Path]) -> None:
    md = hostile["evil-script-alert-name-script-quoted-piped-design.md"].read_text()
    assert "<script" not in md.lower() and "<img" not in md and "<b>" not in md
    assert "Does &lt;img src=x onerror=alert(1)&gt; things with \\`ticks\\` and \\*stars\\* \\| pipes" in md
    # every table row keeps its column count: pipes in user text do not split cells
    components = [line for line in md.splitlines() if line.startswith("| `api` | service | go")]
    assert len(components) == 1
    assert len(re.findall(r"(?<!\\)\|", components[0])) == 8  # 7 columns


def test_traceability_lists_unserved_requirements_and_idle_components(hostile: dict[str, Path]) -> None:
    md = hostile["evil-script-alert-name-script-quoted-piped-design.md"].read_text()
    trace = md.split("### Traceability")[1].split("## Architecture")[0]
    assert "| **FR1** | Pay &lt;b&gt;now&lt;/b&gt; \\| later | `api` |" in trace
    assert "| **FR2** | Nobody serves me | **nobody** |" in trace
    assert "Requirements nobody serves:**\n\n- **FR2** Nobody serves me" in trace
    idle = trace.split("Components serving no requirement:**")[1]
    assert idle.startswith(
        " neither named by one nor on the call path of a component that is.\n\n- `orphan` (worker)\n"
    )
    assert "`db`" not in idle  # api serves FR1 and calls db
    assert "`app`" not in idle  # clients are not expected to serve requirements


def test_findings_grouped_by_category_most_severe_first(hostile: dict[str, Path]) -> None:
    md = hostile["evil-script-alert-name-script-quoted-piped-design.md"].read_text()
    review = md.split("## Review findings")[1].split("## Capacity")[0]
    assert "3 open findings and 1 waived" in review
    assert "| Open findings | 1 | 0 | 1 | 1 | 0 |" in review
    subs = re.findall(r"^### (.*)$", review, re.M)
    assert subs == ["Reliability", "Performance", "Security", "Waivers"]
    security = review.split("### Security")[1].split("### Waivers")[0]
    assert "SEC002" in security and "SEC001" not in security  # the waived one is listed under Waivers
    assert "api accepts &lt;script&gt;alert(1)&lt;/script&gt;" in security


def test_a_crashed_rule_is_flagged_and_a_clean_review_is_not(tmp_path: Path) -> None:
    crash = dataclasses.replace(
        finding("PERF002", "high", "model", "rule PERF002 crashed: KeyError: 'x'"), source="error"
    )
    text = write(tmp_path, MINIMAL_MODEL, review=Review([crash]))["minimal-design.md"].read_text()
    assert "> **Warning:** 1 rule crashed on this model (PERF002), so the review is incomplete" in text
    clean = write(tmp_path / "clean", MINIMAL_MODEL, review=REVIEW)["minimal-design.md"].read_text()
    assert "crashed" not in clean


def test_waivers_show_expiry_against_the_generated_on_date(hostile: dict[str, Path]) -> None:
    md = hostile["evil-script-alert-name-script-quoted-piped-design.md"].read_text()
    waivers = md.split("### Waivers")[1].split("## Capacity")[0]
    assert '| `SEC001` | db | Accepted &lt;risk&gt; | Team "A" | 2026-01-31 | active, 16 days left |' in waivers
    assert "| `REL001` | all components | Old waiver | ops | 2025-01-01 | **expired** |" in waivers
    assert "db &lt;unencrypted&gt; \\| bad *accepted in ADR-001*" in waivers


def test_summary_top_risks_exclude_waived_findings(hostile: dict[str, Path]) -> None:
    md = hostile["evil-script-alert-name-script-quoted-piped-design.md"].read_text()
    summary = md.split("## Summary")[1].split("## Requirements")[0]
    risks = [line for line in summary.splitlines() if line.startswith("- ")]
    assert risks == [
        "- **critical** `REL002` api is a single replica",
        "- medium `PERF001` api has no timeout",
        "- low `SEC002` api accepts &lt;script&gt;alert(1)&lt;/script&gt;",
    ]
    assert "| Open findings | **3** | 1 critical or high — **act before release** |" in summary


def test_decisions_are_written_in_madr_layout(hostile: dict[str, Path]) -> None:
    assert "decisions/0001-use-postgres-not-mongo.md" in hostile
    adr = hostile["decisions/0001-use-postgres-not-mongo.md"].read_text()
    lines = adr.splitlines()
    assert lines[0] == "# 0001. Use &lt;Postgres&gt; \\| not \\`Mongo\\`"
    assert lines[2:6] == ["* Status: accepted", "* Deciders: alice, bob", "* Date: 2025-05-01", "* Id: ADR-001"]
    headings = [line for line in lines if line.startswith("#")]
    assert headings == [
        lines[0],
        "## Context and Problem Statement",
        "## Considered Options",
        "## Decision Outcome",
        "### Consequences",
        "## Accepted Findings",
    ]
    assert "* Mongo &lt;cheap&gt;" in lines
    assert "* `SEC001`" in adr and "  * db &lt;unencrypted&gt; \\| bad" in adr
    second = hostile["decisions/0002-keep-one-region.md"].read_text()
    assert "* Status: superseded (superseded by [ADR-001](0001-use-postgres-not-mongo.md))" in second
    assert "## Accepted Findings" not in second  # it accepts nothing
    md = hostile["evil-script-alert-name-script-quoted-piped-design.md"].read_text()
    assert "[**ADR-001**](decisions/0001-use-postgres-not-mongo.md)" in md


def test_output_is_deterministic(tmp_path: Path) -> None:
    first = write(tmp_path / "a", HOSTILE_MODEL, review=REVIEW)
    second = write(tmp_path / "b", HOSTILE_MODEL, review=REVIEW)
    assert sorted(first) == sorted(second)
    for name in first:
        assert first[name].read_bytes() == second[name].read_bytes(), name


def test_generated_on_follows_source_date_epoch(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("SOURCE_DATE_EPOCH", "1700000000")  # 2023-11-14
    arch = archkit.loads(MINIMAL_MODEL, "m.yaml")
    (md,) = [p for p in report(arch, tmp_path, ("md",), diagrams=False) if p.suffix == ".md"]
    assert "**Generated on:** 2023-11-14" in md.read_text()


def test_critique_is_labelled_and_its_questions_join_open_questions(tmp_path: Path) -> None:
    from archkit.critique import Critique, Dropped, Point, Usage

    point = Point(
        "high", "performance", ("api", "app->api"), "Hot <key> in the feed", "Shard it | later", restates="SEC002"
    )
    fake = Critique(
        system="Evil",
        model="claude-test",
        prompt_version="1",
        points=[Point("low", "cost", (), "Cheap enough", "Nothing"), point],
        questions=["Who owns <db>?"],
        dropped=[Dropped("Ghost component", ("ghost",), "cites no part of the model")],
        usage=Usage(100, 50, 0.001, "2025-06-01"),
    )
    files = write(tmp_path, HOSTILE_MODEL, review=REVIEW, critique=fake)
    md = files["evil-script-alert-name-script-quoted-piped-design.md"].read_text()
    critique = md.split("## LLM critique")[1].split("## Decisions")[0]
    assert critique.lstrip().startswith(
        "> **LLM-generated:** The points below were written by the language model claude-test"
    )
    rows = [line for line in critique.splitlines() if line.startswith("| **high**") or line.startswith("| low")]
    assert rows == [
        "| **high** | performance | `api`, `app->api` | Hot &lt;key&gt; in the feed *agrees with SEC002* | Shard it \\| later |",
        "| low | cost | — | Cheap enough | Nothing |",
    ]
    assert (
        "**Dropped (1): points that could not be grounded in the model**\n\n- Ghost component *(cites no part of the model)*"
        in critique
    )
    questions = md.split("## Open questions")[1]
    assert "- What about &lt;script&gt;alert('q')&lt;/script&gt;?" in questions
    assert "Raised by the LLM critique (LLM-generated)**\n\n- Who owns &lt;db&gt;?" in questions
    html = files["evil-script-alert-name-script-quoted-piped-design.html"].read_text()
    assert '<div class="note note-llm"><span class="label">LLM-generated:</span>' in html
    assert "Hot &lt;key&gt; in the feed" in html
    without = write(tmp_path / "none", HOSTILE_MODEL, review=REVIEW)
    text = without["evil-script-alert-name-script-quoted-piped-design.md"].read_text()
    assert (
        "> **Not available:** No LLM critique was requested for this report. Add one with `archkit report FILE --critique`"
        in text
    )
    assert "Raised by the LLM critique" not in text and "LLM-generated:" not in text


@pytest.mark.parametrize("model", EXAMPLES, ids=[p.stem for p in EXAMPLES])
def test_examples_report_without_error_in_both_formats(model: Path, tmp_path: Path) -> None:
    arch = archkit.load(model)
    files = report(arch, tmp_path, date=DATE, diagrams=False)
    html = next(p for p in files if p.suffix == ".html").read_text()
    md = next(p for p in files if p.suffix == ".md" and p.parent == tmp_path).read_text()
    assert html_headings(html) == md_headings(md)
    assert len([p for p in files if p.parent.name == "decisions"]) == len(arch.decisions)


# a fake analysis is a dict, not an Analysis: the charts cannot draw it and the report says so
FAKE_CHARTS_FAIL = pytest.mark.filterwarnings("ignore::archkit.report.ReportWarning")
FAKE_ANALYSIS = {
    "components": {
        "api": {
            "rps": 100.0,
            "utilization": 1.2,
            "status": "saturated",
            "replicas": 1,
            "replicas_needed": 2,
            "replicas_needed_n_plus_1": 3,
            "latency_ms": {"mean": None, "p99": None},
            "cost": {
                "compute_usd_per_month": 70.0,
                "storage_usd_per_month": 0.0,
                "usd_per_month": 70.0,
                "source": "estimate",
            },
        },
        "db": {
            "rps": 100.0,
            "utilization": 0.004,
            "status": "ok",
            "replicas": 1,
            "replicas_needed": 1,
            "replicas_needed_n_plus_1": 2,
            "latency_ms": {"mean": 5.0, "p99": 23.0},
            "cost": {
                "compute_usd_per_month": 1000.0,
                "storage_usd_per_month": 40.5,
                "usd_per_month": 1040.5,
                "source": "override",
            },
        },
    },
    "journeys": {
        "app": {
            "latency_ms": {"mean": None, "p99": None},
            "availability": 99.85,
            "downtime_minutes_per_month": 64.8,
            "weakest": ["api", "db"],
            "latency_contributors": [],
        }
    },
    "bottleneck": "api",
    "max_rps": 83.3,
    "cost": {"usd_per_month": 1110.5, "usd_per_month_at_horizon": 1200.0, "horizon_months": 12, "drivers": ["db"]},
    "assumptions": ["Arrivals are Poisson."],
}


@FAKE_CHARTS_FAIL
def test_numbers_against_targets_from_the_analysis(tmp_path: Path) -> None:
    fake = SimpleNamespace(to_dict=lambda: FAKE_ANALYSIS)
    md = write(tmp_path, HOSTILE_MODEL, review=REVIEW, analysis=fake)[
        "evil-script-alert-name-script-quoted-piped-design.md"
    ]
    text = md.read_text()
    assert "| Capacity (max rps) | **83.3 rps** | 0.8× the peak; bottleneck: api — **saturates at peak** |" in text
    assert "| Worst p99 latency | **saturated** | target 200 ms; app — **misses target** |" in text
    assert "| Worst availability | **99.850%** | target 99.900%; app — **misses target** |" in text
    assert "| Monthly cost | **$1,110** | budget $1,000 — **over budget** |" in text
    assert "| `api` | 100 rps | 120% | **saturated** | 1 | 2 (3) | — |" in text
    assert "| `db` | 100 rps | 0.4% | ok | 1 | 1 (2) | 23.0 ms |" in text
    assert "| `app` | — | **saturated** | **misses target** | — |" in text
    assert "| `app` | 99.850% | 65 min | **misses target** | `api`, `db` |" in text
    assert "*Chart not available: charts are drawn from the analysis itself; only its figures were given.*" in text
    assert "| `db` | database | 1 | medium | $1,000 | $40 | **$1,040** | model |" in text
    assert "Estimated monthly cost: $1,110 against a budget of $1,000 (111% of it): **over budget**" in text
    assert "### Assumptions\n\n- Arrivals are Poisson." in text


@FAKE_CHARTS_FAIL
def test_headline_numbers_pass_when_targets_are_met(tmp_path: Path) -> None:
    data = {
        **FAKE_ANALYSIS,
        "max_rps": 400.0,
        "journeys": {"app": {"latency_ms": {"mean": 20.0, "p99": 150.0}, "availability": 99.95}},
        "cost": {"usd_per_month": 900.0},
    }
    fake = SimpleNamespace(to_dict=lambda: data)
    text = write(tmp_path, HOSTILE_MODEL, review=REVIEW, analysis=fake)[
        "evil-script-alert-name-script-quoted-piped-design.md"
    ].read_text()
    assert "| Capacity (max rps) | **400 rps** | 4.0× the peak; bottleneck: api — enough headroom |" in text
    assert "| Worst p99 latency | **150 ms** | target 200 ms; app — meets target |" in text
    assert "| Worst availability | **99.950%** | target 99.900%; app — meets target |" in text
    assert "| Monthly cost | **$900** | budget $1,000 — within budget |" in text


def test_a_full_report_with_diagrams_and_charts_is_byte_for_byte_repeatable(tmp_path: Path) -> None:
    arch = archkit.load(EXAMPLES[0])
    first = report(arch, tmp_path / "a", date=DATE)
    second = report(arch, tmp_path / "b", date=DATE)
    assert [p.relative_to(tmp_path / "a") for p in first] == [p.relative_to(tmp_path / "b") for p in second]
    assert any(p.name.startswith("diagram-") for p in first) and any(p.name.startswith("chart-") for p in first)
    for a, b in zip(first, second, strict=True):
        assert a.read_bytes() == b.read_bytes(), a.name


@FAKE_CHARTS_FAIL
def test_utilization_chart_is_left_out_past_forty_bars(tmp_path: Path) -> None:
    many = {f"s{i}": {"rps": 1.0, "utilization": 0.5, "status": "ok"} for i in range(41)}
    fake = SimpleNamespace(to_dict=lambda: {**FAKE_ANALYSIS, "components": many})
    text = write(tmp_path, HOSTILE_MODEL, review=REVIEW, analysis=fake)[
        "evil-script-alert-name-script-quoted-piped-design.md"
    ].read_text()
    assert (
        "*Chart not available: 41 capacity-limited components are too many bars to read; the table lists each one.*"
        in text
    )
    fewer = SimpleNamespace(to_dict=lambda: {**FAKE_ANALYSIS, "components": dict(list(many.items())[:40])})
    text = write(tmp_path / "b", HOSTILE_MODEL, review=REVIEW, analysis=fewer)[
        "evil-script-alert-name-script-quoted-piped-design.md"
    ].read_text()
    assert "too many bars" not in text


def test_traceability_when_everything_is_served(tmp_path: Path) -> None:
    model = MINIMAL_MODEL.replace(
        "components:", "requirements:\n  functional:\n    - {id: FR1, text: Do it, served_by: [api]}\ncomponents:"
    )
    text = write(tmp_path, model, review=Review([]))["minimal-design.md"].read_text()
    trace = text.split("### Traceability")[1].split("## Architecture")[0]
    assert "Every functional requirement is served by at least one component." in trace
    assert "Every component (clients aside) serves a requirement" in trace
    assert "nobody serves" not in trace and "serving no requirement" not in trace


def test_rerun_removes_pictures_and_decisions_it_no_longer_writes(tmp_path: Path) -> None:
    out = tmp_path / "out"
    arch = archkit.loads(HOSTILE_MODEL, "m.yaml")
    report(arch, out, date=DATE, diagrams=False, review=REVIEW)
    decisions = out / "decisions"
    assert sorted(p.name for p in decisions.iterdir()) == ["0001-use-postgres-not-mongo.md", "0002-keep-one-region.md"]
    mine = decisions / "0003-hand-written.md"
    mine.write_text("# 0003. Written by a person\\n")  # not generated: never touched
    other = decisions / "0009-other-system.md"
    other.write_text("x\\n\\n*Generated by archkit from the model of Other; edit the model, not this file.*\\n")
    stale_chart = out / "evil-script-alert-name-script-quoted-piped-design-files" / "chart-old.svg"
    stale_chart.write_text("<svg/>")
    arch.decisions = arch.decisions[1:]  # ADR-001 removed: ADR-002 becomes 0001
    written = report(arch, out, date=DATE, diagrams=False, review=REVIEW)
    assert sorted(p.name for p in decisions.iterdir()) == [
        "0001-keep-one-region.md",
        "0003-hand-written.md",
        "0009-other-system.md",
    ]
    assert not stale_chart.exists()
    assert all(p.exists() for p in written)
    report(arch, out, ("html",), date=DATE, diagrams=False, review=REVIEW)  # html only: Markdown files kept
    assert (decisions / "0001-keep-one-region.md").exists()


def test_an_empty_model_gives_a_sensible_report_without_warnings(tmp_path: Path) -> None:
    import warnings

    arch = archkit.loads("archkit: 1\nname: Empty\n", "empty.yaml")
    with warnings.catch_warnings():
        warnings.simplefilter("error")  # nothing is missing, so nothing to warn about
        files = report(arch, tmp_path, date=DATE)
    assert sorted(p.name for p in files) == ["empty-design.html", "empty-design.md"]  # no empty charts
    md = files[1].read_text()
    assert [t for lvl, t in md_headings(md) if lvl == 2] == ["Contents", *SECTIONS]
    assert "0 components, 0 links, 0 trust boundaries, 0 decisions." in md
    assert "> **Not available:** Nothing to draw: the model has no components yet." in md
    assert "The model has no components yet." in md and "No client journeys: the model has no clients." in md
    assert "Figures at the client rates declared in the model (no peak load declared)" in md


def test_paragraphs_in_user_text_are_kept(tmp_path: Path) -> None:
    model = HOSTILE_MODEL.replace('context: "We need <transactions>."', 'context: "First <para>.\\n\\nSecond para."')
    files = write(tmp_path, model, review=REVIEW)
    adr = files["decisions/0001-use-postgres-not-mongo.md"].read_text()
    assert "## Context and Problem Statement\n\nFirst &lt;para&gt;.\n\nSecond para.\n\n## Considered Options" in adr
    html = files["evil-script-alert-name-script-quoted-piped-design.html"].read_text()
    assert "<p><strong>Context. </strong>First &lt;para&gt;.</p>\n<p>Second para.</p>" in html


def test_backticks_in_rule_text_become_code_and_stay_escaped(tmp_path: Path) -> None:
    f = dataclasses.replace(finding("SEC003", "high", "security", "api sets `auth: <none>`"), fix="Set `auth` on it")
    files = write(tmp_path, MINIMAL_MODEL, review=Review([f]))
    md = files["minimal-design.md"].read_text()
    # inside a Markdown code span text is literal, so the angle brackets stay as they are (and stay inert)
    assert "| **high** | `SEC003` | `api` | api sets `auth: <none>` | Set `auth` on it |" in md
    html = files["minimal-design.html"].read_text()
    assert "api sets <code>auth: &lt;none&gt;</code></td><td>Set <code>auth</code> on it</td>" in html


def test_headroom_is_against_the_traffic_the_analysis_sent(tmp_path: Path) -> None:
    """peak_rps raised to 1,500 but the clients still send 800 + 400: the report says so and
    computes the headroom against 1,200 (issue 17's "editing peak_rps changes nothing")."""
    text = (Path(__file__).resolve().parents[2] / "examples" / "social-sharing.yaml").read_text(encoding="utf-8")
    model = archkit.loads(text.replace("peak_rps: 1200 ", "peak_rps: 1500 "), "social-sharing.yaml")
    assert model.requirements.peak_rps == 1500
    md = next(p for p in report(model, tmp_path, ("md",), date=DATE, diagrams=False) if p.suffix == ".md")
    body = md.read_text(encoding="utf-8")
    analysis = archkit.analyze(model)
    headroom = analysis.max_rps / 1200
    assert "requirements.peak\\_rps says 1,500 rps" in body or "requirements.peak_rps says 1,500 rps" in body
    assert f"{headroom:.1f}× the peak" in body
    review = archkit.check(model)
    assert any(f.rule == "MODEL007" for f in review.findings)


def test_cost_table_says_how_each_component_is_priced_and_on_what_traffic(tmp_path: Path) -> None:
    arch = archkit.loads(
        "archkit: 1\nname: t\nrequirements: {peak_rps: 100, peak_to_average: 4}\ncomponents:\n"
        "  - {id: app, kind: client}\n  - {id: api, kind: service, cpu: 0.5, memory_gb: 1}\n"
        "  - {id: kv, kind: cache, hosting: self}\n  - {id: db, kind: database}\n"
        "links:\n  - {from: app, to: api}\n  - {from: api, to: kv}\n  - {from: api, to: db}\n",
        "t.yaml",
    )
    files = report(arch, tmp_path, date=DATE, diagrams=False, formats=("md",))
    text = next(p for p in files if p.suffix == ".md").read_text()
    assert "| Component | Kind | Replicas | Priced as |" in text
    assert "| `api` | service | 1 | pods: 0.5 vCPU, 1 GB |" in text
    assert "| `kv` | cache | 1 | self-hosted, medium (2 vCPU, 8 GB) |" in text
    assert "| `db` | database | 1 | managed, medium |" in text
    assert "paid on average traffic, the peak ÷ 4" in text
    assert "In 12 months" not in text  # no growth declared: nothing to say about the horizon
