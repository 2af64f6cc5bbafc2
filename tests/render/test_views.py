"""Which components and links each view shows."""

from __future__ import annotations

import pytest

from archkit.model import Architecture, loads
from archkit.render.views import MAX_COMPONENTS, UnknownView, available_views, plan, spec


def ids(view) -> list[str]:  # type: ignore[no-untyped-def]
    return [c.id for c in view.components]


def test_available_views(small: Architecture) -> None:
    assert available_views(small) == [
        "system", "overview", "data", "boundary:app", "boundary:data", "boundary:internet", "journey:web", "checkout",
    ]  # fmt: skip


def test_system_view_is_sorted_and_complete(small: Architecture) -> None:
    v = spec(small, "system")
    assert ids(v) == sorted(c.id for c in small.components)
    assert len(v.links) == len(small.links)
    assert [lk.key for lk in v.links] == sorted(lk.key for lk in v.links)


def test_journey_follows_what_the_client_touches(small: Architecture) -> None:
    v = spec(small, "journey:web")
    assert ids(v) == sorted(["web", "gateway", "orders", "orders-db", "sessions", "events", "mailer", "payments"])
    v2 = spec(loads(_with_second_client(), "x.yaml"), "journey:batch")
    assert ids(v2) == ["batch", "orders"]


def _with_second_client() -> str:
    return "archkit: 1\nname: X\ncomponents:\n  - {id: batch, kind: client}\n  - {id: orders, kind: service}\n  - {id: other, kind: service}\nlinks:\n  - {from: batch, to: orders}\n  - {from: other, to: orders}\n"


def test_boundary_view_greys_neighbours(small: Architecture) -> None:
    v = spec(small, "boundary:data")
    assert ids(v) == ["events", "mailer", "orders", "orders-db", "sessions"]
    assert v.context == frozenset({"orders", "mailer"})
    assert all(
        lk.source in {"events", "orders-db", "sessions"} or lk.target in {"events", "orders-db", "sessions"}
        for lk in v.links
    )


def test_data_view_shows_stores_and_their_readers_writers(small: Architecture) -> None:
    v = spec(small, "data")
    assert v.data
    assert ids(v) == ["events", "mailer", "orders", "orders-db", "sessions"]
    assert sorted(lk.key for lk in v.links) == [
        "events->mailer",
        "orders->events",
        "orders->orders-db",
        "orders->sessions",
    ]


def test_model_view_by_id(small: Architecture) -> None:
    v = spec(small, "checkout")
    assert (v.title, ids(v)) == ("Checkout path", ["gateway", "orders", "payments"])
    assert [lk.key for lk in v.links] == ["gateway->orders", "orders->payments"]


def test_unknown_view_lists_choices(small: Architecture) -> None:
    with pytest.raises(UnknownView, match=r"unknown view 'journey:gateway'; choose from: system, overview"):
        spec(small, "journey:gateway")


def _big(n: int) -> Architecture:
    comps = "\n".join(f"  - {{id: s{i:03d}, kind: service, boundary: {'a' if i % 2 else 'b'}}}" for i in range(n))
    text = f"archkit: 1\nname: Big\nboundaries:\n  - {{id: a, trust: internal}}\n  - {{id: b, trust: dmz}}\ncomponents:\n{comps}\n"
    return loads(text, "big.yaml")


def test_big_system_is_split_into_overview_and_boundaries() -> None:
    specs, messages = plan(_big(MAX_COMPONENTS + 1))
    assert [s.name for s in specs] == ["overview", "boundary:a", "boundary:b"]
    assert messages == [
        "the whole-system view has 61 components (more than 60), so it is drawn as a boundary overview plus 2 per-boundary views"
    ]


def test_system_at_the_limit_is_not_split() -> None:
    specs, messages = plan(_big(MAX_COMPONENTS))
    assert ([s.name for s in specs], messages) == (["system"], [])


def test_empty_model_has_a_note(empty: Architecture) -> None:
    v = spec(empty, "system")
    assert v.note == "This model has no components yet: add some to see the diagram."


def _star(neighbours: int) -> Architecture:
    comps = ["  - {id: hub, kind: service, boundary: core}"]
    comps += [f"  - {{id: n{i:02d}, kind: service, boundary: {'edge' if i % 2 else 'far'}}}" for i in range(neighbours)]
    links = [f"  - {{from: n{i:02d}, to: hub, protocol: grpc}}" for i in range(neighbours)]
    text = (
        "archkit: 1\nname: Star\nboundaries:\n  - {id: core, trust: internal}\n  - {id: edge, trust: dmz}\n"
        "  - {id: far, trust: restricted}\ncomponents:\n" + "\n".join(comps) + "\nlinks:\n" + "\n".join(links) + "\n"
    )
    return loads(text, "star.yaml")


def test_boundary_view_collapses_many_neighbours_into_boundary_boxes() -> None:
    from archkit.render import dot

    assert not spec(_star(12), "boundary:core").collapse_context
    v = spec(_star(13), "boundary:core")
    assert v.collapse_context and len(v.context) == 13
    text = dot.build(_star(13), v, icons=None)
    assert '"b:edge" -> "hub" [xlabel="6 links"' in text
    assert '"b:far" -> "hub" [xlabel="7 links"' in text
    assert '"n00"' not in text  # neighbours are not drawn one by one
    assert "7 components outside this view" in text


def test_exporting_every_view_writes_no_near_duplicates() -> None:
    """A model's own journey view for mobile replaces journey:mobile, its data view replaces data."""
    from pathlib import Path

    import archkit
    from archkit.render import available_views, distinct_views

    arch = archkit.load(Path(__file__).resolve().parents[2] / "examples" / "social-sharing.yaml")
    dropped = set(available_views(arch)) - set(distinct_views(arch))
    assert dropped == {"journey:mobile", "data", "boundary:data"}
    assert {"mobile-journey", "personal-data", "data-tier", "journey:web"} <= set(distinct_views(arch))
