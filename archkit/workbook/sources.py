"""The text of the guided notebooks, as data; ``python -m archkit.workbook.build`` writes notebooks/*.ipynb.

Each notebook is a list of cells: ("md", text), ("code", source) or ("parameters", source).
Code cells call archkit functions only (mostly ``archkit.notebook_steps``); the narrative
says what to decide at that step and why.
"""

from __future__ import annotations

Cell = tuple[str, str]

PARAMETERS = """\
# Parameters: `archkit workbook` (papermill) replaces these two values.
from archkit.notebook_steps import default_output_dir
from archkit.workbook.workspace import chosen_model

model_path = str(chosen_model())  # the model 00 recorded, else a workspace copy of the example
output_dir = str(default_output_dir())  # every file this notebook writes goes under this folder"""

OPEN = """\
from archkit import notebook_steps as steps

arch, out = steps.open_model(model_path, output_dir)"""

HEADLESS = (
    "*Every result below is computed from `model_path` in plain cells, so `archkit workbook` produces it "
    "headless; the interactive form at the end only re-runs the same functions.*"
)

START: list[Cell] = [
    (
        "md",
        """\
# 00 · Start: choose or create a model

archkit is a workbook for designing a backend. You describe the system **once** in a YAML model —
the requirements, the components (clients, gateways, services, stores, queues, caches), the links
between them and the trust boundaries they sit in — and the following notebooks turn that one
description into a reviewed, quantified and documented design:

| notebook | the decision it supports |
|---|---|
| 01 requirements | what the system must sustain: load, latency, availability, data, consistency, compliance, budget |
| 02 architecture | the components, their APIs and data ownership, and where the trust boundaries are |
| 03 API design | the operations clients call, the OpenAPI / GraphQL / proto documents, and the API review |
| 04 data design | the tables behind the stores, the queries they serve, and indexes proven on PostgreSQL |
| 05 review | what a senior reviewer would flag: security, reliability, performance, data, operations |
| 06 capacity and availability | whether the design meets the targets, where it saturates, what a failure costs |
| 07 critique | an optional second opinion from an LLM, grounded in the findings and the numbers |
| 08 export | diagrams (PNG, SVG, Mermaid, Structurizr, draw.io) and the design document |

Work through them in order. Each notebook starts with a **parameters** cell naming the model file
and the folder for its outputs. The model is the one you choose at the end of this notebook, kept
in `workspace/` (the bundled examples are never edited); until you choose, it is a workspace copy
of the social-sharing example.
"""
        + HEADLESS,
    ),
    ("parameters", PARAMETERS),
    ("code", OPEN),
    (
        "md",
        """\
## Start from an example

The bundled examples are realistic designs with deliberate weaknesses, so every later notebook
has something to say. Reading one end to end is the fastest way to learn the model format.""",
    ),
    ("code", "steps.examples_table()"),
    (
        "md",
        """\
## Or start from a pattern

A pattern is a valid starting point to edit, not a recommendation. Pick the one closest to what you
are building: a **monolith** is the right first answer more often than it is fashionable to admit;
**microservices** pay off when teams need to deploy independently; **event-driven** fits workflows that
tolerate seconds of delay and need to absorb bursts; **serverless** trades control over latency and
cost at high volume for almost no operations work. `archkit new "Order service" --pattern monolith`
does the same from a shell.""",
    ),
    ("code", "steps.patterns_table()"),
    (
        "md",
        """\
## What is in the model

Two tables are the whole design: the components with the figures that shape capacity and
availability (values not written in the file come from the kind's documented defaults), and the links.
A link says *who calls whom*: `calls` is the fan-out per request, `sync: false` marks fire-and-forget
publishing. Every later result follows from these rows, so check them before going on.""",
    ),
    ("code", "steps.components_table(arch)"),
    ("code", "steps.links_table(arch)"),
    (
        "md",
        """\
## Choose interactively

Pick an example, create a starter model from a pattern, or import a model you already have
(Threagile YAML, or an Open Threat Model file from IriusRisk, StartLeft or `archkit export --to otm`;
what could not be mapped is listed). It goes into `workspace/` beside the
notebooks (ignored by git; the bundled examples are never edited), and the choice is recorded in
`archkit-settings.json`: every notebook opens it from then on. Re-run a notebook's first cells to
pick it up there. `archkit workbook --model FILE` still overrides it.""",
    ),
    ("code", "from archkit.widgets import ModelChooser\n\nModelChooser.show()"),
]

