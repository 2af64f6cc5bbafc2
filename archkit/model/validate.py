"""Turn raw file data into an ``Architecture``, reporting every problem with file, line and field."""

from __future__ import annotations

from typing import Any, get_args

from pydantic import BaseModel, ValidationError

from archkit.model.entities_check import entity_problems
from archkit.model.errors import ModelError, Problem, choose_from, did_you_mean
from archkit.model.kinds import HOSTED_KINDS, POD_KINDS
from archkit.model.operations_check import operation_problems
from archkit.model.schema import FORMAT_VERSION, Component, Link, ModelFile

EXTENSION_PREFIX = "x-"
_SECTIONS_WITH_IDS = ("boundaries", "components", "data_assets", "views")


def build(data: Any, file: str | None, lines: dict[str, int]) -> Any:
    """Validate plain data (from YAML or JSON) and return an ``Architecture``."""
    from archkit.model.architecture import Architecture

    if not isinstance(data, dict):
        got = _type_name(data)
        raise ModelError(
            [Problem(file, 1, "", f"expected a mapping of sections (archkit:, name:, components:, ...), got {got}")]
        )
    version = data.get("archkit", FORMAT_VERSION)
    if isinstance(version, int) and not isinstance(version, bool) and version > FORMAT_VERSION:
        raise ModelError(
            [
                Problem(
                    file,
                    lines.get("archkit"),
                    "archkit",
                    f"format version {version} is newer than this release understands ({FORMAT_VERSION}); upgrade archkit",
                )
            ]
        )
    problems: list[Problem] = []
    arch = None
    # Top-level keys starting with `x-` are extensions archkit ignores (docker-compose's habit):
    # the place for YAML anchors that components merge in with `<<: *defaults`.
    data = {k: v for k, v in data.items() if not (isinstance(k, str) and k.startswith(EXTENSION_PREFIX))}
    try:
        arch = Architecture.model_validate(data)
    except ValidationError as exc:
        problems.extend(problems_from_validation_error(exc, file, lines, data=data))
    problems.extend(_cross_references(data, file, lines))
    if problems:
        raise ModelError(_dedupe(problems))
    assert arch is not None
    # Operations are checked on the validated model: their rules span components and links.
    problems.extend(operation_problems(arch, file, lambda path: _line_for(lines, path)))
    problems.extend(entity_problems(arch, file, lambda path: _line_for(lines, path)))
    if problems:
        raise ModelError(_dedupe(problems))
    return arch


def _dedupe(problems: list[Problem]) -> list[Problem]:
    seen: set[tuple[Any, ...]] = set()
    result = []
    for p in problems:
        key = (p.line, p.path, p.message)
        if key not in seen:
            seen.add(key)
            result.append(p)
    return result


def problems_from_validation_error(
    exc: ValidationError, file: str | None, lines: dict[str, int], *, prefix: str = "", data: Any = None
) -> list[Problem]:
    problems = []
    for err in exc.errors():
        loc = _with_aliases(err["loc"])
        path = _join(prefix, loc)
        line = _line_for(lines, path)
        problems.append(Problem(file, line, path, _message(err, loc, data)))
    return problems


def _with_aliases(loc: tuple[Any, ...]) -> tuple[Any, ...]:
    # pydantic reports a Link's `from` as `source` when the alias is missing; speak the file's language.
    names = {"source": "from", "target": "to"}
    return tuple(names.get(part, part) if isinstance(part, str) else part for part in loc)


def _join(prefix: str, loc: tuple[Any, ...]) -> str:
    path = prefix
    for part in loc:
        if isinstance(part, int):
            path += f"[{part}]"
        elif (
            isinstance(part, str)
            and not part.startswith(("literal[", "function-", "union["))
            and part not in ("int", "float", "str", "bool", "list[", "none")
        ):
            path = f"{path}.{part}" if path else part
    return path


