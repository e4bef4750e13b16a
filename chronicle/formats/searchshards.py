"""The search index of a large site, split so a query loads only the shards it needs.

A small site keeps the one `assets/search-index.js` of search.py, byte for byte. Past
SHARD_THRESHOLD entries that file holds only a manifest (`var TIMELINE_SEARCH_SHARDS`), and
the entries go to `assets/search/e<n>.js`, SHARD_ENTRIES consecutive entries each, in index
order: an entry's place in the whole index (which ranks ties) is its shard's start plus its
place in the shard. search.js matches each query word as a substring of a haystack word, so
shards are ruled out by grams, not prefixes: `assets/search/g<n>.js` maps every 1-, 2- and
3-character substring of a haystack word to the entry shards holding it (1: all of them).
A word can only occur in a shard that holds all its trigrams (or, if shorter than 3, the
word itself), so loading just those shards gives exactly the answer of the whole index.
Every shard is a classic script calling `timelineSearchShard(kind, n, data)`: it loads
from file:// through an inserted <script>, with no fetch.
"""
from __future__ import annotations


from ..content.model import Site
from .search import SearchMemo, SearchRecord, index_js, script_json, search_records

SHARD_THRESHOLD = 2_000  # entries up to which the whole index stays one file (~1.5 MB of text)
SHARD_ENTRIES = 250  # entries per entry shard: ~370 KB at the benchmark's 1.5 KB per entry
GRAMS_PER_FILE = 4  # gram files per entry shard; each gram file stays a small share of a query's load
GRAM_LENGTH = 3  # a query word of this length or more is looked up by its substrings of this length
SHARD_FOLDER = "assets/search/"


def search_files(site: Site, memo: SearchMemo | None = None, workers: int | None = None) -> dict[str, bytes]:
    """assets/search-index.js, and for a large site the shards it names: {path: content}.

    memo: what the last call kept (serve passes one); records and words met before are not made again.
    """
    records = search_records(site, memo, workers)  # without a memo: on `workers` cores
    memo = SearchMemo() if memo is None else memo
    if len(records) <= SHARD_THRESHOLD:
        return {"assets/search-index.js": index_js(records)}
    shards = [records[start:start + SHARD_ENTRIES] for start in range(0, len(records), SHARD_ENTRIES)]
    gram_files = max(1, len(shards) // GRAMS_PER_FILE)
    manifest = {"entries": len(records), "size": SHARD_ENTRIES, "shards": len(shards),
                "grams": gram_files, "folder": SHARD_FOLDER}
    files = {"assets/search-index.js": f"var TIMELINE_SEARCH_SHARDS = {script_json(manifest)};\n".encode()}
    # An entry shard's data is the JSON list of its records: their JSON texts joined, not dumped again.
    files.update((f"{SHARD_FOLDER}e{n}.js", _shard_script("e", n, "[" + ",".join(r.json for r in shard) + "]"))
                 for n, shard in enumerate(shards))
    held = tuple(_shard_grams(shard, memo) for shard in shards)
    # The same grams in the same shards give the same gram files: an edit that adds no word makes none.
    files.update(memo.grams.get(("gram files", gram_files, held), lambda: _gram_files(held, gram_files)))
    return files


def grams_of(word: str) -> list[str]:
    """The keys a query word is looked up by: its trigrams, or the word itself when shorter."""
    if len(word) < GRAM_LENGTH:
        return [word]
    return [word[i:i + GRAM_LENGTH] for i in range(len(word) - GRAM_LENGTH + 1)]


def gram_file(gram: str, files: int) -> int:
    """Which gram file holds a gram; search.js computes the same 32-bit hash over code points."""
    value = 0
    for char in gram:
        value = (value * 31 + ord(char)) & 0xFFFFFFFF
    return value % files


def _substrings(word: str) -> frozenset[str]:
    """Every substring of a haystack word that some query word may be looked up by."""
    return frozenset(word[start:start + length] for length in range(1, GRAM_LENGTH + 1)
                     for start in range(len(word) - length + 1))


def _shard_grams(shard: list[SearchRecord], memo: SearchMemo) -> frozenset[str]:
    """Every gram of every haystack word in an entry shard; kept by the shard's haystacks."""
    def make() -> frozenset[str]:
        # Words repeat across a shard's entries far more than grams do: each distinct word once.
        words = set().union(*(record.entry["h"].split() for record in shard))
        return frozenset().union(*(memo.grams.get(word, lambda w=word: _substrings(w)) for word in words))

    return memo.grams.get(("shard", *(record.entry["h"] for record in shard)), make)


def _gram_files(held: tuple[frozenset[str], ...], files: int) -> dict[str, bytes]:
    """assets/search/g<n>.js for the grams each entry shard holds."""
    tables = _gram_tables(held, files)
    return {f"{SHARD_FOLDER}g{n}.js": _shard_js("g", n, table) for n, table in enumerate(tables)}


def _gram_tables(held: tuple[frozenset[str], ...], files: int) -> list[dict[str, object]]:
    """Per gram file, {gram: sorted entry-shard numbers, or 1 when every shard holds it}."""
    holders: dict[str, list[int]] = {}
    for n, grams in enumerate(held):
        for gram in grams:
            holders.setdefault(gram, []).append(n)
    tables: list[dict[str, object]] = [{} for _ in range(files)]
    for gram in sorted(holders):  # sorted: the same content gives the same bytes
        numbers = holders[gram]
        tables[gram_file(gram, files)][gram] = 1 if len(numbers) == len(held) else numbers
    return tables


def _shard_js(kind: str, number: int, data: object) -> bytes:
    """One shard as a classic script that hands its data to search.js."""
    return _shard_script(kind, number, script_json(data))


def _shard_script(kind: str, number: int, data_json: str) -> bytes:
    """One shard as a classic script, its data already script-safe JSON text."""
    return f"timelineSearchShard({script_json(kind)},{number},{data_json});\n".encode("utf-8")
