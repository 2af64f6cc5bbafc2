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

_BaseLoader: Any = getattr(yaml, "CSafeLoader", yaml.SafeLoader)


class _Loader(_BaseLoader):  # type: ignore[misc, valid-type]
    """The C parser calls back into PyYAML's pure-Python resolver for every scalar; model files
    repeat the same few values thousands of times (kinds, protocols, true), so memoize it."""

    def resolve(self, kind: Any, value: Any, implicit: Any) -> Any:
        if kind is yaml.ScalarNode:
            if not implicit[0]:  # quoted or '!'-tagged: always text, as in PyYAML
                return _STR
            tag = _PLAIN_TAGS.get(value)
            if tag is None:
                tag = super().resolve(kind, value, implicit)
                if len(_PLAIN_TAGS) < 100_000:
                    _PLAIN_TAGS[value] = tag
            return tag
        return super().resolve(kind, value, implicit)


_PLAIN_TAGS: dict[str, str] = {}  # plain scalar text -> resolved tag; process-wide on purpose

_STR = "tag:yaml.org,2002:str"
_INT = "tag:yaml.org,2002:int"
_FLOAT = "tag:yaml.org,2002:float"
_BOOL = "tag:yaml.org,2002:bool"
_NULL = "tag:yaml.org,2002:null"


def decode(raw: bytes, file: str) -> str:
    """Bytes to text; a file that is not UTF-8 is named with the line of the first bad byte."""
    if len(raw) > MAX_BYTES:
        raise ModelError([Problem(file, None, "", f"file is {len(raw) / 1e6:.1f} MB; the limit is 10 MB")])
    try:
        return raw.decode("utf-8-sig")
    except UnicodeDecodeError as exc:
        line = raw[: exc.start].count(b"\n") + 1
        raise ModelError(
            [
                Problem(
                    file,
                    line,
                    "",
                    f"not UTF-8 text (byte 0x{raw[exc.start]:02x} at offset {exc.start}); save the file as UTF-8",
                )
            ]
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
    if "&" in text:  # aliases need anchors; only then can the expanded tree be larger than the text
        _refuse_alias_bomb(node, file)
    builder = _Builder(file)
    data = builder.build(node, "")
    if builder.problems:
        raise ModelError(builder.problems)
    return data, builder.lines


def _refuse_alias_bomb(root: yaml.Node, file: str) -> None:
    """Measure the expanded size of the tree in time linear in the *distinct* nodes."""
    sizes: dict[int, int] = {}
    stack: list[tuple[yaml.Node, bool]] = [(root, False)]
    while stack:
        node, children_done = stack.pop()
        if id(node) in sizes:
            continue
        children: list[yaml.Node] = []
        if isinstance(node, yaml.MappingNode):
            children = [n for pair in node.value for n in pair]
        elif isinstance(node, yaml.SequenceNode):
            children = list(node.value)
        if children_done:
            sizes[id(node)] = 1 + sum(sizes.get(id(c), 1) for c in children)
            if sizes[id(node)] > MAX_NODES:
                raise ModelError(
                    [
                        Problem(
                            file,
                            node.start_mark.line + 1,
                            "",
                            "refusing to expand YAML aliases past 2,000,000 nodes (an alias bomb?)",
                        )
                    ]
                )
        else:
            stack.append((node, True))
            stack.extend((c, False) for c in children if id(c) not in sizes)
    return None


class _Builder:
    """Nodes to plain data, recording the line of every mapping key and sequence item.

    This is the hot loop of loading a big model, so scalars are converted inline rather
    than through a recursive call.
    """

    def __init__(self, file: str):
        self.file = file
        self.lines: dict[str, int] = {}
        self.problems: list[Problem] = []
        self.count = 0

    def build(self, node: yaml.Node, path: str) -> Any:
        self.count += 1
        if self.count > MAX_NODES:
            raise ModelError(
                [
                    Problem(
                        self.file,
                        node.start_mark.line + 1,
                        path,
                        "refusing to expand YAML aliases past 2,000,000 nodes (an alias bomb?)",
                    )
                ]
            )
        if path not in self.lines:
            self.lines[path] = node.start_mark.line + 1
        if isinstance(node, yaml.MappingNode):
            return self._mapping(node, path)
        if isinstance(node, yaml.SequenceNode):
            return [self.build(item, f"{path}[{i}]") for i, item in enumerate(node.value)]
        return _scalar(node)

    def _mapping(self, node: yaml.MappingNode, path: str) -> dict[Any, Any]:
        result: dict[Any, Any] = {}
        lines = self.lines
        prefix = f"{path}." if path else ""
        merged = self._merged(node, path)  # `<<: *defaults`: explicit keys below override these
        for key_node, value_node in node.value:
            line = key_node.start_mark.line + 1
            if key_node.tag == "tag:yaml.org,2002:merge":
                continue
            key = key_node.value if isinstance(key_node, yaml.ScalarNode) else None
            if not isinstance(key, str):
                self.problems.append(Problem(self.file, line, path, "a key must be plain text, not a list or mapping"))
                continue
            child = prefix + key
            if key in result and key not in merged:
                self.problems.append(Problem(self.file, line, child, f"duplicate key '{key}'"))
            merged.pop(key, None)
            lines[child] = line
            if isinstance(value_node, yaml.ScalarNode):
                self.count += 1
                result[key] = _scalar(value_node)
            else:
                result[key] = self.build(value_node, child)
        return {**merged, **result}

    def _merged(self, node: yaml.MappingNode, path: str) -> dict[Any, Any]:
        """The keys ``<<`` merge keys bring in (YAML 1.1): a mapping, or a list of mappings where
        the earlier wins. Their lines are the merge key's (where the reader sees them used)."""
        out: dict[Any, Any] = {}
        prefix = f"{path}." if path else ""
        for key_node, value_node in node.value:
            if key_node.tag != "tag:yaml.org,2002:merge":
                continue
            line = key_node.start_mark.line + 1
            sources = value_node.value if isinstance(value_node, yaml.SequenceNode) else [value_node]
            if not all(isinstance(source, yaml.MappingNode) for source in sources):
                self.problems.append(
                    Problem(self.file, line, path, "'<<' merges a mapping (or a list of mappings), e.g. <<: *defaults")
                )
                continue
            for source in reversed(sources):  # the first listed wins
                built = self._mapping(source, path)
                out.update(built)
                for key in built:
                    self.lines[prefix + key] = line
        return out


def _scalar(node: yaml.Node) -> Any:
    return construct_scalar(node.tag, node.value)


def construct_scalar(tag: str, value: str) -> Any:
    """A plain value from a resolved tag and its text (``yaml_stream`` reads events, not nodes)."""
    if tag == _STR:
        return value
    if tag == _INT:
        try:
            return int(value)
        except ValueError:  # 0x1f, 1_000, 0o17: let PyYAML's own constructor decide
            return yaml.SafeLoader.yaml_constructors[tag](_CONSTRUCTOR, yaml.ScalarNode(tag, value))
    if tag == _FLOAT:
        try:
            return float(value)
        except ValueError:  # .inf, 1_000.5
            return yaml.SafeLoader.yaml_constructors[tag](_CONSTRUCTOR, yaml.ScalarNode(tag, value))
    if tag == _NULL:
        return None
    if tag == _BOOL:
        return value.lower() in ("true", "yes", "on", "y")
    # Timestamps stay text so that dates compare equal to the model's ISO output when saving;
    # any other tag (explicit !!str, custom !tags) is taken as its text.
    return value


_CONSTRUCTOR = yaml.SafeLoader("")
