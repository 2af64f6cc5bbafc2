"""Where archkit's bundled files live, in a checkout and in an installed wheel."""

from __future__ import annotations

from pathlib import Path

PACKAGE = Path(__file__).resolve().parent
_CHECKOUT = PACKAGE.parent


def examples_dir() -> Path:
    """The example models: ``examples/`` in a checkout, ``archkit/_examples`` in a wheel."""
    for candidate in (_CHECKOUT / "examples", PACKAGE / "_examples"):
        if candidate.is_dir():
            return candidate
    raise FileNotFoundError("archkit's example models are missing from this installation")


def example(name: str = "social-sharing") -> Path:
    """Path of a bundled example model, by name without ``.yaml``."""
    path = examples_dir() / f"{name}.yaml"
    if not path.exists():
        known = sorted(p.stem for p in examples_dir().glob("*.yaml"))
        raise FileNotFoundError(f"no example named '{name}'; choose from: {', '.join(known)}")
    return path


def examples() -> list[Path]:
    return sorted(examples_dir().glob("*.yaml"))


def default_exports_dir() -> Path:
    """``exports/`` in the current folder: generated diagrams and reports go there."""
    return Path.cwd() / "exports"
