"""Pause Python's cyclic garbage collector while a large model is built, analysed or reviewed.

Those steps create hundreds of thousands of objects that all survive the step (YAML nodes,
fields, the model, flows, findings), and almost none in reference cycles. The collector runs
every 700 new objects and, as they pile up, walks the survivors again and again: on a
2,000-component model it took half of loading, analysing and reviewing (benchmarks/bench_diff.py).
Reference counting still frees everything that is not in a cycle; the few cycles left are
collected when the collector resumes.
"""

from __future__ import annotations

import contextlib
import gc
from collections.abc import Iterator


@contextlib.contextmanager
def collector_paused() -> Iterator[None]:
    """Off for the block (or the decorated call), then back as it was: a caller that turned it
    off keeps it off, and nested pauses do not turn it on early."""
    was_enabled = gc.isenabled()
    gc.disable()
    try:
        yield
    finally:
        if was_enabled:
            gc.enable()
