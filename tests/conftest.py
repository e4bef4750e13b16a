"""Fixtures shared by the tests: content trees in tmp_path and a copy of the demo."""
from __future__ import annotations

import shutil
from pathlib import Path

import pytest

from chronicle.commands.version import Origin, origin_of
from tests.support import DEMO, MINIMAL_SITE, write_tree


@pytest.fixture
def content(tmp_path: Path):
    """A function that writes a content tree (with a site.yaml) and returns its folder."""
    def make(files: dict[str, str | bytes], site_yaml: str = MINIMAL_SITE) -> Path:
        root = tmp_path / "content"
        return write_tree(root, {"site.yaml": site_yaml, **files})
    return make


@pytest.fixture
def demo(tmp_path: Path) -> Path:
    """A copy of the demo content, safe to edit."""
    target = tmp_path / "content"
    shutil.copytree(DEMO, target)
    return target



@pytest.fixture
def index_install(monkeypatch: pytest.MonkeyPatch) -> Origin:
    """In-process `init` writes what an install from a package index writes, however this suite's
    chronicle was installed (an editable checkout would vendor a wheel); tests/test_install_kinds.py
    tests each install kind for real, in its own virtual environments."""
    pinned = origin_of(None)
    monkeypatch.setattr("chronicle.commands.scaffold.origin", lambda: pinned)
    return pinned