REQUIREMENTS: list[Cell] = [
    (
        "md",
        """\
# 01 · Requirements: what the system must sustain

Architecture is the set of decisions that are expensive to change, and every one of them is a
trade-off against a requirement. Without numbers the review has nothing to hold a design against:
"is one database replica enough?" has no answer until you know the availability target.

Decide these with the product owner, and write them down even when they are estimates:

- **Peak load** (`peak_rps`): requests per second at the busiest minute of the busiest day, all
  clients together — not the daily average, which can be ten times lower. Capacity, replicas and the
  bottleneck all start from it.
- **Latency** (`latency_p99_ms`): the 99th percentile of each client journey, end to end. Users feel
  the tail, not the mean; a page that makes twenty calls waits on at least one call's slowest 1% on
  1 − 0.99²⁰ ≈ 18% of its loads.
- **Availability** (`availability`): per journey, in percent. 99.9 % allows 43 minutes of outage a
  month, 99.95 % 22 minutes, 99.99 % 4 minutes — the last one rules out anything that needs a human
  to fail over.
- **Data** (`data_volume_gb`, `data_growth_gb_per_month`, `planning_horizon_months`): size the stores
  for the horizon, not for launch day; growth decides when you must partition.
- **Consistency**: `strong` when a user must read their own write immediately (payments, inventory);
  `eventual` lets you use read replicas, caches and asynchronous projections.
- **Compliance**: `gdpr`, `pci`, `hipaa` change what the review asks about encryption, retention and
  where personal or cardholder data may flow.
- **Budget**: a design that meets every target at three times the budget is not finished.
- **Functional requirements**: what the system must do, each traced to the components that serve it,
  so a component nobody needs and a requirement nobody serves both show up.
"""
        + HEADLESS,
    ),
    ("parameters", PARAMETERS),
    ("code", OPEN),
    (
        "md",
        "## The declared targets\n\nBlank values are not declared; `declared` tells an explicit value from a default.",
    ),
    ("code", "steps.requirements_table(arch)"),
    ("md", "## What is missing, and why it matters"),
    ("code", "gaps = steps.requirement_gaps(arch)"),
    ("md", "## Functional requirements, traced to components"),
    ("code", "steps.functional_trace(arch)"),
    (
        "md",
        """\
## Edit the requirements

Every field has a control with its unit and bounds. An invalid value is shown next to the field and
nothing is saved; **Save** validates the whole model, then writes the file atomically and keeps your
comments and key order. Re-run the cells above to see the effect.""",
    ),
    ("code", "from archkit.widgets import RequirementsForm\n\nRequirementsForm.show(model_path)"),
]

