"""The build manifest: a rebuild with nothing changed does no work; any change gives a cold build's output."""
from __future__ import annotations

import os
import re
import shutil
from pathlib import Path
from typing import Callable

import pytest

from tests.support import ROOT, Run, build, tree

WARNED = "---\ntitle: Typo event\ndate: 1960\npalces: [rome]\n---\nBody.\n"  # an unknown key: a warning


def manifest(site: Path) -> Path:
    """Where the build keeps the manifest of site/."""
    return site.parent / ".chronicle-cache" / f"{site.name}.manifest.json"


def identities(site: Path) -> dict[str, tuple[int, int]]:
    """(inode, mtime_ns) of the output folder, every folder and every file in it: a write changes one."""
    paths = [site, *sorted(site.rglob("*"))]
    return {p.relative_to(site).as_posix(): (p.stat().st_ino, p.stat().st_mtime_ns) for p in paths}


def shape(site: Path) -> tuple[dict[str, bytes], list[str]]:
    """Every file's bytes and every folder: what a cold build of the same content must equal."""
    return tree(site), sorted(p.relative_to(site).as_posix() for p in site.rglob("*") if p.is_dir())


def without_seconds(run: Run, output: str = "site") -> tuple[int, str, str]:
    """The run's code, stdout and stderr, its seconds (and output folder's name) left out."""
    out = re.sub(rf"in \d+\.\d\d s -> .*{output}$", "in N s", run.out, flags=re.MULTILINE)
    return run.code, out, run.err


@pytest.fixture
def project(demo: Path, tmp_path: Path) -> Path:
    """The demo content with a warning, and a copy of the built-in layouts; built once into site/."""
    (demo / "events" / "typo-event.md").write_text(WARNED, encoding="utf-8")
    (demo / "assets" / "spare.txt").write_text("not linked from any page\n", encoding="utf-8")
    shutil.copytree(ROOT / "layouts", tmp_path / "layouts")
    first = build(demo, tmp_path / "site", *layouts_args(tmp_path))
    assert first.code == 0, first.err
    assert "warning: unknown key 'palces'" in first.err
    return tmp_path


def layouts_args(root: Path) -> tuple[str, ...]:
    return ("--layouts", str(root / "layouts"))


def test_second_build_with_nothing_changed_does_no_work(project: Path) -> None:
    content, site = project / "content", project / "site"
    first = build(content, site, *layouts_args(project))  # a second build: also records nothing new
    before = identities(site)
    again = build(content, site, *layouts_args(project))
    assert identities(site) == before
    assert without_seconds(again) == without_seconds(first)


def test_touched_inputs_are_no_change(project: Path) -> None:
    content, site = project / "content", project / "site"
    before = identities(site)
    for path in [*content.rglob("*.md"), content / "site.yaml", project / "layouts" / "base.html"]:
        os.utime(path, ns=(1_000_000_000, 1_000_000_000))  # as a git checkout sets old mtimes
    touched = build(content, site, *layouts_args(project))
    assert touched.code == 0 and "warning: unknown key 'palces'" in touched.err
    assert identities(site) == before
    assert build(content, site, *layouts_args(project)).code == 0  # and again, from the refreshed stats
    assert identities(site) == before


def edit_event(root: Path) -> None:
    path = root / "content" / "events" / "caesar-assassinated.md"
    path.write_text(path.read_text(encoding="utf-8").replace("ended the Republic", "ended the republic"),
                    encoding="utf-8")  # same size


def add_event(root: Path) -> None:
    (root / "content" / "events" / "new-event.md").write_text("---\ntitle: New\ndate: 1970\n---\nNew.\n")


def rename_event(root: Path) -> None:
    events = root / "content" / "events"
    (events / "typo-event.md").rename(events / "typo-renamed.md")


def edit_layout(root: Path) -> None:
    path = root / "layouts" / "base.html"
    path.write_text(path.read_text(encoding="utf-8") + "<!-- edited -->\n", encoding="utf-8")


def edit_site_yaml(root: Path) -> None:
    path = root / "content" / "site.yaml"
    path.write_text(path.read_text(encoding="utf-8").replace("Demo timeline", "Demo timeline, edited"))


def edit_output(root: Path) -> None:
    path = root / "site" / "index.html"
    data = path.read_bytes()
    path.write_bytes(data.replace(b"<", b"(", 1))  # same size, same inode


def corrupt(data: bytes) -> Callable[[Path], None]:
    return lambda root: manifest(root / "site").write_bytes(data)


