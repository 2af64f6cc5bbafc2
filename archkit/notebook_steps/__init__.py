"""The small functions the guided notebooks call, one per step.

A notebook cell is a line or two calling one of these; everything a headless run must
produce is computed here from the notebook's parameters (``model_path``, ``output_dir``),
and every file is written under ``output_dir``. Each step that needs another area
(review, analysis, diagrams, critique, report) asks :func:`piece` for it and, when that
area is not installed or not built yet, says so plainly with :func:`step_unavailable`
instead of failing the notebook.
"""

# One module per step; this package re-exports them so a cell reads `steps.run_review(...)`.
from archkit.notebook_steps.analysis import (
    analysis_headline,
    failure_table,
    run_analysis,
    save_charts,
    scenarios_table,
)
from archkit.notebook_steps.display import (
    PIECES,
    SEVERITY_ORDER,
    piece,
    readable,
    show_critique,
    show_frames,
    step_unavailable,
)
from archkit.notebook_steps.export import (
    TEXT_EXPORTS,
    diagram_views,
    export_all,
    files_table,
    run_critique,
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
    "PIECES",
    "REQUIREMENT_UNITS",
    "SEVERITY_ORDER",
    "TEXT_EXPORTS",
    "analysis_headline",
    "components_table",
    "create_model",
    "default_output_dir",
    "diagram_views",
    "examples_table",
    "export_all",
    "failure_table",
    "files_table",
    "findings_table",
    "functional_trace",
    "links_table",
    "open_model",
    "operations_table",
    "output_path",
    "patterns_table",
    "piece",
    "readable",
    "requirement_gaps",
    "requirements_table",
    "review_summary",
    "run_analysis",
    "run_critique",
    "run_review",
    "save_charts",
    "scenarios_table",
    "show_critique",
    "show_diagram",
    "show_frames",
    "show_operation_diagrams",
    "step_unavailable",
]
