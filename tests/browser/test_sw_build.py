"""sw.js from real builds: identical for the same content, a new version for changed content."""
from __future__ import annotations

import re
from collections.abc import Callable
from pathlib import Path


def sw_version(site: Path) -> str:
    """The cache version written into a built sw.js."""
    return re.search(r'var VERSION = "([0-9a-f]+)";', (site / "sw.js").read_text()).group(1)


def test_same_content_builds_identical_worker(
        build: Callable[..., Path], content_copy: Path, tmp_path: Path) -> None:
    first = build(tmp_path / "one", "--content", str(content_copy))
    second = build(tmp_path / "two", "--content", str(content_copy))
    assert (first / "sw.js").read_bytes() == (second / "sw.js").read_bytes()


def test_changed_content_builds_a_new_worker_version(
        build: Callable[..., Path], content_copy: Path, tmp_path: Path) -> None:
    before = sw_version(build(tmp_path / "before", "--content", str(content_copy)))
    event = sorted((content_copy / "events").glob("*.md"))[0]
    event.write_text(event.read_text(encoding="utf-8") + "\nOne more sentence.\n",
                     encoding="utf-8")
    after = sw_version(build(tmp_path / "after", "--content", str(content_copy)))
    assert after != before


def test_worker_precaches_every_built_file(
        build: Callable[..., Path], content_copy: Path, tmp_path: Path) -> None:
    site = build(tmp_path / "site", "--content", str(content_copy))
    text = (site / "sw.js").read_text(encoding="utf-8")
    listed = re.findall(r'^"([^"]+)",?$', text.split("var MANIFEST = [", 1)[1], re.M)
    built = sorted(p.relative_to(site).as_posix() for p in site.rglob("*")
                   if p.is_file() and not p.name.startswith(".") and p.name not in ("sw.js", "CNAME"))
    assert listed == built
