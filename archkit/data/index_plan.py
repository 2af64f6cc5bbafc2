"""The index plan: which B-tree index serves each access pattern, which declared index does.

An index serves a pattern when its leading columns hold every equality column, then the
sort columns in the pattern's order (or all reversed: a B-tree scans both ways), else the
range column. The recommended index follows the equality → sort → range rule, ends with the
key as a tiebreaker when a limited, ordered pattern pages by cursor (keyset pagination needs
a total order), and covers the selected fields when that is cheap (few, small columns).
"""

from __future__ import annotations

from dataclasses import dataclass

from archkit.data.sql_names import table_name
from archkit.model.entity import Access, Entity, Index, parse_order

# Columns too wide to copy into an index just to save a heap fetch.
_WIDE_TYPES = frozenset({"text", "json", "bytes"})
_MAX_COVERED = 3
# Below this many rows a sequential scan is as good as an index (a few pages).
SMALL_TABLE_ROWS = 10_000


@dataclass(frozen=True)
class IndexSpec:
    """A B-tree index: ordered (column, descending) pairs, plus covered columns."""

    table: str
    columns: tuple[tuple[str, bool], ...]
    unique: bool = False
    include: tuple[str, ...] = ()
    name: str | None = None
    origin: str = "declared"  # declared | key | unique | recommended

    @property
    def fields(self) -> tuple[str, ...]:
        return tuple(c for c, _ in self.columns)

    @property
    def label(self) -> str:
        cols = ", ".join(f"{c} DESC" if d else c for c, d in self.columns)
        extra = f" INCLUDE ({', '.join(self.include)})" if self.include else ""
        return f"{'UNIQUE ' if self.unique else ''}({cols}){extra}"

    def as_yaml(self) -> str:
        """The index as an entry of the model's ``indexes:`` list, in YAML flow style."""
        fields = ", ".join(f"{c} desc" if d else c for c, d in self.columns)
        extra = (", unique: true" if self.unique else "") + (
            f", include: [{', '.join(self.include)}]" if self.include else ""
        )
        return f"{{fields: [{fields}]{extra}}}"


def _same_direction(a: tuple[tuple[str, bool], ...], b: tuple[tuple[str, bool], ...]) -> bool:
    """Column by column the same directions, or all reversed: a B-tree scans both ways."""
    pairs = list(zip(a, b, strict=True))
    return all(x == y for (_, x), (_, y) in pairs) or all(x != y for (_, x), (_, y) in pairs)


def _parsed(entries: list[str]) -> tuple[tuple[str, bool], ...]:
    out = []
    for entry in entries:
        parsed = parse_order(entry)
        assert parsed is not None, entry  # validated when the model loaded
        out.append(parsed)
    return tuple(out)


def existing_indexes(entity: Entity) -> list[IndexSpec]:
    """The primary key, the unique fields and the declared indexes, in that order."""
    found = [IndexSpec(entity.id, tuple((f.name, False) for f in entity.key), unique=True, origin="key")]
    found += [
        IndexSpec(entity.id, ((f.name, False),), unique=True, origin="unique")
        for f in entity.fields
        if f.unique and not f.key
    ]
    found += [declared_spec(entity, index) for index in entity.indexes]
    return found


def declared_spec(entity: Entity, index: Index) -> IndexSpec:
    return IndexSpec(entity.id, _parsed(index.fields), index.unique, tuple(index.include), index.name, "declared")


def needs_index(pattern: Access) -> bool:
    return pattern.kind != "insert" and bool(pattern.where or pattern.order_by)


def _equalities(pattern: Access) -> list[str]:
    return [f for f, p in pattern.where.items() if p == "eq"] + [f for f, p in pattern.where.items() if p == "in"]


def _ranges(pattern: Access) -> list[str]:
    return [f for f, p in pattern.where.items() if p in ("range", "prefix")]


def serves(index: IndexSpec, pattern: Access) -> bool:
    """The index finds the pattern's rows without scanning past them, in the order asked."""
    eq = _equalities(pattern)
    cols = index.fields
    n = len(eq)
    if set(cols[:n]) != set(eq):
        return False
    rest = index.columns[n:]
    # Without a LIMIT a filtered query returns every matching row, and sorting them costs what
    # reading them does: the index must find the rows, the order it may leave to a sort. With a
    # LIMIT (or no filter at all) the index must give the order, or every page sorts all matches.
    order = _parsed(pattern.order_by) if pattern.limit or not pattern.where else ()
    if order:
        if "in" in pattern.where.values():
            return True  # an IN list needs a sort whatever the index (one ordered scan per value)
        order = tuple(o for o in order if o[0] not in eq)  # a sort on a fixed column is a no-op
        if not order:
            return True
        head = rest[: len(order)]
        return [c for c, _ in head] == [c for c, _ in order] and _same_direction(head, order)
    ranges = _ranges(pattern)
    if ranges:
        return bool(rest) and rest[0][0] in ranges
    return n > 0


