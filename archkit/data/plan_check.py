"""Judge one access pattern's plan from ``EXPLAIN (ANALYZE, BUFFERS, FORMAT JSON)``.

A plan passes when it does what an index should make it do:
1. no Seq Scan on a table over 10^4 rows;
2. the index condition names every equality column;
3. no Sort node under an ``ORDER BY … LIMIT`` (the index gives the order);
4. rows read at most 10× rows returned, plus the limit.
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from dataclasses import dataclass
from typing import Any

from archkit.data.index_plan import SMALL_TABLE_ROWS
from archkit.model.entity import Access

_SCANS = frozenset({"Seq Scan", "Index Scan", "Index Only Scan", "Bitmap Heap Scan"})
_SORTS = frozenset({"Sort", "Incremental Sort"})
READ_FACTOR = 10


@dataclass(frozen=True)
class PlanVerdict:
    passed: bool
    reasons: tuple[str, ...]
    summary: str  # "Index Scan using post_author_id_created_at_id_idx"
    ms: float
    rows_read: int
    rows_returned: int


def _nodes(node: dict[str, Any]) -> Iterator[dict[str, Any]]:
    yield node
    for child in node.get("Plans", []):
        yield from _nodes(child)


def _words(text: str) -> set[str]:
    return set(re.findall(r"[a-z_][a-z0-9_]*", text.lower()))


def judge_postgres(explained: list[dict[str, Any]], pattern: Access, table_rows: int) -> PlanVerdict:
    top = explained[0]
    root = top["Plan"]
    nodes = list(_nodes(root))
    reasons = []
    seq_scans = [n for n in nodes if n["Node Type"] == "Seq Scan" and table_rows > SMALL_TABLE_ROWS]
    reasons += [f"Seq Scan on {n.get('Relation Name')} ({table_rows:,} rows)" for n in seq_scans]
    eq = [f for f, p in pattern.where.items() if p in ("eq", "in")]
    conds = " ".join(n.get("Index Cond", "") for n in nodes)
    missing = [f for f in eq if f not in _words(conds)]
    if eq and missing and not seq_scans:  # a seq scan already says it
        reasons.append(f"the index condition does not cover {', '.join(missing)} (filtered row by row)")
    if pattern.order_by and pattern.limit and "in" not in pattern.where.values():
        # A sort of no more rows than one page is free (PostgreSQL picks it for tiny results);
        # one that sorts more than a page means the index does not give the order.
        for n in nodes:
            if n["Node Type"] in _SORTS:
                sorted_rows = max((int(c.get("Actual Rows", 0)) for c in n.get("Plans", [])), default=0)
                if sorted_rows > pattern.limit:
                    reasons.append(
                        f"{n['Node Type']} of {sorted_rows:,} rows before the LIMIT {pattern.limit}: the index does not give the order"
                    )
                    break
    read = 0
    for n in nodes:
        if n["Node Type"] in _SCANS:
            per_loop = (
                n.get("Actual Rows", 0) + n.get("Rows Removed by Filter", 0) + n.get("Rows Removed by Index Recheck", 0)
            )
            read += int(per_loop * n.get("Actual Loops", 1))
    returned = int(root.get("Actual Rows", 0))
    if root["Node Type"] == "ModifyTable" and root.get("Plans"):
        returned = int(root["Plans"][0].get("Actual Rows", 0))
    if read > READ_FACTOR * returned + (pattern.limit or 0):
        reasons.append(f"read {read:,} rows to return {returned:,}")
    return PlanVerdict(
        not reasons, tuple(reasons), _summary(nodes), float(top.get("Execution Time", 0.0)), read, returned
    )


def _summary(nodes: list[dict[str, Any]]) -> str:
    root = nodes[0]
    if root["Node Type"] == "ModifyTable" and root.get("Operation") == "Insert":
        return f"Insert on {root.get('Relation Name', '')}"  # the rows' own generation is not the query's plan
    parts = []
    for n in nodes:
        kind = n["Node Type"]
        if kind in _SCANS or kind == "Bitmap Index Scan":
            where = f" using {n['Index Name']}" if n.get("Index Name") else f" on {n.get('Relation Name', '')}"
            parts.append(kind + where)
        elif kind in _SORTS:
            parts.append(kind)
    return " → ".join(reversed(parts)) or nodes[0]["Node Type"]


def judge_sqlite(
    details: list[str], pattern: Access, table: str, horizon_rows: int, key: tuple[str, ...] = ()
) -> PlanVerdict:
    """SQLite's EXPLAIN QUERY PLAN on empty tables: which index it would use, indicatively."""
    reasons = []
    text = " | ".join(details)
    full = [d for d in details if re.match(rf"SCAN {re.escape(table)}\b", d) and "INDEX" not in d]
    if full and horizon_rows > SMALL_TABLE_ROWS:
        reasons.append(f"full scan of {table} ({horizon_rows:,} rows at the horizon)")
    eq = [f for f, p in pattern.where.items() if p in ("eq", "in")]
    searched = " ".join(re.findall(r"\(([^)]*)\)", " ".join(d for d in details if "INDEX" in d)))
    words = _words(searched)
    if "INTEGER PRIMARY KEY" in text:  # an integer key is SQLite's rowid: searched as (rowid=?)
        words |= set(key)
    missing = [f for f in eq if f not in words]
    if eq and missing and not full:
        reasons.append(f"the index search does not cover {', '.join(missing)}")
    if pattern.order_by and pattern.limit and re.search(r"TEMP B-TREE FOR .*ORDER BY", text):
        reasons.append("sorts before the LIMIT (USE TEMP B-TREE FOR ORDER BY)")
    return PlanVerdict(not reasons, tuple(reasons), text, 0.0, 0, 0)
