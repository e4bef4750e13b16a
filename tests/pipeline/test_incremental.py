"""Rebuilds reuse the cache and the previous site, and always equal a cold build byte for byte."""
from __future__ import annotations

import contextlib
import os
import shutil
import sqlite3
from pathlib import Path
from typing import Callable

import pytest

from tests.support import build, tree

CACHE = ".chronicle-cache"


def _edit_body(content: Path) -> None:
    path = content / "events/hanoi-summit.md"
    path.write_text(path.read_text(encoding="utf-8").replace("Recalls", "Recalls *again*"), encoding="utf-8")


def _retitle_link_target(content: Path) -> None:
    """hanoi-summit's body wiki-links kim-il-sung-to-hanoi, whose title the link shows."""
    path = content / "events/kim-il-sung-to-hanoi.md"
    text = path.read_text(encoding="utf-8")
    title = next(line for line in text.splitlines() if line.startswith("title:"))
    path.write_text(text.replace(title, "title: A retitled visit"), encoding="utf-8")


def _delete_entry(content: Path) -> None:
    (content / "events/relations-established.md").unlink()


def _rename_entry(content: Path) -> None:
    (content / "events/caesar-assassinated.md").rename(content / "events/ides-of-march.md")


def _add_entry(content: Path) -> None:
    (content / "events/new-event.md").write_text(
        "---\ntitle: A new event\ndate: 2020-01-01\npeople: [kim-jong-un]\nplaces: [hanoi]\ntags: [summits]\n"
        "---\nSee [[hanoi-summit]] and [[kim-il-sung-to-hanoi|the visit]].\n", encoding="utf-8")


def _edit_setting(content: Path) -> None:
    path = content / "site.yaml"
    path.write_text(path.read_text(encoding="utf-8") + "allow_html: true\n", encoding="utf-8")


EDITS: list[Callable[[Path], None]] = [_edit_body, _retitle_link_target, _delete_entry, _rename_entry,
                                       _add_entry, _edit_setting]


def _cold(content: Path, where: Path) -> dict[str, bytes]:
    """A build into a fresh folder with no cache beside it."""
    where.mkdir()
    assert build(content, where / "site").code == 0
    return tree(where / "site")


def test_every_edit_rebuilt_equals_a_cold_build(demo: Path, tmp_path: Path) -> None:
    site = tmp_path / "site"
    assert build(demo, site).code == 0
    for number, edit in enumerate(EDITS):
        edit(demo)
        run = build(demo, site)
        assert run.code == 0, run.err
        assert tree(site) == _cold(demo, tmp_path / f"cold-{number}"), edit.__name__


def test_a_retitled_entry_changes_the_bodies_that_link_to_it(demo: Path, tmp_path: Path) -> None:
    assert build(demo, tmp_path / "site").code == 0
    _retitle_link_target(demo)
    assert build(demo, tmp_path / "site").code == 0
    page = (tmp_path / "site/events/hanoi-summit.html").read_text(encoding="utf-8")
    assert '<a class="wikilink" href="../events/kim-il-sung-to-hanoi.html">A retitled visit</a>' in page


def _inodes(site: Path) -> dict[str, tuple[int, int]]:
    return {p.relative_to(site).as_posix(): (p.stat().st_ino, p.stat().st_mtime_ns)
            for p in site.rglob("*") if p.is_file()}


def test_a_rebuild_without_changes_keeps_every_file_and_its_mtime(demo: Path, tmp_path: Path) -> None:
    site = tmp_path / "site"
    assert build(demo, site).code == 0
    before = _inodes(site)
    assert build(demo, site).code == 0
    after = _inodes(site)
    changed = sorted(path for path in after if after[path] != before.get(path))
    assert changed == []


def test_one_edit_rewrites_only_the_files_whose_bytes_change(demo: Path, tmp_path: Path) -> None:
    site = tmp_path / "site"
    assert build(demo, site).code == 0
    before, old_bytes = _inodes(site), tree(site)
    _edit_body(demo)
    assert build(demo, site).code == 0
    after, new_bytes = _inodes(site), tree(site)
    rewritten = {path for path in after if after[path] != before.get(path)}
    differing = {path for path in new_bytes if new_bytes[path] != old_bytes.get(path)}
    assert rewritten == differing
    assert "events/hanoi-summit.html" in differing and "events/rome.html" not in rewritten


