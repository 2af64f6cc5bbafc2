"""`archkit import threagile`: Threagile's YAML as an archkit model, with what could not be mapped said."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

import pytest
import yaml

import archkit
from archkit.interop import from_threagile
from archkit.model import ModelError

ROOT = Path(__file__).resolve().parents[2]
FIXTURE = ROOT / "tests" / "fixtures" / "threagile-example.yaml"


def _archkit(*args: str) -> subprocess.CompletedProcess[str]:
    return subprocess.run([sys.executable, "-m", "archkit", *args], capture_output=True, text=True, cwd=ROOT)


@pytest.fixture(scope="module")
def imported(tmp_path_factory: pytest.TempPathFactory) -> Path:
    out = tmp_path_factory.mktemp("import") / "system.yaml"
    done = _archkit("import", "threagile", str(FIXTURE), "--out", str(out))
    assert done.returncode == 0, done.stderr
    assert "14 components, 19 links, 6 boundaries, 12 data assets" in done.stderr
    return out


def test_the_imported_model_validates_and_check_and_analyze_run(imported: Path) -> None:
    assert _archkit("validate", str(imported)).returncode == 0
    check = _archkit("check", str(imported), "--format", "json")
    assert check.returncode in (0, 1) and "Traceback" not in check.stderr
    analyze = _archkit("analyze", str(imported), "--format", "json")
    assert analyze.returncode == 0, analyze.stderr


def test_assets_boundaries_links_and_data_map_to_their_archkit_meaning(imported: Path) -> None:
    arch = archkit.load(imported)
    kinds = {c.id: c.kind for c in arch.components}
    assert kinds["customer-client"] == "client" and kinds["load-balancer"] == "load_balancer"
    assert kinds["sql-database"] == "database" and kinds["contract-fileserver"] == "object_store"
    assert kinds["identity-provider"] == "identity" and kinds["jenkins-buildserver"] == "worker"
    db = arch.component("sql-database")
    assert db.boundary == "erp-dmz" and db.replicas == 2 and db.encrypted_at_rest is True
    assert arch.component("contract-fileserver").encrypted_at_rest is False
    assert arch.component("customer-client").boundary == "internet"
    trust = {b.id: b.trust for b in arch.boundaries}
    assert trust["internet"] == "public" and trust["web-dmz"] == "dmz" and trust["auth-env"] == "restricted"
    erp_db = next(lk for lk in arch.links if lk.key == "erp-system->sql-database")
    assert erp_db.protocol == "sql" and erp_db.tls is False and "customer-accounts" in erp_db.data
    cms_read = next(lk for lk in arch.links if lk.key == "load-balancer->marketing-cms")
    assert cms_read.access == "read"
    accounts = next(a for a in arch.data_assets if a.id == "customer-accounts")
    assert accounts.classification == "restricted" and accounts.personal  # strictly-confidential
    assert set(accounts.stored_in) == {"ldap-auth-server", "sql-database"}
    assert arch.component("ldap-auth-server").auth == "api_key"  # credentials
    assert arch.component("erp-system").auth == "jwt"  # tokens


def test_risk_tracking_of_a_category_archkit_has_becomes_a_scoped_waiver(imported: Path) -> None:
    arch = archkit.load(imported)
    (waiver,) = arch.waivers
    assert waiver.rule == "SEC005" and waiver.components == ["load-balancer", "apache-webserver"]
    assert "XYZ-2345" in waiver.reason and waiver.owner == "John Doe"


def test_the_unmapped_summary_lists_only_what_has_no_archkit_meaning(imported: Path) -> None:
    text = imported.read_text(encoding="utf-8")
    summary = text.split("# Not mapped (", 1)[1]
    lines = [line[len("#   - ") :] for line in summary.splitlines()[1:] if line.startswith("#   - ")]
    assert (
        "risk tracking untrusted-deserialization@erp-system (accepted): Threagile's own risk category, no archkit rule"
        in lines
    )
    assert "link erp-system->contract-fileserver: protocol 'nfs' kept as written" in lines
    assert any(line.startswith("technical asset customer-client: out_of_scope") for line in lines)
    mapped = ("technical_assets", "data_assets", "trust_boundaries", "communication_links", "management_summary")
    assert not [line for line in lines if line.startswith(mapped)]  # what was mapped is not listed as lost
    assert text.startswith("# Imported from threagile-example.yaml (Threagile)")


def test_what_is_not_a_threagile_model_is_refused_at_its_file() -> None:
    with pytest.raises(ModelError, match="not a Threagile model"):
        from_threagile(yaml.safe_load("archkit: 1\nname: x\n"), "x.yaml")
    done = _archkit("import", "threagile", str(ROOT / "examples" / "saas-api.yaml"))
    assert done.returncode == 2 and "saas-api.yaml:1" in done.stderr and "Traceback" not in done.stderr
