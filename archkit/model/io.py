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
from archkit.model.errors import ModelError, Problem
from archkit.model.validate import EXTENSION_PREFIX, build

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
    out: dict[str, Any] = {}
    for name, info in type(model).model_fields.items():
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
    if source_text is not None and _normal(source_data) == _normal({**data, **extensions}):
        return source_text
    yaml = _round_trip_yaml()
    if source_text is not None:
        doc = yaml.load(source_text)
        # the user's `x-` blocks (anchors) are theirs: kept as written
        merged = _merge(doc, {**data, **{k: doc[k] for k in doc if str(k).startswith(EXTENSION_PREFIX)}})
    else:
        merged = data
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
    yaml.width = 4096
    yaml.indent(mapping=2, sequence=4, offset=2)
    return yaml


def _normal(value: Any) -> Any:
    """Compare loaded and dumped data: numbers by value, dates as text, missing empty lists as absent."""
    if isinstance(value, dict):
        return {str(k): _normal(v) for k, v in value.items() if v is not None and v != []}
    if isinstance(value, list):
        return [_normal(v) for v in value]
    if isinstance(value, bool) or value is None or isinstance(value, str):
        return value
    if isinstance(value, (int, float)):
        return float(value)
    return str(value)


def _identity(item: Any) -> Any:
    if isinstance(item, dict):
        if "id" in item:
            return ("id", item["id"])
        if "from" in item and "to" in item:
            return ("link", item["from"], item["to"])
    return None


def _merge(old: Any, new: Any) -> Any:
    """Apply ``new`` onto the round-trip node ``old`` in place where possible, keeping comments."""
    if isinstance(old, dict) and isinstance(new, dict):
        for key in [k for k in old if k not in new]:
            del old[key]
        for key, value in new.items():
            if key in old:
                if _normal(old[key]) != _normal(value):
                    old[key] = _merge(old[key], value)
            else:
                old[key] = value
        return old
    if isinstance(old, list) and isinstance(new, list):
        return _merge_list(old, new)
    if _normal(old) == _normal(new):
        return old
    return new


def _merge_list(old: Any, new: list[Any]) -> Any:
    """Merge a list in place with single deletes and inserts: ruamel keeps each comment attached
    to its item's index and shifts them on ``del``/``insert``, but drops them on slice assignment."""
    old_ids = [_identity(item) for item in old]
    new_ids = [_identity(item) for item in new]
    if None in old_ids or None in new_ids or len(set(old_ids)) < len(old_ids) or len(set(new_ids)) < len(new_ids):
        # Items without identity (plain values, links listed twice): merge by position.
        for i, value in enumerate(new):
            if i < len(old):
                if _normal(old[i]) != _normal(value):
                    old[i] = _merge(old[i], value)
            else:
                old.append(value)
        while len(old) > len(new):
            del old[len(old) - 1]
        return old
    wanted = set(new_ids)
    for i in reversed(range(len(old))):
        if old_ids[i] not in wanted:
            del old[i]
            del old_ids[i]
    kept = [ident for ident in new_ids if ident in set(old_ids)]
    if kept != old_ids:  # reordered: rebuild (comments may move, the data is right)
        by_id = dict(zip(old_ids, list(old), strict=True))
        rebuilt = [
            _merge(by_id[ident], value) if ident in by_id else value for ident, value in zip(new_ids, new, strict=True)
        ]
        old[:] = rebuilt
        return old
    position = {ident: i for i, ident in enumerate(old_ids)}
    for i, (ident, value) in enumerate(zip(new_ids, new, strict=True)):
        if ident in position:
            current = old[i]
            if _normal(current) != _normal(value):
                old[i] = _merge(current, value)
        else:
            old.insert(i, value)
    return old
