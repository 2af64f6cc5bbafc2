"""Widget behaviour without a browser: set values, click, assert the file (and that comments survive)."""

from __future__ import annotations

import datetime as dt
import os
import shutil
from pathlib import Path

import pytest

import archkit
from archkit.widgets import ArchitectureEditor, FindingsTable, ModelChooser, RequirementsForm, WhatIfPanel
from tests.conftest import EXAMPLES, ROOT

COMMENT = "# evening peak, all clients; 3x the daily average"


@pytest.fixture
def model(example_copy):
    assert COMMENT in example_copy.read_text()
    return example_copy


# ---------------------------------------------------------------- requirements form
def test_save_writes_values_and_keeps_comments(model) -> None:
    form = RequirementsForm(model)
    form.controls["peak_rps"].value = "1500"
    form.controls["availability"].value = "99.99"
    form.controls["compliance"].value = ["gdpr", "pci"]
    form.controls["consistency"].value = "strong"
    form.save_button.click()
    text = model.read_text()
    assert "peak_rps: 1500                  " + COMMENT in text
    assert "availability: 99.99" in text
    assert "# ~22 min/month per journey" in text  # every other comment too
    r = archkit.load(model).requirements
    assert (r.peak_rps, r.availability, r.compliance, r.consistency) == (1500, 99.99, ["gdpr", "pci"], "strong")
    assert "saved social-sharing.yaml" in form.status.value
    assert all(note.value == "" for note in form.messages.values())


def test_unchanged_save_is_byte_for_byte(model) -> None:
    before = model.read_bytes()
    assert RequirementsForm(model).save() is True
    assert model.read_bytes() == before


@pytest.mark.parametrize(
    ("field", "value", "shown"),
    [
        ("peak_rps", "-5", "greater than 0"),
        ("peak_rps", "lots", "valid number"),
        ("availability", "101", "less than or equal to 100"),
        ("data_volume_gb", "-1", "greater than or equal to 0"),
        ("planning_horizon_months", 0, "greater than 0"),
    ],
)
def test_invalid_value_shows_message_and_file_is_unchanged(model, field, value, shown) -> None:
    before = model.read_bytes()
    form = RequirementsForm(model)
    form.controls[field].value = value
    form.save_button.click()
    assert model.read_bytes() == before
    assert shown in form.messages[field].value
    assert "not saved" in form.status.value
    others = [f for f in form.messages if f != field]
    assert all(form.messages[f].value == "" for f in others)


def test_clearing_a_field_removes_it_from_the_file(model) -> None:
    form = RequirementsForm(model)
    form.controls["budget_usd_per_month"].value = ""
    assert form.save() is True
    assert "budget_usd_per_month" not in model.read_text()
    assert archkit.load(model).requirements.budget_usd_per_month is None


def test_functional_list_editor_adds_and_removes(model) -> None:
    form = RequirementsForm(model)
    count = len(form.functional.rows)
    form.functional.add_button.click()
    fid, text, served, _ = form.functional.rows[-1]
    assert fid.value == f"FR{count + 1}"
    text.value = "Admins can suspend an account"
    served.value = ["share-api"]
    first_remove = form.functional.rows[0][3].children[3]
    first_remove.click()
    assert form.save() is True
    functional = archkit.load(model).requirements.functional
    assert len(functional) == count
    assert functional[-1].model_dump() == {
        "id": f"FR{count + 1}",
        "text": "Admins can suspend an account",
        "served_by": ["share-api"],
    }
    assert "FR1" not in [fr.id for fr in functional]


def test_functional_requirement_without_id_is_refused(model) -> None:
    before = model.read_bytes()
    form = RequirementsForm(model)
    form.functional.rows[0][0].value = ""
    assert form.save() is False
    assert "0.id" in form.messages["functional"].value
    assert model.read_bytes() == before


def test_controls_fit_their_fields(model) -> None:
    import ipywidgets as w

    c = RequirementsForm(model).controls
    assert isinstance(c["consistency"], w.Dropdown) and c["consistency"].options[0] == ("not declared", "")
    assert isinstance(c["compliance"], w.TagsInput)
    assert isinstance(c["zero_downtime_deploys"], w.Checkbox)
    assert isinstance(c["planning_horizon_months"], w.IntText)
    assert isinstance(c["availability"], w.Combobox) and "99.95" in c["availability"].options
    assert c["peak_rps"].value == "1200"
    assert c["consistency"].label == "eventual"


