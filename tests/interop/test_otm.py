"""The Open Threat Model both ways: `archkit export --to otm` and `archkit import otm`.

Every document archkit writes is validated against the vendored OTM 0.2.0 schema, and comes
back as the same model; a file written by another tool imports with what archkit cannot hold
listed, and bad files are refused at their line.
"""

from __future__ import annotations

import copy
import hashlib
import json
import subprocess
import sys
from pathlib import Path
from typing import Any

import pytest
import yaml

import archkit
from archkit.interop import from_otm, from_threagile, schema_problems, to_otm
from archkit.interop.otm import schema
from archkit.model import Architecture, ModelError, loads
from archkit.model.io import to_data
from archkit.model.yaml_reader import read

ROOT = Path(__file__).resolve().parents[2]
MODELS = [
    *sorted((ROOT / "examples").glob("*.yaml")),
    *sorted(
        p for p in (ROOT / "tests" / "fixtures").glob("*.yaml") if "threagile" not in p.name and "otm" not in p.name
    ),
]
FOREIGN = ROOT / "tests" / "fixtures" / "otm-banking-example.json"


def _archkit(*args: str) -> subprocess.CompletedProcess[str]:
    return subprocess.run([sys.executable, "-m", "archkit", *args], capture_output=True, text=True, cwd=ROOT)


def _back(document: dict[str, Any], file: str = "x.otm.json") -> Architecture:
    result = from_otm(json.loads(json.dumps(document)), file)
    return loads(yaml.safe_dump(result.model, sort_keys=False), file)


def test_the_vendored_schema_is_otm_0_2_0_under_its_licence() -> None:
    folder = ROOT / "archkit" / "interop" / "schemas"
    assert schema()["$id"] == "https://iriusrisk.com/schema/otm-0.2.0.schema.json"
    assert "Apache License 2.0" in schema()["$comment"]
    assert "Apache License" in (folder / "LICENSE-Apache-2.0.txt").read_text()
    digest = hashlib.sha256((folder / "otm-0.2.0.schema.json").read_bytes()).hexdigest()
    assert digest in (folder / "README.md").read_text()  # unchanged since it was vendored


@pytest.mark.parametrize("path", MODELS, ids=lambda p: p.stem)
def test_every_model_exports_valid_otm_and_comes_back_the_same(path: Path) -> None:
    arch = archkit.load(path)
    document = to_otm(arch)
    assert schema_problems(document) == []
    assert {z["id"] for z in document["trustZones"]} >= {b.id for b in arch.boundaries}
    assert len(document["components"]) == len(arch.components) and len(document["dataflows"]) == len(arch.links)
    assert to_data(_back(document, path.name)) == to_data(arch)


def test_a_threagile_import_round_trips_through_otm() -> None:
    fixture = ROOT / "tests" / "fixtures" / "threagile-example.yaml"
    data, _ = read(fixture.read_text(), str(fixture))
    arch = loads(yaml.safe_dump(from_threagile(data).model, sort_keys=False), "t.yaml")
    document = to_otm(arch)
    assert schema_problems(document) == []
    assert to_data(_back(document)) == to_data(arch)


def test_the_export_speaks_otm_to_other_tools() -> None:
    arch = archkit.load(ROOT / "examples" / "checkout.yaml")
    document = to_otm(arch)
    zones = {z["id"]: z for z in document["trustZones"]}
    assert zones["internet"]["risk"]["trustRating"] < zones["data"]["risk"]["trustRating"]
    db = next(c for c in document["components"] if c["id"] == "orders-db")
    assert db["type"] == "database" and db["parent"] == {"trustZone": arch.component("orders-db").boundary}
    assert "orders" in db["assets"]["stored"]
    card = next(a for a in document["assets"] if a["id"] == "cardholder-data")
    assert card["risk"]["confidentiality"] == 100  # restricted
    flow = next(f for f in document["dataflows"] if f["source"] == "web" and f["destination"] == "lb")
    assert flow["tags"] == ["https"] and flow["attributes"]["archkit"]["protocol"] == "https"


def test_components_without_a_boundary_sit_in_a_zone_the_import_drops_again() -> None:
    arch = loads("archkit: 1\nname: t\ncomponents:\n- {id: api, kind: service}\n- {id: db, kind: database}\n")
    document = to_otm(arch)
    assert schema_problems(document) == []
    assert [z["id"] for z in document["trustZones"]] == ["archkit-no-boundary"]
    back = _back(document)
    assert back.boundaries == [] and back.component("api").boundary is None


