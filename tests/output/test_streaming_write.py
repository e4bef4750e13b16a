"""The build writes each file as it is rendered, in whichever process rendered it (issue 10: memory).

The site is 300 events, so both render processes run (chronicle.parallel.MIN_ITEMS is 200); the
last event sorts last, so its page is rendered by the second (forked) process, after that process
has written the pages before it.
"""
from __future__ import annotations

import errno
import os
from pathlib import Path

import pytest

import chronicle.output.write
from chronicle.formats.offline import service_worker_js
from chronicle.output.outputdir import MARKER
from tests.support import ROOT, build, tree, write_tree

LAST = "events/e299.html"  # rendered by the second process
FIRST = "events/e000.html"  # rendered by the first process (this one)


def _events(count: int = 300, last_body: str = "Text.") -> dict[str, str]:
    files = {f"events/e{i:03d}.md": f"---\ntitle: Event {i}\ndate: {1900 + i % 100}-01-01\ntags: [t{i % 7}]\n---\n"
                                    f"Body {i} links [[e{(i + 1) % count:03d}]].\n" for i in range(count)}
    files[f"events/e{count - 1:03d}.md"] = f"---\ntitle: Last\ndate: 2001-01-01\n---\n{last_body}\n"
    return files


def _layouts(root: Path, failing_page: str | None = None) -> Path:
    """A user's layouts folder whose event template fails on one page (or on none)."""
    text = (ROOT / "layouts" / "event.html").read_text(encoding="utf-8")
    check = f'{{% if page.path == "{failing_page}" %}}{{{{ no_such_value }}}}{{% endif %}}' if failing_page else ""
    return write_tree(root, {"event.html": text.replace("{% block main %}", "{% block main %}" + check, 1)})


def _leftovers(parent: Path) -> list[str]:
    """What a build left beside its output: temporary folders, old sites."""
    return sorted(p.name for p in parent.iterdir() if p.name.startswith(".build-") or ".old-" in p.name)


def _stamps(site: Path) -> dict[str, tuple[int, int]]:
    return {p.relative_to(site).as_posix(): (p.stat().st_ino, p.stat().st_mtime_ns)
            for p in site.rglob("*") if p.is_file()}


def _block_line(template: Path) -> int:
    lines = template.read_text(encoding="utf-8").splitlines()
    return next(n for n, line in enumerate(lines, 1) if "{% block main %}" in line)


def test_a_template_error_midway_in_the_second_process_keeps_the_old_site(content, tmp_path: Path,
                                                                            monkeypatch) -> None:
    source, out = content(_events()), tmp_path / "out"
    assert build(source, out / "site", "--layouts", str(_layouts(tmp_path / "good"))).code == 0
    before, stamps = tree(out / "site"), _stamps(out / "site")
    staged: list[set[str]] = []  # what the temporary folder held when it was thrown away
    discard = chronicle.output.write._discard
    monkeypatch.setattr(chronicle.output.write, "_discard", lambda folder: (
        staged.append({p.relative_to(folder).as_posix() for p in Path(folder).rglob("*.html")}) if folder else None,
        discard(folder)))
    layouts = _layouts(tmp_path / "bad", LAST)
    run = build(source, out / "site", "--layouts", str(layouts))
    assert (run.code, run.error_lines) == (
        1, [f"bad/event.html:{_block_line(layouts / 'event.html')}: template error: 'no_such_value' is undefined"])
    assert tree(out / "site") == before and _stamps(out / "site") == stamps
    assert _leftovers(out) == []
    # Both processes had written pages into the temporary folder before the second one failed.
    assert len(staged) == 1 and {FIRST, "events/e298.html"} <= staged[0] and LAST not in staged[0]


def test_a_full_disk_in_the_second_process_is_one_error_line(content, tmp_path: Path, monkeypatch) -> None:
    source, out = content(_events()), tmp_path / "out"
    assert build(source, out / "site").code == 0
    before = tree(out / "site")
    write_file = chronicle.output.write._write_file
    parent = os.getpid()

    def full_in_the_child(root: str, path: str, data: bytes) -> None:
        if os.getpid() != parent:
            raise OSError(errno.ENOSPC, "No space left on device")
        write_file(root, path, data)

    monkeypatch.setattr(chronicle.output.write, "_write_file", full_in_the_child)
    (source / "events" / "e299.md").write_text("---\ntitle: Changed\ndate: 2001-01-01\n---\nNew.\n")
    run = build(source, out / "site")
    assert (run.code, run.err.splitlines()) == (
        1, ["error: cannot write out/site/: No space left on device (the disk is full); the previous site is unchanged"])
    assert tree(out / "site") == before
    assert _leftovers(out) == []


def test_unchanged_files_from_either_process_keep_their_inode_and_mtime(content, tmp_path: Path) -> None:
    source, site = content(_events()), tmp_path / "site"
    assert build(source, site).code == 0
    before = _stamps(site)
    (source / "events" / "e150.md").write_text("---\ntitle: Event 150\ndate: 1950-01-01\ntags: [t3]\n---\nEdited.\n")
    assert build(source, site).code == 0
    after = _stamps(site)
    changed = {path for path in after if after[path] != before.get(path)}
    assert {FIRST, LAST, "events/e298.html", MARKER} & changed == set()
    assert "events/e150.html" in changed and "sw.js" in changed
    assert len(changed) < 20  # the edited page, the pages listing it, the exports, the index, sw.js


def _one_process(monkeypatch) -> None:
    monkeypatch.setattr("chronicle.parallel.MIN_ITEMS", 10**9)


def _two_processes(monkeypatch) -> None:
    pass


@pytest.mark.parametrize("processes", [_one_process, _two_processes], ids=["one process", "two processes"])
@pytest.mark.parametrize("over_old_site", [False, True], ids=["cold", "over an old site"])
def test_the_streamed_site_equals_the_whole_site_made_in_memory(content, tmp_path: Path, monkeypatch,
                                                                 processes, over_old_site) -> None:
    from chronicle.serve.live import LiveSite
    from chronicle.pipeline import Options

    source = content(_events())
    live = LiveSite(Options(str(source), str(ROOT / "layouts"), str(tmp_path / "unused")))  # serve's path
    live.update()
    in_memory = live.current.all_files()  # every file's bytes, made in this process
    site = tmp_path / "streamed" / "site"
    if over_old_site:
        assert build(content(_events(last_body="Old text.")), site).code == 0
        source = content(_events())
    processes(monkeypatch)
    assert build(source, site).code == 0
    streamed = tree(site)
    assert {path: data for path, data in streamed.items() if path != MARKER} == in_memory
    # sw.js from the files read back from disk is the one made from the files in memory
    assert streamed["sw.js"] == service_worker_js({p: d for p, d in streamed.items() if p != MARKER})
