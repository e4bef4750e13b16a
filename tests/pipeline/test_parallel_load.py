"""Loading splits the files over two processes: the records, errors and warnings are the same as in one."""
from __future__ import annotations

from pathlib import Path

from tests.support import build, tree


def _events(count: int) -> dict[str, str]:
    files = {f"events/e{i:03d}.md": f"---\ntitle: Event {i}\ndate: {1900 + i % 100}-01-01\ntags: [t{i % 7}]\n---\n"
                                    f"Body {i}.\n" for i in range(count)}
    files["events/e290.md"] = "---\ntitle: Late\ndate: 1990-02-30\n---\n"  # in the second process's half
    files["events/e291.md"] = "---\ntitle: Clash\ndate: 1991-01-01\ntags: [T_0]\nsummary: [not, text]\n---\n"
    files["events/e292.md"] = "---\ntitle: Unknown key\ndate: 1992-01-01\ncolour: red\n---\n"
    return files


def test_a_large_site_loads_on_two_processes_as_on_one(content, tmp_path: Path, monkeypatch) -> None:
    source = content(_events(300))
    two = build(source, tmp_path / "two" / "site")
    monkeypatch.setattr("chronicle.parallel.MIN_ITEMS", 10**9)  # everything in this process
    one = build(source, tmp_path / "one" / "site")
    assert two.code == one.code == 1
    assert two.err == one.err
    assert "content/events/e290.md:3: date: invalid date '1990-02-30'" in two.err


def test_a_large_valid_site_builds_the_same_on_two_processes(content, tmp_path: Path, monkeypatch) -> None:
    files = _events(300)
    files["events/e290.md"] = "---\ntitle: Late\ndate: 1990-02-03\ntags: [C++]\n---\n"
    files.pop("events/e291.md")
    files.pop("events/e292.md")
    source = content(files)
    two = build(source, tmp_path / "two" / "site")
    monkeypatch.setattr("chronicle.parallel.MIN_ITEMS", 10**9)
    one = build(source, tmp_path / "one" / "site")
    assert (two.code, two.err) == (one.code, one.err)
    assert tree(tmp_path / "two" / "site") == tree(tmp_path / "one" / "site")
