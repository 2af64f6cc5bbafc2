"""Versioning: public APIs declare a major version the way clients can pin it."""

from __future__ import annotations

import re
from collections.abc import Iterator

from archkit.api.lint.base import SpecHit, SpecRule
from archkit.api.spec import Spec

_SEMVER = re.compile(r"^\d+\.\d+\.\d+([-+][0-9A-Za-z.-]+)?$")
_PATH_VERSION = re.compile(r"^/v(\d+)(/|$)")
_URL_VERSION = re.compile(r"/v\d+(/|$)")
_VERSION_HEADERS = frozenset({"api-version", "x-api-version", "accept-version", "version"})


def _public(spec: Spec) -> bool:
    servers = spec.data.get("servers")
    if not isinstance(servers, list) or not servers:
        return True
    return any(isinstance(s, dict) and s.get("x-internal") is not True for s in servers)


def _versioned(spec: Spec) -> bool:
    servers = spec.data.get("servers") or []
    if any(isinstance(s, dict) and _URL_VERSION.search(str(s.get("url", ""))) for s in servers):
        return True
    ops = list(spec.operations())
    if ops and all(_PATH_VERSION.match(op.path) for op in ops):
        return True
    if ops and all(any(str(p.get("name", "")).lower() in _VERSION_HEADERS for p, _ in op.parameters) for op in ops):
        return True
    for op in ops:
        for _code, response in op.responses.items():
            if any(re.search(r"\bv\d+\b|version=", mt) for mt, _ in spec.media(response)):
                return True
    return False


def semver(spec: Spec) -> Iterator[SpecHit]:
    info = spec.data.get("info")
    version = str(info.get("version", "")) if isinstance(info, dict) else ""
    if not _SEMVER.match(version):
        yield SpecHit(("info", "version"), f"info.version '{version}' is not semantic versioning (MAJOR.MINOR.PATCH)")


def unversioned_public(spec: Spec) -> Iterator[SpecHit]:
    if _public(spec) and not _versioned(spec):
        yield SpecHit(
            ("servers",) if spec.data.get("servers") else ("paths",),
            "a public API carries no major version in its server URL, paths, a version header or media type",
        )


def mixed_versions(spec: Spec) -> Iterator[SpecHit]:
    majors: dict[str, list[str]] = {}
    for op in spec.operations():
        m = _PATH_VERSION.match(op.path)
        majors.setdefault(m.group(1) if m else "none", []).append(op.path)
    if len(majors) > 1:
        parts = "; ".join(f"{'unversioned' if k == 'none' else 'v' + k}: {len(v)}" for k, v in sorted(majors.items()))
        odd = min(majors, key=lambda k: len(majors[k]))
        yield SpecHit(("paths", majors[odd][0]), f"paths mix versions ({parts}), e.g. {majors[odd][0]}")


RULES = [
    SpecRule("API018", "version-not-semver", "low", "info.version is not MAJOR.MINOR.PATCH.",
             "The document version is how consumers and the API diff tell a breaking release from a compatible one.",
             "Use semantic versioning in info.version (e.g. 1.4.0).", "Zalando 116", semver),
    SpecRule("API019", "public-api-unversioned", "medium",
             "A public API has no major version in its URL, paths, a header or the media type.",
             "Without a version clients cannot pin, every breaking change breaks every mobile app in the field.",
             "Version the API: /v1 in the server URL or paths (or a version header or media type).",
             "Zalando 113-115; OWASP API9:2023 (inventory)", unversioned_public),
    SpecRule("API020", "mixed-path-versions", "medium", "Paths carry different major versions, or some none.",
             "One document for two versions cannot be versioned, diffed or retired as a unit.",
             "Split the versions into one document per major version.", "OWASP API9:2023", mixed_versions),
]  # fmt: skip
