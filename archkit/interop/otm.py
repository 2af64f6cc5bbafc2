"""The Open Threat Model (OTM 0.2.0) both ways: ``to_otm`` writes it, ``from_otm`` reads it.

Boundaries are trust zones, components are components, links are dataflows and data assets are
assets. OTM has no field for most of what archkit knows (replicas, timeouts, auth, operations,
requirements...), so the export keeps it under ``attributes.archkit`` of the element it belongs
to: another tool shows the OTM fields and carries the rest, and importing the file again gives
the same model. A file from another tool (IriusRisk, StartLeft, Threat Dragon) has no such
attributes; its kinds, trust levels and classifications are inferred, and everything OTM says
that archkit cannot hold (threats, mitigations, nesting, diagram layout) is listed, not dropped.
"""

from __future__ import annotations

import json
import re
from functools import cache, cached_property
from importlib import resources
from typing import Any

from archkit.interop.common import ImportResult, merge_link, slug, unique
from archkit.model import Architecture
from archkit.model.errors import ModelError, Problem
from archkit.model.io import to_data
from archkit.model.kinds import KINDS, KNOWN_PROTOCOLS, TRUST_LEVELS

OTM_VERSION = "0.2.0"
SCHEMA_FILE = "otm-0.2.0.schema.json"
NS = "archkit"  # the attributes key that carries what OTM has no field for

# OTM rates trust 0-100, higher is more trusted; these are archkit's levels on that scale.
TRUST_RATING = {"public": 1, "dmz": 40, "internal": 70, "restricted": 100}
# OTM rates an asset's confidentiality as a number; archkit's classification on the same scale.
CONFIDENTIALITY = {"public": 10, "internal": 40, "confidential": 70, "restricted": 100}
UNRATED = 50  # integrity and availability: archkit does not rate them per data asset
# Components without a boundary still need a parent in OTM: this zone holds them, and the
# import drops it again (it marks the zone as not a declared boundary).
UNZONED = "archkit-no-boundary"

# A foreign component's type (or, failing that, its name) -> archkit kind. First match wins,
# so the specific names come before the words they contain (elasticache before elastic...).
KIND_PATTERNS: list[tuple[str, str]] = [
    (r"third[-_ ]?party|external|partner|stripe|paypal|twilio|sendgrid|saas", "external"),
    (r"api[-_ ]?gateway|apigateway|\bgateway\b|kong|apigee|nginx|envoy|reverse[-_ ]?proxy|\bwaf\b", "gateway"),
    (r"load[-_ ]?balanc|\belb\b|\balb\b|\bnlb\b|haproxy", "load_balancer"),
    (r"cloudfront|\bcdn\b|akamai|fastly", "cdn"),
    (r"route[-_ ]?53|\bdns\b", "dns"),
    (r"elasticache|redis|memcache|\bcache\b", "cache"),
    (r"elasticsearch|opensearch|\bsolr\b|search", "search"),
    (r"kafka|kinesis|event[-_ ]?hub|\bstream", "stream"),
    (r"\bsqs\b|\bsns\b|rabbit|\bmq\b|activemq|queue|broker|pub[-_ ]?sub|service[-_ ]?bus|\bjms\b", "queue"),
    (r"postgres|mysql|mariadb|\brds\b|aurora|dynamo|mongo|cosmos|cassandra|oracle|sql|database|\bdb\b", "database"),
    (r"\bs3\b|bucket|blob|object[-_ ]?stor|file[-_ ]?(server|system|share)|\befs\b|storage", "object_store"),
    (r"lambda|function|serverless", "function"),
    (r"cognito|identity|\bidp\b|auth0|okta|keycloak|\bsso\b|oauth|\bldap\b|active[-_ ]?directory", "identity"),
    (r"secret|vault|\bkms\b|\bhsm\b", "secrets"),
    (r"cloudwatch|monitor|logging|\blog\b|siem|prometheus|grafana|datadog", "monitoring"),
    (r"worker|batch|\bjob\b|cron|scheduler", "worker"),
    (r"browser|client|mobile|android|\bios\b|desktop|\buser\b|\bspa\b", "client"),
    (
        r"service|server|\bapi\b|app|backend|microservice|container|\bpod\b|\bec2\b|\becs\b|\beks\b|kubernetes",
        "service",
    ),
]
_ON_THE_INTERNET = ("client", "external", "cdn", "dns")  # kinds at home in a public zone
_KIND_RES = [(re.compile(pattern), kind) for pattern, kind in KIND_PATTERNS]
_UUIDISH = re.compile(r"^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$", re.IGNORECASE)