def test_undeclared_choices_show_as_not_declared(minimal_model) -> None:
    form = RequirementsForm(minimal_model)
    assert form.controls["consistency"].label == "not declared"  # a None value would show as no selection
    editor = ArchitectureEditor(minimal_model, show_diagram=False)
    editor.component_select.value = "api"
    assert editor.boundary.label == "(none)"
    assert (editor.source.value, editor.target.value) == ("app", "api")


# ---------------------------------------------------------------- component and link editor
def test_editor_adds_updates_and_removes_a_component(model) -> None:
    editor = ArchitectureEditor(model, show_diagram=False)
    editor.cid.value, editor.kind.value, editor.tech.value = "audit-log", "database", "postgresql"
    editor.boundary.value = archkit.load(model).boundaries[-1].id
    editor.replicas.value = 2
    editor.add_button.click()
    arch = archkit.load(model)
    assert arch.component("audit-log").model_dump(exclude_unset=True) == {
        "id": "audit-log",
        "kind": "database",
        "tech": "postgresql",
        "boundary": arch.boundaries[-1].id,
        "replicas": 2,
    }
    assert "audit-log" in editor.component_select.options and "audit-log" in editor.source.options
    editor.component_select.value = "audit-log"
    editor.replicas.value = 3
    editor.update_button.click()
    assert archkit.load(model).component("audit-log").replicas == 3
    editor.remove_button.click()
    assert not archkit.load(model).has("audit-log")
    assert COMMENT in model.read_text()


def test_editor_refuses_a_bad_id_and_leaves_the_file(model) -> None:
    before = model.read_bytes()
    editor = ArchitectureEditor(model, show_diagram=False)
    editor.cid.value = "Audit Log"
    editor.add_button.click()
    assert "not saved" in editor.status.value and "components[" in editor.status.value
    editor.cid.value = "share-api"  # duplicate
    editor.add_button.click()
    assert "duplicate id 'share-api'" in editor.status.value
    assert model.read_bytes() == before


def test_editor_connects_and_disconnects(model) -> None:
    editor = ArchitectureEditor(model, show_diagram=False)
    editor.source.value, editor.target.value = "feed-service", "posts-db"
    editor.protocol.value, editor.calls.value, editor.sync.value = "sql", 0.5, True
    assert not any(lk.key == "feed-service->posts-db" for lk in archkit.load(model).links)
    editor.connect_button.click()
    link = next(lk for lk in archkit.load(model).links if lk.key == "feed-service->posts-db")
    assert (link.protocol, link.calls, link.sync) == ("sql", 0.5, True)
    editor.disconnect_button.click()
    assert not any(lk.key == "feed-service->posts-db" for lk in archkit.load(model).links)
    editor.disconnect_button.click()
    assert "there is no link feed-service-&gt;posts-db" in editor.status.value  # user text is escaped


def test_editor_self_link_is_refused(model) -> None:
    before = model.read_bytes()
    editor = ArchitectureEditor(model, show_diagram=False)
    editor.source.value = editor.target.value = "share-api"
    editor.connect_button.click()
    assert "cannot link to itself" in editor.status.value
    assert model.read_bytes() == before


def test_editor_diagram_refreshes(model) -> None:
    editor = ArchitectureEditor(model)
    first = editor.diagram.value.replace("&#45;", "-")
    editor.cid.value, editor.kind.value = "audit-log", "database"
    editor.add_button.click()
    second = editor.diagram.value.replace("&#45;", "-")
    assert "audit-log" not in first and "audit-log" in second


# ---------------------------------------------------------------- findings table


def test_findings_are_filtered_and_sorted(tmp_path) -> None:
    model = tmp_path / "checkout.yaml"
    shutil.copy(ROOT / "examples" / "checkout.yaml", model)
    table = FindingsTable(model, today=dt.date(2026, 11, 25))
    review = archkit.check(archkit.load(model), today=dt.date(2026, 11, 25))
    assert len(table.finding.options) == sum(not f.waived for f in review.findings)
    assert table.finding.value == 0  # the most severe open finding is preselected, not a blank choice
    table.severity.value = "critical"
    critical = [f for f in review.findings if f.severity == "critical" and not f.waived]
    assert len(table.finding.options) == len(critical)
    table.severity.value = "(all)"
    component = table.component.options[1]
    table.component.value = component
    assert all(component in f.components for f in table.visible())
    rank = ["critical", "high", "medium", "low", "info"]
    severities = [rank.index(f.severity) for f in table.visible()]
    assert severities == sorted(severities)


