"""The report's API section: the reference of every API (routes, auth, responses, numbers) and the
API findings; absent for a model without an api."""

from __future__ import annotations

import archkit
from archkit.paths import example
from archkit.report import build_document

from ..rules.conftest import model_from


def _section(doc, key):
    return next((s for s in doc.sections if s.id == key), None)


def test_no_api_no_section() -> None:
    arch = model_from(
        {
            "components": [{"id": "web", "kind": "client"}, {"id": "svc", "kind": "service"}],
            "links": [{"from": "web", "to": "svc", "protocol": "https"}],
        }
    )
    doc, _ = build_document(arch)
    assert _section(doc, "api") is None


def test_api_section_lists_every_route_with_its_auth_and_numbers() -> None:
    doc, _ = build_document(archkit.load(example("social-sharing")))
    api = _section(doc, "api")
    assert api is not None and api.title == "API"
    gateway = next(s for s in api.subsections if s.id == "api-gateway")
    table = gateway.blocks[1]
    routes = [r[0].text for r in table.rows]
    assert routes == ["GET /v1/feed", "POST /v1/posts", "POST /v1/users/{user_id}/followers", "POST /v1/media"]
    feed = table.rows[0]
    assert "bearerAuth (feed:read)" in feed[2].text and "429" in feed[3]
    assert feed[4] == "840"  # rps from the analysis
    findings = next(s for s in api.subsections if s.id == "api-findings")
    assert findings.title == "API findings"
