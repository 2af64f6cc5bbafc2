"""``Architecture``: the model file plus lookups, graph queries and a validating builder."""

from __future__ import annotations

from collections.abc import Mapping
from typing import TYPE_CHECKING, Any

from pydantic import PrivateAttr

from archkit.model.errors import ModelError, Problem, unknown
from archkit.model.kinds import KIND_INFO, TRUST_RANK
from archkit.model.operation_builder import OperationBuilder
from archkit.model.schema import Boundary, Component, Link, ModelFile

if TYPE_CHECKING:
    import networkx as nx


class Architecture(ModelFile, OperationBuilder):
    """One system. Build it with ``archkit.load(path)`` or ``Architecture(name=...)``."""

    # Where it was loaded from, so save() can keep the user's comments and formatting.
    _source_path: str | None = PrivateAttr(None)
    _source_text: str | None = PrivateAttr(None)
    _source_data: Any = PrivateAttr(None)
    _lines: dict[str, int] = PrivateAttr(default_factory=dict)

    # ----------------------------------------------------------------- lookups
    def component(self, component_id: str) -> Component:
        for c in self.components:
            if c.id == component_id:
                return c
        raise KeyError(unknown("component", component_id, [c.id for c in self.components]))

    def boundary(self, boundary_id: str) -> Boundary:
        for b in self.boundaries:
            if b.id == boundary_id:
                return b
        raise KeyError(unknown("boundary", boundary_id, [b.id for b in self.boundaries]))

    def has(self, component_id: str) -> bool:
        return any(c.id == component_id for c in self.components)

    def line_of(self, path: str) -> int | None:
        """Line in the source file of a field path such as ``components[2].kind``."""
        while path:
            if path in self._lines:
                return self._lines[path]
            path = path.rsplit(".", 1)[0] if "." in path else path.rsplit("[", 1)[0] if "[" in path else ""
        return None

    def line_of_component(self, component_id: str) -> int | None:
        for i, c in enumerate(self.components):
            if c.id == component_id:
                return self.line_of(f"components[{i}]")
        return None

    def line_of_link(self, source: str, target: str) -> int | None:
        for i, link in enumerate(self.links):
            if link.source == source and link.target == target:
                return self.line_of(f"links[{i}]")
        return None

    @property
    def source_path(self) -> str | None:
        return self._source_path

    def trust_of(self, component_id: str) -> str | None:
        """Trust level of the component's boundary. Clients and external systems with no boundary
        are outside the system, so they count as ``public``; anything else without one is None.
        (The one definition: the review's ``Context.trust`` delegates here.)"""
        return _trust(self.component(component_id), {b.id: b.trust for b in self.boundaries})

    def trust_levels(self) -> dict[str, str | None]:
        """``trust_of`` for every component, in one pass."""
        levels = {b.id: b.trust for b in self.boundaries}
        return {c.id: _trust(c, levels) for c in self.components}

    def links_from(self, component_id: str) -> list[Link]:
        return [link for link in self.links if link.source == component_id]

    def links_to(self, component_id: str) -> list[Link]:
        return [link for link in self.links if link.target == component_id]

    def of_kind(self, *kinds: str) -> list[Component]:
        return [c for c in self.components if c.kind in kinds]

    # ----------------------------------------------------------------- graph queries
    @property
    def graph(self) -> nx.MultiDiGraph:
        """A networkx MultiDiGraph: nodes are component ids, edges are links (key = index in ``links``).

        Node attributes are the component's fields (plus ``trust``); edge attributes are the
        link's fields with ``source``/``target`` named ``from``/``to`` as in the file.
        """
        import networkx as nx

        g = nx.MultiDiGraph(name=self.name)
        trust = {b.id: b.trust for b in self.boundaries}
        for c in self.components:
            g.add_node(c.id, **c.model_dump(), trust=trust.get(c.boundary or ""))
        for i, link in enumerate(self.links):
            g.add_edge(link.source, link.target, key=i, **link.model_dump(by_alias=True), encrypted=link.encrypted)
        return g

    def clients(self) -> list[Component]:
        return self.of_kind("client")

    def entry_points(self) -> list[Component]:
        """Components that clients call directly."""
        client_ids = {c.id for c in self.clients()}
        targets = {link.target for link in self.links if link.source in client_ids}
        return [c for c in self.components if c.id in targets]

    def downstream(self, component_id: str, *, sync_only: bool = False) -> list[str]:
        """Every component reachable from ``component_id`` (itself excluded), in model order."""
        seen = self._reach(component_id, forward=True, sync_only=sync_only)
        return [c.id for c in self.components if c.id in seen]

    def upstream(self, component_id: str, *, sync_only: bool = False) -> list[str]:
        """Every component that can reach ``component_id`` (itself excluded), in model order."""
        seen = self._reach(component_id, forward=False, sync_only=sync_only)
        return [c.id for c in self.components if c.id in seen]

    def _reach(self, start: str, *, forward: bool, sync_only: bool) -> set[str]:
        self.component(start)  # raises a helpful KeyError for an unknown id
        adjacency: dict[str, list[str]] = {}
        for link in self.links:
            if sync_only and not link.sync:
                continue
            a, b = (link.source, link.target) if forward else (link.target, link.source)
            adjacency.setdefault(a, []).append(b)
        seen: set[str] = set()
        stack = [start]
        while stack:
            for nxt in adjacency.get(stack.pop(), []):
                if nxt not in seen and nxt != start:
                    seen.add(nxt)
                    stack.append(nxt)
        return seen

    def sync_paths(self, client_id: str, *, limit: int = 10_000) -> list[list[str]]:
        """Synchronous call paths from a client to each leaf, as lists of ids (cycles cut)."""
        self.component(client_id)
        out: dict[str, list[str]] = {}
        for link in self.links:
            if link.sync:
                out.setdefault(link.source, [])
                if link.target not in out[link.source]:
                    out[link.source].append(link.target)
        paths: list[list[str]] = []

        def walk(path: list[str]) -> None:
            if len(paths) >= limit:
                return
            nexts = [n for n in out.get(path[-1], []) if n not in path]
            if not nexts:
                paths.append(list(path))
            for n in nexts:
                walk([*path, n])

        walk([client_id])
        return paths

    def in_boundary(self, boundary_id: str) -> list[Component]:
        self.boundary(boundary_id)
        return [c for c in self.components if c.boundary == boundary_id]

    def crossing_links(self) -> list[Link]:
        """Links whose ends sit in boundaries of different trust levels (or one end has none)."""
        trust = self.trust_levels()
        return [
            link
            for link in self.links
            if link.source in trust and link.target in trust and trust[link.source] != trust[link.target]
        ]

    def inbound_crossing_links(self) -> list[Link]:
        """Crossing links that go from a less trusted boundary into a more trusted one."""
        result = []
        trust = self.trust_levels()
        for link in self.crossing_links():
            a, b = trust[link.source], trust[link.target]
            if a is not None and b is not None and TRUST_RANK[a] < TRUST_RANK[b]:
                result.append(link)
        return result

    # ----------------------------------------------------------------- effective values
    def concurrency_of(self, c: Component) -> int:
        return c.concurrency if c.concurrency is not None else KIND_INFO[c.kind].concurrency

    def service_time_of(self, c: Component) -> float:
        return c.service_time_ms if c.service_time_ms is not None else KIND_INFO[c.kind].service_time_ms

    def availability_of(self, c: Component) -> float:
        return c.availability if c.availability is not None else KIND_INFO[c.kind].availability

    # ----------------------------------------------------------------- builder
    def add_component(self, id: str, kind: str, **fields: Any) -> Component:
        """Add a component; raises ModelError (with did-you-mean) on a bad kind, field or duplicate id."""
        if self.has(id):
            raise ModelError([Problem(self._source_path, None, "components", f"duplicate id '{id}'")])
        component = _build(Component, {"id": id, "kind": kind, **fields}, f"components[{len(self.components)}]")
        self._check_boundary_ref(component.boundary, f"components[{len(self.components)}].boundary")
        self.components.append(component)
        return component

    def update_component(self, component_id: str, **fields: Any) -> Component:
        """Change fields of a component, validating the result before anything changes."""
        index = next((i for i, c in enumerate(self.components) if c.id == component_id), None)
        if index is None:
            raise ModelError(
                [Problem(self._source_path, None, "components", unknown("component", component_id, self.ids()))]
            )
        current = self.components[index]
        merged = {**current.model_dump(exclude_unset=True, by_alias=True), **fields}
        updated = _build(Component, merged, f"components[{index}]")
        if updated.id != component_id:
            raise ModelError(
                [Problem(self._source_path, None, f"components[{index}].id", "ids cannot be changed; remove and add")]
            )
        self._check_boundary_ref(updated.boundary, f"components[{index}].boundary")
        self.components[index] = updated
        return updated

    def connect(self, source: str, target: str, **fields: Any) -> Link:
        """Add a link ``source -> target``; both ends must exist and differ."""
        path = f"links[{len(self.links)}]"
        problems = []
        for end, value in (("from", source), ("to", target)):
            if not self.has(value):
                problems.append(
                    Problem(self._source_path, None, f"{path}.{end}", unknown("component", value, self.ids()))
                )
        if source == target:
            problems.append(Problem(self._source_path, None, path, f"a component cannot link to itself ('{source}')"))
        if problems:
            raise ModelError(problems)
        protocol = fields.get("protocol")
        # Without a protocol the pair is the link: pressing Connect again must not add it twice.
        same = [lk for lk in self.links if lk.source == source and lk.target == target]
        if any(protocol is None or lk.protocol == protocol for lk in same):
            raise ModelError(
                [
                    Problem(
                        self._source_path,
                        None,
                        path,
                        f"the link {source} -> {target} already exists; not added again"
                        + (" (to add a second protocol between them, give it a different `protocol`)" if same else ""),
                    )
                ]
            )
        callee, caller = self.component(target), self.component(source)
        if callee.operations and not caller.operations and abs(sum(o.share for o in callee.operations) - 1) > 0.001:
            # a caller without operations reaches the target by share: the model would not load again
            raise ModelError(
                [
                    Problem(
                        self._source_path,
                        None,
                        path,
                        f"{source} would call {target} without naming an operation, but the shares of {target}'s "
                        "operations do not sum to 1: give them shares first",
                    )
                ]
            )
        link = _build(Link, {"from": source, "to": target, **fields}, path)
        self.links.append(link)
        return link

    def disconnect(self, source: str, target: str) -> int:
        """Remove every link ``source -> target`` and the steps that followed it; returns how many links."""
        before = len(self.links)
        self.links = [lk for lk in self.links if not (lk.source == source and lk.target == target)]
        if before != len(self.links):
            for op in self.component(source).operations:
                if any(st.target == target for st in op.steps):
                    op.steps = [st for st in op.steps if st.target != target]
        return before - len(self.links)

    def _forget_entities_of(self, component_id: str) -> None:
        """Entities held by a removed store go with it; patterns run by its operations lose `by`;
        references into the removed entities (fields, operations' `entity`) and caches it was
        become undeclared."""
        if not self.entities:
            return
        gone = {e.id for e in self.entities if e.store == component_id}
        if gone:
            self.entities = [e for e in self.entities if e.id not in gone]
            for c in self.components:
                for op in c.operations:
                    if op.entity in gone:
                        op.entity = None
        for e in self.entities:
            if e.cache is not None and e.cache.component == component_id:
                e.cache = None
            for f in e.fields:
                if f.references and f.references.split(".")[0] in gone:
                    f.references = None
            for a in e.access:
                if a.by and a.by.split(".")[0] == component_id:
                    a.by = None

    def remove(self, component_id: str) -> Component:
        """Remove a component and every link, trace and view entry that names it."""
        component = self.component(component_id)
        self.components = [c for c in self.components if c.id != component_id]
        self.links = [lk for lk in self.links if component_id not in (lk.source, lk.target)]
        for fr in self.requirements.functional:
            if component_id in fr.served_by:
                fr.served_by = [s for s in fr.served_by if s != component_id]
        for asset in self.data_assets:
            if component_id in asset.stored_in:
                asset.stored_in = [s for s in asset.stored_in if s != component_id]
        for link in self.links:
            if link.fallback == component_id:
                link.fallback = None
        for other in self.components:  # steps into it go with its links
            for op in other.operations:
                if any(st.target == component_id for st in op.steps):
                    op.steps = [st for st in op.steps if st.target != component_id]
        self._forget_entities_of(component_id)
        for decision in self.decisions:
            if component_id in decision.components:
                decision.components = [s for s in decision.components if s != component_id]
        # A waiver left with no components would waive its rule everywhere: drop it instead.
        # (Sections are reassigned only when they change, so save() does not write `waivers: []`.)
        if any(component_id in w.components for w in self.waivers):
            self.waivers = [
                w
                if component_id not in w.components
                else w.model_copy(update={"components": [s for s in w.components if s != component_id]})
                for w in self.waivers
                if w.components != [component_id]
            ]
        # A journey view without its client shows nothing: drop it; other views just lose the id.
        if any(v.client == component_id for v in self.views):
            self.views = [v for v in self.views if v.client != component_id]
        for view in self.views:
            if component_id in view.components:
                view.components = [s for s in view.components if s != component_id]
        return component

    def add_boundary(self, id: str, trust: str, **fields: Any) -> Boundary:
        if any(b.id == id for b in self.boundaries):
            raise ModelError([Problem(self._source_path, None, "boundaries", f"duplicate id '{id}'")])
        boundary = _build(Boundary, {"id": id, "trust": trust, **fields}, f"boundaries[{len(self.boundaries)}]")
        self.boundaries.append(boundary)
        return boundary

    def ids(self) -> list[str]:
        return [c.id for c in self.components]

    def _check_boundary_ref(self, boundary: str | None, path: str) -> None:
        known = [b.id for b in self.boundaries]
        if boundary is not None and boundary not in known:
            raise ModelError([Problem(self._source_path, None, path, unknown("boundary", boundary, known))])

    def summary(self) -> str:
        """A few lines a person reads to know what the model holds."""
        by_kind: dict[str, int] = {}
        for c in self.components:
            by_kind[c.kind] = by_kind.get(c.kind, 0) + 1
        kinds = ", ".join(f"{n} {k}" for k, n in sorted(by_kind.items(), key=lambda kv: (-kv[1], kv[0])))
        r = self.requirements
        targets = []
        if r.peak_rps is not None:
            targets.append(f"{r.peak_rps:g} rps peak")
        if r.latency_p99_ms is not None:
            targets.append(f"p99 {r.latency_p99_ms:g} ms")
        if r.availability is not None:
            targets.append(f"{r.availability:g}% available")
        if r.budget_usd_per_month is not None:
            targets.append(f"${r.budget_usd_per_month:,.0f}/month")
        lines = [
            f"{self.name}: {len(self.components)} components, {len(self.links)} links, {len(self.boundaries)} boundaries",
            f"  components: {kinds or 'none'}",
            f"  clients: {', '.join(c.id for c in self.clients()) or 'none'}",
            f"  targets: {', '.join(targets) or 'none declared'}",
        ]
        if r.compliance:
            lines.append(f"  compliance: {', '.join(r.compliance)}")
        extras = [
            (len(self.data_assets), "data assets"),
            (len(self.decisions), "decisions"),
            (len(self.waivers), "waivers"),
            (len(self.views), "views"),
        ]
        listed = ", ".join(f"{n} {label}" for n, label in extras if n)
        if listed:
            lines.append(f"  also: {listed}")
        return "\n".join(lines)


def _trust(c: Component, levels: Mapping[str, str]) -> str | None:
    if c.boundary is None:
        return "public" if c.kind in ("client", "external") else None
    return levels.get(c.boundary)


def _build(cls: Any, data: dict[str, Any], path: str) -> Any:
    from pydantic import ValidationError

    from archkit.model.validate import problems_from_validation_error

    try:
        return cls.model_validate(data)
    except ValidationError as exc:
        raise ModelError(problems_from_validation_error(exc, None, {}, prefix=path, data=data)) from None
