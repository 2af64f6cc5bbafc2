"""The calls an operation makes: which operations clients call first, and each one's call chain.

A call is followed the way the analysis routes a request: an operation's steps; at a component
without operations, every outgoing link; at a component with operations reached without a
name, every operation with a share.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import TYPE_CHECKING

from archkit.model.kinds import MESSAGING_KINDS

if TYPE_CHECKING:
    from archkit.model.architecture import Architecture
    from archkit.model.schema import Link


@dataclass(frozen=True)
class Call:
    """One synchronous call on an operation's chain."""

    caller: str  # component id
    caller_op: str | None  # the calling operation, None for a component without operations
    target: str
    target_op: str | None
    link: Link
    optional: bool
    timeout_ms: float | None
    calls: float = 1.0
    depth: int = 0  # 0: a call the operation makes itself; 1: a call its callee makes; ...

    @property
    def where(self) -> str:
        return f"{self.caller}.{self.caller_op}" if self.caller_op else self.caller


def has_operations(arch: Architecture) -> bool:
    return any(c.operations for c in arch.components)


class CallIndex:
    """Lookups built once per model (components by id, links by source), so walking the call
    chains of thousands of operations stays linear in what they reach."""

    def __init__(self, arch: Architecture) -> None:
        self.arch = arch
        self.components = {c.id: c for c in arch.components}
        self.links_from: dict[str, list[Link]] = {c.id: [] for c in arch.components}
        self.first_link: dict[tuple[str, str], Link] = {}
        for link in arch.links:
            self.links_from[link.source].append(link)
            self.first_link.setdefault((link.source, link.target), link)

    def entry_operations(self, clients: list[str] | None = None) -> list[tuple[str, str]]:
        """``(component, operation)`` pairs that client requests reach first, in model order: the
        walk goes from each client (or ``clients``) along the calls a request waits for, through
        components without operations (a load balancer, a CDN) and a client's own operations,
        and stops at the first operation of any other component."""
        comps = self.components
        found: set[tuple[str, str]] = set()
        seen: set[tuple[str, str | None]] = set()
        starts = clients if clients is not None else [c.id for c in self.arch.clients()]
        stack: list[tuple[str, str | None]] = [(cid, None) for cid in starts]
        while stack:
            cid, op_id = stack.pop()
            if (cid, op_id) in seen:
                continue
            seen.add((cid, op_id))
            comp = comps[cid]
            if op_id is None and comp.operations:  # reached without a name: by share
                stack.extend((cid, o.id) for o in comp.operations if o.share > 0)
            elif op_id is not None and comp.kind != "client":
                found.add((cid, op_id))
            elif op_id is not None:  # a client's own operation: follow its steps
                op = next(o for o in comp.operations if o.id == op_id)
                stack.extend((st.target, st.op) for st in op.steps if self._waits(self.first_link[(cid, st.target)]))
            else:
                stack.extend((lk.target, None) for lk in self.links_from[cid] if self._waits(lk))
        return [(c.id, op.id) for c in self.arch.components for op in c.operations if (c.id, op.id) in found]

    def _waits(self, link: Link) -> bool:
        return link.sync and self.components[link.source].kind not in MESSAGING_KINDS

    def chain(self, component: str, operation: str, *, asynchronous: bool = False) -> list[Call]:
        """Every call one request of ``component.operation`` waits for, directly or further down
        (each once, depth first in step order); with ``asynchronous``, also what it publishes and
        what the consumers of those messages call."""
        calls: list[Call] = []
        seen: set[tuple[str, str | None]] = set()
        comps = self.components

        def ends_at_cache(link: Link) -> bool:  # a write into a cache is stored there; only reads go on
            return link.access == "write" and comps[link.target].kind == "cache"

        def visit(cid: str, op_id: str | None, depth: int) -> None:
            if (cid, op_id) in seen:
                return
            seen.add((cid, op_id))
            comp = comps[cid]
            if op_id is None and comp.operations:
                for o in comp.operations:
                    if o.share > 0:
                        visit(cid, o.id, depth)
                return
            if op_id is None:
                for link in self.links_from[cid]:
                    if self._waits(link) or asynchronous:
                        calls.append(
                            Call(cid, None, link.target, None, link, link.optional, link.timeout_ms, link.calls, depth)
                        )
                        if not ends_at_cache(link):
                            visit(link.target, None, depth + 1)
                return
            op = next(o for o in comp.operations if o.id == op_id)
            for step in op.steps:
                link = self.first_link[(cid, step.target)]
                if not (self._waits(link) or asynchronous):
                    continue
                optional = step.optional if step.optional is not None else link.optional
                timeout = step.timeout_ms if step.timeout_ms is not None else link.timeout_ms
                calls.append(Call(cid, op_id, step.target, step.op, link, optional, timeout, step.calls, depth))
                if not ends_at_cache(link):
                    visit(step.target, step.op, depth + 1)

        visit(component, operation, 0)
        return calls


def entry_operations(arch: Architecture) -> list[tuple[str, str]]:
    """``(component, operation)`` pairs that client requests reach first, in model order."""
    return CallIndex(arch).entry_operations()


def chain(arch: Architecture, component: str, operation: str, *, asynchronous: bool = False) -> list[Call]:
    """See ``CallIndex.chain`` (one lookup index per call; reuse a ``CallIndex`` for many)."""
    return CallIndex(arch).chain(component, operation, asynchronous=asynchronous)
