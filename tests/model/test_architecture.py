"""Queries over the model and the validating builder."""

from __future__ import annotations

import pytest

import archkit
from archkit.model import Architecture, ModelError

MODEL = """\
archkit: 1
name: Shop
boundaries:
  - {id: internet, trust: public}
  - {id: edge, trust: dmz}
  - {id: core, trust: internal}
components:
  - {id: web, kind: client, boundary: internet}
  - {id: lb, kind: load_balancer, boundary: edge}
  - {id: api, kind: service, boundary: core, replicas: 3}
  - {id: orders, kind: service, boundary: core}
  - {id: db, kind: database, boundary: core}
  - {id: bus, kind: queue, boundary: core}
  - {id: mailer, kind: worker, boundary: core}
links:
  - {from: web, to: lb, protocol: https}
  - {from: lb, to: api, protocol: http}
  - {from: api, to: orders, protocol: grpc, calls: 2}
  - {from: orders, to: db, protocol: sql}
  - {from: orders, to: bus, protocol: amqp, sync: false}
  - {from: bus, to: mailer, protocol: amqp, sync: false}
"""


@pytest.fixture
def arch() -> Architecture:
    return archkit.loads(MODEL, "shop.yaml")


def test_graph_nodes_and_edges_carry_model_attributes(arch: Architecture) -> None:
    g = arch.graph
    assert sorted(g.nodes) == sorted(arch.ids())
    assert g.nodes["api"]["replicas"] == 3
    assert g.nodes["web"]["trust"] == "public"
    edges = {(u, v): d for u, v, d in g.edges(data=True)}
    assert edges[("api", "orders")]["calls"] == 2
    assert edges[("orders", "bus")]["sync"] is False
    assert edges[("web", "lb")]["encrypted"] is True
    assert edges[("lb", "api")]["encrypted"] is False
    assert g.number_of_edges() == len(arch.links)


def test_clients_and_entry_points(arch: Architecture) -> None:
    assert [c.id for c in arch.clients()] == ["web"]
    assert [c.id for c in arch.entry_points()] == ["lb"]


def test_upstream_and_downstream(arch: Architecture) -> None:
    assert arch.downstream("api") == ["orders", "db", "bus", "mailer"]
    assert arch.downstream("api", sync_only=True) == ["orders", "db"]
    assert arch.upstream("db") == ["web", "lb", "api", "orders"]
    assert arch.upstream("web") == []


def test_sync_paths_follow_only_synchronous_links(arch: Architecture) -> None:
    assert arch.sync_paths("web") == [["web", "lb", "api", "orders", "db"]]


def test_sync_paths_cut_cycles() -> None:
    cyclic = archkit.loads(
        "archkit: 1\nname: c\ncomponents: [{id: u, kind: client}, {id: a, kind: service}, {id: b, kind: service}]\n"
        "links: [{from: u, to: a}, {from: a, to: b}, {from: b, to: a}]\n",
        "c.yaml",
    )
    assert cyclic.sync_paths("u") == [["u", "a", "b"]]


def test_boundaries_and_crossings(arch: Architecture) -> None:
    assert [c.id for c in arch.in_boundary("core")] == ["api", "orders", "db", "bus", "mailer"]
    assert [lk.key for lk in arch.crossing_links()] == ["web->lb", "lb->api"]
    assert [lk.key for lk in arch.inbound_crossing_links()] == ["web->lb", "lb->api"]
    assert arch.trust_of("lb") == "dmz"


def test_unknown_lookups_suggest(arch: Architecture) -> None:
    with pytest.raises(KeyError, match="did you mean 'orders'"):
        arch.component("ordrs")
    with pytest.raises(KeyError, match="did you mean 'core'"):
        arch.in_boundary("cor")