def test_waive_writes_a_waiver_with_reason_owner_and_expiry(model) -> None:
    table = FindingsTable(model)
    open_before = len(table.visible())
    assert open_before > 0
    target = table.visible()[0]
    table.finding.value = 0
    table.reason.value = "accepted until the Q1 capacity work"
    table.owner.value = "platform team"
    table.expires.value = dt.date(2030, 1, 31)
    table.waive_button.click()
    waiver = archkit.load(model).waivers[-1]
    assert waiver.model_dump() == {
        "rule": target.rule,
        "components": list(target.components),
        "reason": "accepted until the Q1 capacity work",
        "owner": "platform team",
        "expires": dt.date(2030, 1, 31),
    }
    assert len(table.visible()) == open_before - 1
    assert COMMENT in model.read_text()


def test_waive_without_owner_is_refused(model) -> None:
    before = model.read_bytes()
    table = FindingsTable(model)
    table.finding.value = 0
    table.reason.value = "because"
    table.waive_button.click()
    assert "waivers.owner: is required" in table.status.value
    assert model.read_bytes() == before


# ---------------------------------------------------------------- what-if panel


def test_what_if_reruns_the_analysis(model) -> None:
    panel = WhatIfPanel(model, show_diagram=False)
    base = panel.analysis.to_dict()
    panel.traffic.value = 2.0
    doubled = panel.analysis.to_dict()
    assert doubled["components"]["gateway"]["rps"] == pytest.approx(2 * base["components"]["gateway"]["rps"])
    panel.traffic.value = 1.0
    panel.down["gateway"].value = True
    assert panel.scenario()["without"] == ("gateway",)
    assert panel.analysis.to_dict() == archkit.analyze(archkit.load(model), without=("gateway",)).to_dict()
    panel.down["gateway"].value = False
    panel.replicas["fanout-worker"].value = 4
    assert panel.scenario()["replicas"] == {"fanout-worker": 4}
    assert panel.analysis.to_dict()["components"]["fanout-worker"]["utilization"] == pytest.approx(
        base["components"]["fanout-worker"]["utilization"] / 4
    )
    assert archkit.load(model).component("fanout-worker").replicas == 1  # nothing saved


def test_what_if_draws_a_down_component_greyed_and_crossed_not_removed(model) -> None:
    panel = WhatIfPanel(model)
    assert "✕ down" not in panel.diagram.value
    panel.down["push-provider"].value = True
    svg = panel.diagram.value.replace("&#45;", "-")
    assert "<title>push-provider</title>" in svg and "✕ down" in svg  # still there, marked out of service
    assert "max-width:100%" in panel.diagram.value and "full size" in panel.diagram.value


def test_what_if_headline_says_what_changed_and_what_now_misses(model) -> None:
    panel = WhatIfPanel(model, show_diagram=False)
    assert panel.headline.value.startswith("<b>today&#x27;s design at its declared peak</b>")
    panel.down["posts-db"].value = True
    text = panel.headline.value
    assert "<b>what-if: down: posts-db</b>" in text
    assert "operation gateway.read-feed is down: 0% against 99.95% (met before)" in text
    assert "operation gateway.follow" not in text  # follows never touch posts-db: nothing to say
    feed = panel.analysis.operations["gateway.read-feed"]
    assert feed.latency_p99 is None and feed.meets_latency is None  # down: latency does not apply
    panel.down["posts-db"].value = False
    panel.traffic.value = 2.0
    assert "traffic × 2.00 (2,400 rps)" in panel.headline.value
    assert "× this traffic" in panel.headline.value  # headroom against this scenario, not a fixed figure
    assert "—" in panel.tables.value or "%" in panel.tables.value  # the notebooks' formatting
    assert "0.5400001" not in panel.tables.value


# ---------------------------------------------------------------- model chooser
def test_chooser_creates_a_starter_model_in_the_workspace_and_records_it(tmp_path) -> None:
    from archkit.workbook.workspace import chosen_model

    chooser = ModelChooser(tmp_path)
    chooser.create_button.click()
    assert "give the system a name first" in chooser.status.value
    chooser.name.value, chooser.pattern.value = "Order service", "monolith"
    chooser.create_button.click()
    made = tmp_path / "workspace" / "order-service.yaml"
    assert chooser.chosen == made.resolve() and archkit.load(made).name == "Order service"
    assert chosen_model(tmp_path) == made.resolve()  # what every notebook's parameters cell opens