ARCHITECTURE: list[Cell] = [
    (
        "md",
        """\
# 02 · Architecture: components, APIs, data ownership and trust

With the targets known, the shape of the system is a handful of decisions:

- **Edge and API design.** One entry point (gateway or load balancer) per trust boundary that
  authenticates callers (`auth`), rate-limits them (`rate_limit_rps`) and terminates TLS. Behind it,
  choose synchronous calls only where the caller needs the answer to respond; everything else
  (notifications, fan-out to feeds, analytics) is a publish to a queue or stream (`sync: false`), which
  takes it off the latency path and out of the availability chain.
- **Data architecture.** Each store has one owning service; other services go through its API or
  consume its events. Shared databases couple deploys and hide load. Decide replication (`sync` for
  no data loss on failover, `async` for cheaper writes), backups, encryption at rest and retention per
  store, and where personal or payment data lives (`data_assets`).
- **Trust boundaries.** Put components in boundaries (`public`, `dmz`, `internal`, `restricted`); every
  link that crosses inward is an attack surface that needs authentication and encryption.
- **Scalability.** Stateless services scale by `replicas`; stateful stores scale by replicas for reads and
  partitioning for writes. Caches (`hit_ratio`) cut load on the store behind them — the links out of a
  cache carry only the misses.
- **Operations.** Health checks, telemetry (`observability`), and an owner per component.
"""
        + HEADLESS,
    ),
    ("parameters", PARAMETERS),
    ("code", OPEN),
    ("md", "## Components\n\nEffective values: what the analysis will use, defaults included."),
    ("code", "steps.components_table(arch)"),
    ("md", "## Links"),
    ("code", "steps.links_table(arch)"),
    (
        "md",
        """\
## Operations

What each component serves and the calls one request of it makes, in order. A component with
operations sends exactly what its steps say; `optional` steps may fail without failing the
operation. The numbers in 06 are computed per operation, so a fast read is never averaged with a
slow write. One diagram per operation clients call: its call chain numbered in order, optional
calls dashed, what it sets off asynchronously after.""",
    ),
    ("code", "steps.operations_table(arch)"),
    ("code", "operation_diagrams = steps.show_operation_diagrams(arch, out)"),
    (
        "md",
        """\
## The diagram

Rendered with Graphviz: boundaries are clusters, dashed edges are asynchronous. The PNG and SVG are
written under `output_dir/diagrams`.""",
    ),
    ("code", "diagram_files = steps.show_diagram(arch, out)"),
    (
        "md",
        """\
## Edit components and links

Add, change or remove components and links; kinds, ids and boundaries are offered from the model,
so a typo cannot get in. Each change is validated, saved (comments kept), and the table and the
diagram refresh.""",
    ),
    ("code", "from archkit.widgets import ArchitectureEditor\n\nArchitectureEditor.show(model_path)"),
]

API: list[Cell] = [
    (
        "md",
        """\
# 03 · API design: the contract clients call, checked against the architecture

"Design an API for our social sharing feature" is answered here from the model you already have:
each component with an `api` (style rest, graphql or grpc; its version, versioning, error format and
pagination) and its `operations` (method, path, what it returns, the entity behind it, who may call it,
and the calls serving it makes) become the documents client teams build against.

- **Generated, not drawn.** archkit writes OpenAPI 3.1 for REST, GraphQL SDL and proto3 services. The
  architecture is written into them: security schemes from `auth`, 401/403 where an operation is
  secured, 429 with `Retry-After` and `RateLimit` headers wherever this component or a gateway in
  front of it rate-limits, RFC 9457 problem details, cursor or offset pages with a bounded `limit`,
  `Idempotency-Key` on idempotent POSTs, `If-Match`/`ETag` for entities with optimistic concurrency,
  schemas from the entity's fields, and the rps and p99 latency the analysis gives each operation.
- **Reviewed against what no linter sees.** The API rules lint the document (naming, methods and
  status codes, versioning, errors, pagination, the OWASP API Top 10) and judge it against the model:
  a gateway that throttles but a contract without 429, a public API nothing throttles, offset pages
  over a table of millions, a latency target the call chain cannot meet idle, payment data over a
  plaintext hop, a payment POST a retry charges twice.
- **Changes with a verdict.** `archkit api diff OLD NEW` classifies every change as breaking or not
  and says whether the version bump matches; `archkit api lint SPEC` runs the same rules on an
  OpenAPI file your team already has.
"""
        + HEADLESS,
    ),
    ("parameters", PARAMETERS),
    ("code", OPEN),
    (
        "md",
        """\
## The operations clients call

Every operation of every component that exposes an API: its route, how the caller authenticates (and
with which scopes), what it returns and the entity it is about, and the load the model gives it.""",
    ),
    ("code", "steps.api_operations_table(arch)"),
    (
        "md",
        """\
## The documents

Written under `output_dir/api`: one document per API (`*.openapi.yaml`, `*.graphql`, `*.proto`) and
`api-reference.html`, a self-contained reference (no CDN) the design document embeds as its API
section. The first REST document is shown; the others are in the folder.""",
    ),
    ("code", "api_files = steps.write_api(arch, out)\nsteps.show_document(arch)"),
    (
        "md",
        """\
## API findings

The API rules of the review (category `api`), most severe first. A finding on a generated document
has its cause in the model: fix the operation or the component, and the document follows.""",
    ),
    ("code", "steps.api_findings(arch)"),
    (
        "md",
        "## The API reference\n\nWhat a client developer reads: every route with its parameters, body and responses.",
    ),
    ("code", "steps.show_reference(out)"),
    (
        "md",
        """\
## Add or edit operations

Pick a component, say how it exposes its API, then add an operation or pick one to change. Each save
is validated against the whole model (a step must follow a link, shares must sum to 1) and written
with your comments kept; the table refreshes.""",
    ),
    ("code", "from archkit.widgets import OperationForm\n\nOperationForm.show(model_path)"),
]