def test_the_schema_check_can_fail_and_names_the_place() -> None:
    document = to_otm(archkit.load(ROOT / "examples" / "checkout.yaml"))
    broken = copy.deepcopy(document)
    del broken["components"][2]["parent"]
    broken["trustZones"][0]["risk"]["trustRating"] = "high"
    problems = schema_problems(broken)
    assert [p.path for p in problems] == ["components[2]", "trustZones[0].risk.trustRating"]
    assert "'parent' is a required property" in problems[0].message


def test_names_round_trip_whether_set_or_not_and_a_rename_elsewhere_is_kept() -> None:
    arch = loads(
        "archkit: 1\nname: t\ncomponents:\n- {id: api, kind: service}\n- {id: db, kind: database, name: db}\n"
        "- {id: cache, kind: cache, name: Session cache}\n"
    )
    document = to_otm(arch)
    assert to_data(_back(document)) == to_data(arch)
    document["components"][0]["name"] = "Public API"  # renamed in another tool
    document["components"][1]["type"] = "CD-V2-AWS-RDS"  # re-typed there with its own name
    back = _back(document)
    assert back.component("api").name == "Public API"
    assert back.component("db").kind == "database"  # archkit's kind, carried


def test_edits_made_in_another_tool_win_over_the_carried_archkit_fields() -> None:
    arch = archkit.load(ROOT / "examples" / "checkout.yaml")
    document = to_otm(arch)
    db = next(c for c in document["components"] if c["id"] == "orders-db")
    db["name"] = "Orders (Aurora)"
    db["parent"] = {"trustZone": "internet"}
    back = _back(document)
    assert back.component("orders-db").name == "Orders (Aurora)"
    assert back.component("orders-db").boundary == "internet"
    assert back.component("orders-db").replicas == arch.component("orders-db").replicas  # carried


@pytest.fixture(scope="module")
def foreign(tmp_path_factory: pytest.TempPathFactory) -> tuple[Path, str]:
    out = tmp_path_factory.mktemp("otm") / "banking.yaml"
    done = _archkit("import", "otm", str(FOREIGN), "--out", str(out))
    assert done.returncode == 0, done.stderr
    assert "15 components, 14 links, 3 boundaries, 4 data assets" in done.stderr
    return out, out.read_text()


def test_a_file_from_another_tool_imports_and_the_review_runs(foreign: tuple[Path, str]) -> None:
    path, _ = foreign
    assert _archkit("validate", str(path)).returncode == 0
    check = _archkit("check", str(path), "--format", "json")
    assert check.returncode in (0, 1) and "Traceback" not in check.stderr
    assert json.loads(check.stdout)["findings"]
    analyze = _archkit("analyze", str(path), "--format", "json")
    assert analyze.returncode == 0, analyze.stderr


def test_kinds_trust_and_classification_are_inferred(foreign: tuple[Path, str]) -> None:
    arch = archkit.load(foreign[0])
    kinds = {c.id: c.kind for c in arch.components}
    assert kinds == {
        "web-browser": "client",
        "mobile-app": "client",
        "d9f2b7a4-cdn": "cdn",
        "website-bucket": "object_store",
        "api-gw": "gateway",
        "cognito-pool": "identity",
        "accounts-svc": "service",
        "transfers-svc": "service",
        "accounts-db": "database",
        "session-cache": "cache",
        "transfer-queue": "queue",
        "fraud-check": "function",
        "audit-trail": "monitoring",
        "kms-key": "secrets",
        "acm-cert": "service",
    }
    # UUID zone ids become ids from their names; the trust from the name, else the rating.
    assert {b.id: b.trust for b in arch.boundaries} == {
        "internet": "public",
        "public-cloud": "internal",
        "private-secured": "restricted",
    }
    assert arch.component("accounts-svc").boundary == "private-secured"  # inside the ECS cluster
    classes = {a.id: a.classification for a in arch.data_assets}
    assert classes == {
        "customer-credentials": "restricted",
        "account-data": "confidential",
        "marketing-content": "public",
        "audit-log": "internal",
    }
    assert next(a for a in arch.data_assets if a.id == "account-data").stored_in == ["accounts-db"]
    links = {lk.key: lk for lk in arch.links}
    assert links["web-browser->d9f2b7a4-cdn"].protocol == "https"  # the tag HTTPS
    assert links["transfers-svc->audit-trail"].protocol is None  # no tag names one
    assert links["mobile-app->api-gw"].data == ["account-data", "customer-credentials"]