def _line_for(lines: dict[str, int], path: str) -> int | None:
    probe = path
    while probe:
        if probe in lines:
            return lines[probe]
        if probe.endswith("]"):
            probe = probe[: probe.rfind("[")]
        elif "." in probe:
            probe = probe.rsplit(".", 1)[0]
        else:
            break
    return lines.get(probe) if probe in lines else lines.get("")


def _lookup(data: Any, loc: tuple[Any, ...]) -> Any:
    for part in loc:
        if (isinstance(data, dict) and part in data) or (
            isinstance(data, list) and isinstance(part, int) and part < len(data)
        ):
            data = data[part]
        else:
            return None
    return data


def _message(err: Any, loc: tuple[Any, ...], data: Any) -> str:
    kind = err["type"]
    value = err.get("input")
    ctx = err.get("ctx") or {}
    field = next((p for p in reversed(loc) if isinstance(p, str)), "")
    if kind == "extra_forbidden":
        model = _model_at(loc[:-1])
        valid = sorted(_keys(model)) if model else []
        if " " in field and value is None:  # `{..., description: Reads, writes}`: the comma split the text
            return (
                f"unknown key '{field}': an unquoted comma inside {{...}} ends a value, so the text after it "
                'became a key; quote the text, e.g. description: "Reads, writes and deletes"'
            )
        return f"unknown key '{field}'{did_you_mean(field, valid)}; valid keys: {', '.join(valid)}"
    if kind == "missing":
        return "required field is missing"
    if kind == "literal_error":
        choices = [c.strip().strip("'") for c in str(ctx.get("expected", "")).replace(" or ", ", ").split(",")]
        return f"'{value}' is not a valid {field}{did_you_mean(value, choices)}; {choose_from(choices)}"
    if kind in ("greater_than", "greater_than_equal", "less_than", "less_than_equal"):
        bound = {"greater_than": "> ", "greater_than_equal": ">= ", "less_than": "< ", "less_than_equal": "<= "}[kind]
        limit = next(iter(ctx.values()), "?")
        shown = f"{limit:g}" if isinstance(limit, float) else limit
        return f"must be {bound}{shown}, got {value!r}"
    if kind == "string_pattern_mismatch" and field == "text":
        return "must not be empty or blank"
    if kind == "string_pattern_mismatch" and "functional" in loc:
        return (
            f"'{value}' is not a valid requirement id: use letters, digits, '.', '-' and '_', "
            "starting with a letter (e.g. FR6)"
        )
    if kind == "string_pattern_mismatch":
        return (
            f"'{value}' is not a valid id: use lowercase letters, digits, '-' and '_', starting with a letter or digit"
        )
    if kind == "string_too_short":
        return "must not be empty"
    if kind == "string_too_long":
        return f"is too long (at most {ctx.get('max_length')} characters)"
    if kind in ("int_type", "int_parsing", "int_from_float"):
        return f"expected a whole number, got {_describe(value)}"
    if kind in ("float_type", "float_parsing"):
        return f"expected a number, got {_describe(value)}"
    if kind in ("bool_type", "bool_parsing"):
        return f"expected true or false, got {_describe(value)}"
    if kind in ("string_type",):
        return f"expected text, got {_describe(value)}"
    if kind in ("list_type",):
        return f"expected a list, got {_describe(value)}"
    if kind in ("model_type", "model_attributes_type", "dict_type"):
        return f"expected a mapping of fields, got {_describe(value)}"
    if kind in ("date_type", "date_parsing", "date_from_datetime_parsing", "date_from_datetime_inexact"):
        return f"expected a date as YYYY-MM-DD, got {_describe(value)}"
    return f"{err['msg']} (got {_describe(value)})"


def _describe(value: Any) -> str:
    if isinstance(value, dict):
        return "a mapping"
    if isinstance(value, list):
        return "a list"
    if value is None:
        return "nothing (null)"
    return f"{value!r} ({_type_name(value)})"


