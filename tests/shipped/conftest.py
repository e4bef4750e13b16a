"""Tests of the shipped timeline in content/ (its facts, sources, pages and the committed site/).

They are about this repository's content, not the generator: every test here is marked
`shipped`, so `python -m pytest -m "not shipped"` runs the generator's tests alone (what a
fork with its own content/ wants). The README's test command runs both.
"""
from __future__ import annotations

from pathlib import Path

import pytest

HERE = Path(__file__).resolve().parent


def pytest_collection_modifyitems(config: pytest.Config, items: list[pytest.Item]) -> None:
    """Mark every test in this folder `shipped`."""
    for item in items:
        if HERE in Path(str(item.path)).resolve().parents:
            item.add_marker(pytest.mark.shipped)