def test_what_archkit_cannot_hold_is_listed_not_dropped(foreign: tuple[Path, str]) -> None:
    listed = [line for line in foreign[1].splitlines() if line.startswith("#   - ")]
    text = "\n".join(listed)
    for expected in (
        "threat T-API-RATE 'API abuse through missing rate limits' on api-gw (Expose)",
        "threat T-IDOR 'Insecure direct object reference' on accounts-svc (Expose)",
        "mitigation M-THROTTLE",
        "component ecs-cluster (elastic-container-service) only holds accounts-svc, transfers-svc",
        "is inside b61d6911-338d-46a8-9f39-8dcd24abfe91",
        "dataflow f9: bidirectional",
        "project: attributes cloudformation_stack",
        "representation cloudformation (code)",
        "project owner: Platform Security",
        "component acm-cert: type 'CD-ACM' has no archkit kind",
        "integrity 100 and availability 50 have no archkit field",
    ):
        assert expected in text, expected
    assert len(listed) == 33
    # a file archkit exported lists nothing: everything had a place
    exported = _archkit("export", str(ROOT / "examples" / "saas-api.yaml"), "--to", "otm")
    assert exported.returncode == 0


def test_the_cli_round_trip_lists_nothing(tmp_path: Path) -> None:
    otm = tmp_path / "saas.otm.json"
    assert (
        _archkit("export", str(ROOT / "examples" / "saas-api.yaml"), "--to", "otm", "--out", str(otm)).returncode == 0
    )
    assert schema_problems(json.loads(otm.read_text())) == []
    out = tmp_path / "saas.yaml"
    done = _archkit("import", "otm", str(otm), "--out", str(out))
    assert done.returncode == 0 and "0 item(s) not mapped" in done.stderr
    assert to_data(archkit.load(out)) == to_data(archkit.load(ROOT / "examples" / "saas-api.yaml"))


def _doc_lines(document: dict[str, Any], indent: int | str = 2) -> tuple[str, dict[str, int]]:
    text = json.dumps(document, indent=indent)
    return text, read(text.replace("\t", " "), "f.json")[1]


def test_bad_files_are_refused_at_their_line(tmp_path: Path) -> None:
    document = json.loads(FOREIGN.read_text())
    document["dataflows"][3]["destination"] = "nowhere"
    document["components"][4]["parent"] = {"trustZone": "no-such-zone"}
    bad = tmp_path / "bad.json"
    bad.write_text(json.dumps(document, indent="\t"))  # tab-indented, as some tools write it
    done = _archkit("import", "otm", str(bad), "--out", str(tmp_path / "out.yaml"))
    assert done.returncode == 2 and "Traceback" not in done.stderr
    text, lines = _doc_lines(document, "\t")
    assert '"destination": "nowhere"' in text.splitlines()[lines["dataflows[3].destination"] - 1]
    assert f"bad.json:{lines['dataflows[3].destination']}: dataflows[3].destination: 'nowhere'" in done.stderr
    assert f"bad.json:{lines['components[4].parent']}: components[4].parent: names trust zone" in done.stderr
    assert not (tmp_path / "out.yaml").exists()


def test_schema_violations_syntax_errors_and_other_files_exit_2(tmp_path: Path) -> None:
    document = json.loads(FOREIGN.read_text())
    del document["assets"][1]["risk"]
    schema_bad = tmp_path / "schema.json"
    schema_bad.write_text(json.dumps(document, indent=2))
    done = _archkit("import", "otm", str(schema_bad))
    _, lines = _doc_lines(document)
    assert done.returncode == 2
    assert f"schema.json:{lines['assets[1]']}: assets[1]: OTM schema: 'risk' is a required property" in done.stderr
    syntax = tmp_path / "syntax.json"
    syntax.write_text('{\n  "otmVersion": "0.2.0",\n  "project": {,}\n}\n')
    done = _archkit("import", "otm", str(syntax))
    assert done.returncode == 2 and "syntax.json:3: JSON syntax error" in done.stderr
    other = tmp_path / "other.json"
    other.write_text('{"openapi": "3.1.0"}\n')
    done = _archkit("import", "otm", str(other))
    assert done.returncode == 2 and "other.json:1: not an OTM file" in done.stderr


