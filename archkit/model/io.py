"""``load`` and ``save``: the model file on disk.

Reading uses the fast C parser (see yaml_reader). Saving a model that came from a file
goes through ruamel.yaml's round-trip mode and changes only what changed, so the user's
comments, key order and quoting survive; an unchanged model is written back byte for
byte. Every write is atomic: a temporary file in the same folder, fsync, then rename.
"""

from __future__ import annotations

import datetime as dt
import io
import os
import tempfile
from pathlib import Path
from typing import TYPE_CHECKING, Any

from pydantic import BaseModel

from archkit.model import yaml_reader
from archkit.model.collector import collector_paused
from archkit.model.errors import ModelError, Problem
from archkit.model.validate import EXTENSION_PREFIX, build
from archkit.model.yaml_merge import Fields, canonical, merge, normal, plain

if TYPE_CHECKING:
    from archkit.model.architecture import Architecture


def load(path: str | os.PathLike[str]) -> Architecture:
    """Read and validate a model file; raises ``ModelError`` listing every problem."""
    file = str(path)
    try:
        size = os.stat(file).st_size
        if size > yaml_reader.MAX_BYTES:
            raise ModelError([Problem(file, None, "", f"file is {size / 1e6:.1f} MB; the limit is 10 MB")])
        raw = Path(file).read_bytes()
    except IsADirectoryError:
        raise ModelError([Problem(file, None, "", "is a directory, not a model file")]) from None
    except FileNotFoundError:
        raise ModelError([Problem(file, None, "", "no such file")]) from None
    except PermissionError:
        raise ModelError([Problem(file, None, "", "permission denied")]) from None
    return loads(yaml_reader.decode(raw, file), file)


def loads(text: str, file: str = "<string>") -> Architecture:
    """Validate model text (YAML or JSON); ``file`` names it in error messages."""
    with collector_paused():
        data, lines = yaml_reader.read(text, file)
        arch = build(data, file, lines)
    arch._source_path = file
    arch._source_text = text
    arch._source_data = data
    arch._lines = lines
    return arch


def to_data(arch: Architecture) -> dict[str, Any]:
    """The model as plain data, holding what the user set or changed (defaults stay implicit)."""
    data = _dump(arch)
    # The version key is the file's contract: always written, always first.
    return _tidy({"archkit": arch.archkit, **{k: v for k, v in data.items() if k != "archkit"}})


def _dump(model: BaseModel) -> dict[str, Any]:
    """Like ``model_dump(exclude_unset=True)``, but a field changed in place (a list appended to,
    a nested section edited) counts as set too, so builder edits are never lost."""
    fields = type(model).model_fields
    out = Fields(order=[info.alias or name for name, info in fields.items()])
    for name, info in fields.items():
        value = getattr(model, name)
        if name not in model.model_fields_set and value == info.get_default(call_default_factory=True):
            continue
        out[info.alias or name] = _dump_value(value)
    return out


def _dump_value(value: Any) -> Any:
    if isinstance(value, BaseModel):
        return _dump(value)
    if isinstance(value, list):
        return [_dump_value(v) for v in value]
    if isinstance(value, dt.date):
        return value.isoformat()
    return value


def _tidy(value: Any) -> Any:
    """Whole floats as ints, so a new ``calls: 2`` is not written as ``calls: 2.0``."""
    if isinstance(value, Fields):
        return Fields({k: _tidy(v) for k, v in value.items()}, order=value.order)
    if isinstance(value, dict):
        return {k: _tidy(v) for k, v in value.items()}
    if isinstance(value, list):
        return [_tidy(v) for v in value]
    if isinstance(value, float) and value.is_integer():
        return int(value)
    return value


def dumps(arch: Architecture) -> str:
    """The model as YAML text; for a loaded model, the source text with only the changes applied."""
    data = to_data(arch)
    source_text, source_data = arch._source_text, arch._source_data
    extensions = {k: v for k, v in (source_data or {}).items() if str(k).startswith(EXTENSION_PREFIX)}
    if source_text is not None and normal(source_data) == normal({**data, **extensions}):
        return source_text
    yaml = _round_trip_yaml()
    if source_text is not None:
        doc = yaml.load(source_text)
        canonical(doc)
        # the user's `x-` blocks (anchors) are theirs: kept as written
        merged = merge(doc, {**data, **{k: doc[k] for k in doc if str(k).startswith(EXTENSION_PREFIX)}})
    else:
        merged = plain(data)
    buffer = io.StringIO()
    yaml.dump(merged, buffer)
    return buffer.getvalue()


def save(arch: Architecture, path: str | os.PathLike[str] | None = None) -> Path:
    """Write the model atomically; by default back to the file it came from."""
    if path is None and not arch._source_path:
        raise ModelError([Problem(None, None, "", "save() needs a path for a model that was not loaded from a file")])
    target = Path(path if path is not None else str(arch._source_path))
    text = dumps(arch)
    write_atomic(target, text)
    arch._source_path = str(target)
    arch._source_text = text
    data, lines = yaml_reader.read(text, str(target))
    arch._source_data = data
    arch._lines = lines
    return target


def write_atomic(target: Path, text: str | bytes) -> None:
    """Write ``text`` to ``target`` so that readers see the old file or the new one, never half."""
    target.parent.mkdir(parents=True, exist_ok=True)
    payload = text.encode("utf-8") if isinstance(text, str) else text
    fd, tmp = tempfile.mkstemp(prefix=f".{target.name}.", suffix=".tmp", dir=target.parent)
    try:
        with os.fdopen(fd, "wb") as fh:
            fh.write(payload)
            fh.flush()
            os.fsync(fh.fileno())
        if target.exists():
            os.chmod(tmp, target.stat().st_mode & 0o777)
        else:
            os.chmod(tmp, 0o644)
        os.replace(tmp, target)
    except BaseException:
        if os.path.exists(tmp):
            os.unlink(tmp)
        raise


def _round_trip_yaml() -> Any:
    from ruamel.yaml import YAML

    yaml = YAML(typ="rt")
    yaml.preserve_quotes = True
    yaml.brace_single_entry_mapping_in_flow_sequence = True  # `[{to: a}]` stays so, not `[to: a]`
    yaml.width = 4096
    yaml.indent(mapping=2, sequence=4, offset=2)
    return yaml