def serving_index(indexes: list[IndexSpec], pattern: Access) -> IndexSpec | None:
    return next((i for i in indexes if serves(i, pattern)), None)


def recommend(entity: Entity, pattern: Access) -> IndexSpec | None:
    """The index the equality → sort → range rule gives for one pattern (None: it needs none)."""
    if not needs_index(pattern):
        return None
    eq = _equalities(pattern)
    columns: list[tuple[str, bool]] = [(f, False) for f in eq]
    order = [o for o in _parsed(pattern.order_by) if o[0] not in eq]
    columns += order
    used = {c for c, _ in columns}
    columns += [(f, False) for f in _ranges(pattern) if f not in used]
    used = {c for c, _ in columns}
    keyset = order and pattern.limit and (pattern.pagination or "cursor") == "cursor"
    key = [f.name for f in entity.key]
    if keyset and not _ends_unique(entity, [c for c, _ in columns]):
        last = columns[-1][1] if columns else False
        columns += [(k, last) for k in key if k not in used]
    used = {c for c, _ in columns}
    include: tuple[str, ...] = ()
    if pattern.select:
        extra = [f for f in pattern.select if f not in used]
        fields = {f.name: f for f in entity.fields}
        cheap = all(fields[f].type not in _WIDE_TYPES or fields[f].max_length for f in extra)
        if extra and len(extra) <= _MAX_COVERED and cheap:
            include = tuple(extra)
    return IndexSpec(entity.id, tuple(columns), include=include, origin="recommended")


def _ends_unique(entity: Entity, columns: list[str]) -> bool:
    key = {f.name for f in entity.key}
    unique = {f.name for f in entity.fields if f.unique}
    return key <= set(columns) or bool(unique & set(columns))


def prefix_of(short: IndexSpec, long: IndexSpec) -> bool:
    """Every query ``short`` serves, ``long`` serves too (same leading columns and directions)."""
    if short.unique or len(short.columns) > len(long.columns):
        return False
    head = long.columns[: len(short.columns)]
    if [c for c, _ in head] != list(short.fields):
        return False
    return _same_direction(head, short.columns) and set(short.include) <= set(long.include) | set(long.fields)


@dataclass(frozen=True)
class PatternPlan:
    entity: str
    pattern: str
    declared: IndexSpec | None  # the existing index that serves it (key, unique or declared)
    recommended: IndexSpec | None  # what the plan uses for it


@dataclass(frozen=True)
class EntityPlan:
    entity: Entity
    patterns: tuple[PatternPlan, ...]
    recommended: tuple[IndexSpec, ...]  # the secondary indexes to have, existing ones kept where they serve
    unused: tuple[IndexSpec, ...]  # declared indexes no pattern uses and no reference needs


def plan_entity(entity: Entity, foreign_keys: list[str]) -> EntityPlan:
    """The index plan of one entity; ``foreign_keys`` are its columns that need an index for the
    referenced row's deletes (references within its store)."""
    existing = existing_indexes(entity)
    wanted: list[IndexSpec] = []
    plans = []
    for pattern in entity.access:
        if not needs_index(pattern):
            plans.append(PatternPlan(entity.id, pattern.id, None, None))
            continue
        have = serving_index(existing, pattern)
        spec = have if have is not None else recommend(entity, pattern)
        plans.append(PatternPlan(entity.id, pattern.id, have, spec))
        if spec is not None and spec.origin in ("declared", "recommended"):
            wanted.append(spec)
    for column in foreign_keys:
        if not any(i.fields[0] == column for i in existing + wanted):
            wanted.append(IndexSpec(entity.id, ((column, False),), origin="recommended"))
    merged = _merge(wanted)
    # A declared index a recommended one extends (say, the same columns without the tiebreaker)
    # is superseded, not unused: the plan replaces it.
    unused = tuple(
        i
        for i in existing
        if i.origin == "declared"
        and not i.unique
        and not any(prefix_of(i, m) for m in merged)  # in the plan, or extended by an index in it
        and i.fields[0] not in foreign_keys
    )
    return EntityPlan(entity, tuple(plans), tuple(merged), unused)


def _merge(specs: list[IndexSpec]) -> list[IndexSpec]:
    """Distinct indexes, without those a longer one already serves (declared ones kept first)."""
    unique: list[IndexSpec] = []
    for spec in sorted(specs, key=lambda s: (s.origin != "declared", -len(s.columns))):
        if spec in unique or any(prefix_of(spec, other) for other in unique):
            continue
        unique.append(spec)
    return sorted(unique, key=lambda s: (s.origin != "declared", s.fields))


def index_name(spec: IndexSpec) -> str:
    """``post_author_id_created_at_idx``, cut to PostgreSQL's 63 characters."""
    if spec.name:
        return spec.name
    base = "_".join([table_name(spec.table), *spec.fields])
    suffix = "_key" if spec.unique else "_idx"
    return (base[: 63 - len(suffix)] + suffix).lower()