def _type_name(value: Any) -> str:
    return {
        str: "text",
        int: "a whole number",
        float: "a number",
        bool: "a boolean",
        list: "a list",
        dict: "a mapping",
        type(None): "nothing",
    }.get(type(value), type(value).__name__)


def _model_at(loc: tuple[Any, ...]) -> type[BaseModel] | None:
    """The model class that lives at ``loc`` (a location inside ModelFile)."""
    model: Any = ModelFile
    for part in loc:
        if isinstance(part, int):
            continue
        if not (isinstance(model, type) and issubclass(model, BaseModel)):
            return None
        name = {"from": "source", "to": "target"}.get(part, part)
        info = model.model_fields.get(name)
        if info is None:
            return None
        model = _inner_model(info.annotation)
    return model if isinstance(model, type) and issubclass(model, BaseModel) else None


def _inner_model(annotation: Any) -> Any:
    if isinstance(annotation, type) and issubclass(annotation, BaseModel):
        return annotation
    for arg in get_args(annotation):
        found = _inner_model(arg)
        if found is not None:
            return found
    return None


def _keys(model: type[BaseModel]) -> list[str]:
    return [info.alias or name for name, info in model.model_fields.items()]


def _pricing_problems(c: dict[str, Any], i: int, file: str | None, lines: dict[str, int]) -> list[Problem]:
    """`cpu`, `memory_gb` and `hosting` only where the cost estimate can use them."""
    kind, out = c.get("kind"), []
    if not isinstance(kind, str):
        return []

    def problem(field: str, message: str) -> None:
        out.append(Problem(file, _line_for(lines, f"components[{i}].{field}"), f"components[{i}].{field}", message))

    if c.get("hosting") is not None and kind not in HOSTED_KINDS:
        problem(
            "hosting",
            f"hosting applies to databases, caches, search, queues and streams, not to a {kind}; remove it",
        )
    sized = [f for f in ("cpu", "memory_gb") if c.get(f) is not None]
    if not sized:
        return out
    if kind not in POD_KINDS:
        problem(sized[0], f"a {kind} is not priced per instance, so {sized[0]} has no effect; remove it")
    elif kind in HOSTED_KINDS and c.get("hosting") != "self":
        problem(
            sized[0],
            f"a managed {kind} is priced by its size; set hosting: self to price it as pods of cpu and memory_gb",
        )
    elif len(sized) == 1:
        missing = "memory_gb" if sized == ["cpu"] else "cpu"
        problem(sized[0], f"cpu and memory_gb go together (vCPUs and GB per replica); add {missing}")
    return out


