"""The architecture as data: typed model classes, loading, saving and graph queries (pure core)."""

from archkit.model.architecture import Architecture
from archkit.model.errors import ModelError, Problem
from archkit.model.io import dumps, load, loads, save
from archkit.model.kinds import KIND_INFO, KINDS, TRUST_LEVELS
from archkit.model.schema import (
    FORMAT_VERSION,
    Boundary,
    Component,
    DataAsset,
    Decision,
    FunctionalRequirement,
    Link,
    Requirements,
    View,
    Waiver,
)

__all__ = [
    "FORMAT_VERSION",
    "KINDS",
    "KIND_INFO",
    "TRUST_LEVELS",
    "Architecture",
    "Boundary",
    "Component",
    "DataAsset",
    "Decision",
    "FunctionalRequirement",
    "Link",
    "ModelError",
    "Problem",
    "Requirements",
    "View",
    "Waiver",
    "dumps",
    "load",
    "loads",
    "save",
]
