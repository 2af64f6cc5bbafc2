"""Generated and corrupted models: the loader raises only ModelError, never anything else."""

from __future__ import annotations

from pathlib import Path

import yaml
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

import archkit
from archkit.model import KINDS, TRUST_LEVELS, ModelError

ROOT = Path(__file__).resolve().parents[2]
EXAMPLE = (ROOT / "examples" / "social-sharing.yaml").read_text(encoding="utf-8")

scalars = st.one_of(
    st.none(),
    st.booleans(),
    st.integers(min_value=-(10**6), max_value=10**6),
    st.floats(allow_nan=True, allow_infinity=True),
    st.text(max_size=12),
    st.sampled_from([*KINDS, *TRUST_LEVELS, "api", "db", "web", "2026-01-01", "https"]),
)
values = st.recursive(
    scalars,
    lambda inner: st.one_of(
        st.lists(inner, max_size=4),
        st.dictionaries(st.sampled_from(["id", "kind", "from", "to", "x", "trust"]), inner, max_size=4),
    ),
    max_leaves=12,
)
component = st.fixed_dictionaries(
    {"id": st.sampled_from(["api", "db", "web", "Bad Id", ""]), "kind": st.sampled_from([*KINDS, "nope"])},
    optional={"replicas": values, "boundary": values, "tech": values, "availability": values, "rps": values},
)
link = st.fixed_dictionaries(
    {"from": st.sampled_from(["api", "db", "web", "x"]), "to": st.sampled_from(["api", "db", "web", "x"])},
    optional={"calls": values, "sync": values, "protocol": values, "data": values},
)
model = st.fixed_dictionaries(
    {"archkit": st.sampled_from([1, 1, 2, "1", None]), "name": values},
    optional={
        "components": st.one_of(st.lists(component, max_size=5), values),
        "links": st.one_of(st.lists(link, max_size=5), values),
        "boundaries": st.lists(st.fixed_dictionaries({"id": values, "trust": values}), max_size=3),
        "requirements": st.one_of(
            st.dictionaries(st.sampled_from(["peak_rps", "availability", "compliance", "functional"]), values), values
        ),
        "waivers": values,
        "views": values,
    },
)


@settings(max_examples=300, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(model)
def test_generated_models_raise_only_model_error(data: dict[str, object]) -> None:
    text = yaml.safe_dump(data, allow_unicode=True)
    try:
        archkit.loads(text, "gen.yaml")
    except ModelError as exc:
        assert exc.problems
        assert all(p.file == "gen.yaml" for p in exc.problems)


@settings(max_examples=300, deadline=None)
@given(st.data())
def test_corrupted_example_raises_only_model_error(data: st.DataObject) -> None:
    text = EXAMPLE
    for _ in range(data.draw(st.integers(min_value=1, max_value=4))):
        pos = data.draw(st.integers(min_value=0, max_value=len(text)))
        action = data.draw(st.sampled_from(["delete", "insert", "replace"]))
        chunk = data.draw(st.text(alphabet=":-{}[]&*!|>'\"#\t\n ab1", max_size=6))
        end = min(len(text), pos + data.draw(st.integers(min_value=0, max_value=20)))
        if action == "delete":
            text = text[:pos] + text[end:]
        elif action == "insert":
            text = text[:pos] + chunk + text[pos:]
        else:
            text = text[:pos] + chunk + text[end:]
    try:
        archkit.loads(text, "corrupt.yaml")
    except ModelError as exc:
        assert exc.problems


@settings(max_examples=100, deadline=None)
@given(st.binary(max_size=200))
def test_random_bytes_raise_only_model_error(raw: bytes) -> None:
    from archkit.model import yaml_reader

    try:
        archkit.loads(yaml_reader.decode(raw, "bytes.yaml"), "bytes.yaml")
    except ModelError as exc:
        assert exc.problems


@settings(max_examples=20, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(st.data())
def test_random_edits_save_and_reload_to_the_same_model(tmp_path_factory: object, data: st.DataObject) -> None:
    from archkit.model.io import to_data

    arch = archkit.loads(EXAMPLE, "example.yaml")
    for step in range(data.draw(st.integers(min_value=1, max_value=6))):
        ids = arch.ids()
        action = data.draw(st.sampled_from(["add", "remove", "update", "connect", "requirement"]))
        if action == "add":
            arch.add_component(f"new-{step}", data.draw(st.sampled_from(KINDS)), replicas=data.draw(st.integers(1, 5)))
        elif action == "remove" and len(ids) > 2:
            arch.remove(data.draw(st.sampled_from(ids)))
        elif action == "update":
            arch.update_component(data.draw(st.sampled_from(ids)), replicas=data.draw(st.integers(1, 9)))
        elif action == "connect" and len(ids) > 1:
            a, b = data.draw(st.sampled_from(ids)), data.draw(st.sampled_from(ids))
            if a != b:
                try:
                    arch.connect(a, b, protocol="grpc", calls=data.draw(st.sampled_from([0.5, 1, 2])))
                except ModelError as exc:  # a caller without operations cannot reach one with no shares
                    assert "do not sum to 1" in str(exc), exc
        elif action == "requirement":
            arch.requirements.peak_rps = data.draw(st.integers(1, 10_000))
    text = archkit.dumps(arch)
    again = archkit.loads(text, "saved.yaml")
    assert to_data(again) == to_data(arch)
