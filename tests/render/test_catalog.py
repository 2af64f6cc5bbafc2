"""The kind/tech -> icon table: every mapped class imports, every kind has a picture."""

from __future__ import annotations

import pytest

from archkit.model.kinds import KINDS
from archkit.render import catalog


@pytest.mark.parametrize("tech", sorted(catalog.TECH_ICONS))
def test_every_tech_row_resolves_with_its_first_candidate(tech: str) -> None:
    # The first candidate is the path in the pinned diagrams release; later ones are fallbacks.
    first = catalog.TECH_ICONS[tech][0]
    path = catalog.resolve(first)
    assert path is not None, f"{tech}: {first} does not import or has no PNG"
    assert path.suffix == ".png"


def test_every_mapped_catalogue_class_imports_or_is_a_known_fallback() -> None:
    broken = [c for c in catalog.all_candidates() if catalog.resolve(c) is None]
    # Only alternative spellings kept for other releases may be missing in this one.
    assert all(any(c in row[1:] for row in catalog.TECH_ICONS.values()) for c in broken), broken


@pytest.mark.parametrize("kind", KINDS)
def test_every_kind_has_its_own_archkit_icon(kind: str) -> None:
    path = catalog.icon_for(kind)
    assert path.parent == catalog.ICONS_DIR
    assert path.stat().st_size > 200


@pytest.mark.parametrize(
    ("tech", "key"),
    [
        ("PostgreSQL 16", "postgresql"),
        ("postgres", "postgresql"),
        ("Node.js", "nodejs"),
        ("go", "go"),
        ("Spring Boot", "java"),
        ("s3", "s3"),
        ("Redis 7.2", "redis"),
        ("swift/kotlin", "kotlin"),
        ("cobol", None),
        ("", None),
        (None, None),
    ],
)
def test_normalize_tech(tech: str | None, key: str | None) -> None:
    assert catalog.normalize_tech(tech) == key


def test_tech_refines_kind_and_unknown_tech_falls_back_to_kind() -> None:
    assert catalog.icon_for("database", "postgresql").name == "postgresql.png"
    assert catalog.icon_for("database", "something-new").name == "database.png"
    assert catalog.icon_for("queue", None).name == "queue.png"


def test_missing_class_falls_back(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setitem(catalog.TECH_ICONS, "postgresql", ("diagrams.onprem.moved:Postgresql",))
    catalog._resolve.cache_clear()
    try:
        assert catalog.icon_for("database", "postgresql").name == "database.png"
    finally:
        catalog._resolve.cache_clear()


def test_the_diagrams_icon_location_is_read_in_one_place_and_fails_loudly() -> None:
    """diagrams keeps icon paths in private attributes; if a release renames them, archkit must
    say so, never fall back to generic icons in silence."""
    from diagrams.onprem.database import PostgreSQL

    from archkit.errors import InternalError
    from archkit.render.catalog import diagrams_icon_file

    shipped = diagrams_icon_file(PostgreSQL)
    assert shipped is not None and shipped.is_file() and shipped.suffix == ".png"

    class Renamed:  # what a diagrams release without _icon_dir/_icon would look like
        pass

    with pytest.raises(InternalError, match="no _icon_dir/_icon any more"):
        diagrams_icon_file(Renamed)
