"""Views: which components and links one picture shows.

Built-in names: ``system`` (everything), ``overview`` (one box per boundary), ``data``
(stores and who reads/writes them), ``boundary:<id>`` (one boundary plus its direct
neighbours, greyed), ``journey:<client id>`` (what that client's requests touch), and the
ids of the model's own ``views:`` entries (which win over a built-in of the same name).
Past ``MAX_COMPONENTS`` the whole-system view is replaced by the overview plus one view
per boundary, and the plan says so.
"""

from __future__ import annotations

from dataclasses import dataclass, field

from archkit.model import Architecture
from archkit.model.calls import Call, CallIndex
from archkit.model.kinds import MESSAGING_KINDS, STORE_KINDS
from archkit.model.schema import Component, Link

MAX_COMPONENTS = 60
MAX_CONTEXT = 12  # past this many outside neighbours, a boundary view shows one box per other boundary


class UnknownView(KeyError):
    """The view name names nothing in this model; the message lists the choices."""

    def __str__(self) -> str:
        return str(self.args[0])


@dataclass
class ViewSpec:
    """What one picture shows. Components and links are in a stable sorted order."""

    name: str
    title: str
    components: list[Component] = field(default_factory=list)
    links: list[Link] = field(default_factory=list)
    context: frozenset[str] = frozenset()  # ids drawn greyed: neighbours outside the focus
    collapse_context: bool = False  # draw the context as one box per boundary, links counted
    overview: bool = False  # one node per boundary instead of components
    data: bool = False  # data view: link labels show access, stores list their data assets
    note: str | None = None  # shown instead of a picture when there is nothing to draw
    calls: list[Call] = field(default_factory=list)  # operation views: the call chain, drawn numbered in order
    down: frozenset[str] = frozenset()  # what-if: ids drawn greyed and crossed out (out of service), not removed

    @property
    def slug(self) -> str:
        return self.name.replace(":", "-")


def available_views(arch: Architecture) -> list[str]:
    """Every view name this model can be drawn with, built-ins first."""
    names = ["system", "overview", "data"]
    names += [f"boundary:{b.id}" for b in sorted(arch.boundaries, key=lambda b: b.id)]
    names += [f"journey:{c.id}" for c in sorted(arch.clients(), key=lambda c: c.id)]
    names += [f"operation:{c.id}.{op.id}" for c in arch.components for op in c.operations]
    names += [v.id for v in arch.views if v.id not in names]
    return names


def distinct_views(arch: Architecture) -> list[str]:
    """``available_views`` without the built-ins a model view already draws (a model's journey view
    for ``mobile`` replaces ``journey:mobile``, its data view replaces ``data``), so exporting
    every view writes no near-duplicate pictures."""
    covered: set[str] = set()
    for v in arch.views:
        if v.kind == "journey" and v.client:
            covered.add(f"journey:{v.client}")
        elif v.kind == "boundary" and v.boundary:
            covered.add(f"boundary:{v.boundary}")
        elif v.kind in ("data", "system"):
            covered.add(v.kind)
    model_ids = {v.id for v in arch.views}
    return [name for name in available_views(arch) if name in model_ids or name not in covered]


def plan(arch: Architecture, view: str | None = None) -> tuple[list[ViewSpec], list[str]]:
    """The pictures to draw for ``view`` (default: the whole system) and messages for the user."""
    name = view or "system"
    if name == "system" and not _model_view(arch, name) and len(arch.components) > MAX_COMPONENTS:
        specs = [spec(arch, "overview")]
        specs += [spec(arch, f"boundary:{b.id}") for b in sorted(arch.boundaries, key=lambda b: b.id)]
        message = (
            f"the whole-system view has {len(arch.components)} components (more than {MAX_COMPONENTS}), "
            f"so it is drawn as a boundary overview plus {len(specs) - 1} per-boundary views"
        )
        return specs, [message]
    return [spec(arch, name)], []


def spec(arch: Architecture, name: str) -> ViewSpec:
    """One view by name; raises ``UnknownView`` listing the choices."""
    model_view = _model_view(arch, name)
    if model_view is not None:
        title = model_view.name or model_view.id
        if model_view.kind == "system":
            return _renamed(whole_system(arch), name, title)
        if model_view.kind == "data":
            return _renamed(_data(arch), name, title)
        if model_view.kind == "boundary" and model_view.boundary:
            return _renamed(_boundary(arch, model_view.boundary), name, title)
        if model_view.kind == "journey" and model_view.client:
            return _renamed(_journey(arch, model_view.client), name, title)
        return _custom(arch, name, title, set(model_view.components))
    if name == "system":
        return whole_system(arch)
    if name == "overview":
        return ViewSpec(
            "overview", "Boundary overview", _sorted(arch.components), _links(arch, arch.components), overview=True
        )
    if name == "data":
        return _data(arch)
    kind, _, arg = name.partition(":")
    if kind == "boundary" and any(b.id == arg for b in arch.boundaries):
        return _boundary(arch, arg)
    if kind == "journey" and any(c.id == arg for c in arch.clients()):
        return _journey(arch, arg)
    if kind == "operation":
        component, _, op = arg.partition(".")
        if any(c.id == component and any(o.id == op for o in c.operations) for c in arch.components):
            return _operation(arch, component, op)
    raise UnknownView(f"unknown view '{name}'; choose from: {', '.join(available_views(arch))}")