# ----------------------------------------------------------------------------- export


def to_otm(arch: Architecture) -> dict[str, Any]:
    """The model as an OTM 0.2.0 document (valid against the vendored schema)."""
    data = to_data(arch)
    components = data.get("components", [])
    links = data.get("links", [])
    zones = [_zone(b) for b in data.get("boundaries", [])]
    if any(not c.get("boundary") for c in components):
        zones.append(
            {
                "id": UNZONED,
                "name": "No declared boundary",
                "description": "archkit components that declare no trust boundary.",
                "risk": {"trustRating": UNRATED},
                "attributes": {NS: {"undeclared": True}},
            }
        )
    carried: dict[str, list[str]] = {}  # component id -> data assets its links carry
    for link in links:
        for end in (link["from"], link["to"]):
            carried.setdefault(end, []).extend(link.get("data", []))
    stored: dict[str, list[str]] = {}
    for asset in data.get("data_assets", []):
        for cid in asset.get("stored_in", []):
            stored.setdefault(cid, []).append(asset["id"])
    rest = {k: v for k, v in data.items() if k not in ("name", "description", *_SECTIONS)}
    project: dict[str, Any] = {"name": data["name"], "id": slug(data["name"])}
    if data.get("description"):
        project["description"] = data["description"]
    project["attributes"] = {NS: rest}
    return {
        "otmVersion": OTM_VERSION,
        "project": project,
        "assets": [_asset(a) for a in data.get("data_assets", [])],
        "trustZones": zones,
        "components": [
            _component(c, stored.get(c["id"], []), list(dict.fromkeys(carried.get(c["id"], [])))) for c in components
        ],
        "dataflows": _dataflows(links),
    }


_SECTIONS = ("boundaries", "components", "links", "data_assets")


def _zone(b: dict[str, Any]) -> dict[str, Any]:
    zone: dict[str, Any] = {"id": b["id"], "name": b.get("name") or b["id"], "type": b["trust"]}
    if b.get("description"):
        zone["description"] = b["description"]
    zone["risk"] = {"trustRating": TRUST_RATING[b["trust"]]}
    zone["attributes"] = {NS: {"trust": b["trust"], "named": "name" in b}}
    return zone


def _component(c: dict[str, Any], stored: list[str], processed: list[str]) -> dict[str, Any]:
    out: dict[str, Any] = {"id": c["id"], "name": c.get("name") or c["id"], "type": c["kind"]}
    if c.get("description"):
        out["description"] = c["description"]
    out["parent"] = {"trustZone": c.get("boundary") or UNZONED}
    out["tags"] = [c["kind"], *([c["tech"]] if c.get("tech") else [])]
    assets: dict[str, list[str]] = {}
    if processed:
        assets["processed"] = processed
    if stored:
        assets["stored"] = stored
    if assets:
        out["assets"] = assets
    kept = {k: v for k, v in c.items() if k not in ("id", "name", "description", "boundary")}
    out["attributes"] = {NS: kept | {"named": "name" in c}}
    return out


def _dataflows(links: list[dict[str, Any]]) -> list[dict[str, Any]]:
    flows = []
    taken: set[str] = set()
    for link in links:
        protocol = link.get("protocol")
        fid = unique(slug(f"{link['from']}-to-{link['to']}" + (f"-{protocol}" if protocol else "")), taken)
        flow: dict[str, Any] = {
            "id": fid,
            "name": f"{link['from']} → {link['to']}" + (f" ({protocol})" if protocol else ""),
        }
        if link.get("description"):
            flow["description"] = link["description"]
        flow |= {"bidirectional": False, "source": link["from"], "destination": link["to"]}
        if link.get("data"):
            flow["assets"] = list(link["data"])
        if protocol:
            flow["tags"] = [protocol]
        flow["attributes"] = {NS: {k: v for k, v in link.items() if k not in ("from", "to", "description", "data")}}
        flows.append(flow)
    return flows