DATA: list[Cell] = [
    (
        "md",
        """\
# 04 · Data design: entities, access patterns, indexes proven on PostgreSQL

"Optimize database queries as we scale" starts before the code: the model's `entities` say what each
store holds and how big it gets, and each entity's `access` patterns say which queries the operations
run (`by:` an operation, whose rps follows), filtered how (`where`), ordered and paged how.

- **Indexes.** For each pattern: the equality fields first, then the sort, then the range; a paged,
  ordered query by cursor ends with the key as a tiebreaker. An index no pattern uses is all cost.
- **The proof.** The plan is not trusted on paper: a throwaway PostgreSQL is loaded at each table's
  size at the planning horizon and every query runs under `EXPLAIN ANALYZE` — first with the indexes
  you declared, then with the recommended set. A pattern fails on a Seq Scan of a large table, a sort
  before its LIMIT, or reading far more rows than it returns.
- **Migrations.** `archkit data diff OLD NEW` turns the next model version into expand/contract steps
  with their locks (see docs/data.md).
"""
        + HEADLESS,
    ),
    ("parameters", PARAMETERS),
    ("code", OPEN),
    ("md", "## Entities\n\nRows today and at the planning horizon; the key fields are marked."),
    ("code", "steps.entities_table(arch)"),
    (
        "md",
        """\
## The index plan

Each access pattern, its SQL, the declared index that serves it (NONE: the query scans or sorts), and
the index the plan recommends. Declared indexes no pattern uses are listed last.""",
    ),
    ("code", "steps.index_plan_table(arch)"),
    (
        "md",
        """\
## Schema and ER diagram

PostgreSQL and SQLite DDL per store (each written for its dialect), the plan as text and the ER
diagram, under `output_dir/data`. Dashed references cross stores: no database enforces them.""",
    ),
    ("code", "schema_files = steps.write_schema(arch, out)\nsql = steps.show_ddl(arch)"),
    (
        "md",
        """\
## The proof

A throwaway PostgreSQL cluster (Unix socket only, always stopped and removed) loaded with generated
rows — capped here at 50,000 per table so the cell runs in seconds; `archkit data FILE --prove` loads up
to 10^6. Without PostgreSQL it says so and shows SQLite's plan, labelled indicative. The results are
saved to `output_dir/data/proof.json`.""",
    ),
    ("code", "steps.prove_data(arch, out)"),
    (
        "md",
        """\
## Add entities, access patterns and indexes

Each addition is validated against the whole model (a field `where` names must exist, `by` must be an
operation) and saved with your comments kept; the plan refreshes.""",
    ),
    ("code", "from archkit.widgets import DataDesignForm\n\nDataDesignForm.show(model_path)"),
]

REVIEW: list[Cell] = [
    (
        "md",
        """\
# 05 · Review: what a senior reviewer would flag

The review runs archkit's rules over the model: each rule is one well-known failure mode —
a public path into a database, a single replica behind an availability target, a synchronous chain
without timeouts, personal data stored unencrypted, a queue without a dead-letter queue.
Each finding names the components or links involved and says how to fix it.

How to treat them:

- **critical / high**: fix before the design is approved; these are outages or breaches waiting to happen.
- **medium**: fix or accept explicitly, with a reason.
- **low / info**: hygiene; worth a line in the design document.

Accepting a finding is a decision, not silence: a **waiver** records the rule, the components, the
reason, an owner and an expiry date in the model file, so the acceptance is reviewed again when it
expires. `archkit check --fail-on high` gates a pull request on the same rules.
"""
        + HEADLESS,
    ),
    ("parameters", PARAMETERS),
    ("code", OPEN),
    ("code", "review = steps.run_review(arch, out)"),
    ("md", "## Findings, most severe first\n\nWaived findings are listed last."),
    ("code", "steps.findings_table(review)"),
    (
        "md",
        """\
## Filter, read the fix, waive

Filter by minimum severity, category or component. To accept a finding, select it, give a reason,
an owner and an expiry date and press **Waive**: the waiver is written into the model file.""",
    ),
    ("code", "from archkit.widgets import FindingsTable\n\nFindingsTable.show(model_path)"),
]

