"""REL010 — a service waits on its downstream longer than its own caller waits on it."""

from __future__ import annotations

from collections.abc import Iterator

from archkit.rules.base import Hit, Rule, listing
from archkit.rules.context import Context

MIDDLE_KINDS = frozenset({"gateway", "service", "function", "worker"})  # application code sets its call timeouts
MIN_CALLS = 0.01  # links used by fewer than 1 request in 100 (lease renewals, refreshes) are left out


def check(ctx: Context) -> Iterator[Hit]:
    # One timeout value copied to every layer is one root cause, reported once for all its calls.
    shared: dict[float, list[tuple[str, str, str, str, str]]] = {}
    for middle in ctx.arch.components:
        if middle.kind not in MIDDLE_KINDS:
            continue
        inbound = [
            lk
            for lk in ctx.in_links[middle.id]
            if ctx.waits(lk) and lk.timeout_ms is not None and lk.calls >= MIN_CALLS
        ]
        if not inbound:
            continue
        outer = min(inbound, key=lambda lk: lk.timeout_ms or 0.0)
        assert outer.timeout_ms is not None
        for inner in ctx.out_links[middle.id]:
            if not ctx.waits(inner) or inner.timeout_ms is None or inner.calls < MIN_CALLS:
                continue
            total = inner.timeout_ms * (1 + inner.retries)
            if total < outer.timeout_ms:
                continue
            if not inner.retries and inner.timeout_ms == outer.timeout_ms:
                shared.setdefault(total, []).append((outer.source, middle.id, inner.target, outer.key, inner.key))
                continue
            tries = f" ({inner.timeout_ms:g} ms x {1 + inner.retries} attempts)" if inner.retries else ""
            yield Hit(
                (outer.source, middle.id, inner.target),
                f"{outer.source} gives up on {middle.id} after {outer.timeout_ms:g} ms, but {middle.id} waits up to "
                f"{total:g} ms{tries} on {inner.target}: the work continues after the caller has failed the request",
                links=(outer.key, inner.key),
            )
    for value, cases in shared.items():
        if len(cases) == 1:
            source, middle_id, target, outer_key, inner_key = cases[0]
            yield Hit(
                (source, middle_id, target),
                f"{source} gives up on {middle_id} after {value:g} ms, but {middle_id} waits up to {value:g} ms on "
                f"{target}: the work continues after the caller has failed the request",
                links=(outer_key, inner_key),
            )
            continue
        components = tuple(dict.fromkeys(cid for case in cases for cid in case[:3]))
        links = tuple(dict.fromkeys(key for case in cases for key in case[3:]))
        yield Hit(
            components,
            f"one timeout of {value:g} ms is set at every layer of {len(cases)} call chains "
            f"({listing([f'{a} -> {b} -> {c}' for a, b, c, *_ in cases], 4)}): an inner call can never give up "
            "before its caller does",
            links=links,
        )


RULE = Rule(
    code="REL010",
    name="timeout-inversion",
    category="reliability",
    severity="medium",
    summary="A downstream call's timeout (times its attempts) is not shorter than the caller's timeout on the service making it.",
    rationale="When inner timeouts exceed outer ones, callers time out and retry while the original work is still "
    "running: wasted capacity, duplicate writes, and errors that say 'timeout' at the wrong layer.",
    fix="Budget timeouts from the outside in: each inner timeout x attempts must be below the timeout of the "
    "call that triggered it (leave room for the service's own time).",
    reads=("links.timeout_ms", "links.retries", "links.calls", "links.sync"),
    check=check,
)
