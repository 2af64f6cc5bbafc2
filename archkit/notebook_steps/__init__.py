"""The small functions the guided notebooks call, one per step.

A notebook cell is a line or two calling one of these; everything a headless run must
produce is computed here from the notebook's parameters (``model_path``, ``output_dir``),
and every file is written under ``output_dir``. Every area ships in the package, so a step
that fails is a failed cell, never a quiet gap; only the LLM critique may be unavailable
(no ``llm`` extra or no API key), and it says so.
"""

# One module per step; this package re-exports them so a cell reads `steps.run_review(...)`.
from archkit.notebook_steps.analysis import (
    analysis_headline,
    failure_table,
    run_analysis,
    save_charts,
    scenarios_table,
)
from archkit.notebook_steps.api import (
    api_findings,
    api_operations_table,
    show_document,
    show_reference,
    write_api,
)
from archkit.notebook_steps.data import (
    entities_table,
    index_plan_table,
    prove_data,
    show_ddl,
    write_schema,
)
from archkit.notebook_steps.display import (
    SEVERITY_ORDER,
    readable,
    show_critique,
    show_frames,
)
from archkit.notebook_steps.export import (
    TEXT_EXPORTS,
    diagram_views,
    export_all,
    files_table,
    run_critique,
    show_change,
    show_diagram,
    show_operation_diagrams,
)
from archkit.notebook_steps.model import (
    REQUIREMENT_UNITS,
    components_table,
    create_model,
    default_output_dir,
    examples_table,
    functional_trace,
    links_table,
    open_model,
    operations_table,
    output_path,
    patterns_table,
    requirement_gaps,
    requirements_table,
)
from archkit.notebook_steps.review import (
    findings_table,
    review_summary,
    run_review,
)

__all__ = [
    "REQUIREMENT_UNITS",
    "SEVERITY_ORDER",
    "TEXT_EXPORTS",
    "analysis_headline",
    "api_findings",
    "api_operations_table",
    "components_table",
    "create_model",
    "default_output_dir",
    "diagram_views",
    "entities_table",
    "examples_table",
    "export_all",
    "failure_table",
    "files_table",
    "findings_table",
    "functional_trace",
    "index_plan_table",
    "links_table",
    "open_model",
    "operations_table",
    "output_path",
    "patterns_table",
    "prove_data",
    "readable",
    "requirement_gaps",
    "requirements_table",
    "review_summary",
    "run_analysis",
    "run_critique",
    "run_review",
    "save_charts",
    "scenarios_table",
    "show_change",
    "show_critique",
    "show_ddl",
    "show_diagram",
    "show_document",
    "show_frames",
    "show_operation_diagrams",
    "show_reference",
    "write_api",
    "write_schema",
]
