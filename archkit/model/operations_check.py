"""Checks on operations that span components: methods and paths fit the API style, every step
follows a link, ``op`` names an operation of the target, shares sum to 1, and no cycle of
synchronous operations. Each problem is located at the field that is wrong."""

from __future__ import annotations

from collections.abc import Callable
from typing import TYPE_CHECKING

from archkit.model.errors import Problem, choose_from, did_you_mean
from archkit.model.operation import ALL_METHODS, METHODS

if TYPE_CHECKING:
    from archkit.model.architecture import Architecture
    from archkit.model.schema import Component

SHARE_TOLERANCE = 0.001


def operation_problems(arch: Architecture, file: str | None, line_of: Callable[[str], int | None]) -> list[Problem]:
    problems: list[Problem] = []

    def problem(path: str, message: str) -> None:
        problems.append(Problem(file, line_of(path), path, message))

    by_id = {c.id: (i, c) for i, c in enumerate(arch.components)}
    link_pairs: dict[tuple[str, str], bool] = {}  # (from, to) -> synchronous (any sync link counts)
    for link in arch.links:
        pair = (link.source, link.target)
        link_pairs[pair] = link_pairs.get(pair, False) or link.sync
    reached_unnamed = _reached_without_name(arch)

    for i, c in enumerate(arch.components):
        if not c.operations:
            continue
        base = f"components[{i}]"
        _check_api_fit(c, base, problem)
        seen: dict[str, int] = {}
        for j, op in enumerate(c.operations):
            if op.id in seen:
                problem(
                    f"{base}.operations[{j}].id",
                    f"duplicate operation id '{op.id}' in {c.id} (first used by operations[{seen[op.id]}])",
                )
            else:
                seen[op.id] = j
            for k, step in enumerate(op.steps):
                path = f"{base}.operations[{j}].steps[{k}]"
                if (c.id, step.target) not in link_pairs:
                    linked = sorted({t for (s, t) in link_pairs if s == c.id})
                    known = f"; {c.id} links to: {', '.join(linked)}" if linked else f"; {c.id} has no outgoing links"
                    problem(
                        f"{path}.to",
                        f"no link {c.id} -> {step.target}{did_you_mean(step.target, linked)}: a step follows a link of the model (add the link){known}",
                    )
                    continue
                if step.op is not None:
                    target = by_id[step.target][1]
                    ops = list(dict.fromkeys(o.id for o in target.operations))
                    if not ops:
                        problem(
                            f"{path}.op",
                            f"'{step.op}': {step.target} declares no operations (drop `op`, or add operations to {step.target})",
                        )
                    elif step.op not in ops:
                        problem(
                            f"{path}.op",
                            f"unknown operation '{step.op}' of {step.target}{did_you_mean(step.op, ops)}; {choose_from(ops)}",
                        )
        shares = [op.share for op in c.operations]
        total = sum(shares)
        if (total > 0 or c.id in reached_unnamed) and abs(total - 1.0) > SHARE_TOLERANCE:
            listed = ", ".join(f"{op.id} {op.share:g}" for op in c.operations)
            why = (
                f"; {reached_unnamed[c.id]} calls it without naming an operation"
                if c.id in reached_unnamed and total == 0
                else ""
            )
            problem(
                f"{base}.operations",
                f"the shares of {c.id}'s operations sum to {total:g} ({listed}); they must sum to 1{why}",
            )
    if not problems:
        cycle = _operation_cycle(arch)
        if cycle is not None:
            (ci, j, k), names = cycle
            problem(
                f"components[{ci}].operations[{j}].steps[{k}]",
                "synchronous operations call each other in a cycle: "
                + " -> ".join(names)
                + " (a request would wait on itself; make a step asynchronous or call another operation)",
            )
    return problems


def _check_api_fit(c: Component, base: str, problem: Callable[[str, str], None]) -> None:
    style = c.api.style if c.api is not None else None
    allowed = METHODS[style] if style else ALL_METHODS
    for j, op in enumerate(c.operations):
        if op.method is not None and op.method not in allowed:
            what = f"{style} " if style else ""
            problem(
                f"{base}.operations[{j}].method",
                f"'{op.method}' is not a {what}method{did_you_mean(op.method, allowed)}; {choose_from(allowed)}",
            )
        if op.path is not None:
            if style not in (None, "rest"):
                problem(
                    f"{base}.operations[{j}].path",
                    f"`path` is for REST APIs; {c.id}'s api style is {style} (remove it)",
                )
            elif not op.path.startswith("/"):
                problem(f"{base}.operations[{j}].path", f"'{op.path}' must start with '/'")


def _reached_without_name(arch: Architecture) -> dict[str, str]:
    """Components with operations that some caller reaches without naming one -> that caller."""
    has_ops = {c.id for c in arch.components if c.operations}
    found: dict[str, str] = {}
    for link in arch.links:
        # a caller with operations sends only what its steps say; one without sends on every link
        if link.target in has_ops and link.source not in has_ops:
            found.setdefault(link.target, link.source)
    for c in arch.components:
        for op in c.operations:
            for step in op.steps:
                if step.target in has_ops and step.op is None:
                    found.setdefault(step.target, f"{c.id}.{op.id}")
    return found


def _operation_cycle(arch: Architecture) -> tuple[tuple[int, int, int], list[str]] | None:
    """The first cycle among synchronous steps between operations, with where it starts.

    A step that names no operation reaches every operation with a share; a step into a
    component without operations ends the walk (the analysis checks the rest)."""
    index = {c.id: i for i, c in enumerate(arch.components)}
    comps = {c.id: c for c in arch.components}
    sync_pairs = {(lk.source, lk.target) for lk in arch.links if lk.sync}
    succ: dict[tuple[str, str], list[tuple[tuple[str, str], tuple[int, int, int]]]] = {}
    for c in arch.components:
        for j, op in enumerate(c.operations):
            edges = succ.setdefault((c.id, op.id), [])
            for k, step in enumerate(op.steps):
                if (c.id, step.target) not in sync_pairs:
                    continue
                target = comps[step.target]
                names = [step.op] if step.op else [o.id for o in target.operations if o.share > 0]
                for name in names:
                    edges.append(((step.target, name), (index[c.id], j, k)))
    state: dict[tuple[str, str], int] = {}  # 1 on the stack, 2 done
    for start in succ:
        if start in state:
            continue
        stack: list[tuple[tuple[str, str], int]] = [(start, 0)]
        path: list[tuple[str, str]] = [start]
        where: list[tuple[int, int, int]] = []
        state[start] = 1
        while stack:
            node, i = stack[-1]
            edges = succ.get(node, [])
            if i == len(edges):
                stack.pop()
                path.pop()
                if where:
                    where.pop()
                state[node] = 2
                continue
            stack[-1] = (node, i + 1)
            nxt, at = edges[i]
            if state.get(nxt) == 1:
                first = path.index(nxt)
                loop = [*path[first:], nxt]
                return (where[first] if first < len(where) else at), [f"{a}.{b}" for a, b in loop]
            if nxt not in state:
                state[nxt] = 1
                stack.append((nxt, 0))
                path.append(nxt)
                where.append(at)
    return None
