"""Precision: a well-designed system gets no findings; undeclared fields never produce high ones."""

from __future__ import annotations

import yaml

import archkit
from archkit.rules import check
from archkit.rules.base import ANALYSIS_CODE_PATTERN

from .conftest import TODAY

GOOD = """\
archkit: 1
name: Well designed
requirements: {peak_rps: 500, latency_p99_ms: 400, availability: 99.9, consistency: strong,
               compliance: [gdpr], zero_downtime_deploys: true, data_volume_gb: 50, data_growth_gb_per_month: 5}
boundaries:
  - {id: internet, trust: public}
  - {id: edge, trust: dmz}
  - {id: app, trust: internal}
  - {id: data, trust: restricted}
components:
  - {id: web, kind: client, boundary: internet}
  - {id: cdn, kind: cdn, owner: platform, boundary: edge}
  - {id: gw, kind: gateway, owner: platform, auth: oauth2, rate_limit_rps: 1000, replicas: 2, health_check: true,
     observability: [logs, metrics, traces], boundary: edge}
  - {id: idp, kind: identity, owner: platform, replicas: 2, boundary: app}
  - {id: vault, kind: secrets, owner: platform, replicas: 3, quorum: 2, boundary: data}
  - {id: orders, kind: service, replicas: 3, health_check: true, observability: [logs, metrics, traces],
     secrets: [db-password], boundary: app, owner: orders}
  - {id: orders-db, kind: database, replicas: 2, replication: sync, backup: true, encrypted_at_rest: true,
     max_connections: 100, boundary: data, owner: orders}
  - {id: cache, kind: cache, owner: platform, replicas: 2, boundary: data}
  - {id: events, kind: queue, owner: platform, replicas: 3, quorum: 2, dead_letter_queue: true, retention_days: 7,
     encrypted_at_rest: true, boundary: data}
  - {id: mailer, kind: worker, owner: platform, replicas: 2, health_check: true, observability: [logs, metrics, traces], boundary: app}
  - {id: mail-provider, kind: external, boundary: internet}
  - {id: logs, kind: monitoring, owner: platform, retention_days: 30, boundary: app}
links:
  - {from: web, to: cdn, protocol: https}
  - {from: cdn, to: gw, protocol: https}
  - {from: gw, to: idp, protocol: https, calls: 0.05, timeout_ms: 300}
  - {from: gw, to: orders, protocol: grpc, tls: true, timeout_ms: 1000, retries: 1, circuit_breaker: true}
  - {from: orders, to: cache, protocol: redis, tls: true, access: read, timeout_ms: 20}
  - {from: orders, to: orders-db, protocol: sql, tls: true, pool_size: 10, timeout_ms: 300, data: [customers]}
  - {from: orders, to: events, protocol: amqp, tls: true, sync: false, data: [order-ids]}
  - {from: events, to: mailer, protocol: amqp, tls: true, sync: false}
  - {from: mailer, to: mail-provider, protocol: https, timeout_ms: 2000, retries: 2, circuit_breaker: true}
  - {from: orders, to: logs, protocol: grpc, tls: true, sync: false}
data_assets:
  - {id: customers, classification: confidential, personal: true, stored_in: [orders-db]}
  - {id: order-ids, classification: internal}
"""


def _own(review):
    return [(f.rule, f.components, f.message) for f in review.findings if not ANALYSIS_CODE_PATTERN.match(f.rule)]


def test_a_well_designed_system_gets_no_findings() -> None:
    review = check(archkit.loads(GOOD, "good.yaml"), today=TODAY)
    assert _own(review) == []


def test_undeclared_fields_never_produce_high_findings() -> None:
    """The same shape with every optional property left out: findings, but none high or critical,
    except where the facts the model does state decide it. SEC006 judges an undeclared
    encrypted_at_rest like a declared false (personal data under gdpr is high either way), and
    REL001 an undeclared replica count like a declared 1 (the default is one instance): leaving a
    field out never lowers the risk; the message says it was not declared."""
    data = yaml.safe_load(GOOD)
    keep = {"id", "kind", "boundary", "secrets", "owner"}
    data["components"] = [{k: v for k, v in c.items() if k in keep} for c in data["components"]]
    data["links"] = [
        {k: v for k, v in lk.items() if k in ("from", "to", "protocol", "data", "sync")} for lk in data["links"]
    ]
    data["requirements"] = {"compliance": ["gdpr"]}
    review = check(archkit.loads(yaml.safe_dump(data, sort_keys=False), "bare.yaml"), today=TODAY)
    own = [f for f in review.findings if not ANALYSIS_CODE_PATTERN.match(f.rule)]
    assert own, "the bare model should still get gentle findings"
    high = [(f.rule, f.severity) for f in own if f.severity in ("high", "critical")]
    assert [h for h in high if h[0] not in ("SEC006", "REL001")] == []
    assert all("does not declare encrypted_at_rest" in f.message for f in own if f.rule == "SEC006")
    assert all("replicas not declared" in f.message for f in own if f.rule == "REL001")