def test_create_on_an_existing_name_asks_before_it_overwrites(tmp_path) -> None:
    chooser = ModelChooser(tmp_path)
    chooser.name.value, chooser.pattern.value = "Order service", "monolith"
    chooser.create_button.click()
    made = tmp_path / "workspace" / "order-service.yaml"
    made.write_text(made.read_text() + "# my edits\n")
    chooser.pattern.value = "microservices"
    chooser.create_button.click()
    assert "already exists" in chooser.status.value and chooser.confirm.layout.display == "flex"
    assert made.read_text().endswith("# my edits\n")  # nothing written yet
    chooser.keep_button.click()
    assert made.read_text().endswith("# my edits\n") and chooser.confirm.layout.display == "none"
    chooser.create_button.click()
    chooser.overwrite_button.click()
    assert "# my edits" not in made.read_text() and "replaced" in chooser.status.value


def test_an_example_is_copied_never_edited_in_place(tmp_path) -> None:
    from archkit.workbook import edits
    from archkit.workbook.workspace import chosen_model

    pristine = EXAMPLES[0].read_bytes()
    assert chosen_model(tmp_path) == tmp_path / "workspace" / "social-sharing.yaml"  # nothing chosen yet
    chooser = ModelChooser(tmp_path)
    copy = chooser.use(EXAMPLES[0])
    assert copy == (tmp_path / "workspace" / EXAMPLES[0].name).resolve() and "copied" in chooser.status.value
    edits.set_requirements(copy, {"peak_rps": 999})
    assert EXAMPLES[0].read_bytes() == pristine
    again = ModelChooser(tmp_path).use(EXAMPLES[0])  # choosing it again keeps the user's edits
    assert again == copy and archkit.load(copy).requirements.peak_rps == 999


def test_a_model_from_another_tool_is_imported_into_the_workspace_and_used(tmp_path) -> None:
    from archkit.workbook.workspace import chosen_model

    fixtures = Path(__file__).resolve().parents[1] / "fixtures"
    chooser = ModelChooser(tmp_path)
    chooser.import_button.click()
    assert "give the path of the file to import first" in chooser.status.value
    chooser.source.value, chooser.tool.value = str(fixtures / "otm-banking-example.json"), "otm"
    chooser.import_button.click()
    made = tmp_path / "workspace" / "otm-banking-example.yaml"
    assert chooser.chosen == made.resolve() and chosen_model(tmp_path) == made.resolve()
    assert len(archkit.load(made).components) == 15
    assert "15 components, 14 links, 3 boundaries, 4 data assets" in chooser.status.value
    assert "33 item(s) not mapped" in chooser.status.value and "threat T-IDOR" in chooser.status.value
    chooser.import_button.click()  # again: a second file, the first (perhaps edited) one kept
    assert (tmp_path / "workspace" / "otm-banking-example-2.yaml").exists() and made.exists()


def test_a_file_that_does_not_import_says_where_and_writes_nothing(tmp_path) -> None:
    fixtures = Path(__file__).resolve().parents[1] / "fixtures"
    chooser = ModelChooser(tmp_path)
    chooser.source.value, chooser.tool.value = str(fixtures / "threagile-example.yaml"), "otm"
    chooser.import_button.click()
    assert "threagile-example.yaml:1: not an OTM file" in chooser.status.value
    chooser.source.value = str(tmp_path / "missing.json")
    chooser.import_button.click()
    assert "missing.json: No such file or directory" in chooser.status.value
    assert chooser.chosen is None and not (tmp_path / "workspace").exists()


# ---------------------------------------------------------------- headless
def test_show_gives_the_form_interactively_and_a_note_headless(model, monkeypatch) -> None:
    monkeypatch.delenv("ARCHKIT_HEADLESS", raising=False)
    assert isinstance(RequirementsForm.show(model), RequirementsForm)
    monkeypatch.setenv("ARCHKIT_HEADLESS", "1")
    note = FindingsTable.show(model)
    assert not isinstance(note, FindingsTable)
    assert note._repr_markdown_().startswith("*[FindingsTable: interactive form; open this notebook in JupyterLab")


