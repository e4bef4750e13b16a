"""`serve`'s in-memory site: after any sequence of edits, every file equals a cold build's, byte for byte."""
from __future__ import annotations

import shutil
import threading
from pathlib import Path

import pytest

from chronicle.errors import BuildFailed
from chronicle.serve.live import LiveSite
from chronicle.pipeline import Options
from tests.support import ROOT, tree
from tests.pipeline.test_incremental import EDITS, _cold

MARKER = ".chronicle-site"  # written by a build into its output folder, not a page of the site


def _live(content: Path, layouts: Path, tmp_path: Path) -> LiveSite:
    live = LiveSite(Options(str(content), str(layouts), str(tmp_path / "site")))
    live.update()
    return live


def _cold_files(content: Path, where: Path) -> dict[str, bytes]:
    files = _cold(content, where)
    files.pop(MARKER)
    return files


def _changed_paths(content: Path, before: dict[str, bytes]) -> set[str]:
    """What a watcher reports: files added, changed or deleted since `before`."""
    now = tree(content)
    return {str(content / path) for path in set(now) | set(before) if now.get(path) != before.get(path)}


def test_the_live_site_equals_a_cold_build_after_every_edit(demo: Path, tmp_path: Path) -> None:
    live = _live(demo, ROOT / "layouts", tmp_path)
    assert live.current.all_files() == _cold_files(demo, tmp_path / "cold-start")
    for number, edit in enumerate(EDITS):
        before = tree(demo)
        edit(demo)
        live.update(_changed_paths(demo, before), complete=number % 2 == 0)  # as the watcher, or as the poller
        assert live.current.all_files() == _cold_files(demo, tmp_path / f"cold-{number}"), edit.__name__


def test_pages_asked_for_between_edits_are_never_stale(demo: Path, tmp_path: Path) -> None:
    """Pages made before an edit (the entry, its lists, the search index) are all made again after it."""
    live = _live(demo, ROOT / "layouts", tmp_path)
    asked = ["events/hanoi-summit.html", "index.html", "tags/summits.html", "people/kim-jong-un.html",
             "assets/search-index.js", "calendar.ics", "sitemap.xml"]
    old = {path: live.file(path) for path in asked}
    source = demo / "events/hanoi-summit.md"
    source.write_text(source.read_text(encoding="utf-8").replace("title: Hanoi summit", "title: Summit in Hanoi"),
                      encoding="utf-8")
    live.update({str(source)})
    cold = _cold_files(demo, tmp_path / "cold")
    for path in asked:
        assert live.file(path) == cold[path], path
    assert all(live.file(path) != old[path] for path in asked if path != "sitemap.xml")


def test_an_edit_within_one_mtime_tick_is_read_because_the_watcher_named_it(demo: Path, tmp_path: Path) -> None:
    live = _live(demo, ROOT / "layouts", tmp_path)
    source = demo / "events/hanoi-summit.md"
    stat = source.stat()
    text = source.read_text(encoding="utf-8")
    source.write_text(text.replace("Hanoi summit", "Hanoi SUMMIT", 1), encoding="utf-8")  # same size
    import os
    os.utime(source, ns=(stat.st_atime_ns, stat.st_mtime_ns))  # and the same mtime, as within one tick
    live.update({str(source)})
    assert b"<h1>Hanoi SUMMIT</h1>" in live.file("events/hanoi-summit.html")


def test_a_template_edit_shows_at_once(demo: Path, tmp_path: Path) -> None:
    layouts = tmp_path / "layouts"
    shutil.copytree(ROOT / "layouts", layouts, symlinks=False)
    live = _live(demo, layouts, tmp_path)
    assert b"Edited layout" not in live.file("events/hanoi-summit.html")
    template = layouts / "event.html"
    template.write_text(template.read_text(encoding="utf-8").replace("</h1>", "</h1><p>Edited layout</p>", 1),
                        encoding="utf-8")
    live.update({str(template)})
    assert b"<p>Edited layout</p>" in live.file("events/hanoi-summit.html")


def test_a_broken_edit_keeps_the_last_good_site(demo: Path, tmp_path: Path) -> None:
    live = _live(demo, ROOT / "layouts", tmp_path)
    good = live.file("events/hanoi-summit.html")
    source = demo / "events/hanoi-summit.md"
    source.write_text("---\ntitle: Broken\ndate: 2019-02-30\n---\n", encoding="utf-8")
    with pytest.raises(BuildFailed) as failure:
        live.update({str(source)})
    assert [p.format() for p in failure.value.problems if not p.warning][0].endswith(
        "events/hanoi-summit.md:3: date: invalid date '2019-02-30': day 30 does not exist in February 2019")
    assert live.file("events/hanoi-summit.html") == good


def test_requests_are_answered_while_an_update_runs(demo: Path, tmp_path: Path, monkeypatch) -> None:
    live = _live(demo, ROOT / "layouts", tmp_path)
    before = live.file("index.html")
    started, release = threading.Event(), threading.Event()
    from chronicle.serve import live as live_module
    real_check = live_module.check

    def slow_check(*args, **kwargs):
        started.set()
        release.wait(10)
        return real_check(*args, **kwargs)

    monkeypatch.setattr(live_module, "check", slow_check)
    updating = threading.Thread(target=live.update)
    updating.start()
    assert started.wait(10)
    assert live.file("index.html") == before  # answered from the last snapshot, not blocked
    release.set()
    updating.join(10)
    assert not updating.is_alive()