CAPACITY: list[Cell] = [
    (
        "md",
        """\
# 06 · Capacity and availability: does the design meet the targets?

The analysis turns the model into numbers, with textbook queueing and reliability arithmetic:

- **Load.** Client traffic flows along the links, multiplied by each link's `calls`; a cache passes on
  only its misses. A component with operations sends each request to one operation by `share`, and
  that operation's steps say which calls it makes. The result is the arrival rate at every component
  and every operation.
- **Utilization** = arrival rate × service time ÷ (replicas × concurrency). Queueing delay grows
  without bound as utilization approaches 1, so plan to run below about 70 % at peak: the headroom
  absorbs bursts, a lost replica and a slow dependency.
- **Latency.** Each component's own time (queueing included) summed along the synchronous calls of a
  journey or an operation; parallel calls count the slowest. Compare each operation's p99 with its
  target (its own `latency_p99_ms`, else the requirement's): a journey's average hides the slow one.
- **Availability.** Components in a synchronous chain multiply (99.9 % × 99.9 % = 99.8 %); replicas
  in parallel multiply their *unavailability*. An asynchronous link, or an `optional` step, does not
  take the caller down.
- **Bottleneck.** The component that saturates first as traffic grows, and the client traffic
  (`max_rps`) at which it does: the honest measure of headroom.

Then ask the questions an incident review would: what happens at twice the peak, and what happens when
each component is down?
"""
        + HEADLESS,
    ),
    ("parameters", PARAMETERS),
    ("code", OPEN),
    ("code", "analysis = steps.run_analysis(arch, out)\nprint(steps.analysis_headline(analysis))"),
    (
        "md",
        "## Per component, per journey and per operation\n\nWith operations, the `operations` table is the "
        "headline: each one's p99 and availability against its own target. A journey is the traffic-weighted "
        "mix of the operations its client calls.",
    ),
    ("code", "steps.show_frames(analysis)"),
    ("md", "## Charts\n\nWritten as PNG under `output_dir/charts`."),
    ("code", "chart_files = steps.save_charts(analysis, out)"),
    (
        "md",
        """\
## Growth: today's peak, twice and five times

The busiest component and the worst journey at each multiple. Above a utilization of 1 the
component is saturated and its latency is undefined (shown as empty or infinite).""",
    ),
    ("code", "steps.readable(steps.scenarios_table(arch))"),
    (
        "md",
        """\
## Failure: one component down at a time

For each component, the journeys' availability and latency with it removed. A journey that loses
all its paths shows an availability of 0: that component is a single point of failure for it —
add replicas or zones, a fallback, or make the call asynchronous.""",
    ),
    ("code", "steps.readable(steps.failure_table(arch))"),
    (
        "md",
        """\
## What if …

Move the traffic factor, take components down and change replica counts: the analysis and the
diagram refresh. Nothing is saved; copy the replica counts you like into the model.""",
    ),
    ("code", "from archkit.widgets import WhatIfPanel\n\nWhatIfPanel.show(model_path)"),
]