def _cross_references(data: dict[str, Any], file: str | None, lines: dict[str, int]) -> list[Problem]:
    """Duplicate ids, links and references to components or boundaries that do not exist."""
    problems: list[Problem] = []

    def problem(path: str, message: str) -> None:
        problems.append(Problem(file, _line_for(lines, path), path, message))

    ids: dict[str, list[str]] = {}
    for section in _SECTIONS_WITH_IDS:
        seen: dict[str, int] = {}
        items = data.get(section)
        for i, item in enumerate(items if isinstance(items, list) else []):
            if not isinstance(item, dict) or not isinstance(item.get("id"), str):
                continue
            if item["id"] in seen:
                problem(
                    f"{section}[{i}].id", f"duplicate id '{item['id']}' (first used by {section}[{seen[item['id']]}])"
                )
            else:
                seen[item["id"]] = i
        ids[section] = list(seen)
    components, boundaries, assets = ids["components"], ids["boundaries"], ids["data_assets"]

    known = {id(choices): set(choices) for choices in (components, boundaries, assets)}

    def ref(path: str, value: Any, choices: list[str], what: str) -> None:
        if isinstance(value, str) and value not in known[id(choices)]:
            plural = "boundaries" if what == "boundary" else f"{what}s"
            listed = (
                f"; known {plural}: {', '.join(choices[:20])}{' ...' if len(choices) > 20 else ''}"
                if choices
                else f"; no {plural} are defined"
            )
            problem(path, f"unknown {what} '{value}'{did_you_mean(value, choices)}{listed}")

    def each(section: str) -> list[tuple[int, dict[str, Any]]]:
        items = data.get(section)
        return [(i, it) for i, it in enumerate(items if isinstance(items, list) else []) if isinstance(it, dict)]

    for i, c in each("components"):
        ref(f"components[{i}].boundary", c.get("boundary"), boundaries, "boundary")
        if c.get("rps") is not None and c.get("kind") != "client":
            problem(f"components[{i}].rps", "only clients send traffic; set rps on a client, or remove it here")
        problems.extend(_pricing_problems(c, i, file, lines))
    seen_links: dict[tuple[Any, Any, Any], int] = {}
    for i, link in each("links"):
        same = (link.get("from"), link.get("to"), link.get("protocol"))
        if isinstance(same[0], str) and isinstance(same[1], str) and isinstance(same[2], str | None):
            if same in seen_links:
                problem(
                    f"links[{i}]",
                    f"duplicate link {same[0]} -> {same[1]}"
                    + (f" ({same[2]})" if same[2] else "")
                    + f" (first declared as links[{seen_links[same]}]); one link per pair and protocol: use `calls` for more",
                )
            else:
                seen_links[same] = i
        for end in ("from", "to"):
            ref(f"links[{i}].{end}", link.get(end), components, "component")
        if isinstance(link.get("from"), str) and link.get("from") == link.get("to"):
            problem(f"links[{i}]", f"a component cannot link to itself ('{link['from']}')")
        ref(f"links[{i}].fallback", link.get("fallback"), components, "component")
        for j, asset in enumerate(link.get("data") or [] if isinstance(link.get("data"), list) else []):
            ref(f"links[{i}].data[{j}]", asset, assets, "data asset")
    for i, asset in each("data_assets"):
        for j, cid in enumerate(asset.get("stored_in") or [] if isinstance(asset.get("stored_in"), list) else []):
            ref(f"data_assets[{i}].stored_in[{j}]", cid, components, "component")
    requirements = data.get("requirements")
    functional = requirements.get("functional") if isinstance(requirements, dict) else None
    seen_frs: dict[str, int] = {}
    for i, fr in enumerate(functional if isinstance(functional, list) else []):
        fr_id = fr.get("id") if isinstance(fr, dict) else None
        if isinstance(fr_id, str) and fr_id in seen_frs:
            problem(
                f"requirements.functional[{i}].id",
                f"duplicate requirement id '{fr_id}' (first used by requirements.functional[{seen_frs[fr_id]}])",
            )
        elif isinstance(fr_id, str):
            seen_frs[fr_id] = i
        served = fr.get("served_by") if isinstance(fr, dict) else None
        for j, cid in enumerate(served if isinstance(served, list) else []):
            ref(f"requirements.functional[{i}].served_by[{j}]", cid, components, "component")
    for i, w in each("waivers"):
        for j, cid in enumerate(w.get("components") or [] if isinstance(w.get("components"), list) else []):
            ref(f"waivers[{i}].components[{j}]", cid, components, "component")
    for i, d in each("decisions"):
        for j, cid in enumerate(d.get("components") or [] if isinstance(d.get("components"), list) else []):
            ref(f"decisions[{i}].components[{j}]", cid, components, "component")
    for i, v in each("views"):
        ref(f"views[{i}].boundary", v.get("boundary"), boundaries, "boundary")
        ref(f"views[{i}].client", v.get("client"), components, "component")
        for j, cid in enumerate(v.get("components") or [] if isinstance(v.get("components"), list) else []):
            ref(f"views[{i}].components[{j}]", cid, components, "component")
    return problems


__all__ = ["Component", "Link", "build", "problems_from_validation_error"]
