"""Apply new data onto a ruamel round-trip tree so that every comment stays with what it is about.

ruamel keeps a comment in the token *after* the node it follows: `a: 1  # why` and all the comment
and blank lines below it, down to the next entry, live on `a` (or, for a block mapping, on its
last key, however deep). So deleting an entry loses the comment above the next one, inserting
one puts the next section's header above the new entry, and a list merged by position moves
comments to other items. Here every entry's trailing token is split in two:

- **own**: the comment on the entry's own last line (`a: 1  # why`), which goes with the entry;
- **lead**: the lines after it, which belong to the entry that *follows* (the comment above it).

Entries are matched by identity (an `id`, a link's ends and protocol, a step's target, a field's
name, a map key), never by position; leads follow their entries through deletes, inserts and
moves. The lead of a deleted entry is split at its last blank line: what is above it (a section
header) stays with the next entry, what is below it (the comment on the deleted entry) goes.
Keys a change adds are inserted after the key that precedes them in the new data, not appended.
"""

from __future__ import annotations

import datetime as dt
import itertools
from collections import Counter
from typing import Any

Identity = tuple[Any, ...]


class Fields(dict[str, Any]):
    """A model's data with every field it could have, in the schema's order: where a new key
    goes, and whether a cleared key would come back to where it was."""

    def __init__(self, *args: Any, order: list[str]) -> None:
        super().__init__(*args)
        self.order = order


def normal(value: Any) -> Any:
    """Compare loaded and dumped data: numbers by value, dates as text, missing empty lists as absent."""
    if isinstance(value, dict):
        return {str(k): normal(v) for k, v in value.items() if v is not None and v != []}
    if isinstance(value, list):
        return [normal(v) for v in value]
    if isinstance(value, bool) or value is None or isinstance(value, str):
        return value
    if isinstance(value, (int, float)):
        return float(value)
    if isinstance(value, dt.date):
        return value.isoformat()
    return str(value)


def canonical(node: Any) -> None:
    """Move every comment line ruamel parked *before* an entry (after a flow collection) or at
    the *end* of a block collection onto the trailing token of the entry above it, so each
    comment has one place: the tail of what precedes it (see the module docstring)."""
    if not _block(node):
        return
    keys = list(node) if _is_map(node) else list(range(len(node)))
    for key in keys:
        canonical(node[key])
    end = _tokens_text(node.ca.end or [])
    if end:
        node.ca.end = []
        _append_tail(node, keys[-1], end)
    for before, key in itertools.pairwise(keys):
        pre = _take_pre(node, key)
        if pre:
            _append_tail(node, before, pre)


def _append_tail(container: Any, key: Any, lines: str) -> None:
    own, rest = _split(_get_tail(container, key))
    _set_tail(container, key, f"{own}\n{rest}{lines}")


def merge(old: Any, new: Any) -> Any:
    """``new`` applied onto the round-trip node ``old`` (in place where possible)."""
    if _is_map(old) and isinstance(new, dict):
        return _merge_map(old, new)
    if _is_seq(old) and isinstance(new, list):
        return _merge_seq(old, new)
    if normal(old) == normal(new):
        return old
    return _commented(new)


def plain(value: Any) -> Any:
    """``Fields`` as plain dicts, for a model written without a source to merge into."""
    if isinstance(value, dict):
        return {k: plain(v) for k, v in value.items()}
    if isinstance(value, list):
        return [plain(v) for v in value]
    return value


# --------------------------------------------------------------------------- identities
def _identity(item: Any) -> Identity:
    if isinstance(item, dict):
        if "id" in item:
            return ("id", item["id"])
        if "from" in item and "to" in item:
            return ("link", item["from"], item["to"], item.get("protocol"))
        if "to" in item:
            return ("step", item["to"], item.get("op"))
        if "name" in item:
            return ("name", item["name"])
        if "rule" in item:
            return ("rule", item["rule"], tuple(item.get("components") or ()))
        if "fields" in item:
            return ("fields", tuple(map(str, item["fields"])))
        return ("content", repr(normal(item)))
    return ("value", repr(normal(item)))


def _identities(items: list[Any]) -> list[Identity]:
    """Each item's identity, the n-th repeat of one told apart by its count."""
    seen: Counter[Identity] = Counter()
    out = []
    for item in items:
        ident = _identity(item)
        out.append((*ident, seen[ident]))
        seen[ident] += 1
    return out


# --------------------------------------------------------------------------- trailing tokens
def _is_map(node: Any) -> bool:
    return isinstance(node, dict) and hasattr(node, "ca")


def _is_seq(node: Any) -> bool:
    return isinstance(node, list) and hasattr(node, "ca")


