"""JSON Schema (OpenAPI 3.1 dialect) for an entity: types, formats, enums, bounds, required
fields and read-only keys.

Every string gets a bound and every integer a range: an API that accepts a 10 MB name or a
negative page size is an API4 (resource consumption) finding before it is a feature. Bounds the
model does not give are the type's natural ones (a uuid is 36 characters, an int32 is an int32)
or a stated default, written down in ``description`` so a reader can see it was assumed.
"""

from __future__ import annotations

from typing import Any

from archkit.model.entity import Entity, EntityField

INT32 = (-(2**31), 2**31 - 1)
INT64 = (-(2**63), 2**63 - 1)
DEFAULT_TEXT_LENGTH = 10_000  # a text column without max_length: bounded in the API all the same
DEFAULT_VARCHAR_LENGTH = 255
# Fields the server sets, whatever the entity: a client that could write them could forge history.
SERVER_TIMESTAMPS = frozenset({"created_at", "updated_at", "deleted_at"})


def schema_name(entity_id: str) -> str:
    """``feed-entry`` -> ``FeedEntry``."""
    return "".join(part.capitalize() for part in entity_id.replace("_", "-").split("-"))


def field_schema(field: EntityField) -> dict[str, Any]:
    """The JSON Schema of one field's value."""
    t = field.type
    out: dict[str, Any]
    if t == "uuid":
        out = {"type": "string", "format": "uuid", "maxLength": 36}
    elif t == "int":
        out = {"type": "integer", "format": "int32", "minimum": INT32[0], "maximum": INT32[1]}
    elif t == "bigint":
        out = {"type": "integer", "format": "int64", "minimum": INT64[0], "maximum": INT64[1]}
    elif t in ("text", "varchar"):
        default = DEFAULT_TEXT_LENGTH if t == "text" else DEFAULT_VARCHAR_LENGTH
        out = {"type": "string", "maxLength": field.max_length or default}
        if field.max_length is None:
            out["description"] = f"No max_length in the model: bounded at {default:,} characters."
    elif t == "bool":
        out = {"type": "boolean"}
    elif t == "timestamp":
        out = {"type": "string", "format": "date-time", "maxLength": 35}
    elif t == "date":
        out = {"type": "string", "format": "date", "maxLength": 10}
    elif t == "numeric":
        out = {"type": "string", "format": "decimal", "pattern": r"^-?\d{1,28}(\.\d{1,10})?$", "maxLength": 40}
        out["description"] = "A decimal as a string: JSON numbers lose precision past 2^53."
    elif t == "enum":
        out = {"type": "string", "enum": list(field.values)}
    elif t == "bytes":
        out = {"type": "string", "contentEncoding": "base64", "maxLength": 1_048_576}
    else:  # json
        out = {"type": "object", "description": "Free-form JSON held as one column."}
    if field.description:
        out["description"] = field.description + (f" {out['description']}" if "description" in out else "")
    return out


def entity_schema(entity: Entity) -> dict[str, Any]:
    """The object an API returns or accepts for ``entity``. Keys, the optimistic-concurrency version
    and the server's timestamps are ``readOnly``: the server assigns them, a client that sends them
    is ignored."""
    read_only = {f.name for f in entity.key} | {f.name for f in entity.fields if f.name in SERVER_TIMESTAMPS}
    if entity.concurrency == "optimistic":
        read_only.add(entity.version_column)
    properties: dict[str, Any] = {}
    required: list[str] = []
    for field in entity.fields:
        schema = field_schema(field)
        if field.name in read_only:
            schema["readOnly"] = True
        if field.nullable:
            schema["type"] = [schema["type"], "null"]
        properties[field.name] = schema
        if not field.nullable:
            required.append(field.name)
    out: dict[str, Any] = {"type": "object", "additionalProperties": False, "properties": properties}
    if required:
        out["required"] = required
    if entity.description:
        out["description"] = entity.description
    return out


__all__ = ["SERVER_TIMESTAMPS", "entity_schema", "field_schema", "schema_name"]