def mangle(change: Callable[[str], str], delete: bool = True) -> Callable[[Path], None]:
    """Edit the recorded manifest's text (and delete an output file it still lists)."""
    def apply(root: Path) -> None:
        path = manifest(root / "site")
        path.write_text(change(path.read_text(encoding="utf-8")), encoding="utf-8")
        if delete:
            (root / "site" / "index.html").unlink()
    return apply


CHANGES = {
    "edit an event": (edit_event, ()),
    "add an event": (add_event, ()),
    "delete an event": (lambda r: (r / "content" / "events" / "typo-event.md").unlink(), ()),
    "rename an event": (rename_event, ()),
    "add an asset": (lambda r: (r / "content" / "assets" / "new.txt").write_text("new\n"), ()),
    "delete an asset": (lambda r: (r / "content" / "assets" / "spare.txt").unlink(), ()),
    "add an eras.yaml": (lambda r: (r / "content" / "eras.yaml").write_text(
        "- name: Antiquity\n  start: -0800\n  end: '0476'\n"), ()),
    "add an empty content folder": (lambda r: (r / "content" / "notes").mkdir(), ()),  # a warning
    "edit a layout template": (edit_layout, ()),
    "edit site.yaml": (edit_site_yaml, ()),
    "change --base-url": (lambda r: None, ("--base-url", "https://elsewhere.example/")),
    "change --drafts": (lambda r: None, ("--drafts",)),
    "delete an output file": (lambda r: (r / "site" / "events" / "hanoi-summit.html").unlink(), ()),
    "edit an output file": (edit_output, ()),
    "add a stray output folder": (lambda r: (r / "site" / "stray").mkdir(), ()),
    "delete the output": (lambda r: shutil.rmtree(r / "site"), ()),
    "empty manifest": (corrupt(b""), ()),
    "truncated manifest": (corrupt(b'{"format": 1, "key": '), ()),
    "manifest of another shape": (corrupt(b"[1, 2, 3]"), ()),
    "manifest of another version": (mangle(lambda t: t.replace('"format":1', '"format":99')), ()),
    "manifest with a bad summary": (mangle(lambda t: re.sub(r'"summary":\{.*\}', '"summary":{}}', t), delete=False), ()),
}


@pytest.mark.parametrize("change", CHANGES.values(), ids=CHANGES.keys())
def test_any_change_gives_a_cold_builds_output(project: Path, change) -> None:
    apply, options = change
    apply(project)
    rebuilt = build(project / "content", project / "site", *layouts_args(project), *options)
    cold = build(project / "content", project / "fresh", *layouts_args(project), *options)
    assert rebuilt.code == 0, rebuilt.err
    assert shape(project / "site") == shape(project / "fresh")
    assert without_seconds(rebuilt) == without_seconds(cold, "fresh")  # the same warnings and summary


def test_a_stray_output_file_is_noticed_and_never_deleted(project: Path) -> None:
    """Was the table's "add a stray output file": a hand-added file is no longer deleted (issue 18, point 2)."""
    (project / "site" / "stray.txt").write_text("stray")
    refused = build(project / "content", project / "site", *layouts_args(project))
    assert refused.code == 1 and "site/stray.txt was not written by chronicle" in refused.err  # not skipped
    assert (project / "site" / "stray.txt").read_text() == "stray"
    (project / "content" / "assets").mkdir(exist_ok=True)
    shutil.move(project / "site" / "stray.txt", project / "content" / "assets" / "stray.txt")  # the way out
    rebuilt = build(project / "content", project / "site", *layouts_args(project))
    cold = build(project / "content", project / "fresh", *layouts_args(project))
    assert rebuilt.code == 0, rebuilt.err
    assert shape(project / "site") == shape(project / "fresh")
    assert without_seconds(rebuilt) == without_seconds(cold, "fresh")  # the same warnings and summary


def test_a_failed_build_then_undone_leaves_the_output_alone(project: Path) -> None:
    content, site = project / "content", project / "site"
    before = identities(site)
    event = content / "events" / "caesar-assassinated.md"
    text = event.read_text(encoding="utf-8")
    event.write_text(text.replace("date: -0043-03-15", "date: -0043-02-30"), encoding="utf-8")
    failed = build(content, site, *layouts_args(project))
    assert failed.code == 1 and "nothing was written" in failed.err
    event.write_text(text, encoding="utf-8")
    assert build(content, site, *layouts_args(project)).code == 0
    assert identities(site) == before
