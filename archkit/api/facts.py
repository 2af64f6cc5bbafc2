"""What the architecture around an API says about it: who rate-limits it, whether the internet
reaches it, how each operation authenticates, and the entity it serves.

These are the facts no spec linter has; the generator writes them into the documents and the
architecture-aware API rules judge the documents against them.
"""

from __future__ import annotations

from dataclasses import dataclass

from archkit.model.architecture import Architecture
from archkit.model.entity import Entity
from archkit.model.operation import Operation
from archkit.model.schema import Component

# Kinds that sit in front of a service and may enforce a rate limit for it.
_FRONT_KINDS = frozenset({"gateway", "load_balancer", "cdn"})


@dataclass(frozen=True)
class OperationAuth:
    method: str  # none | api_key | jwt | oauth2 | mtls
    scopes: tuple[str, ...]

    @property
    def secured(self) -> bool:
        return self.method != "none"


def api_components(arch: Architecture) -> list[Component]:
    """Components that expose an API, in model order."""
    return [c for c in arch.components if c.api is not None]


def rate_limiter(arch: Architecture, component_id: str) -> Component | None:
    """The component that throttles requests to ``component_id``: itself when it declares
    ``rate_limit_rps``, else a gateway, load balancer or CDN in front of it that does."""
    own = arch.component(component_id)
    if own.rate_limit_rps is not None:
        return own
    seen = {component_id}
    frontier = [component_id]
    while frontier:
        current = frontier.pop()
        for link in arch.links_to(current):
            caller = arch.component(link.source)
            if caller.id in seen or caller.kind not in _FRONT_KINDS:
                continue
            if caller.rate_limit_rps is not None:
                return caller
            seen.add(caller.id)
            frontier.append(caller.id)
    return None


def is_public(arch: Architecture, component_id: str) -> bool:
    """The internet reaches it: it runs in a public or DMZ boundary, or a client calls it directly."""
    if arch.trust_of(component_id) in ("public", "dmz"):
        return True
    return any(arch.component(link.source).kind == "client" for link in arch.links_to(component_id))


def operation_auth(component: Component, op: Operation) -> OperationAuth:
    method = op.auth or component.auth or "none"
    return OperationAuth(method, tuple(op.scopes))


def operation_entity(arch: Architecture, op: Operation) -> Entity | None:
    if op.entity is None:
        return None
    return next((e for e in arch.entities if e.id == op.entity), None)


__all__ = ["OperationAuth", "api_components", "is_public", "operation_auth", "operation_entity", "rate_limiter"]
