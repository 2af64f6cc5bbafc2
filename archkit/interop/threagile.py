"""Threagile's YAML model -> an archkit model, with what could not be mapped said, never dropped.

Technical assets become components (the kind from their technology), trust boundaries become
boundaries (innermost wins for an asset inside nested ones), communication links become links
(protocol, TLS, read-only access, the data they carry), data assets become data assets
(confidentiality -> classification, stored_in from the assets that store them), and risk
tracking of the Threagile risk categories archkit has a rule for becomes waivers.
"""

from __future__ import annotations

from typing import Any

from archkit.interop.common import ImportResult, merge_link, slug
from archkit.model.errors import ModelError, Problem

# Threagile technology -> archkit kind (the rest: service, and said in the summary).
KIND_BY_TECHNOLOGY = {
    **dict.fromkeys(["browser", "desktop", "mobile-app", "devops-client", "client-system", "tool"], "client"),
    **dict.fromkeys(["database", "data-lake", "big-data-platform", "identity-store-database"], "database"),
    **dict.fromkeys(["file-server", "local-file-system", "block-storage"], "object_store"),
    **dict.fromkeys(["identity-provider", "identity-store-ldap"], "identity"),
    **dict.fromkeys(["message-queue", "stream-processing"], "queue"),
    "load-balancer": "load_balancer",
    **dict.fromkeys(["reverse-proxy", "waf", "gateway", "service-mesh"], "gateway"),
    "cdn": "cdn",
    **dict.fromkeys(["batch-processing", "scheduler", "task", "build-pipeline", "function"], "worker"),
    **dict.fromkeys(["search-index", "search-engine"], "search"),
    **dict.fromkeys(["vault", "hsm"], "secrets"),
    **dict.fromkeys(["monitoring", "log-server", "siem"], "monitoring"),
    **dict.fromkeys(
        [
            "web-server",
            "application-server",
            "web-application",
            "web-service-rest",
            "web-service-soap",
            "ejb",
            "erp",
            "cms",
            "sourcecode-repository",
            "artifact-registry",
            "code-inspection-platform",
            "mail-server",
            "iot-device",
            "ai",
            "report-engine",
        ],
        "service",
    ),
}
CLASSIFICATION = {
    "public": "public",
    "internal": "internal",
    "restricted": "confidential",
    "confidential": "confidential",
    "strictly-confidential": "restricted",
}
# Threagile risk categories archkit has a rule for: their risk tracking becomes a waiver.
RULE_BY_RISK = {
    "unencrypted-communication": "SEC005",
    "unencrypted-asset": "SEC006",
    "missing-authentication": "SEC003",
}
PROTOCOLS = {  # Threagile protocol -> (archkit protocol, tls)
    "https": ("https", True),
    "http": ("http", False),
    "wss": ("wss", True),
    "ws": ("ws", False),
    "jdbc-encrypted": ("sql", True),
    "jdbc": ("sql", False),
    "odbc-encrypted": ("sql", True),
    "odbc": ("sql", False),
    "sql-access-protocol-encrypted": ("sql", True),
    "sql-access-protocol": ("sql", False),
    "ldaps": ("ldaps", True),
    "ldap": ("ldap", False),
    "ssh": ("ssh", True),
    "sftp": ("sftp", True),
    "ftp": ("ftp", False),
    "smtp-encrypted": ("smtp", True),
    "smtp": ("smtp", False),
    "jms": ("amqp", None),
    "reverse-proxy-web-protocol-encrypted": ("https", True),
    "reverse-proxy-web-protocol": ("http", False),
    "binary-encrypted": ("tcp", True),
    "binary": ("tcp", False),
    "local-file-access": ("file", None),
    "in-process-library-call": ("inproc", None),
}
AUTH = {  # Threagile authentication -> archkit auth of the called component
    "none": "none",
    "credentials": "api_key",
    "two-factor": "api_key",
    "session-id": "jwt",
    "token": "jwt",
    "externalized": "oauth2",
    "client-certificate": "mtls",
}
AUTH_STRENGTH = ["none", "api_key", "jwt", "oauth2", "mtls"]  # weakest first
IGNORED_KEYS = (
    "threagile_version",
    "author",
    "date",
    "business_overview",
    "technical_overview",
    "questions",
    "abuse_cases",
    "security_requirements",
    "tags_available",
    "shared_runtimes",
    "individual_risk_categories",
    "business_criticality",
    "includes",
)