def _asset(a: dict[str, Any]) -> dict[str, Any]:
    classification = a.get("classification", "internal")
    out: dict[str, Any] = {"name": a.get("name") or a["id"], "id": a["id"]}
    if a.get("description"):
        out["description"] = a["description"]
    out["risk"] = {
        "confidentiality": CONFIDENTIALITY[classification],
        "integrity": UNRATED,
        "availability": UNRATED,
        "comment": f"confidentiality from archkit's classification '{classification}'; "
        "integrity and availability are not rated by archkit",
    }
    kept = {k: v for k, v in a.items() if k not in ("id", "name", "description")}
    out["attributes"] = {NS: kept | {"named": "name" in a}}
    return out


# ----------------------------------------------------------------------------- schema


@cache
def schema() -> dict[str, Any]:
    """The vendored OTM 0.2.0 JSON schema (Apache 2.0; see schemas/README.md)."""
    text = resources.files("archkit.interop").joinpath("schemas", SCHEMA_FILE).read_text(encoding="utf-8")
    loaded: dict[str, Any] = json.loads(text)
    return loaded


def schema_problems(document: Any, file: str = "model.otm.json", lines: dict[str, int] | None = None) -> list[Problem]:
    """Every place ``document`` breaks the OTM schema, at its line when ``lines`` maps paths to lines."""
    from jsonschema import Draft7Validator

    problems = []
    for error in sorted(Draft7Validator(schema()).iter_errors(document), key=lambda e: list(map(str, e.path))):
        path = _path(error.absolute_path)
        line = _nearest_line(path, lines) if lines is not None else None
        problems.append(Problem(file, line, path, f"OTM schema: {error.message}"))
    return problems


def _path(parts: Any) -> str:
    out = ""
    for part in parts:
        out += f"[{part}]" if isinstance(part, int) else (f".{part}" if out else str(part))
    return out


def _nearest_line(path: str, lines: dict[str, int]) -> int | None:
    while path not in lines and path:  # a missing field is reported at its parent's line
        path = path[: max(path.rfind("."), path.rfind("["), 0)]
    return lines.get(path)


# ----------------------------------------------------------------------------- import


def from_otm(document: Any, file: str = "model.otm.json", lines: dict[str, int] | None = None) -> ImportResult:
    """An archkit model from an OTM document; bad input raises ModelError at the file's line."""
    if not isinstance(document, dict) or "otmVersion" not in document:
        raise ModelError([Problem(file, 1, "", "not an OTM file: expected otmVersion, project, trustZones, ...")])
    problems = schema_problems(document, file, lines)
    if problems:
        raise ModelError(problems)
    return _Importer(document, file, lines or {}).run()


