"""Small models for the analysis tests."""

from __future__ import annotations

import archkit


def model(components: str, links: str = "", requirements: str = "{peak_rps: 100}") -> archkit.Architecture:
    text = f"archkit: 1\nname: t\nrequirements: {requirements}\ncomponents:\n{components}"
    if links:
        text += f"links:\n{links}"
    return archkit.loads(text, "t.yaml")