CRITIQUE: list[Cell] = [
    (
        "md",
        """\
# 07 · Critique: a second opinion (optional)

Rules catch known failure modes; a reviewer also asks questions rules cannot: *is this the right
decomposition for a team of six? does the event flow survive a replay? what is the migration path?*
This step sends the model, the findings and the analysis to an LLM through the Anthropic API and
asks for grounded points (each naming components of the model) and open questions. Points that name
components the model does not have are dropped, not shown.

It is optional: it needs `pip install 'archkit[llm]'` and `ANTHROPIC_API_KEY`. Without them this
notebook says so and the workbook carries on. **Where the key goes:** the kernel inherits
JupyterLab's environment, so the variable must be set where JupyterLab starts — stop it, then
`ANTHROPIC_API_KEY=… jupyter lab`; restarting only the kernel does not pick up a variable set
later. Never paste the key into a cell: notebooks are saved, and often committed. Answers are cached under `output_dir`, so re-running
does not pay twice. Treat the output as a colleague's notes: useful questions, not decisions —
a point worth acting on becomes a change to the model, a decision record, or an open question.
"""
        + HEADLESS,
    ),
    ("parameters", PARAMETERS),
    ("code", OPEN),
    ("code", "review = steps.run_review(arch, out)\nanalysis = steps.run_analysis(arch, out)"),
    (
        "md",
        "No key in JupyterLab's environment? Type it below for this session only: it is kept in the "
        "kernel's memory, never in the notebook or a file. Then run the next cell again.",
    ),
    ("code", "from archkit.widgets import ApiKeyField\n\nApiKeyField.show()"),
    ("code", "critique = steps.run_critique(arch, out, review=review, analysis=analysis)"),
    ("code", "steps.show_critique(critique)"),
    (
        "md",
        """\
## The critique beside the rule findings

One table, most severe first: rows with `source: llm` are the critique's new points (a point that
restates a rule finding is shown once, as that finding). Only rule findings can be waived; an LLM
point you agree with becomes a change to the model, a decision or an open question.
""",
    ),
    ("code", "steps.findings_table(review, critique=critique)"),
]

EXPORT: list[Cell] = [
    (
        "md",
        """\
# 08 · Export: diagrams and the design document

A design is reviewed by people who will not open a notebook. This step writes, under `output_dir`:

- **diagrams/**: PNG and SVG of the whole system and of each view (boundary, journey, data views);
- **formats/**: the model as Mermaid, Structurizr DSL, Graphviz DOT, JSON and draw.io, for wikis and
  other tools;
- **report/**: the design document in HTML and Markdown — requirements, diagram, findings, numbers,
  decisions and open questions in one place, ready to attach to a design review.

Pick the artefact for the audience. The **system** diagram is for everyone; **boundary** views are what a
security review walks through, link by link across each trust boundary; **journey** views follow one
client's synchronous calls and are where latency and availability budgets are argued; **data** views
show where personal or payment data is stored and which links carry it — the first thing a privacy or
PCI assessor asks for. The design document puts the requirements first, so every finding and every
number is read against a target, and it lists the decisions (ADRs) and the open questions: a review
that ends without recorded decisions tends to be held again.

Commit the model, not the exports: they are regenerated by `archkit workbook` in CI from the same
file, so the diagrams in a pull request can never drift from the design they describe.
"""
        + HEADLESS,
    ),
    (
        "parameters",
        PARAMETERS
        + '\nbase_model_path = ""  # optional: the model before a change (e.g. main\'s); the export shows the delta',
    ),
    ("code", OPEN),
    ("code", "review = steps.run_review(arch, out)\nanalysis = steps.run_analysis(arch, out)"),
    (
        "md",
        "## What a change does\n\nWith `base_model_path` set (the model before the change, e.g. the version on "
        "main), this is what `archkit diff` posts on a pull request: model changes, findings new and fixed, the "
        "numbers that move against their targets, and API breaks. The design document gets the same section.",
    ),
    ("code", "base = steps.show_change(base_model_path, arch)"),
    ("code", "files = steps.export_all(arch, out, review=review, analysis=analysis, base=base)"),
    ("code", "steps.files_table(files)"),
]

NOTEBOOK_CELLS: dict[str, list[Cell]] = {
    "00_start": START,
    "01_requirements": REQUIREMENTS,
    "02_architecture": ARCHITECTURE,
    "03_api_design": API,
    "04_data_design": DATA,
    "05_review": REVIEW,
    "06_capacity_and_availability": CAPACITY,
    "07_critique": CRITIQUE,
    "08_export": EXPORT,
}
