"""ipywidgets forms for the guided notebooks. They hold no logic of their own: each control
calls the same functions a script would (archkit.workbook.edits, archkit.notebook_steps)."""

from archkit.widgets.api_key import ApiKeyField
from archkit.widgets.chooser import ModelChooser
from archkit.widgets.data_form import DataDesignForm
from archkit.widgets.editor import ArchitectureEditor
from archkit.widgets.findings import FindingsTable
from archkit.widgets.operation_form import OperationForm
from archkit.widgets.requirements import RequirementsForm
from archkit.widgets.whatif import WhatIfPanel, scenario_model

__all__ = [
    "ApiKeyField",
    "ArchitectureEditor",
    "DataDesignForm",
    "FindingsTable",
    "ModelChooser",
    "OperationForm",
    "RequirementsForm",
    "WhatIfPanel",
    "scenario_model",
]
