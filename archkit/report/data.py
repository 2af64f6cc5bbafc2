"""The "Data" section: the entities (ER diagram), the index plan per access pattern, the declared
indexes nothing uses, and — when the caller ran it — the proof on PostgreSQL."""

from __future__ import annotations

from archkit.data.plan_text import plan_data
from archkit.report import fmt
from archkit.report.doc import Bullets, Note, Para, Rich, Section, Span, Table
from archkit.report.gather import Inputs
from archkit.report.sections import new

PROOF_HINT = "Not proven for this report: `archkit data FILE --prove` (or `archkit report --prove-data`) loads a throwaway PostgreSQL at the planned size and runs every query under EXPLAIN."


def data_section(inputs: Inputs) -> Section | None:
    """None when the model declares no entities (the report then has no Data section)."""
    arch = inputs.arch
    if not arch.entities:
        return None
    section = new("data")
    plans = plan_data(arch)
    stores = sorted({p["store"] for p in plans.values()})
    months = arch.requirements.planning_horizon_months
    section.add(
        Para(
            f"{fmt.count(len(plans), 'entity', 'entities')} in {fmt.count(len(stores), 'store')} ({', '.join(stores)}), sized at the planning horizon "
            f"({months} months). Each access pattern is checked against the indexes the model declares; "
            "the plan adds what is missing (equality, then sort, then range columns; the key as a "
            "tiebreaker for cursor pages)."
        )
    )
    if inputs.er is not None:
        section.add(inputs.er)
    elif "er" in inputs.missing:
        section.add(Note(inputs.missing["er"], "unavailable"))
    rows: list[list[Rich]] = []
    for entity_id, data in plans.items():
        for pid, p in data["patterns"].items():
            if p["recommended"] is None:
                verdict: Rich = Span("needs none", "muted")
            elif not data["relational"]:
                verdict = Span(f"key by {p['recommended']}", "muted")
            elif p["served_by"]:
                verdict = Span(p["served_by"], "ok")
            else:
                verdict = Span(f"missing: add {p['recommended']}", "bad")
            rows.append([Span(f"{entity_id}.{pid}", "code"), p["kind"], Span(p["sql"], "code"), verdict])
    section.sub(
        "plan",
        "Index plan",
        Table(
            ["Pattern", "Kind", "Query", "Index"],
            rows,
            caption="Each access pattern and the index that serves it",
            widths=("20%", "8%", "47%", "25%"),
        ),
    )
    unused = [f"{eid}: {label}" for eid, data in plans.items() for label in data["unused"]]
    if unused:
        section.sub("unused", "Declared indexes no pattern uses", Bullets([Span(u, "code") for u in unused]))
    section.sub("proof", "Proof", *_proof_blocks(inputs))
    return section


def _proof_blocks(inputs: Inputs) -> list[Table | Para | Note]:
    proof = inputs.proof
    if proof is None:
        return [Note(PROOF_HINT)]
    rows: list[list[Rich]] = [
        [
            Span(r.name, "code"),
            r.index_set,
            Span("pass", "ok") if r.verdict.passed else Span("fail", "bad"),
            f"{r.verdict.ms:.2f}",
            f"{r.verdict.rows_read:,}",
            f"{r.verdict.rows_returned:,}",
            r.verdict.summary + ("" if r.verdict.passed else " — " + "; ".join(r.verdict.reasons)),
        ]
        for r in sorted(proof.results, key=lambda r: (r.store, r.name, r.index_set))  # declared beside recommended
    ]
    loaded = ", ".join(f"{k} {v:,}" for k, v in proof.rows.items())
    blocks: list[Table | Para | Note] = [
        Para(
            f"On {proof.engine}"
            + (f", with {loaded} rows" if loaded else "")
            + f": {len(proof.failed('declared'))} pattern(s) fail with the declared indexes, "
            f"{len(proof.failed('recommended'))} with the recommended set."
        ),
        Table(
            ["Pattern", "Indexes", "Verdict", "ms", "Rows read", "Returned", "Plan"],
            rows,
            numeric=frozenset({3, 4, 5}),
            widths=("20%", "14%", "7%", "7%", "9%", "9%", "34%"),
        ),
    ]
    if proof.indicative:
        blocks.insert(0, Note("Indicative only: SQLite's plan on empty tables (PostgreSQL was not available).", "warn"))
    return blocks