def test_builder_validates_as_it_goes(arch: Architecture) -> None:
    with pytest.raises(ModelError, match="did you mean 'cache'"):
        arch.add_component("c", "cahce")
    with pytest.raises(ModelError, match="duplicate id 'api'"):
        arch.add_component("api", "service")
    with pytest.raises(ModelError, match="unknown boundary 'nowhere'"):
        arch.add_component("x", "service", boundary="nowhere")
    with pytest.raises(ModelError, match="unknown key 'replica'"):
        arch.add_component("x", "service", replica=2)
    with pytest.raises(ModelError, match="unknown component 'dbb'"):
        arch.connect("api", "dbb")
    with pytest.raises(ModelError, match="cannot link to itself"):
        arch.connect("api", "api")
    with pytest.raises(ModelError, match="must be > 0"):
        arch.update_component("api", replicas=0)
    assert arch.component("api").replicas == 3  # a rejected update changes nothing
    assert len(arch.components) == 7 and len(arch.links) == 6


def test_builder_add_connect_remove(arch: Architecture) -> None:
    arch.add_component("cache", "cache", boundary="core", tech="redis")
    link = arch.connect("api", "cache", protocol="redis", calls=3)
    assert link.key == "api->cache" and link.calls == 3
    assert "cache" in arch.downstream("web")
    assert arch.disconnect("api", "cache") == 1
    arch.remove("orders")
    assert "orders" not in arch.ids()
    assert all("orders" not in (lk.source, lk.target) for lk in arch.links)
    assert arch.downstream("web") == ["lb", "api"]


def test_remove_clears_traces_and_data() -> None:
    arch = archkit.loads(
        "archkit: 1\nname: t\nrequirements:\n  functional: [{id: FR1, text: t, served_by: [a, b]}]\n"
        "components: [{id: a, kind: service}, {id: b, kind: database}]\n"
        "data_assets: [{id: users, stored_in: [b]}]\n",
        "t.yaml",
    )
    arch.remove("b")
    assert arch.requirements.functional[0].served_by == ["a"]
    assert arch.data_assets[0].stored_in == []


def test_effective_defaults_come_from_the_kind_table(arch: Architecture) -> None:
    db = arch.component("db")
    assert arch.concurrency_of(db) == archkit.model.KIND_INFO["database"].concurrency
    assert arch.availability_of(arch.component("web")) == 100.0


def test_line_of_fields(arch: Architecture) -> None:
    assert arch.line_of("components[2].replicas") == 10
    assert arch.line_of_component("db") == 12
    assert arch.line_of_link("orders", "bus") == 20


def test_summary_mentions_counts(arch: Architecture) -> None:
    first = arch.summary().splitlines()[0]
    assert first == "Shop: 7 components, 6 links, 3 boundaries"


def test_remove_clears_every_reference_so_the_model_stays_valid() -> None:
    arch = archkit.loads(
        "archkit: 1\nname: t\n"
        "components: [{id: u, kind: client}, {id: a, kind: service}, {id: b, kind: service}, {id: c, kind: service}]\n"
        "links: [{from: u, to: a}, {from: a, to: c, fallback: b}]\n"
        "waivers:\n"
        "  - {rule: REL001, components: [b], reason: r, owner: o}\n"
        "  - {rule: REL001, components: [a, b], reason: r, owner: o}\n"
        "decisions: [{id: ADR-1, title: t, components: [a, b]}]\n"
        "views: [{id: j, kind: journey, client: u}, {id: v, components: [a, b]}]\n",
        "t.yaml",
    )
    arch.remove("b")
    assert arch.links[1].fallback is None
    assert [w.components for w in arch.waivers] == [["a"]]  # a waiver only for 'b' must not become waive-all
    assert arch.decisions[0].components == ["a"]
    assert [(v.id, v.components) for v in arch.views] == [("j", []), ("v", ["a"])]
    arch.remove("u")
    assert [v.id for v in arch.views] == ["v"]
    archkit.loads(archkit.dumps(arch), "again.yaml")  # still a valid model
