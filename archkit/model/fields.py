"""Field types shared by every section of the model file (ids, positive numbers, percents)."""

from __future__ import annotations

from typing import Annotated, Literal

from pydantic import BaseModel, ConfigDict, Field, StringConstraints

Id = Annotated[
    str,
    StringConstraints(pattern=r"^[a-z0-9][a-z0-9_-]*$", max_length=64),
    Field(description="Identifier: lowercase letters, digits, '-' and '_'; unique in its section."),
]
PositiveFloat = Annotated[float, Field(gt=0)]
Percent = Annotated[float, Field(gt=0, le=100)]
AuthMethod = Literal["none", "api_key", "jwt", "oauth2", "mtls"]


class Strict(BaseModel):
    """Every section forbids unknown keys: a misspelt field must never pass silently."""

    model_config = ConfigDict(extra="forbid", populate_by_name=True, validate_assignment=True)