def _block(node: Any) -> bool:
    return (_is_map(node) or _is_seq(node)) and len(node) > 0 and not node.fa.flow_style()


def _slot(container: Any) -> int:
    return 2 if _is_map(container) else 0


def _tail_place(container: Any, key: Any) -> tuple[Any, Any]:
    """Where the token printed after ``container[key]`` lives: on that entry, or for a block
    collection value on its last entry, however deep."""
    value = container[key]
    if _block(value):  # a token on the key itself is printed on the key's line, above the block
        last = list(value)[-1] if _is_map(value) else len(value) - 1
        return _tail_place(value, last)
    return container, key


def _get_tail(container: Any, key: Any) -> str:
    where, k = _tail_place(container, key)
    entry = where.ca.items.get(k)
    token = entry[_slot(where)] if entry is not None else None
    return "" if token is None else str(token.value)


def _set_tail(container: Any, key: Any, text: str) -> None:
    where, k = _tail_place(container, key)
    slot = _slot(where)
    entry = where.ca.items.get(k)
    token = entry[slot] if entry is not None else None
    if token is not None:
        if text:
            token.value = text
        else:
            entry[slot] = None
        return
    if not text:
        return
    from ruamel.yaml.error import CommentMark
    from ruamel.yaml.tokens import CommentToken

    if entry is None:
        entry = where.ca.items[k] = [None, None, None, None]
    entry[slot] = CommentToken(text, CommentMark(0), None)


def _split(text: str) -> tuple[str, str]:
    """A trailing token's own end-of-line comment and the lines after it (the next entry's lead)."""
    if not text:
        return "", ""
    first, _, rest = text.partition("\n")
    return first, rest


def _join(own: str, lead: str) -> str:
    return f"{own}\n{lead}" if own or lead else ""


def _section_part(lead: str) -> str:
    """The part of a deleted entry's lead that heads a section (down to the last blank line)."""
    lines = lead.splitlines(keepends=True)
    blanks = [i for i, line in enumerate(lines) if not line.strip()]
    return "".join(lines[: blanks[-1] + 1]) if blanks else ""


def _take_pre(container: Any, key: Any) -> str:
    """The comment lines ruamel keeps *before* an entry (after a flow collection it cannot put
    them after), as text; removed from the entry."""
    entry = container.ca.items.get(key)
    if entry is None or not isinstance(entry[1], list):
        return ""
    text = _tokens_text(entry[1])
    entry[1] = None
    return text


def _tokens_text(tokens: list[Any]) -> str:
    return "".join(t.value if t.value == "\n" else " " * t.column + t.value for t in tokens)


def _take_ends(node: Any) -> str:
    """Comment lines ruamel keeps at the *end* of a block collection (after a last entry it cannot
    hang them on), innermost first, as text; removed from the nodes."""
    if not _block(node):
        return ""
    last = node[list(node)[-1]] if _is_map(node) else node[-1]
    inner = _take_ends(last)
    mine = _tokens_text(node.ca.end or [])
    node.ca.end = []
    return inner + mine


def _set_pre(container: Any, key: Any, text: str) -> None:
    from ruamel.yaml.error import CommentMark
    from ruamel.yaml.tokens import CommentToken

    tokens = []
    for line in text.splitlines(keepends=True):
        body = line.lstrip(" ")
        tokens.append(CommentToken(body, CommentMark(len(line) - len(body) if body.strip() else 0), None))
    entry = container.ca.items.setdefault(key, [None, None, None, None])
    entry[1] = tokens


def _leads(container: Any, keys: list[Any]) -> tuple[list[str], str]:
    """The lines above each entry (its lead) and the lines after the last; every trailing token is
    cut down to its own end-of-line comment."""
    leads, after = [], ""
    rest = _take_pre(container, keys[0]) if keys else ""
    for i, key in enumerate(keys):
        leads.append(rest + (_take_pre(container, key) if i else ""))
        own, rest = _split(_get_tail(container, key))
        rest += _take_ends(container[key])
        _set_tail(container, key, _join(own, ""))
    after = rest
    return leads, after


def _carry_deleted(
    old_ids: list[Any], leads: list[str], after: str, kept: set[Any], cleared: dict[Any, str] | None = None
) -> tuple[dict[Any, str], str]:
    """Leads by identity. A deleted entry's lead keeps what heads a section for the next surviving
    entry: the lines down to its last blank line, or all of it when a blank line sets it apart and
    the entry after it has no comment of its own (the header of a group that goes on). A cleared
    key keeps its whole lead and its commented-out line."""
    by_id: dict[Any, str] = {}
    carried = ""
    for i, (ident, lead) in enumerate(zip(old_ids, leads, strict=True)):
        if ident in kept:
            by_id[ident] = carried + lead
            carried = ""
            continue
        if cleared and ident in cleared:
            carried += lead + cleared[ident]
            continue
        section = _section_part(lead)
        next_has_own = i + 1 < len(leads) and leads[i + 1].strip() != ""
        carried += lead if section and not next_has_own else section
    return by_id, carried + after


