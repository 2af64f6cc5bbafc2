"""Running Graphviz ``dot``: one process per picture, a timeout, failures explained.

Graphviz 2.42/2.43 (Debian's) can abort in ``init_rank`` on clustered graphs; the caller
retries once without clusters (see ``archkit.render.draw.render_view``).
"""

from __future__ import annotations

import os
import shutil
import subprocess
import tempfile
from pathlib import Path

from archkit.errors import ExternalToolError

TIMEOUT_S = 120.0
INSTALL_HINT = "Graphviz 'dot' is not on PATH; install Graphviz (Debian/Ubuntu: apt-get install graphviz; macOS: brew install graphviz)"


class RenderError(ExternalToolError):
    """Rendering failed; the message is one line saying why and what to do."""


class GraphvizMissing(RenderError):
    """``dot`` is not installed."""


def dot_path() -> str:
    path = shutil.which("dot")
    if path is None:
        raise GraphvizMissing(INSTALL_HINT)
    return path


def run_dot(
    source: str, formats: tuple[str, ...], *, timeout: float = TIMEOUT_S, dpi: int | None = None
) -> dict[str, bytes]:
    """Lay out ``source`` once and write every format; returns ``{format: bytes}``.

    Raises ``RenderError`` with dot's own message when dot fails, crashes or times out.
    """
    exe = dot_path()
    with tempfile.TemporaryDirectory(prefix="archkit-dot-") as tmp:
        args = [exe]
        if dpi is not None:
            args.append(f"-Gdpi={dpi}")
        outputs = {fmt: Path(tmp) / f"out.{fmt}" for fmt in formats}
        for fmt, path in outputs.items():
            args += [f"-T{fmt}", f"-o{path}"]
        env = {**os.environ, "SOURCE_DATE_EPOCH": "0"}
        try:
            proc = subprocess.run(args, input=source.encode("utf-8"), capture_output=True, timeout=timeout, env=env)
        except subprocess.TimeoutExpired:
            raise RenderError(
                f"dot did not finish within {timeout:g} s; draw a smaller view (--view boundary:<id>)"
            ) from None
        except OSError as exc:
            raise RenderError(f"could not run dot: {exc}") from None
        message = _first_error(proc.stderr.decode("utf-8", "replace"))
        if proc.returncode != 0:
            how = f"crashed (signal {-proc.returncode})" if proc.returncode < 0 else f"failed (exit {proc.returncode})"
            raise RenderError(f"dot {how}: {message or 'no message'}")
        missing = [fmt for fmt, path in outputs.items() if not path.exists()]
        if missing:
            raise RenderError(f"dot wrote no {', '.join(missing)} output: {message or 'no message'}")
        return {fmt: path.read_bytes() for fmt, path in outputs.items()}


def _first_error(stderr: str) -> str:
    lines = [line.strip() for line in stderr.splitlines() if line.strip()]
    errors = [line for line in lines if "error" in line.lower() or "trouble" in line.lower()]
    return (errors or lines or [""])[0]
