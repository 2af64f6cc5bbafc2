"""Small models for the renderer's tests (independent of the examples, which may change)."""

from __future__ import annotations

import pytest

from archkit.model import Architecture, loads

SMALL = """\
archkit: 1
name: Shop
boundaries:
  - {id: internet, name: Internet, trust: public}
  - {id: app, name: App tier, trust: internal}
  - {id: data, name: Data tier, trust: restricted}
components:
  - {id: web, kind: client, boundary: internet}
  - {id: gateway, kind: gateway, tech: nginx, replicas: 2, boundary: app}
  - {id: orders, kind: service, tech: go, replicas: 3, boundary: app}
  - {id: mailer, kind: worker, tech: python, boundary: app}
  - {id: events, kind: queue, tech: rabbitmq, boundary: data}
  - {id: orders-db, kind: database, tech: postgresql, boundary: data}
  - {id: sessions, kind: cache, boundary: data}
  - {id: payments, kind: external}
data_assets:
  - {id: orders-data, name: Orders, classification: confidential, stored_in: [orders-db]}
links:
  - {from: web, to: gateway, protocol: https}
  - {from: gateway, to: orders, protocol: http}
  - {from: orders, to: orders-db, protocol: sql, calls: 2, access: read_write}
  - {from: orders, to: sessions, protocol: redis, access: read}
  - {from: orders, to: events, protocol: amqp, sync: false, access: write}
  - {from: events, to: mailer, protocol: amqp, sync: false}
  - {from: orders, to: payments, protocol: https}
views:
  - {id: checkout, name: Checkout path, kind: custom, components: [gateway, orders, payments]}
"""

# User text that must be escaped everywhere: quotes, <, >, &, newline, backslash, non-ASCII.
TRICKY = """\
archkit: 1
name: "Tricky \\"quotes\\" <b>& co</b>"
boundaries:
  - {id: zone, name: "Zone <1> & \\"A\\"", trust: dmz}
components:
  - {id: app, kind: client, name: "Caf\\u00e9 \\"app\\"\\nline two", boundary: zone}
  - {id: api, kind: service, name: "<script>alert(1)</script>", tech: "C:\\\\path & <go>", boundary: zone}
  - {id: db, kind: database, name: "Base de donn\\u00e9es \\u65e5\\u672c", tech: postgresql}
links:
  - {from: app, to: api, protocol: "h<t>tp|s \\"x\\"", calls: 3}
  - {from: api, to: db, protocol: sql}
"""


@pytest.fixture
def small() -> Architecture:
    return loads(SMALL, "shop.yaml")


@pytest.fixture
def tricky() -> Architecture:
    return loads(TRICKY, "tricky.yaml")


@pytest.fixture
def empty() -> Architecture:
    return loads("archkit: 1\nname: Empty\n", "empty.yaml")
