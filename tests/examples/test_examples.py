"""The examples and starter patterns: they load, they have the features the docs promise,
and they are sized soundly at peak (an independent load model in load.py)."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

import pytest

import archkit
from archkit.model import Architecture, ModelError
from archkit.model.io import loads
from archkit.model.kinds import KIND_INFO
from archkit.patterns import PATTERNS, new_model
from tests.examples.load import arrival_rps, utilization

ROOT = Path(__file__).resolve().parents[2]
EXAMPLES = {p.stem: p for p in sorted((ROOT / "examples").glob("*.yaml"))}
MIN_COMPONENTS = {"social-sharing": 12, "checkout": 12, "saas-api": 10}
MAX_UTILIZATION = 0.6  # the sizing rule the examples and patterns promise in their comments


@pytest.fixture(scope="module")
def models() -> dict[str, Architecture]:
    return {name: archkit.load(path) for name, path in EXAMPLES.items()}


def _ids(arch: Architecture, *kinds: str) -> list[str]:
    return [c.id for c in arch.of_kind(*kinds)]


# ----------------------------------------------------------------------------- all examples


def test_the_three_examples_exist() -> None:
    assert set(MIN_COMPONENTS) <= set(EXAMPLES)


@pytest.mark.parametrize("name", sorted(EXAMPLES))
def test_example_loads_and_round_trips(name: str) -> None:
    arch = archkit.load(EXAMPLES[name])
    assert archkit.dumps(arch) == EXAMPLES[name].read_text(encoding="utf-8")
    assert len(arch.components) >= MIN_COMPONENTS.get(name, 12)


@pytest.mark.parametrize("name", sorted(MIN_COMPONENTS))
def test_example_is_fully_annotated(name: str, models: dict[str, Architecture]) -> None:
    arch = models[name]
    # every capacity-limited component says how it is sized, and every compute tier is observable
    for c in arch.components:
        if KIND_INFO[c.kind].capacity_limited and c.kind != "queue":
            assert c.service_time_ms is not None, c.id
        if c.kind in ("service", "worker", "gateway"):
            assert c.health_check is True, c.id
            assert c.observability and "metrics" in c.observability, c.id
        if c.kind in ("database", "cache", "queue", "object_store"):
            assert c.encrypted_at_rest is True, c.id
    # every link to a database holds a connection pool; every synchronous call to an external has a timeout
    for link in arch.links:
        target = arch.component(link.target)
        if target.kind == "database" and arch.component(link.source).kind in ("service", "worker"):
            assert link.pool_size is not None, link.key
        if target.kind == "external":
            assert link.timeout_ms is not None, link.key
    assert all(fr.served_by for fr in arch.requirements.functional)
    assert all(d.context and d.options and d.decision and d.consequences for d in arch.decisions)
    assert {v.kind for v in arch.views} >= {"journey", "data", "boundary"}
    assert arch.open_questions
    assert all(a.stored_in or a.payment for a in arch.data_assets)


@pytest.mark.parametrize("name", sorted(MIN_COMPONENTS))
def test_example_is_sized_under_sixty_percent_at_peak(name: str, models: dict[str, Architecture]) -> None:
    arch = models[name]
    clients = sum(c.rps or 0 for c in arch.clients())
    assert clients == arch.requirements.peak_rps  # the clients together send exactly the peak
    busy = {cid: round(u, 3) for cid, u in utilization(arch).items() if u >= MAX_UTILIZATION}
    assert busy == {}


# ----------------------------------------------------------------------------- social sharing


def test_social_sharing_shape(models: dict[str, Architecture]) -> None:
    arch = models["social-sharing"]
    r = arch.requirements
    assert (r.peak_rps, r.latency_p99_ms, r.availability, r.budget_usd_per_month) == (1200, 300, 99.95, 8000)
    assert "gdpr" in r.compliance
    assert 12 <= len(arch.components) <= 20
    assert sorted(_ids(arch, "client")) == ["mobile", "web"]
    assert 3 <= len(_ids(arch, "service")) <= 5
    for kind in (
        "cdn",
        "gateway",
        "identity",
        "database",
        "cache",
        "queue",
        "worker",
        "object_store",
        "secrets",
        "monitoring",
    ):
        assert _ids(arch, kind), kind
    gateway = arch.component("gateway")
    assert (gateway.auth, gateway.rate_limit_rps) == ("jwt", 2400)
    assert {arch.component(i).tech for i in _ids(arch, "database")} == {"postgresql"}
    assert arch.component("share-events").tech in ("kafka", "rabbitmq")
    assert len(arch.decisions) in (2, 3)
    assert any(a.personal for a in arch.data_assets)


def test_social_sharing_cache_has_hit_ratio_and_only_misses_reach_the_database(models: dict[str, Architecture]) -> None:
    arch = models["social-sharing"]
    cache = arch.component("feed-cache")
    assert (cache.kind, cache.tech, cache.hit_ratio) == ("cache", "redis", 0.92)
    rps = arrival_rps(arch)
    assert rps["feed-cache"] == pytest.approx(1200.0)  # 840 feed reads + 180 posts x 2 fan-out writes
    assert rps["posts-db"] == pytest.approx(180 * 2 + 1200 * 0.08)


def test_social_sharing_queue_is_consumed_by_a_worker(models: dict[str, Architecture]) -> None:
    arch = models["social-sharing"]
    consumers = [lk for lk in arch.links_from("share-events") if arch.component(lk.target).kind == "worker"]
    assert [(lk.target, lk.sync) for lk in consumers] == [("fanout-worker", False)]
    publishers = [lk.source for lk in arch.links_to("share-events")]
    assert publishers == ["share-api"]
    assert arrival_rps(arch)["fanout-worker"] == pytest.approx(180.0)


def test_social_sharing_keeps_its_deliberate_weaknesses(models: dict[str, Architecture]) -> None:
    """The example is honest: these are documented in its header for reviewers to find."""
    arch = models["social-sharing"]
    assert arch.component("fanout-worker").replicas == 1
    assert arch.component("share-events").dead_letter_queue is False
    push = next(lk for lk in arch.links if lk.key == "fanout-worker->push-provider")
    assert (push.sync, push.circuit_breaker, push.retries) == (True, False, 3)
    text = EXAMPLES["social-sharing"].read_text(encoding="utf-8")
    assert text.count("WEAKNESS") >= 3


def test_social_sharing_calls_to_externals_are_guarded_except_the_deliberate_one(
    models: dict[str, Architecture],
) -> None:
    arch = models["social-sharing"]
    unguarded = [
        lk.key
        for lk in arch.links
        if arch.component(lk.target).kind in ("external", "identity") and lk.sync and not lk.circuit_breaker
    ]
    assert unguarded == ["fanout-worker->push-provider"]


# ----------------------------------------------------------------------------- checkout


def test_checkout_shape(models: dict[str, Architecture]) -> None:
    arch = models["checkout"]
    r = arch.requirements
    assert "pci" in r.compliance
    assert r.consistency == "strong"
    assert sorted(_ids(arch, "client")) == ["mobile", "web"]
    assert _ids(arch, "load_balancer") == ["lb"] and _ids(arch, "gateway") == ["gateway"]
    assert {"cart-service", "checkout-service", "payment-service", "inventory-service", "order-service"} <= set(
        _ids(arch, "service")
    )
    assert arch.component("cart-store").tech == "redis"
    assert len(arch.decisions) >= 2


def test_checkout_has_a_postgresql_database_per_service(models: dict[str, Architecture]) -> None:
    arch = models["checkout"]
    owners: dict[str, list[str]] = {}
    for lk in arch.links:
        target = arch.component(lk.target)
        if target.kind == "database" and target.tech == "postgresql":
            owners.setdefault(lk.target, []).append(lk.source)
    assert owners == {
        "payments-db": ["payment-service"],
        "inventory-db": ["inventory-service"],
        "orders-db": ["order-service"],
    }


def test_checkout_payment_goes_to_the_external_provider_inside_the_pci_boundary(
    models: dict[str, Architecture],
) -> None:
    arch = models["checkout"]
    assert arch.component("payment-provider").kind == "external"
    assert [lk.source for lk in arch.links_to("payment-provider")] == ["payment-service"]
    assert arch.trust_of("payment-service") == "restricted"
    payment_assets = sorted(a.id for a in arch.data_assets if a.payment)
    assert payment_assets == ["cardholder-data", "payment-tokens"]


def test_checkout_order_events_feed_email_and_fulfilment_workers(models: dict[str, Architecture]) -> None:
    arch = models["checkout"]
    assert arch.component("order-events").kind == "queue"
    assert arch.component("order-events").dead_letter_queue is True
    consumers = sorted(lk.target for lk in arch.links_from("order-events"))
    assert consumers == ["email-worker", "fulfilment-worker"]
    assert all(arch.component(c).kind == "worker" for c in consumers)


def test_checkout_waivers_are_owned_reasoned_and_expire_in_2027(models: dict[str, Architecture]) -> None:
    waivers = models["checkout"].waivers
    assert [(w.rule, w.components) for w in waivers] == [
        ("OPS003", ["email-worker"]),
        ("SEC009", ["payment-provider", "email-provider", "warehouse-api"]),
    ]
    for w in waivers:
        assert w.owner and len(w.reason) > 40
        assert w.expires is not None and w.expires.year == 2027
        assert w.expires > dt.date(2026, 11, 25)  # still active when the example was written
    assert models["checkout"].component("email-worker").replicas == 1  # what the OPS003 waiver accepts


# ----------------------------------------------------------------------------- saas api


def test_saas_api_shape(models: dict[str, Architecture]) -> None:
    arch = models["saas-api"]
    assert 10 <= len(arch.components) <= 12
    assert arch.component("gateway").auth == "api_key"
    assert "hipaa" in arch.requirements.compliance
    assert any(a.health for a in arch.data_assets)
    partner = arch.component("partner-webhook")
    assert partner.kind == "external"
    assert [lk.source for lk in arch.links_to("partner-webhook")] == ["webhook-worker"]


def test_saas_api_database_is_a_quorum_cluster(models: dict[str, Architecture]) -> None:
    db = models["saas-api"].component("tenant-db")
    assert (db.kind, db.replicas, db.quorum, db.zones) == ("database", 3, 2, 3)


def test_saas_api_views_name_real_components(models: dict[str, Architecture]) -> None:
    arch = models["saas-api"]
    kinds = {v.id: v.kind for v in arch.views}
    assert kinds == {"api-journey": "journey", "phi-tier": "boundary", "phi-flows": "data", "webhooks": "custom"}
    webhooks = next(v for v in arch.views if v.id == "webhooks")
    assert all(arch.has(c) for c in webhooks.components)


# ----------------------------------------------------------------------------- patterns


NAMES = ["Order service", 'My "quoted" system', "Back\\slash \\n", "colon: and # hash", "Ünïcode ✓", "it's"]


@pytest.mark.parametrize("pattern", sorted(PATTERNS))
@pytest.mark.parametrize("name", NAMES)
def test_pattern_keeps_the_given_name(pattern: str, name: str) -> None:
    arch = loads(new_model(name, pattern), f"{pattern}.yaml")
    assert arch.name == name


@pytest.mark.parametrize("pattern", sorted(PATTERNS))
def test_pattern_replaces_only_the_top_level_name(pattern: str) -> None:
    template = (ROOT / "archkit" / "patterns" / f"{pattern}.yaml").read_text(encoding="utf-8")
    text = new_model("Renamed", pattern)
    assert template.count("\nname: ") == 1  # exactly one top-level name line to replace
    changed = [(a, b) for a, b in zip(template.splitlines(), text.splitlines(), strict=True) if a != b]
    assert changed == [("name: My system", 'name: "Renamed"')]


@pytest.mark.parametrize("pattern", sorted(PATTERNS))
def test_pattern_is_a_sound_starter(pattern: str) -> None:
    arch = loads(new_model("Starter", pattern), f"{pattern}.yaml")
    assert 6 <= len(arch.components) <= 12
    assert arch.clients() and arch.requirements.peak_rps
    busy = {cid: round(u, 3) for cid, u in utilization(arch).items() if u >= MAX_UTILIZATION}
    assert busy == {}
    assert "#" in (ROOT / "archkit" / "patterns" / f"{pattern}.yaml").read_text(encoding="utf-8")


def test_event_driven_pattern_has_a_broker_and_a_cqrs_read_model() -> None:
    arch = loads(new_model("E", "event-driven"), "e.yaml")
    (broker,) = arch.of_kind("stream", "queue")
    assert all(not lk.sync for lk in arch.links_from(broker.id))
    writers = {lk.source for lk in arch.links_to("read-model") if lk.access == "write"}
    readers = {lk.source for lk in arch.links_to("read-model") if lk.access == "read"}
    assert writers == {"projector"} and readers == {"query-api"}
    assert "write-db" not in arch.downstream("query-api")  # queries never touch the write side


def test_serverless_pattern_uses_functions_behind_a_gateway_and_managed_stores() -> None:
    arch = loads(new_model("S", "serverless"), "s.yaml")
    functions = set(_ids(arch, "function"))
    assert len(functions) >= 2
    assert not arch.of_kind("service", "worker")
    assert {lk.target for lk in arch.links_from("gateway")} - {"monitoring"} <= functions
    assert {arch.component(i).tech for i in _ids(arch, "database", "object_store", "queue")} <= {
        "dynamodb",
        "s3",
        "sqs",
    }


def test_unknown_pattern_names_the_choices() -> None:
    with pytest.raises(ModelError, match="did you mean 'monolith'"):
        new_model("X", "monolit")


# ----------------------------------------------------------------------------- the load model itself


def test_load_model_follows_calls_and_cache_misses() -> None:
    arch = loads(
        """\
archkit: 1
name: Tiny
components:
  - {id: c, kind: client, rps: 100}
  - {id: s, kind: service, service_time_ms: 10, replicas: 2, concurrency: 1}
  - {id: k, kind: cache, hit_ratio: 0.75}
  - {id: d, kind: database, service_time_ms: 8, concurrency: 2}
links:
  - {from: c, to: s}
  - {from: s, to: k, calls: 2}
  - {from: k, to: d}
""",
        "tiny.yaml",
    )
    assert arrival_rps(arch) == {"c": 100.0, "s": 100.0, "k": 200.0, "d": 50.0}
    u = utilization(arch)
    assert u["s"] == pytest.approx(0.5)  # 100 x 0.010 / 2
    assert u["d"] == pytest.approx(0.2)  # 50 x 0.008 / 2
    assert "c" not in u


def test_load_model_refuses_a_cycle() -> None:
    arch = loads(
        "archkit: 1\nname: Loop\ncomponents:\n  - {id: a, kind: service}\n  - {id: b, kind: service}\n"
        "links:\n  - {from: a, to: b}\n  - {from: b, to: a}\n",
        "loop.yaml",
    )
    with pytest.raises(ValueError, match="cycle"):
        arrival_rps(arch)