def _model_view(arch: Architecture, name: str):  # type: ignore[no-untyped-def]
    return next((v for v in arch.views if v.id == name), None)


def _renamed(s: ViewSpec, name: str, title: str) -> ViewSpec:
    s.name, s.title = name, title
    return s


def _sorted(components: list[Component]) -> list[Component]:
    return sorted(components, key=lambda c: c.id)


def _links(arch: Architecture, components: list[Component]) -> list[Link]:
    ids = {c.id for c in components}
    chosen = [link for link in arch.links if link.source in ids and link.target in ids]
    return sorted(chosen, key=lambda lk: (lk.source, lk.target, lk.protocol or ""))


def whole_system(arch: Architecture) -> ViewSpec:
    note = None if arch.components else "This model has no components yet: add some to see the diagram."
    return ViewSpec("system", "Whole system", _sorted(arch.components), _links(arch, arch.components), note=note)


def _boundary(arch: Architecture, boundary_id: str) -> ViewSpec:
    boundary = arch.boundary(boundary_id)
    inside = {c.id for c in arch.in_boundary(boundary_id)}
    neighbours = {lk.target for lk in arch.links if lk.source in inside} | {
        lk.source for lk in arch.links if lk.target in inside
    }
    wanted = inside | neighbours
    shown = [c for c in arch.components if c.id in wanted]
    links = [lk for lk in _links(arch, shown) if lk.source in inside or lk.target in inside]
    note = None if inside else f"Boundary '{boundary_id}' holds no components yet."
    title = f"Boundary: {boundary.name or boundary.id}"
    context = frozenset(neighbours - inside)
    return ViewSpec(
        f"boundary:{boundary_id}",
        title,
        _sorted(shown),
        links,
        context=context,
        collapse_context=len(context) > MAX_CONTEXT,
        note=note,
    )


def _journey(arch: Architecture, client_id: str) -> ViewSpec:
    client = arch.component(client_id)
    ids = {client_id, *arch.downstream(client_id)}
    shown = [c for c in arch.components if c.id in ids]
    title = f"Journey of {client.name or client.id}"
    return ViewSpec(f"journey:{client_id}", title, _sorted(shown), _links(arch, shown))


def _data(arch: Architecture) -> ViewSpec:
    holders = STORE_KINDS | MESSAGING_KINDS
    stores = {c.id for c in arch.components if c.kind in holders}
    links = [lk for lk in arch.links if lk.target in stores or lk.source in stores]
    ids = stores | {lk.source for lk in links} | {lk.target for lk in links}
    shown = [c for c in arch.components if c.id in ids]
    note = None if stores else "This model has no data stores yet."
    links = sorted(links, key=lambda lk: (lk.source, lk.target, lk.protocol or ""))
    return ViewSpec("data", "Data: stores and who reads or writes them", _sorted(shown), links, data=True, note=note)


def _custom(arch: Architecture, name: str, title: str, ids: set[str]) -> ViewSpec:
    shown = [c for c in arch.components if c.id in ids]
    note = None if shown else f"View '{name}' lists no components."
    return ViewSpec(name, title, _sorted(shown), _links(arch, shown), note=note)


def _operation(arch: Architecture, component: str, operation: str) -> ViewSpec:
    """One operation's call chain: every call one request makes, numbered in order (optional
    calls dashed; what it publishes, and what consumes that, included)."""
    op = arch.operation(component, operation)
    index = CallIndex(arch)
    waited = index.chain(component, operation)
    key = {(c.caller, c.caller_op, c.target, c.target_op) for c in waited}
    # What the request waits for comes first, in step order; what it sets off asynchronously after.
    later = [
        c
        for c in index.chain(component, operation, asynchronous=True)
        if (c.caller, c.caller_op, c.target, c.target_op) not in key
    ]
    calls = waited + later
    ids = {component} | {c.target for c in calls}
    shown = [c for c in arch.components if c.id in ids]
    route = op.route
    title = f"Operation {component}.{operation}" + (f" ({route})" if route else "")
    return ViewSpec(f"operation:{component}.{operation}", title, _sorted(shown), [], calls=calls)
