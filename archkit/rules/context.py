"""What a rule sees: the Architecture, its graph built once, and graph helpers.

Every helper is computed on first use and cached for the run, so forty rules asking for
the same reachability cost one traversal. Rules never mutate the context.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable
from functools import cached_property
from pathlib import Path
from typing import TYPE_CHECKING

from archkit.analysis import Analysis, analyze
from archkit.analysis.load import Traffic, traffic
from archkit.api.openapi import openapi_document
from archkit.api.spec import Spec
from archkit.api.spec_file import load_spec
from archkit.data.ddl import entity_plans
from archkit.data.index_plan import EntityPlan
from archkit.model.calls import CallIndex
from archkit.model.errors import ModelError
from archkit.model.kinds import COMPUTE_KINDS, KIND_INFO, MESSAGING_KINDS, STORE_KINDS, TRUST_RANK
from archkit.model.schema import Component, DataAsset, Link

if TYPE_CHECKING:
    import networkx as nx

    from archkit.model.architecture import Architecture

# Kinds that pass a request on at the edge without application logic.
PASS_THROUGH_KINDS = frozenset({"cdn", "load_balancer", "dns"})
# Kinds that run application code and can authenticate, rate-limit or answer a request.
APP_KINDS = frozenset({"gateway", "service", "function"})
# Persistent stores: where data survives a restart (caches excluded).
PERSISTENT_KINDS = frozenset({"database", "object_store", "search"})
# Kinds operated as managed, elastic services: one "replica" in the model is not one machine.
MANAGED_KINDS = frozenset(k for k, info in KIND_INFO.items() if not info.capacity_limited)


class Context:
    """The architecture under review plus cached graph queries. One per ``check`` run."""

    def __init__(self, arch: Architecture, *, today: dt.date | None = None, analysis: Analysis | None = None) -> None:
        self.arch = arch
        self.today = today or dt.date.today()
        self.components: dict[str, Component] = {c.id: c for c in arch.components}
        self.out_links: dict[str, list[Link]] = {c.id: [] for c in arch.components}
        self.in_links: dict[str, list[Link]] = {c.id: [] for c in arch.components}
        for link in arch.links:
            self.out_links[link.source].append(link)
            self.in_links[link.target].append(link)
        self._analysis: Analysis | None = analysis  # given when the caller has analysed the model already

    # ------------------------------------------------------------------ basics
    def kind(self, component_id: str) -> str:
        return self.components[component_id].kind

    def of_kind(self, *kinds: str) -> list[Component]:
        return [c for c in self.arch.components if c.kind in kinds]

    @staticmethod
    def declared(obj: Component | Link, field: str) -> bool:
        """The model file sets ``field`` explicitly (as opposed to taking the default)."""
        return field in obj.model_fields_set

    def trust(self, component_id: str) -> str | None:
        """``Architecture.trust_of``, from a table built once per review."""
        return self._trust_of[component_id]

    @cached_property
    def _trust_of(self) -> dict[str, str | None]:
        return self.arch.trust_levels()

    def trust_rank(self, component_id: str) -> int | None:
        t = self.trust(component_id)
        return None if t is None else TRUST_RANK[t]

    def untrusted(self, component_id: str) -> bool:
        """A caller the system does not control: anything whose trust is public."""
        return self.trust(component_id) == "public"

    @cached_property
    def compliance(self) -> frozenset[str]:
        return frozenset(x.strip().lower() for x in self.arch.requirements.compliance)

    @cached_property
    def _component_index(self) -> dict[str, int]:
        return {c.id: i for i, c in enumerate(self.arch.components)}

    @cached_property
    def _link_index(self) -> dict[str, int]:
        index: dict[str, int] = {}
        for i, link in enumerate(self.arch.links):
            index.setdefault(link.key, i)
        return index

    def component_line(self, component_id: str) -> int | None:
        """Line of the component in the model file (None for models built in code)."""
        i = self._component_index.get(component_id)
        return None if i is None else self.arch.line_of(f"components[{i}]")

    def link_line(self, key: str) -> int | None:
        """Line of the first link ``from->to`` in the model file."""
        i = self._link_index.get(key)
        return None if i is None else self.arch.line_of(f"links[{i}]")

    # ------------------------------------------------------------------ graphs
    @cached_property
    def graph(self) -> nx.MultiDiGraph:
        """``arch.graph``, built once for the whole review."""
        return self.arch.graph

    def waits(self, link: Link) -> bool:
        """The caller waits for this link: it is synchronous and does not leave a queue or stream
        (delivery to a consumer never holds up the request that published the message)."""
        return link.sync and self.components[link.source].kind not in MESSAGING_KINDS

    @cached_property
    def sync_graph(self) -> nx.DiGraph:
        """Components and the links their callers wait on (one edge per pair); see ``waits``."""
        import networkx as nx

        g = nx.DiGraph()
        g.add_nodes_from(self.components)
        g.add_edges_from((link.source, link.target) for link in self.arch.links if self.waits(link))
        return g

    @cached_property
    def sync_cycles(self) -> list[list[str]]:
        """Groups of components that call each other synchronously in a cycle (model order)."""
        import networkx as nx

        order = {cid: i for i, cid in enumerate(self.components)}
        groups = [
            sorted(scc, key=order.__getitem__)
            for scc in nx.strongly_connected_components(self.sync_graph)
            if len(scc) > 1
        ]
        return sorted(groups, key=lambda g: order[g[0]])

    @cached_property
    def sync_dag(self) -> nx.DiGraph:
        """The synchronous graph with cycles cut (edges inside a cycle dropped), for path lengths."""
        g = self.sync_graph.copy()
        for group in self.sync_cycles:
            members = set(group)
            g.remove_edges_from([(a, b) for a, b in list(g.edges) if a in members and b in members])
        return g

    def heaviest_paths(self, factor: Callable[[str, str], float]) -> dict[str, tuple[float, list[str]]]:
        """For every component a client reaches over ``sync_dag``: the path from a client that
        maximises the product of ``factor(caller, callee)`` along it (ties: the shorter path),
        as ``(product, [client, ..., component])``. Calls multiplying (PERF004) and retries
        multiplying (REL009) are the same walk with different factors."""
        import networkx as nx

        dag = self.sync_dag
        best: dict[str, tuple[float, list[str]]] = {}
        for n in nx.topological_sort(dag):
            if self.kind(n) == "client":
                best[n] = (1.0, [n])
                continue
            options = [(best[p][0] * factor(p, n), [*best[p][1], n]) for p in dag.predecessors(n) if p in best]
            if options:
                best[n] = max(options, key=lambda o: (o[0], -len(o[1])))
        return best

    @cached_property
    def journeys(self) -> dict[str, set[str]]:
        """For each client, the components its requests reach through synchronous calls."""
        import networkx as nx

        return {c.id: nx.descendants(self.sync_graph, c.id) for c in self.arch.components if c.kind == "client"}

    @cached_property
    def on_journey(self) -> set[str]:
        """Components some client request waits for (synchronously reachable from a client)."""
        out: set[str] = set()
        for reached in self.journeys.values():
            out |= reached
        return out

    @cached_property
    def reachable_from_clients(self) -> set[str]:
        """Components reached from a client by any links, synchronous or not."""
        import networkx as nx

        out: set[str] = set()
        g = self.graph
        for c in self.arch.components:
            if c.kind == "client":
                out |= nx.descendants(g, c.id)
        return out

    @cached_property
    def articulation_points(self) -> set[str]:
        """Cut vertices of the (undirected) synchronous graph: removing one splits it."""
        import networkx as nx

        return set(nx.articulation_points(self.sync_graph.to_undirected(as_view=True)))

    def edge_chains(self, source: str) -> list[list[str]]:
        """From an untrusted ``source``: the chains of pass-through edge components (CDN, load
        balancer) each ending at the first component that is not one (all ids, source excluded)."""
        chains: list[list[str]] = []

        def walk(path: list[str]) -> None:
            for link in self.out_links[path[-1]]:
                nxt = link.target
                if nxt in path or nxt == source:
                    continue
                if self.kind(nxt) in PASS_THROUGH_KINDS:
                    before = len(chains)
                    walk([*path, nxt])
                    if len(chains) == before:
                        chains.append([*path, nxt])
                else:
                    chains.append([*path, nxt])

        walk([source])
        return [chain[1:] for chain in chains]

    @cached_property
    def internet_chains(self) -> list[list[str]]:
        """Every edge chain that starts at an untrusted client or external system and enters the system."""
        return [chain for _, chain in self.internet_paths]

    @cached_property
    def internet_paths(self) -> list[tuple[str, list[str]]]:
        """``(source, chain)`` for every chain in ``internet_chains``, naming the untrusted source."""
        paths: list[tuple[str, list[str]]] = []
        for cid in self.components:
            if self.untrusted(cid) and self.kind(cid) in ("client", "external"):  # users, and webhooks
                paths += [(cid, ch) for ch in self.edge_chains(cid) if self.kind(ch[-1]) not in ("external", "client")]
        return paths

    def trust_declared(self, component_id: str) -> bool:
        """The component's trust comes from a declared boundary (not inferred from its kind)."""
        return self.components[component_id].boundary is not None

    # ------------------------------------------------------------------ data
    @cached_property
    def assets(self) -> dict[str, DataAsset]:
        return {a.id: a for a in self.arch.data_assets}

    @cached_property
    def stored_assets(self) -> dict[str, list[DataAsset]]:
        """Component id -> data assets stored in it."""
        out: dict[str, list[DataAsset]] = {}
        for asset in self.arch.data_assets:
            for cid in asset.stored_in:
                out.setdefault(cid, []).append(asset)
        return out

    def link_assets(self, link: Link) -> list[DataAsset]:
        return [self.assets[a] for a in link.data if a in self.assets]

    @staticmethod
    def sensitive(asset: DataAsset) -> bool:
        return asset.classification in ("confidential", "restricted") or asset.personal or asset.payment or asset.health

    # ------------------------------------------------------------------ messaging
    def consumers(self, queue_id: str) -> list[str]:
        """Compute components that consume from a queue/stream: drawn as ``queue -> consumer``,
        or as ``consumer -> queue`` (polling) with ``access: read``, or from a worker or function
        whose access is undeclared (they consume far more often than they publish)."""
        out = [lk.target for lk in self.out_links[queue_id] if self.kind(lk.target) in COMPUTE_KINDS]
        for lk in self.in_links[queue_id]:
            kind = self.kind(lk.source)
            if kind in COMPUTE_KINDS and (
                lk.access == "read" or (lk.access is None and kind in ("worker", "function"))
            ):
                out.append(lk.source)
        return list(dict.fromkeys(out))

    def links_into(self, component_id: str) -> list[tuple[int, Link]]:
        """``(index in arch.links, link)`` for every link into the component."""
        return self._indexed_in_links.get(component_id, [])

    @cached_property
    def _indexed_in_links(self) -> dict[str, list[tuple[int, Link]]]:
        out: dict[str, list[tuple[int, Link]]] = {}
        for i, lk in enumerate(self.arch.links):
            out.setdefault(lk.target, []).append((i, lk))
        return out

    @cached_property
    def calls(self) -> CallIndex:
        """Operations' call chains (``calls.chain``, ``calls.entry_operations()``), indexed once."""
        return CallIndex(self.arch)

    @cached_property
    def entity_plans(self) -> dict[str, EntityPlan]:
        """Entity id -> its index plan (``archkit.data``), computed once per review."""
        return {p.entity.id: p for p in entity_plans(self.arch)}

    @cached_property
    def api_specs(self) -> dict[str, Spec]:
        """REST component id -> the OpenAPI document the API rules judge: the team's own when
        ``api.spec`` names one (relative to the model file), else the one the model implies."""
        out: dict[str, Spec] = {}
        base = Path(self.arch.source_path).parent if self.arch.source_path else Path.cwd()
        for c in self.arch.components:
            if c.api is None or c.api.style != "rest":
                continue
            if c.api.spec:
                out[c.id] = load_spec(base / c.api.spec, component=c.id)
            else:
                out[c.id] = Spec(openapi_document(self.arch, c.id), component=c.id)
        return out

    # ------------------------------------------------------------------ load
    @cached_property
    def traffic(self) -> Traffic:
        """The analysis's load propagation (the one load engine): rps at each component and
        operation, and carried by each link. Raises ``AnalysisError`` when the model cannot be
        analysed, so a rule reading it sets ``needs_analysis=True``."""
        if self._analysis is not None and self._analysis.traffic is not None:
            return self._analysis.traffic  # the caller's analysis already propagated it
        return traffic(self.arch)

    @cached_property
    def peak_rps(self) -> dict[str, float]:
        """Requests/s at peak reaching each component; empty when the analysis refuses the model."""
        try:
            return self.traffic.components
        except ModelError:
            return {}

    # ------------------------------------------------------------------ analysis
    @property
    def analysis(self) -> Analysis:
        """``archkit.analysis.analyze(arch)``, computed on first use (rules that read it set
        ``needs_analysis=True``). A model the analysis refuses raises ``AnalysisError``, which the
        engine reports once for every rule it stopped."""
        if self._analysis is None:
            self._analysis = analyze(self.arch)
        return self._analysis


__all__ = ["APP_KINDS", "MANAGED_KINDS", "PASS_THROUGH_KINDS", "PERSISTENT_KINDS", "STORE_KINDS", "Context"]
