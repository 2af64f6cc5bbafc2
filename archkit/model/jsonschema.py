"""The JSON Schema of the model file, generated from the model classes.

Shipped as ``archkit/model/archkit.schema.json`` and ``docs/archkit.schema.json``; a test
fails when either is stale (regenerate with ``make docs``).
"""

from __future__ import annotations

from typing import Any

from archkit.model.schema import ModelFile

SCHEMA_ID = "https://archkit.dev/schema/archkit-1.schema.json"


def json_schema() -> dict[str, Any]:
    schema = ModelFile.model_json_schema(by_alias=True, mode="validation")
    schema = {
        "$schema": "https://json-schema.org/draft/2020-12/schema",
        "$id": SCHEMA_ID,
        **schema,
    }
    schema["title"] = "archkit model file"
    return schema
