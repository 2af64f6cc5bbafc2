"""``python -m archkit`` is the ``archkit`` command."""

from archkit.cli import run

run()
