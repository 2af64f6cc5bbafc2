"""Read a large YAML document (an OpenAPI file of megabytes) from parser events, with the line of
every field, without keeping the node tree.

``yaml_reader.read`` composes the whole node tree first, which is right for model files (it
checks them as a tree) but holds ~250,000 node objects for a 4 MB OpenAPI document. Here the C
parser's events are turned into plain data as they arrive: the same data and ``path -> line``
map, duplicate keys refused, ``<<`` merges applied, and aliases counted by the size of what they
repeat so that an alias bomb is refused before anything walks it.
"""

from __future__ import annotations

from typing import Any

import yaml

from archkit.model.errors import ModelError, Problem
from archkit.model.yaml_reader import MAX_NODES, _Loader, construct_scalar

_MERGE = "<<"


class _Frame:
    __slots__ = ("anchor", "container", "key", "key_line", "merged", "path", "size", "start")

    def __init__(self, container: Any, path: str, anchor: str | None) -> None:
        self.container = container
        self.path = path
        self.anchor = anchor
        self.key: str | None = None  # a mapping's key waiting for its value
        self.key_line = 0
        self.merged: set[str] = set()  # keys that came from a << merge (an explicit key may override)
        self.size = 1
        self.start = 0  # the line it starts on


def read_stream(text: str, file: str) -> tuple[Any, dict[str, int]]:
    """Parse ``text``; return (data, lines) as ``yaml_reader.read`` does."""
    loader = _Loader(text)
    lines: dict[str, int] = {}
    problems: list[Problem] = []
    anchors: dict[str, tuple[Any, int]] = {}  # anchor -> (value, nodes it stands for)
    stack: list[_Frame] = []
    total = 0
    root: Any = None
    done = False

    def child_path(frame: _Frame) -> str:
        if isinstance(frame.container, list):
            return f"{frame.path}[{len(frame.container)}]"
        return f"{frame.path}.{frame.key}" if frame.path else str(frame.key)

    def attach(value: Any, size: int, line: int) -> None:
        nonlocal root, done, total
        total += size
        if total > MAX_NODES:
            raise ModelError(
                [Problem(file, line, "", "refusing to expand YAML aliases past 2,000,000 nodes (an alias bomb?)")]
            )
        if not stack:
            root, done = value, True
            lines.setdefault("", line)
            return
        frame = stack[-1]
        frame.size += size
        if isinstance(frame.container, list):
            lines.setdefault(child_path(frame), line)
            frame.container.append(value)
            return
        key = frame.key
        frame.key = None
        assert key is not None
        if key == _MERGE:
            sources = value if isinstance(value, list) else [value]
            if not all(isinstance(s, dict) for s in sources):
                problems.append(
                    Problem(file, frame.key_line, frame.path, "'<<' merges a mapping (or a list of mappings)")
                )
                return
            for source in sources:
                for k, v in source.items():
                    if k not in frame.container:
                        frame.container[k] = v
                        frame.merged.add(k)
            return
        if key in frame.container and key not in frame.merged:
            problems.append(Problem(file, frame.key_line, child_path(frame), f"duplicate key '{key}'"))
        frame.merged.discard(key)
        frame.container[key] = value

    try:
        while loader.check_event():
            event = loader.get_event()
            assert event.start_mark is not None  # the C parser marks every event
            if isinstance(event, yaml.ScalarEvent):
                line = event.start_mark.line + 1
                frame = stack[-1] if stack else None
                if frame is not None and isinstance(frame.container, dict) and frame.key is None:
                    frame.key, frame.key_line = event.value, line  # keys stay text: `200:` is "200"
                    lines[child_path(frame)] = line
                    continue
                tag = (
                    event.tag
                    if event.tag not in (None, "!")
                    else loader.resolve(yaml.ScalarNode, event.value, event.implicit)
                )
                value = construct_scalar(tag, event.value)
                if event.anchor:
                    anchors[event.anchor] = (value, 1)
                attach(value, 1, line)
            elif isinstance(event, yaml.MappingStartEvent | yaml.SequenceStartEvent):
                frame = stack[-1] if stack else None
                path = child_path(frame) if frame is not None else ""
                container: Any = {} if isinstance(event, yaml.MappingStartEvent) else []
                if frame is not None and isinstance(frame.container, dict) and frame.key is None:
                    line = event.start_mark.line + 1
                    where = Problem(file, line, frame.path, "a key must be plain text, not a list or mapping")
                    raise ModelError([*problems, where])
                new = _Frame(container, path, event.anchor)
                new.start = event.start_mark.line + 1
                if event.anchor:
                    anchors[event.anchor] = (container, -1)  # its size is known at its end
                stack.append(new)
            elif isinstance(event, yaml.MappingEndEvent | yaml.SequenceEndEvent):
                frame = stack.pop()
                if frame.anchor:
                    anchors[frame.anchor] = (frame.container, frame.size)
                attach(frame.container, frame.size, frame.start)
            elif isinstance(event, yaml.AliasEvent):
                line = event.start_mark.line + 1
                if event.anchor not in anchors:
                    raise ModelError([Problem(file, line, "", f"unknown alias '*{event.anchor}'")])
                value, size = anchors[event.anchor]
                if size < 0:
                    raise ModelError([Problem(file, line, "", f"alias '*{event.anchor}' refers to its own parent")])
                frame = stack[-1] if stack else None
                if frame is not None and isinstance(frame.container, dict) and frame.key is None:
                    problems.append(Problem(file, line, frame.path, "a key must be plain text, not an alias"))
                    continue
                attach(value, size, line)
    except yaml.MarkedYAMLError as exc:
        mark = exc.problem_mark or exc.context_mark
        line = mark.line + 1 if mark is not None else None
        what = " ".join(str(p) for p in (exc.context, exc.problem) if p)
        raise ModelError([Problem(file, line, "", f"YAML syntax error: {what}")]) from None
    except yaml.YAMLError as exc:
        raise ModelError([Problem(file, None, "", f"YAML error: {exc}")]) from None
    if problems:
        raise ModelError(problems)
    if not done:
        raise ModelError([Problem(file, 1, "", "the file is empty")])
    return root, lines


__all__ = ["read_stream"]
