"""A SearchMemo reused across Sites (as `serve` does after each edit) gives the index a fresh build gives."""
from __future__ import annotations

from pathlib import Path

import pytest

from chronicle import parallel
from chronicle.formats import searchshards
from chronicle.link.site import link_site
from chronicle.content.load import load_content
from chronicle.formats.search import SearchMemo, normalise, search_entries, search_records
from chronicle.formats.searchshards import search_files
from tests.support import write_tree

BASE = {
    "site.yaml": "title: Memo\nlanguage: en\n",
    "places/hanoi.md": "---\nname: Hanoi\nnative_name: Hà Nội\n---\nThe capital.\n",
    "people/kim.md": "---\nname: Kim Jong Un\n---\nLeader, met in [[hanoi]].\n",
    "pages/about.md": "---\ntitle: About\n---\nAbout [[summit]] and <b>more</b>.\n",
    "events/summit.md": "---\ntitle: Summit\ndate: \"2019-02-27\"\nplaces: [hanoi]\npeople: [kim]\n---\n"
                        "Met in [[hanoi]]; see [a link](https://example.org) and *emphasis*.\n",
    **{f"events/event-{n:02d}.md": f"---\ntitle: Event {n}\ndate: \"{1950 + n}\"\ntags: [t{n % 3}]\n---\n"
                                   f"Plain words number {n} and [[summit|the summit]].\n" for n in range(30)},
}

# (what changes, {file: new text}, an entry, a word its haystack must now hold, one it must no longer hold)
EDITS = [
    ("an event's body", {"events/event-07.md": "---\ntitle: Event 7\ndate: \"1957\"\n---\nHarbour words.\n"},
     "events/event-07.html", "harbour", "plain"),
    ("a place's name, which a wiki-link shows", {"places/hanoi.md": "---\nname: Thang Long\n---\nThe capital.\n"},
     "people/kim.html", "thang", "hanoi"),
    ("an event's title, which a page's wiki-link shows", {"events/summit.md": BASE["events/summit.md"].replace(
        "title: Summit", "title: Meeting")}, "pages/about.html", "meeting", "summit"),
    ("a person's name, which an event lists", {"people/kim.md": "---\nname: Kim Chen\n---\nLeader.\n"},
     "events/summit.html", "chen", "jong"),
    ("the site's language (date texts)", {"site.yaml": "title: Memo\nlanguage: ko\n"},
     "events/summit.html", "2019년", None),
]


def linked(root: Path, files: dict[str, str]):
    """The Site of a content folder holding these files."""
    content, _ = load_content(str(write_tree(root, files)))
    return link_site(content)[0]


def haystack(site, memo: SearchMemo, url: str) -> list[str]:
    """The haystack words of the entry for url."""
    return next(entry["h"].split() for entry in search_entries(site, memo) if entry["url"] == url)


@pytest.mark.parametrize("sharded", [False, True], ids=["one file", "shards"])
def test_memo_reused_across_sites_gives_the_bytes_of_a_fresh_index(tmp_path, monkeypatch, sharded):
    if sharded:
        small_shards(monkeypatch)
    memo = SearchMemo()
    first = linked(tmp_path / "a", BASE)
    assert search_files(first, memo) == search_files(first)
    second = linked(tmp_path / "b", BASE)  # the same content, loaded again: new record objects
    assert search_files(second, memo) == search_files(second) == search_files(first)
    if sharded:
        assert len(search_files(second, memo)) > 3


def small_shards(monkeypatch: pytest.MonkeyPatch) -> None:
    """Shard BASE's 37 entries into 10 shards of 4 (and 3 gram files)."""
    monkeypatch.setattr(searchshards, "SHARD_THRESHOLD", 10)
    monkeypatch.setattr(searchshards, "SHARD_ENTRIES", 4)


@pytest.mark.parametrize("sharded", [False, True], ids=["one file", "shards"])
@pytest.mark.parametrize("change, edit, url, present, gone", EDITS, ids=[e[0] for e in EDITS])
def test_memo_remakes_what_an_edit_changes(tmp_path, monkeypatch, change, edit, url, present, gone, sharded):
    if sharded:
        small_shards(monkeypatch)
    memo = SearchMemo()
    before = linked(tmp_path / "a", BASE)
    search_files(before, memo)
    assert normalise(present) not in haystack(before, memo, url)
    after = linked(tmp_path / "b", {**BASE, **edit})
    assert search_files(after, memo) == search_files(after)
    words = haystack(after, memo, url)
    assert normalise(present) in words
    if gone:
        assert gone not in words


def test_memo_reuses_the_records_of_unchanged_entries(tmp_path):
    memo = SearchMemo()
    before = search_records(linked(tmp_path / "a", BASE), memo)
    edit = {"events/event-07.md": "---\ntitle: Event 7\ndate: \"1957\"\n---\nHarbour words.\n"}
    after = search_records(linked(tmp_path / "b", {**BASE, **edit}), memo)
    remade = [old.entry["url"] for old, new in zip(before, after) if old is not new]
    assert remade == ["events/event-07.html"]


@pytest.mark.parametrize("sharded", [False, True], ids=["one file", "shards"])
def test_memo_gives_back_an_edit_undone(tmp_path, monkeypatch, sharded):
    if sharded:
        small_shards(monkeypatch)
    memo = SearchMemo()
    original = linked(tmp_path / "a", BASE)
    expected = search_files(original)
    search_files(original, memo)
    search_files(linked(tmp_path / "b", {**BASE, "places/hanoi.md": "---\nname: Thang Long\n---\n"}), memo)
    assert search_files(linked(tmp_path / "c", BASE), memo) == expected


@pytest.mark.parametrize("sharded", [False, True], ids=["one file", "shards"])
def test_index_made_on_both_cores_is_the_index_made_in_one(tmp_path, monkeypatch, sharded):
    if sharded:
        small_shards(monkeypatch)
    site = linked(tmp_path / "a", BASE)
    in_one = search_files(site, SearchMemo())  # a memo: made in this process
    monkeypatch.setattr(parallel, "MIN_ITEMS", 2)  # no memo: split over two processes, even for 37 entries
    assert search_files(site) == in_one