class _Importer:
    def __init__(self, document: dict[str, Any], file: str, lines: dict[str, int]):
        self.doc, self.file, self.lines = document, file, lines
        self.unmapped: list[str] = []
        self.problems: list[Problem] = []
        self.zone_ids: dict[str, str] = {}  # OTM trust zone id -> archkit boundary id
        self.component_ids: dict[str, str] = {}  # OTM component id -> archkit component id
        self.asset_ids: dict[str, str] = {}
        self.groups: set[str] = set()  # OTM components that only hold others
        self.trust_of: dict[str, str] = {}  # boundary id -> its trust level

    def run(self) -> ImportResult:
        project = self.doc["project"]
        model: dict[str, Any] = {"archkit": 1, "name": project["name"]}
        if project.get("description"):
            model["description"] = project["description"]
        extra = {k: v for k, v in _ns(project).items() if k != "archkit"}
        boundaries = self._boundaries()
        data_assets = self._assets()
        components = self._components()
        links = self._links()
        self._stored_in(data_assets)
        if self.problems:
            raise ModelError(self.problems)
        self._unmapped_document(project)
        model |= {k: v for k, v in extra.items() if k in ("requirements",)}
        model |= {"boundaries": boundaries, "components": components, "links": links, "data_assets": data_assets}
        model |= {k: v for k, v in extra.items() if k not in model}
        return ImportResult({k: v for k, v in model.items() if v != []}, self.unmapped)

    # -- trust zones -> boundaries
    def _boundaries(self) -> list[dict[str, Any]]:
        out = []
        taken: set[str] = set()
        for zone in self.doc.get("trustZones") or []:
            own = _ns(zone)
            if own.get("undeclared"):
                self.zone_ids[zone["id"]] = ""
                continue
            bid = unique(_archkit_id(zone["id"], zone["name"]), taken)
            self.zone_ids[zone["id"]] = bid
            b: dict[str, Any] = {"id": bid}
            if zone["name"] != bid or own.get("named") is True:  # a display name, or one kept as set
                b["name"] = zone["name"]
            b["trust"] = self.trust_of[bid] = self._trust(zone, own)
            if zone.get("description"):
                b["description"] = zone["description"]
            out.append(b)
        component_ids = {c["id"] for c in self.doc.get("components") or []}
        for i, zone in enumerate(self.doc.get("trustZones") or []):
            parent = (zone.get("parent") or {}).get("trustZone") or (zone.get("parent") or {}).get("component")
            if parent:
                self.unmapped.append(
                    f"trust zone {zone['id']} is inside {parent}: archkit boundaries do not nest; imported beside it"
                )
                if parent not in self.zone_ids and parent not in component_ids:
                    self._problem(f"trustZones[{i}].parent", f"names '{parent}', which is not in the file")
        return out

    def _trust(self, zone: dict[str, Any], own: dict[str, Any]) -> str:
        if own.get("trust") in TRUST_LEVELS:
            return str(own["trust"])
        if zone.get("type") in TRUST_LEVELS:
            return str(zone["type"])
        name = str(zone["name"]).lower()
        if "internet" in name or ("public" in name and "cloud" not in name):
            return "public"
        if "dmz" in name or "perimeter" in name:
            return "dmz"
        rating = float(zone["risk"]["trustRating"])
        share = rating / self._rating_scale
        trust = "public" if share <= 0.2 else "dmz" if share <= 0.5 else "internal" if share <= 0.8 else "restricted"
        self.unmapped.append(
            f"trust zone {zone['id']}: trust level {trust} read from trustRating {rating:g} of {self._rating_scale:g}"
        )
        return trust

    @cached_property
    def _rating_scale(self) -> float:
        """OTM does not fix the scale of trustRating: IriusRisk's zones use 1-100, some files
        1-10. Ratings that all stay at or below 10 are read on a scale of 10."""
        ratings = [float(z["risk"]["trustRating"]) for z in self.doc.get("trustZones") or []]
        return 10.0 if ratings and max(ratings) <= 10 else 100.0

    # -- assets -> data assets
    def _assets(self) -> list[dict[str, Any]]:
        out = []
        taken: set[str] = set()
        for asset in self.doc.get("assets") or []:
            own = _ns(asset)
            did = unique(_archkit_id(asset["id"], asset["name"]), taken)
            self.asset_ids[asset["id"]] = did
            d: dict[str, Any] = {"id": did}
            if asset["name"] != did or own.get("named") is True:  # a display name, or one kept as set
                d["name"] = asset["name"]
            d |= {k: v for k, v in own.items() if k not in ("named", "name", "stored_in")}
            if "classification" not in own:
                c = float(asset["risk"]["confidentiality"])
                d["classification"] = (
                    "restricted" if c >= 90 else "confidential" if c >= 60 else "internal" if c >= 30 else "public"
                )
                self.unmapped.append(
                    f"asset {asset['id']}: classification {d['classification']} read from confidentiality {c:g}; "
                    f"integrity {asset['risk']['integrity']:g} and availability {asset['risk']['availability']:g} "
                    "have no archkit field"
                )
            if asset.get("description"):
                d["description"] = asset["description"]
            d["_order"] = own.get("stored_in")  # None: not an archkit-made file
            out.append(d)
        return out

    # -- components
    def _components(self) -> list[dict[str, Any]]:
        items = self.doc.get("components") or []
        parent_of = {comp["id"]: comp["parent"] for comp in items}
        self.groups = self._groups(items)
        taken: set[str] = set()
        for comp in items:
            if comp["id"] not in self.groups:
                self.component_ids[comp["id"]] = unique(_archkit_id(comp["id"], comp["name"]), taken)
        out = []
        for i, comp in enumerate(items):
            if comp["id"] in self.groups:
                continue
            own = _ns(comp)
            cid = self.component_ids[comp["id"]]
            c: dict[str, Any] = {"id": cid, "kind": self._kind(comp, own)}
            if comp["name"] != cid or own.get("named") is True:  # a display name, or one kept as set
                c["name"] = comp["name"]
            if comp.get("description"):
                c["description"] = comp["description"]
            rest = {k: v for k, v in own.items() if k not in ("named", "name", "kind", "boundary")}
            tech = next((t for t in comp.get("tags") or [] if t and t != c["kind"]), None)
            if tech and "tech" not in rest and not own:
                c["tech"] = tech
            zone = self._zone_of(comp["id"], parent_of, f"components[{i}].parent")
            if zone:
                c["boundary"] = zone
            if not own and self.trust_of.get(zone or "") == "public" and c["kind"] not in _ON_THE_INTERNET:
                # In OTM's Internet zone sit the clients and the services of others, not our own.
                self.unmapped.append(f"component {comp['id']}: in the public zone {zone}, so external, not {c['kind']}")
                c["kind"] = "external"
            c |= rest
            out.append(c)
        return out

    def _groups(self, items: list[dict[str, Any]]) -> set[str]:
        """Components that only hold others (a cluster, a host, a VPC drawn as a component): no
        dataflow and no stored data. archkit does not nest, so they are not components there."""
        children: dict[str, list[str]] = {}
        for comp in items:
            if "component" in comp["parent"]:
                children.setdefault(comp["parent"]["component"], []).append(comp["id"])
        ends = {flow[key] for flow in self.doc.get("dataflows") or [] for key in ("source", "destination")}
        groups = set()
        for comp in items:
            stores = (comp.get("assets") or {}).get("stored")
            if comp["id"] in children and comp["id"] not in ends and not stores and not _ns(comp):
                groups.add(comp["id"])
                self.unmapped.append(
                    f"component {comp['id']} ({comp['type']}) only holds {', '.join(children[comp['id']])}: "
                    "archkit does not nest, so it is not a component; they are placed in its trust zone"
                )
        return groups

    def _kind(self, comp: dict[str, Any], own: dict[str, Any]) -> str:
        if comp["type"] in KINDS:  # what OTM says wins: another tool may have changed it
            return str(comp["type"])
        if own.get("kind") in KINDS:  # another tool replaced the type with its own name for it
            return str(own["kind"])
        for text in (comp["type"], " ".join(t for t in comp.get("tags") or [] if t), comp["name"]):
            words = str(text).lower()
            kind = next((k for pattern, k in _KIND_RES if pattern.search(words)), None)
            if kind:
                self.unmapped.append(f"component {comp['id']}: kind {kind} read from '{text}'")
                return kind
        self.unmapped.append(
            f"component {comp['id']}: type '{comp['type']}' has no archkit kind; imported as a service"
        )
        return "service"

    def _zone_of(self, cid: str, parent_of: dict[str, dict[str, str]], path: str) -> str | None:
        seen = {cid}
        parent = parent_of[cid]
        while "component" in parent:  # archkit has no nesting: the outermost component's zone
            inner = parent["component"]
            if inner not in parent_of or inner in seen:
                self._problem(path, f"names component '{inner}', which is not in the file (or contains itself)")
                return None
            if inner not in self.groups:  # a group already said where its members went
                self.unmapped.append(
                    f"component {cid} is inside component {inner}: archkit does not nest; placed in its trust zone"
                )
            seen.add(inner)
            parent = parent_of[inner]
        zone = parent["trustZone"]
        if zone not in self.zone_ids:
            self._problem(path, f"names trust zone '{zone}', which is not in the file")
            return None
        return self.zone_ids[zone] or None

    # -- dataflows -> links
    def _links(self) -> list[dict[str, Any]]:
        out: list[dict[str, Any]] = []
        for i, flow in enumerate(self.doc.get("dataflows") or []):
            ends = []
            for key in ("source", "destination"):
                ref = flow[key]
                if ref in self.component_ids:
                    ends.append(self.component_ids[ref])
                elif ref in self.zone_ids:
                    self.unmapped.append(
                        f"dataflow {flow['id']}: {key} is trust zone {ref}; archkit links join components"
                    )
                else:
                    self._problem(f"dataflows[{i}].{key}", f"'{ref}' is no component or trust zone in the file")
            if len(ends) < 2:
                continue
            if ends[0] == ends[1]:
                self.unmapped.append(
                    f"dataflow {flow['id']}: from {ends[0]} to itself; archkit links join two components"
                )
                continue
            own = _ns(flow)
            link: dict[str, Any] = {"from": ends[0], "to": ends[1]}
            protocol = own.get("protocol") or next(
                (t.lower() for t in flow.get("tags") or [] if t and t.lower() in KNOWN_PROTOCOLS), None
            )
            if protocol:
                link["protocol"] = protocol
            link |= {k: v for k, v in own.items() if k != "protocol"}
            data = [self.asset_ids[a] for a in flow.get("assets") or [] if a in self.asset_ids]
            for missing in [a for a in flow.get("assets") or [] if a and a not in self.asset_ids]:
                self._problem(f"dataflows[{i}].assets", f"'{missing}' is no asset in the file")
            if data:
                link["data"] = data
            if flow.get("description"):
                link["description"] = flow["description"]
            if flow.get("bidirectional"):
                self.unmapped.append(
                    f"dataflow {flow['id']}: bidirectional; imported as {ends[0]} -> {ends[1]} (add the reverse "
                    "link if it also calls back)"
                )
            if merge_link(out, link):  # two flows of one pair and protocol: one archkit link
                where = f"{link['from']} -> {link['to']}" + (f" ({link['protocol']})" if "protocol" in link else "")
                self.unmapped.append(f"dataflow {flow['id']}: merged into the link {where}")
                continue
            out.append(link)
        return out

    def _stored_in(self, data_assets: list[dict[str, Any]]) -> None:
        """OTM says which component stores an asset; an archkit-made file also kept the order."""
        by_otm = {comp["id"]: comp for comp in self.doc.get("components") or []}
        stores: dict[str, list[str]] = {}
        for otm_id, comp in by_otm.items():
            for asset in (comp.get("assets") or {}).get("stored") or []:
                if asset in self.asset_ids:
                    stores.setdefault(self.asset_ids[asset], []).append(self.component_ids[otm_id])
        for d in data_assets:
            order = d.pop("_order")
            holders = stores.get(d["id"], [])
            known = order or []
            ranked = sorted(holders, key=lambda c: known.index(c) if c in known else len(known))
            if ranked or order is not None:
                d["stored_in"] = ranked

    def _unmapped_document(self, project: dict[str, Any]) -> None:
        """What OTM says that archkit has no place for, one line each: never dropped in silence."""
        for key, why in (
            ("owner", "archkit names an owner per component"),
            ("ownerContact", "no archkit field"),
            ("tags", "no archkit field"),
        ):
            if project.get(key):
                self.unmapped.append(f"project {key}: {project[key]} ({why})")
        for rep in self.doc.get("representations") or []:
            self.unmapped.append(f"representation {rep['id']} ({rep['type']}): archkit draws its own diagrams")
        sections = ("project", "trustZones", "components", "dataflows", "assets")
        for section in sections:
            items = [self.doc[section]] if section == "project" else self.doc.get(section) or []
            for item in items:
                foreign = sorted(k for k in (item.get("attributes") or {}) if k != NS)
                if foreign:
                    where = "project" if section == "project" else f"{section} {item['id']}"
                    self.unmapped.append(f"{where}: attributes {', '.join(foreign)} have no archkit field")
        used: dict[str, list[str]] = {}  # threat id -> "on X (state)" for every element it is attached to
        for section in ("components", "dataflows"):
            for item in self.doc.get(section) or []:
                for t in item.get("threats") or []:
                    used.setdefault(t["threat"], []).append(f"{item['id']} ({t['state']})")
        for threat in self.doc.get("threats") or []:
            on = used.pop(threat["id"], [])
            where = f" on {', '.join(on)}" if on else ""
            self.unmapped.append(
                f"threat {threat['id']} '{threat['name']}'{where}: archkit's review finds its own; not imported"
            )
        for threat_id, on in used.items():
            self.unmapped.append(f"threat {threat_id} on {', '.join(on)}: not described in the file; not imported")
        for mitigation in self.doc.get("mitigations") or []:
            self.unmapped.append(f"mitigation {mitigation['id']} '{mitigation['name']}': not imported")

    def _problem(self, path: str, message: str) -> None:
        self.problems.append(Problem(self.file, _nearest_line(path, self.lines), path, message))


def _ns(element: dict[str, Any]) -> dict[str, Any]:
    attributes = element.get("attributes") or {}
    own = attributes.get(NS) if isinstance(attributes, dict) else None
    return dict(own) if isinstance(own, dict) else {}


def _archkit_id(otm_id: str, name: str) -> str:
    """The OTM id when it reads as one; a name-based id for UUIDs and other opaque ids."""
    if _UUIDISH.match(otm_id) or not re.search(r"[a-z]", otm_id.lower()):
        return slug(name)
    return slug(otm_id)