# ---------------------------------------------------------------- one source of truth for traffic
TWO_PEAKS = """\
archkit: 1
name: t
requirements:
  peak_rps: 1200   # evening peak
components:
  - {id: app, kind: client, rps: 800}   # two thirds of the traffic
  - {id: web, kind: client, rps: 400}
  - {id: api, kind: service}
links:
  - {from: app, to: api}
  - {from: web, to: api}
"""


def test_a_new_peak_that_the_clients_do_not_send_is_said_next_to_the_field_and_fixed_in_one_click(tmp_path) -> None:
    path = tmp_path / "m.yaml"
    path.write_text(TWO_PEAKS)
    form = RequirementsForm(path)
    assert form.traffic_box.layout.display == "none"  # 800 + 400 = 1200: one number, nothing to say
    form.controls["peak_rps"].value = "1500"
    assert form.save() is True
    assert form.traffic_box.layout.display == "flex" and "clients send 1200" in form.traffic.value
    form.scale_button.click()
    arch = archkit.load(path)
    assert [c.rps for c in arch.clients()] == [1000, 500] and form.traffic_box.layout.display == "none"
    assert "# two thirds of the traffic" in path.read_text()  # the clients' comments stay on them
    assert archkit.analyze(arch).total_rps == 1500  # the analysis now runs at the peak the user set


def test_validate_warns_about_two_peaks_and_still_exits_0(tmp_path) -> None:
    import subprocess
    import sys

    path = tmp_path / "m.yaml"
    path.write_text(TWO_PEAKS.replace("peak_rps: 1200", "peak_rps: 1500"))
    done = subprocess.run(
        [sys.executable, "-m", "archkit", "validate", str(path), "-q"], capture_output=True, text=True
    )
    assert done.returncode == 0 and done.stdout == ""
    assert f"{path}:4: warning: requirements.peak_rps is 1500 but the clients send 1200 rps" in done.stderr
    path.write_text(TWO_PEAKS)
    done = subprocess.run(
        [sys.executable, "-m", "archkit", "validate", str(path), "-q"], capture_output=True, text=True
    )
    assert done.returncode == 0 and done.stderr == ""


def test_the_editor_fixes_what_the_review_asks_of_a_link_and_a_component(model) -> None:
    editor = ArchitectureEditor(model, show_diagram=False)
    editor.source.value, editor.target.value = "fanout-worker", "push-provider"
    assert editor.timeout.value == "5000" and editor.retries.value == "3"  # the link as the file has it
    before = model.read_text()
    editor.timeout.value, editor.retries.value, editor.tls.value = "800", "1", "on"
    editor.update_link_button.click()
    link = next(lk for lk in archkit.load(model).links if lk.key == "fanout-worker->push-provider")
    assert (link.timeout_ms, link.retries, link.tls) == (800, 1, True)
    after = model.read_text()
    assert "# WEAKNESS 3: synchronous, retried, no breaker (see header)" in after  # its comment stays
    import difflib

    changed = [
        line
        for line in difflib.unified_diff(before.splitlines(), after.splitlines(), n=0, lineterm="")
        if line[:1] in "+-" and not line.startswith(("+++", "---"))
    ]
    assert sorted(changed) == sorted(
        ["-    timeout_ms: 5000", "+    timeout_ms: 800", "-    retries: 3", "+    retries: 1", "+    tls: true"]
    ), changed  # timeout, retries and tls: nothing else rewritten
    editor.timeout.value = "soon"
    editor.update_link_button.click()
    assert "not saved: timeout ms: 'soon' is not a number" in editor.status.value
    editor.component_select.value = "fanout-worker"
    editor.owner.value = "feed"
    editor.update_button.click()
    assert archkit.load(model).component("fanout-worker").owner == "feed"


def test_the_api_key_field_keeps_the_key_in_memory_only(monkeypatch, tmp_path) -> None:
    from archkit.widgets import ApiKeyField

    monkeypatch.delenv("ANTHROPIC_API_KEY", raising=False)
    field = ApiKeyField()
    assert "no key" in field.status.value
    field.use_button.click()
    assert "type the key first" in field.status.value and "ANTHROPIC_API_KEY" not in os.environ
    field.key.value = "sk-ant-test-123"
    field.use_button.click()
    assert os.environ["ANTHROPIC_API_KEY"] == "sk-ant-test-123"
    assert field.key.value == "" and "memory only" in field.status.value  # not in the widget state either
    field.forget_button.click()
    assert "ANTHROPIC_API_KEY" not in os.environ