def from_threagile(data: Any, file: str = "threagile.yaml") -> ImportResult:
    if not isinstance(data, dict) or "technical_assets" not in data:
        raise ModelError(
            [Problem(file, 1, "", "not a Threagile model: expected technical_assets (and title, data_assets, ...)")]
        )
    unmapped: list[str] = []
    assets = data.get("technical_assets") or {}
    boundary_of: dict[str, str] = {}
    boundaries = []
    for name, b in (data.get("trust_boundaries") or {}).items():
        bid = slug(b.get("id") or name)
        boundary_type = str(b.get("type", ""))
        trust = (
            "dmz"
            if "dmz" in bid or "dmz" in str(name).lower()
            else "restricted"
            if boundary_type == "execution-environment"
            else "internal"
        )
        boundaries.append({"id": bid, "name": str(name), "trust": trust})
        for inside in b.get("technical_assets_inside") or []:
            boundary_of[str(inside)] = bid  # later (nested, listed after) boundaries win
    internet_assets = [
        a for a in assets.values() if isinstance(a, dict) and a.get("internet") and str(a.get("id")) not in boundary_of
    ]
    if internet_assets:
        boundaries.insert(0, {"id": "internet", "name": "Internet", "trust": "public"})
    components: list[dict[str, Any]] = []
    links: list[dict[str, Any]] = []
    inbound_auth: dict[str, list[str]] = {}  # how callers authenticate to each asset
    stored: dict[str, list[str]] = {}
    for name, a in assets.items():
        cid = slug(a.get("id") or name)
        technology = str(a.get("technology", ""))
        kind = KIND_BY_TECHNOLOGY.get(technology)
        if a.get("type") == "external-entity" and kind != "client":
            kind = "client" if a.get("used_as_client_by_human") else "external"
        if kind is None:
            kind = "service"
            unmapped.append(
                f"technical asset {cid}: technology '{technology}' has no archkit kind; imported as a service"
            )
        c: dict[str, Any] = {"id": cid, "kind": kind, "name": str(name)}
        if a.get("description"):
            c["description"] = " ".join(str(a["description"]).split())
        if technology:
            c["tech"] = technology
        if a.get("redundant"):
            c["replicas"] = 2
        if a.get("owner") and kind != "client":
            c["owner"] = str(a["owner"])
        if kind in ("database", "object_store", "search", "queue", "cache") and a.get("encryption") is not None:
            c["encrypted_at_rest"] = str(a.get("encryption")) != "none"
        boundary = boundary_of.get(str(a.get("id"))) or ("internet" if a.get("internet") else None)
        if boundary:
            c["boundary"] = boundary
        if a.get("out_of_scope"):
            unmapped.append(f"technical asset {cid}: out_of_scope (archkit reviews every component it is given)")
        components.append(c)
        for asset_id in a.get("data_assets_stored") or []:
            stored.setdefault(slug(asset_id), []).append(cid)
        for link_name, link in (a.get("communication_links") or {}).items():
            protocol = str(link.get("protocol", ""))
            mapped, tls = PROTOCOLS.get(protocol, (protocol or None, None))
            if protocol and protocol not in PROTOCOLS:
                unmapped.append(f"link {cid}->{link.get('target')}: protocol '{protocol}' kept as written")
            lk: dict[str, Any] = {"from": cid, "to": slug(link["target"])}
            if mapped:
                lk["protocol"] = mapped
            if tls is not None and mapped not in ("https", "wss", "ssh", "sftp", "ldaps"):
                lk["tls"] = tls
            if link.get("readonly"):
                lk["access"] = "read"
            carried = [*(link.get("data_assets_sent") or []), *(link.get("data_assets_received") or [])]
            if carried:
                lk["data"] = list(dict.fromkeys(slug(x) for x in carried))
            lk["description"] = " ".join(f"{link_name}: {link.get('description') or ''}".split()).rstrip(":")
            inbound_auth.setdefault(lk["to"], []).append(AUTH.get(str(link.get("authentication", "none")), "none"))
            if merge_link(links, lk):  # two Threagile links of one pair and protocol: one archkit link
                continue
            links.append(lk)
    by_id = {c["id"]: c for c in components}
    for target, ways in inbound_auth.items():
        if target not in by_id or by_id[target]["kind"] in ("client", "external"):
            continue
        # archkit declares auth on the called component: the weakest way any caller gets in
        weakest = min(ways, key=AUTH_STRENGTH.index)
        by_id[target]["auth"] = weakest
        if len(set(ways)) > 1:
            unmapped.append(
                f"component {target}: callers authenticate as {', '.join(sorted(set(ways)))}; declared the weakest, {weakest}"
            )
    data_assets = []
    for name, d in (data.get("data_assets") or {}).items():
        did = slug(d.get("id") or name)
        confidentiality = str(d.get("confidentiality", "internal"))
        asset: dict[str, Any] = {
            "id": did,
            "name": str(name),
            "classification": CLASSIFICATION.get(confidentiality, "internal"),
        }
        words = f"{name} {d.get('description', '')} {' '.join(d.get('tags') or [])}".lower()
        if any(w in words for w in ("customer", "personal", "user", "employee", "gdpr")):
            asset["personal"] = True
        if any(w in words for w in ("payment", "card", "credit")):
            asset["payment"] = True
        if any(w in words for w in ("health", "patient", "medical")):
            asset["health"] = True
        if stored.get(did):
            asset["stored_in"] = stored[did]
        data_assets.append(asset)
    waivers = []
    for key, tracking in (data.get("risk_tracking") or {}).items():
        category, _, where = str(key).partition("@")
        rule = RULE_BY_RISK.get(category)
        status = str((tracking or {}).get("status", ""))
        if rule is None or status not in ("accepted", "mitigated", "false-positive"):
            unmapped.append(
                f"risk tracking {key} ({status or 'no status'}): Threagile's own risk category, no archkit rule"
            )
            continue
        owner = str(tracking.get("checked_by") or "unknown")
        reason = " ".join(f"{status}: {tracking.get('justification') or ''} {tracking.get('ticket') or ''}".split())
        ends = [slug(x) for x in where.split(">")] if where else []
        known = [e for e in ends if e in by_id]
        if not known:  # a waiver naming no component would waive the rule everywhere
            unmapped.append(f"risk tracking {key}: names no imported asset")
            continue
        waivers.append({"rule": rule, "components": known, "reason": reason, "owner": owner})
    for key in IGNORED_KEYS:
        if data.get(key):
            unmapped.append(f"{key}: no archkit meaning")
    model: dict[str, Any] = {"archkit": 1, "name": str(data.get("title") or "Imported from Threagile")}
    if data.get("management_summary_comment"):
        model["description"] = " ".join(str(data["management_summary_comment"]).split())[:500]
    model |= {"boundaries": boundaries, "components": components, "links": links, "data_assets": data_assets}
    if waivers:
        model["waivers"] = waivers
    return ImportResult(model, unmapped)