@pytest.mark.parametrize("damage", ["garbage", "empty", "folder deleted"])
def test_a_damaged_or_deleted_cache_is_rebuilt_silently(demo: Path, tmp_path: Path, damage: str) -> None:
    site = tmp_path / "site"
    assert build(demo, site).code == 0
    cache_file = tmp_path / CACHE / "site.sqlite"  # the bodies; the build manifest lies beside it
    if damage == "garbage":
        cache_file.write_bytes(b"\x00not a database" * 100)
    elif damage == "empty":
        cache_file.write_bytes(b"")
    else:
        shutil.rmtree(tmp_path / CACHE)
    _edit_body(demo)
    run = build(demo, site)
    assert (run.code, run.err) == (0, "")
    assert tree(site) == _cold(demo, tmp_path / "cold")


def test_a_cache_damaged_inside_is_replaced_so_later_builds_use_a_cache_again(demo: Path, tmp_path: Path) -> None:
    """A file that opens but whose pages are garbage (a crash mid-write): that build is right, the next ones are fast again."""
    site = tmp_path / "site"
    assert build(demo, site).code == 0
    cache_file = tmp_path / CACHE / "site.sqlite"
    data = bytearray(cache_file.read_bytes())
    data[4096:] = b"\xff" * (len(data) - 4096)  # the header (page 1) is intact, so the file still opens
    cache_file.write_bytes(bytes(data))
    _edit_body(demo)
    run = build(demo, site)
    assert (run.code, run.err) == (0, "")
    assert tree(site) == _cold(demo, tmp_path / "cold")
    _retitle_link_target(demo)
    assert build(demo, site).code == 0  # the build after stores its bodies in a sound file
    with contextlib.closing(sqlite3.connect(cache_file)) as db:
        assert db.execute("PRAGMA integrity_check").fetchone() == ("ok",)
        assert db.execute("SELECT COUNT(*) FROM bodies").fetchone()[0] > 0


def test_the_cache_holds_bodies_not_pages_and_stays_beside_the_output(demo: Path, tmp_path: Path) -> None:
    assert build(demo, tmp_path / "out" / "site").code == 0
    assert sorted(os.listdir(tmp_path / "out")) == [".chronicle-cache", ".site.lock", "site"]
    assert sorted(os.listdir(tmp_path / "out" / CACHE)) == ["site.manifest.json", "site.sqlite"]
    assert CACHE not in tree(tmp_path / "out" / "site")


def _many_events(count: int, last_body: str = "Text.") -> dict[str, str]:
    files = {f"events/e{i:03d}.md": f"---\ntitle: Event {i}\ndate: {1900 + i % 100}-01-01\ntags: [t{i % 7}]\n---\n"
                                    f"Body {i} links [[e{(i + 1) % count:03d}]].\n" for i in range(count)}
    files[f"events/e{count - 1:03d}.md"] = f"---\ntitle: Last\ndate: 2001-01-01\n---\n{last_body}\n"
    return files


def test_both_processes_build_what_one_builds(content, tmp_path: Path, monkeypatch) -> None:
    source = content(_many_events(300))
    assert build(source, tmp_path / "two" / "site").code == 0
    monkeypatch.setattr("chronicle.parallel.MIN_ITEMS", 10**9)  # everything in this process
    assert build(source, tmp_path / "one" / "site").code == 0
    assert tree(tmp_path / "two" / "site") == tree(tmp_path / "one" / "site")


def test_a_problem_met_in_the_second_process_is_one_line(content, tmp_path: Path) -> None:
    nested = "* " * 800 + "x"  # deeper than Python recurses
    source = content(_many_events(300, nested))
    run = build(source, tmp_path / "site")
    assert (run.code, run.error_lines) == (
        1, ["content/events/e299.md:5: body nests lists or block quotes too deeply to render"])
    assert not (tmp_path / "site").exists()