def _reattach(container: Any, keys: list[Any], ids: list[Any], lead_of: dict[Any, str], after: str) -> None:
    if keys and lead_of.get(ids[0]):  # above the first entry: before it, where ruamel reads it
        _set_pre(container, keys[0], lead_of[ids[0]])
    for i, key in enumerate(keys):
        own, _ = _split(_get_tail(container, key))
        lead = lead_of.get(ids[i + 1], "") if i + 1 < len(keys) else after
        _set_tail(container, key, _join(own, lead))


def _commented(value: Any, flow: bool | None = None) -> Any:
    """A new entry as ruamel nodes, so its comments have a place: collections of plain values in
    flow style (`[a, b]`), others in block style, unless ``flow`` says (to match its siblings)."""
    from ruamel.yaml.comments import CommentedMap, CommentedSeq

    if _is_map(value) or _is_seq(value):
        return value  # already a node, with its own style and comments
    if isinstance(value, dict):
        node: Any = CommentedMap((k, _commented(v, None)) for k, v in value.items())
        leaf = all(not isinstance(v, dict | list) for v in value.values())
    elif isinstance(value, list):
        node = CommentedSeq(_commented(v, None) for v in value)
        leaf = all(not isinstance(v, dict | list) for v in value)
    else:
        return value
    if flow if flow is not None else (leaf and not isinstance(value, dict)):
        node.fa.set_flow_style()
    else:
        node.fa.set_block_style()
    return node


def _sibling_flow(items: list[Any], at: int) -> bool | None:
    """Whether the entries next to position ``at`` are written in flow style (`- {id: a}`)."""
    for node in (items[at - 1] if at > 0 else None, items[at] if at < len(items) else None):
        if node is not None and (_is_map(node) or _is_seq(node)):
            return bool(node.fa.flow_style())
    return None


# --------------------------------------------------------------------------- merges
CLEARED = "# (cleared) "  # a cleared field stays as a comment line, where it was, until restored


def _own_column(container: Any, key: Any) -> int:
    where, k = _tail_place(container, key)
    entry = where.ca.items.get(k)
    token = entry[_slot(where)] if entry is not None else None
    return int(token.column) if token is not None else 0


def _key_indent(node: Any) -> int:
    columns = [pos[1] for pos in getattr(node.lc, "data", {}).values() if isinstance(pos, list | tuple)]
    return min(columns) if columns else 0


def _cleared_line(key: Any, value: Any, indent: int, own: str, own_column: int) -> str | None:
    """``# (cleared) replicas: 1   # why``: a one-line value and its comment, kept in place."""
    import yaml

    if _block(value) or (isinstance(value, dict | list) and not (_is_map(value) or _is_seq(value))):
        return None  # a block of lines would not read as one commented-out line
    text = yaml.safe_dump({str(key): normal_value(value)}, default_flow_style=True, width=10**9)
    body = text.strip()[1:-1]  # {key: value} -> key: value
    if "\n" in body:
        return None
    line = " " * indent + CLEARED + body
    if own:
        pad = max(own_column - indent - len(body), 2)
        line += " " * pad + own
    return line + "\n"


def normal_value(value: Any) -> Any:
    """A ruamel value as plain Python, for writing it on one line."""
    if isinstance(value, dict):
        return {str(k): normal_value(v) for k, v in value.items()}
    if isinstance(value, list):
        return [normal_value(v) for v in value]
    if isinstance(value, bool) or value is None:
        return value
    if isinstance(value, int):
        return int(value)
    if isinstance(value, float):
        return float(value)
    if isinstance(value, dt.date):
        return value
    return str(value)


def _find_cleared(key: Any, lead_of: dict[Any, str], after: str) -> tuple[Any, int, str, int] | None:
    """The entry whose lead (or ``None``: the lines after the last) holds ``key``'s cleared line,
    the line's index there, its own comment and that comment's column."""
    prefix = f"{CLEARED}{key}: "
    for owner, text in [*lead_of.items(), (None, after)]:
        for n, line in enumerate(text.splitlines()):
            stripped = line.lstrip(" ")
            if stripped.startswith(prefix):
                indent = len(line) - len(stripped)
                body = stripped[len(CLEARED) :]
                hash_at = body.find("  #")
                own, column = "", 0
                if hash_at >= 0:
                    gap = len(body[hash_at:]) - len(body[hash_at:].lstrip(" "))
                    own = body[hash_at + gap :]
                    column = indent + hash_at + gap
                return owner, n, own, column
    return None


