"""Read YAML fast, with the line of every field, and refuse hostile input.

PyYAML's C composer builds the node tree (about 4x faster than pure Python); we turn
nodes into plain data ourselves so that we can record ``path -> line`` for error
messages, reject duplicate keys, and bound alias expansion (a "billion laughs" file is
tiny as text but explodes as data: we count every node we construct and stop early).
"""

from __future__ import annotations

from typing import Any

import yaml

from archkit.model.errors import ModelError, Problem

MAX_BYTES = 10 * 1024 * 1024
MAX_NODES = 2_000_000  # ~20x the nodes of a 2,000-component model; an alias bomb passes this fast

_Loader: Any = getattr(yaml, "CSafeLoader", yaml.SafeLoader)

_INT = "tag:yaml.org,2002:int"
_FLOAT = "tag:yaml.org,2002:float"
_BOOL = "tag:yaml.org,2002:bool"
_NULL = "tag:yaml.org,2002:null"
_TIMESTAMP = "tag:yaml.org,2002:timestamp"


def decode(raw: bytes, file: str) -> str:
    """Bytes to text; a file that is not UTF-8 is named with the line of the first bad byte."""
    if len(raw) > MAX_BYTES:
        raise ModelError([Problem(file, None, "", f"file is {len(raw) / 1e6:.1f} MB; the limit is 10 MB")])
    try:
        return raw.decode("utf-8-sig")
    except UnicodeDecodeError as exc:
        line = raw[: exc.start].count(b"\n") + 1
        raise ModelError(
            [Problem(file, line, "", f"not UTF-8 text (byte 0x{raw[exc.start]:02x} at offset {exc.start}); save the file as UTF-8")]
        ) from None


def read(text: str, file: str) -> tuple[Any, dict[str, int]]:
    """Parse ``text``; return (data, lines) where lines maps a field path to its 1-based line."""
    if not text.strip() or all(not ln.strip() or ln.lstrip().startswith("#") for ln in text.splitlines()):
        raise ModelError([Problem(file, 1, "", "the file is empty; start from `archkit new NAME`")])
    try:
        node = yaml.compose(text, Loader=_Loader)
    except yaml.MarkedYAMLError as exc:
        mark = exc.problem_mark or exc.context_mark
        line = mark.line + 1 if mark is not None else None
        what = " ".join(str(p) for p in (exc.context, exc.problem) if p)
        raise ModelError([Problem(file, line, "", f"YAML syntax error: {what}")]) from None
    except yaml.YAMLError as exc:
        raise ModelError([Problem(file, None, "", f"YAML error: {exc}")]) from None
    if node is None:
        raise ModelError([Problem(file, 1, "", "the file is empty; start from `archkit new NAME`")])
    builder = _Builder(file)
    data = builder.build(node, "")
    if builder.problems:
        raise ModelError(builder.problems)
    return data, builder.lines


class _Builder:
    def __init__(self, file: str):
        self.file = file
        self.lines: dict[str, int] = {}
        self.problems: list[Problem] = []
        self.count = 0

    def build(self, node: yaml.Node, path: str) -> Any:
        self.count += 1
        if self.count > MAX_NODES:
            raise ModelError(
                [Problem(self.file, node.start_mark.line + 1, path, "refusing to expand YAML aliases past 2,000,000 nodes (an alias bomb?)")]
            )
        self.lines.setdefault(path, node.start_mark.line + 1)
        if isinstance(node, yaml.MappingNode):
            result: dict[Any, Any] = {}
            for key_node, value_node in node.value:
                if key_node.tag == "tag:yaml.org,2002:merge":
                    self.problems.append(Problem(self.file, key_node.start_mark.line + 1, path, "'<<' merge keys are not supported"))
                    continue
                key = self.build(key_node, path + ".<key>")
                if not isinstance(key, str):
                    key = str(key)
                child = f"{path}.{key}" if path else key
                if key in result:
                    self.problems.append(Problem(self.file, key_node.start_mark.line + 1, child, f"duplicate key '{key}'"))
                self.lines[child] = key_node.start_mark.line + 1
                result[key] = self.build(value_node, child)
            self.lines.pop(path + ".<key>", None)
            return result
        if isinstance(node, yaml.SequenceNode):
            return [self.build(item, f"{path}[{i}]") for i, item in enumerate(node.value)]
        return _scalar(node)


def _scalar(node: yaml.Node) -> Any:
    value: str = node.value
    tag = node.tag
    if tag == _NULL:
        return None
    if tag == _BOOL:
        return value.lower() in ("true", "yes", "on", "y")
    if tag in (_INT, _FLOAT, _TIMESTAMP):
        # Let PyYAML's own constructor handle 0x.., 1_000, .inf and friends; timestamps stay
        # text so that dates compare equal to the model's ISO output when saving.
        if tag == _TIMESTAMP:
            return value
        return yaml.SafeLoader.yaml_constructors[tag](_CONSTRUCTOR, node)
    return value


_CONSTRUCTOR = yaml.SafeLoader("")
