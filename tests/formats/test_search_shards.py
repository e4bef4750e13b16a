"""A large site's search index in shards: what is written, and that no match is ever ruled out."""
from __future__ import annotations

import json
from pathlib import Path

import pytest

from chronicle.formats import searchshards
from chronicle.content.load import load_content
from chronicle.link.site import link_site
from chronicle.formats.search import normalise, search_entries, search_index_js
from chronicle.formats.searchshards import gram_file, grams_of, search_files
from tests.support import build, write_tree

WORDS = ["treaty", "border", "station", "summit", "journey", "harbour", "railway", "embassy"]
QUERIES = ["treaty", "eaty", "orde", "ti", "t", "summit border", "mit rail", "event 7", "7",
           "zzqx", "hanoi", "ha noi", "hà nội", "김정은", "정", "treaty zzqx", "journey 12"]


def shard_content(root: Path, count: int = 60) -> Path:
    """count short events, each with two of WORDS (so each word is in some shards only)."""
    files = {"site.yaml": "title: Shards\nlanguage: en\n",
             "places/hanoi.md": "---\nname: Hanoi\nnative_name: Hà Nội\n---\n",
             "people/kim.md": "---\nname: Kim Jong Un\nnative_name: 김정은\n---\n"}
    for n in range(count):
        extra = "\nplaces: [hanoi]\npeople: [kim]" if n % 17 == 3 else ""
        files[f"events/event-{n:03d}.md"] = (f"---\ntitle: Event {n}\ndate: \"{1900 + n}\"{extra}\n---\n"
                                             f"The {WORDS[n % 8]} and the {WORDS[n // 8 % 8]}.\n")
    return write_tree(root, files)


def small_shards(monkeypatch: pytest.MonkeyPatch) -> None:
    """Shard a 62-entry site into shards of 5."""
    monkeypatch.setattr(searchshards, "SHARD_THRESHOLD", 20)
    monkeypatch.setattr(searchshards, "SHARD_ENTRIES", 5)
    monkeypatch.setattr(searchshards, "GRAMS_PER_FILE", 3)


@pytest.fixture
def site(tmp_path: Path):
    content, _ = load_content(str(shard_content(tmp_path / "content")))
    return link_site(content)[0]


def script_data(data: bytes) -> object:
    """The JSON value a shard script hands to timelineSearchShard (its third argument)."""
    text = data.decode("utf-8")
    assert text.startswith("timelineSearchShard(") and text.endswith(");\n")
    kind, number, rest = text[len("timelineSearchShard("):-3].split(",", 2)
    return json.loads(rest)


def shards_needed(files: dict[str, bytes], words: list[str]) -> set[int]:
    """What search.js computes: the entry shards holding every gram of every query word."""
    manifest = json.loads(files["assets/search-index.js"].decode().split(" = ", 1)[1].rstrip(";\n"))
    keep = set(range(manifest["shards"]))
    for gram in (g for word in words for g in grams_of(word)):
        held = script_data(files[f"assets/search/g{gram_file(gram, manifest['grams'])}.js"]).get(gram, [])
        keep &= keep if held == 1 else set(held)
    return keep


def test_small_site_keeps_the_one_index_file_byte_for_byte(site) -> None:
    assert search_files(site) == {"assets/search-index.js": search_index_js(site)}


def test_large_site_writes_a_manifest_and_shards(site, monkeypatch: pytest.MonkeyPatch) -> None:
    small_shards(monkeypatch)
    files = search_files(site)
    manifest = files["assets/search-index.js"].decode()
    assert manifest == ('var TIMELINE_SEARCH_SHARDS = {"entries":62,"size":5,"shards":13,"grams":4,'
                        '"folder":"assets/search/"};\n')
    assert sorted(files) == sorted(["assets/search-index.js", *(f"assets/search/e{n}.js" for n in range(13)),
                                    *(f"assets/search/g{n}.js" for n in range(4))])
    joined = [entry for n in range(13) for entry in script_data(files[f"assets/search/e{n}.js"])]
    assert joined == search_entries(site)
    assert search_files(site) == files  # deterministic


@pytest.mark.parametrize("query", QUERIES)
def test_shards_a_query_loads_hold_every_match(site, monkeypatch: pytest.MonkeyPatch, query: str) -> None:
    small_shards(monkeypatch)
    files, entries, words = search_files(site), search_entries(site), normalise(query).split()
    matches = {i for i, entry in enumerate(entries) if all(word in entry["h"] for word in words)}
    needed = shards_needed(files, words)
    assert {i // 5 for i in matches} <= needed


@pytest.mark.parametrize(("query", "most"), [("treaty", 8), ("eaty", 8), ("summit border", 7),
                                             ("zzqx", 0), ("event 7", 6), ("김정은", 5)])
def test_a_selective_query_loads_only_some_shards(site, monkeypatch: pytest.MonkeyPatch,
                                                  query: str, most: int) -> None:
    small_shards(monkeypatch)
    assert len(shards_needed(search_files(site), normalise(query).split())) <= most


def test_build_writes_the_shards(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    small_shards(monkeypatch)
    run = build(shard_content(tmp_path / "content"), tmp_path / "site")
    assert run.code == 0, run.err
    written = sorted(p.name for p in (tmp_path / "site" / "assets" / "search").iterdir())
    assert written == sorted([*(f"e{n}.js" for n in range(13)), *(f"g{n}.js" for n in range(4))])
    assert (tmp_path / "site" / "assets" / "search-index.js").read_text().startswith("var TIMELINE_SEARCH_SHARDS")
