"""The builder's operation methods: add operations and steps with the same checks as loading."""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

from archkit.model.errors import ModelError, Problem, unknown
from archkit.model.operation import Operation, Step

if TYPE_CHECKING:
    from archkit.model.schema import Component, Link


class OperationBuilder:
    """Mixed into ``Architecture``: ``operation``, ``add_operation`` and ``add_step``."""

    if TYPE_CHECKING:
        components: list[Component]
        links: list[Link]
        _source_path: str | None

        def component(self, component_id: str) -> Component: ...
        def ids(self) -> list[str]: ...

    def operation(self, component_id: str, operation_id: str) -> Operation:
        ops = self.component(component_id).operations
        for op in ops:
            if op.id == operation_id:
                return op
        raise KeyError(unknown(f"operation of {component_id}", operation_id, [o.id for o in ops]))

    def add_operation(self, component_id: str, id: str, **fields: Any) -> Operation:
        """Add an operation to a component (steps are added with ``add_step``)."""
        index = self._index_of(component_id)
        ops = self.components[index].operations
        path = f"components[{index}].operations[{len(ops)}]"
        if any(o.id == id for o in ops):
            raise ModelError(
                [Problem(self._source_path, None, f"{path}.id", f"duplicate operation id '{id}' in {component_id}")]
            )
        operation = _build(Operation, {"id": id, **fields}, path)
        ops.append(operation)
        return operation

    def add_step(self, component_id: str, operation_id: str, to: str, **fields: Any) -> Step:
        """Append a step to an operation: it must follow a link, and ``op`` must exist on the target."""
        index = self._index_of(component_id)
        op_index = next((j for j, o in enumerate(self.components[index].operations) if o.id == operation_id), None)
        if op_index is None:
            raise ModelError(
                [
                    Problem(
                        self._source_path,
                        None,
                        f"components[{index}].operations",
                        unknown(
                            f"operation of {component_id}",
                            operation_id,
                            [o.id for o in self.components[index].operations],
                        ),
                    )
                ]
            )
        op = self.components[index].operations[op_index]
        path = f"components[{index}].operations[{op_index}].steps[{len(op.steps)}]"
        step = _build(Step, {"to": to, **fields}, path)
        if not any(lk.source == component_id and lk.target == to for lk in self.links):
            raise ModelError(
                [Problem(self._source_path, None, f"{path}.to", f"no link {component_id} -> {to}: connect them first")]
            )
        if step.op is not None:
            names = [o.id for o in self.component(to).operations]
            if step.op not in names:
                raise ModelError(
                    [Problem(self._source_path, None, f"{path}.op", unknown(f"operation of {to}", step.op, names))]
                )
        op.steps.append(step)
        return step

    def _index_of(self, component_id: str) -> int:
        for i, c in enumerate(self.components):
            if c.id == component_id:
                return i
        raise ModelError(
            [Problem(self._source_path, None, "components", unknown("component", component_id, self.ids()))]
        )


def _build(cls: Any, data: dict[str, Any], path: str) -> Any:
    from archkit.model.architecture import _build as build

    return build(cls, data, path)