def _merge_map(old: Any, new: dict[Any, Any]) -> Any:
    old_keys = list(old)
    if set(old_keys) == set(new):
        for key, value in new.items():
            if normal(old[key]) != normal(value):
                old[key] = merge(old[key], value)
        return old
    owns = {k: (_split(_get_tail(old, k))[0], _own_column(old, k)) for k in old_keys}
    leads, after = _leads(old, old_keys)
    indent = _key_indent(old)
    # A cleared key leaves its line, commented out, above the entry after it.
    # A cleared key leaves its line, commented out, where it was, when it carried a comment (kept)
    # or sits where a new key would not go: restoring it puts it back there. Otherwise it just goes.
    order = new.order if isinstance(new, Fields) else list(new)
    remaining = [k for k in old_keys if k in new]
    cleared = {
        k: line
        for k in old_keys
        if k not in new
        and not old.fa.flow_style()
        and (owns[k][0] or not _returns_in_place(k, old_keys, remaining, order))
        for line in [_cleared_line(k, old[k], indent, *owns[k])]
        if line is not None
    }
    lead_of, after = _carry_deleted(old_keys, leads, after, set(new), cleared)
    for key in [k for k in old_keys if k not in new]:
        del old[key]
    restored: dict[Any, tuple[str, int]] = {}
    for key, value in new.items():
        if key in old:
            if normal(old[key]) != normal(value):
                old[key] = merge(old[key], value)
            continue
        found = _find_cleared(key, lead_of, after)
        if found is None:
            old.insert(_insert_at(list(old), order, key), key, _commented(value))
            continue
        owner, n, own, column = found
        lines = (after if owner is None else lead_of[owner]).splitlines(keepends=True)
        old.insert(len(old) if owner is None else list(old).index(owner), key, _commented(value))
        lead_of[key] = "".join(lines[:n])
        if owner is None:
            after = "".join(lines[n + 1 :])
        else:
            lead_of[owner] = "".join(lines[n + 1 :])
        restored[key] = (own, column)
    for key, (own, column) in restored.items():
        _set_own(old, key, own, column)
    keys = list(old)
    _reattach(old, keys, keys, lead_of, after)
    return old


def _set_own(container: Any, key: Any, own: str, column: int) -> None:
    if not own:
        return
    from ruamel.yaml.error import CommentMark
    from ruamel.yaml.tokens import CommentToken

    where, k = _tail_place(container, key)
    entry = where.ca.items.setdefault(k, [None, None, None, None])
    entry[_slot(where)] = CommentToken(own + "\n", CommentMark(column), None)


def _returns_in_place(key: Any, old_keys: list[Any], remaining: list[Any], order: list[Any]) -> bool:
    """Would ``key``, added again to ``remaining``, land where it is in ``old_keys``?"""
    if key not in order:
        return False
    at = _insert_at(remaining, order, key)
    before = old_keys[: old_keys.index(key)]
    return [k for k in before if k in remaining] == remaining[:at]


def _insert_at(present: list[Any], order: list[Any], key: Any) -> int:
    """Where a new key goes: after the key that precedes it in ``order`` (the schema's) and is
    already there, else first."""
    rank = {k: i for i, k in enumerate(order)}
    before = [k for k in present if rank.get(k, -1) < rank[key]]
    return present.index(before[-1]) + 1 if before else 0


def _merge_seq(old: Any, new: list[Any]) -> Any:
    old_ids, new_ids = _identities(list(old)), _identities(new)
    if old_ids == new_ids:
        for i, value in enumerate(new):
            if normal(old[i]) != normal(value):
                old[i] = merge(old[i], value)
        return old
    leads, after = _leads(old, list(range(len(old))))
    lead_of, after = _carry_deleted(old_ids, leads, after, set(new_ids))
    by_id = {ident: (old[i], old.ca.items.get(i)) for i, ident in enumerate(old_ids)}
    items, comments = [], {}
    for i, (ident, value) in enumerate(zip(new_ids, new, strict=True)):
        if ident in by_id:
            node, comment = by_id[ident]
            items.append(merge(node, value) if normal(node) != normal(value) else node)
            if comment is not None:
                comments[i] = comment
        else:
            kept_neighbours = [node for node, _ in by_id.values()]
            items.append(_commented(value, _sibling_flow(kept_neighbours, len(kept_neighbours))))
    # Rebuilt with the plain list methods: ruamel's own shift comments by position, not by item.
    list.clear(old)
    list.extend(old, items)
    old.ca.items.clear()
    old.ca.items.update(comments)
    _reattach(old, list(range(len(old))), new_ids, lead_of, after)
    return old