def test_dataflows_from_a_trust_zone_or_to_themselves_are_listed_not_links() -> None:
    document = json.loads(FOREIGN.read_text())
    internet = document["trustZones"][0]["id"]
    document["dataflows"].append(
        {"id": "f99", "name": "Crawl", "source": internet, "destination": "d9f2b7a4-cdn", "bidirectional": False}
    )
    document["dataflows"].append(
        {"id": "f98", "name": "Retry", "source": "api-gw", "destination": "api-gw", "bidirectional": False}
    )
    result = from_otm(document)
    assert f"dataflow f99: source is trust zone {internet}; archkit links join components" in result.unmapped
    assert "dataflow f98: from api-gw to itself; archkit links join two components" in result.unmapped
    assert len(result.model["links"]) == 14
    loads(yaml.safe_dump(result.model), "back.yaml")  # still a valid model


def test_from_otm_refuses_what_is_not_otm() -> None:
    with pytest.raises(ModelError, match="not an OTM file"):
        from_otm({"technical_assets": {}}, "t.json")


IRIUSRISK = ROOT / "tests" / "fixtures" / "otm-iriusrisk-cli-example.otm.yaml"


def test_iriusrisks_own_example_imports_from_yaml(tmp_path: Path) -> None:
    out = tmp_path / "checkout-api.yaml"
    done = _archkit("import", "otm", str(IRIUSRISK), "--out", str(out))
    assert done.returncode == 0, done.stderr
    assert "6 components, 5 links, 3 boundaries, 0 data assets; 9 item(s) not mapped" in done.stderr
    arch = archkit.load(out)
    assert {c.id: c.kind for c in arch.components} == {
        "web-browser": "client",
        "alb": "load_balancer",
        "auth-service": "service",
        "api-service": "service",
        "user-db": "database",
        "payment-api": "external",  # a third party's, in the Internet zone
    }
    # rated 1, 3 and 10: read on a scale of 10, not 100 (where all three would be public)
    assert {b.id: b.trust for b in arch.boundaries} == {
        "internet": "public",
        "public-cloud": "dmz",
        "private-secured": "restricted",
    }
    assert arch.component("api-service").boundary == "public-cloud"  # it runs in the ECS cluster
    assert _archkit("validate", str(out)).returncode == 0
    assert _archkit("check", str(out)).returncode in (0, 1)
    assert _archkit("analyze", str(out)).returncode == 0


def test_iriusrisks_example_as_written_is_refused_for_its_nameless_dataflows(tmp_path: Path) -> None:
    as_written = tmp_path / "as-written.otm.yaml"
    lines = IRIUSRISK.read_text().splitlines()
    start = lines.index("dataflows:")
    kept = lines[:start] + [ln for ln in lines[start:] if not ln.strip().startswith("name:")]
    as_written.write_text("\n".join(kept) + "\n")
    done = _archkit("import", "otm", str(as_written))
    assert done.returncode == 2 and "Traceback" not in done.stderr
    first_flow_line = kept.index('  - id: "user-request"') + 1
    assert (
        f"as-written.otm.yaml:{first_flow_line}: dataflows[0]: OTM schema: 'name' is a required property" in done.stderr
    )
    assert len(kept) == len(lines) - 5  # the five dataflow names, nothing else


def test_two_flows_of_one_pair_and_protocol_become_one_link_with_both_said() -> None:
    document = json.loads(FOREIGN.read_text())
    document["dataflows"].append(
        {
            "id": "f15",
            "name": "Sign in (web)",
            "description": "Password check.",
            "source": "web-browser",
            "destination": "d9f2b7a4-cdn",
            "tags": ["https"],
            "assets": ["customer-credentials"],
        }
    )
    document["dataflows"][0]["description"] = "Static pages."
    result = from_otm(document)
    link = next(lk for lk in result.model["links"] if (lk["from"], lk["to"]) == ("web-browser", "d9f2b7a4-cdn"))
    assert link["data"] == ["marketing-content", "customer-credentials"]
    assert link["description"] == "Static pages.; Password check."
    assert "dataflow f15: merged into the link web-browser -> d9f2b7a4-cdn (https)" in result.unmapped
    assert len(result.model["links"]) == 14
