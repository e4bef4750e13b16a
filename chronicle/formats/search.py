"""The search index: one entry per event, person and place, as a classic script.

`assets/search-index.js` defines `var TIMELINE_SEARCH = [...]` so that search.html
works from file:// (no fetch). Each entry carries a haystack `h`: its distinct normalised words,
which `assets/search.js` matches against the words of a query normalised the same way.
"""
from __future__ import annotations

import json
import re
import unicodedata
from collections.abc import Callable, Hashable, Iterable
from dataclasses import dataclass
from urllib.parse import quote

from ..dates import display_date
from ..dates.text import event_when, life
from ..language.i18n import strings, ui_language
from ..content.bibliography import Work
from ..content.model import Event, Person, Place, Site
from ..parallel import split_map

# Characters that must not appear literally inside an inline or classic script.
_SCRIPT_ESCAPES = {
    "<": "\\u003c",
    ">": "\\u003e",
    "&": "\\u0026",
    "\u2028": "\\u2028",
    "\u2029": "\\u2029",
}
_ESCAPE_RE = re.compile("[<>&\u2028\u2029]")

# Every pattern stays linear on hostile bodies: a repeated character class excludes the character
# that opens the construct, so a scan from one opener stops at the next one instead of running
# to the end of the text from every opener (100,000 '[' took minutes).
_WIKI_RE = re.compile(r"\[\[([^\[\]|]+)(?:\|([^\[\]]*))?\]\]")
# Each with a piece of text every match contains: without it in the text, the scan is skipped.
_MARKDOWN_PATTERNS = (
    (re.compile(r"<[^<>\n]*>"), " ", "<"),  # HTML tags
    (re.compile(r"!\[([^\[\]]*)\]\([^()]*\)"), r"\1", "]("),  # images: keep alt text
    (re.compile(r"\[([^\[\]]*)\]\([^()]*\)"), r"\1", "]("),  # inline links: keep text
    (re.compile(r"\[\^[^\[\]]*\]:?"), " ", "[^"),  # footnote references and labels
    # reference definitions; [ \t], not \s, at the start: \s* ran over every following blank line
    (re.compile(r"^[ \t]*\[[^\[\]]+\]:(?:[ \t]*\n)?[ \t]*\S.*$", re.M), " ", "]:"),
    (re.compile(r"\{[:#.][^{}]*\}"), " ", "{"),  # attribute lists
    (re.compile(r"https?://\S+"), " ", "://"),  # bare URLs
    (re.compile(r"[*_`#>|~=]+"), " ", ""),  # emphasis, code, headings, quotes, tables
)


class _FoldTable(dict):
    """str.translate table for normalise(), filled one character at a time as they are met.

    Looking up each character's Unicode category in Python made normalise() the slowest step
    of the index; translate() runs in C and asks here only for characters not seen before.
    """

    def __missing__(self, code: int) -> str | None:
        char = chr(code)
        category = unicodedata.category(char)
        folded = None if category == "Mn" else " " if category[0] in "PZC" else "d" if char == "đ" else char
        self[code] = folded
        return folded


_FOLD = _FoldTable()  # a cache of pure function values, shared by every build


def normalise(text: str) -> str:
    """Fold text for matching: casefold, strip accents, đ->d, punctuation to spaces."""
    return " ".join(_normal_words(text))


def _normal_words(text: str) -> list[str]:
    """The words of normalise(text), in order."""
    text = unicodedata.normalize("NFKD", unicodedata.normalize("NFKD", text).casefold())
    return text.translate(_FOLD).split()


def strip_markdown(body: str, titles: dict[str, str]) -> str:
    """Reduce a Markdown body to its words, resolving wiki-links to their titles."""
    return _strip(body, titles)[0]


def _strip(body: str, titles: dict[str, str]) -> tuple[str, tuple[str, ...]]:
    """strip_markdown's text, and the slugs whose titles it looked up (what else it depends on)."""
    looked_up: list[str] = []

    def title(match: re.Match) -> str:
        if match.group(2):
            return match.group(2)
        looked_up.append(match.group(1).strip())
        return titles.get(looked_up[-1], match.group(1))

    text = _strip_comments(_WIKI_RE.sub(title, body))
    for pattern, replacement, needed in _MARKDOWN_PATTERNS:
        if needed in text:
            text = pattern.sub(replacement, text)
    return text, tuple(looked_up)


def _strip_comments(text: str) -> str:
    """Replace each HTML comment by a space; an unclosed one is left (a regex rescanned it per '<!--')."""
    parts, position = [], 0
    while (start := text.find("<!--", position)) >= 0 and (end := text.find("-->", start + 4)) >= 0:
        parts += [text[position:start], " "]
        position = end + 3
    return "".join(parts) + text[position:]


@dataclass(frozen=True)
class SearchRecord:
    """One search entry and its JSON text, safe in a script; read-only, since a memo shares it."""

    entry: dict[str, str]
    json: str


class Generations:
    """A memo that keeps, from one round to the next, only what the last round used.

    `serve` remakes the index after every edit: an unchanged key is found again, and a key
    no round asks for (an edited entry's old words) is dropped one round later.
    """

    def __init__(self) -> None:
        self._last: dict = {}
        self._now: dict = {}

    def next_round(self) -> None:
        """Start a round: what the round before used is what this one may reuse."""
        self._last, self._now = self._now or self._last, {}

    def get(self, key: Hashable, make: Callable[[], object]) -> object:
        """The value kept for key, or make()'s, kept for the next round either way."""
        if key in self._now:
            return self._now[key]
        value = self._last[key] if key in self._last else make()
        self._now[key] = value
        return value

    def find(self, key: Hashable) -> object | None:
        """The value kept for key (kept for the next round too), or None."""
        if key not in self._now and key in self._last:
            self._now[key] = self._last[key]
        return self._now.get(key)

    def put(self, key: Hashable, value: object) -> None:
        """Keep value for key instead of what was kept."""
        self._now[key] = value


class SearchMemo:
    """What `serve` keeps between its search indexes, so an unchanged entry costs a lookup.

    Mutable on purpose (like load.LoadMemo): one process passes the same memo to every
    search_files(site, memo). Records are keyed by every value they are made of (title,
    summary, names, date text, the stripped body); a body is stripped again only when its
    text or the titles its wiki-links name change. searchshards keeps each word's grams here.
    """

    def __init__(self) -> None:
        self.records, self.bodies, self.grams = Generations(), Generations(), Generations()
        self.dates = Generations()  # an event's date text, by the record (load reuses unchanged ones)

    def next_round(self) -> None:
        """Start a new index: keys only the last one used stay reusable."""
        for generations in (self.records, self.bodies, self.grams, self.dates):
            generations.next_round()

    def when(self, event: Event, language: str) -> str:
        """event_when(event, language), made once per event record and language."""
        key = (id(event), language)
        kept = self.dates.find(key)
        if kept is None or kept[0] is not event:  # the id of a record since freed may be reused
            kept = (event, event_when(event, language))
            self.dates.put(key, kept)
        return kept[1]


def search_index_js(site: Site, memo: SearchMemo | None = None) -> bytes:
    """Return the content of assets/search-index.js for the whole site."""
    return index_js(search_records(site, memo))


def index_js(records: list[SearchRecord]) -> bytes:
    """assets/search-index.js holding these records."""
    lines = ",\n".join(record.json for record in records)
    return f"var TIMELINE_SEARCH = [\n{lines}\n];\n".encode("utf-8")


def search_entries(site: Site, memo: SearchMemo | None = None) -> list[dict[str, str]]:
    """Every search entry in index order: events, people, places, then standalone pages."""
    return [record.entry for record in search_records(site, memo)]


def search_records(site: Site, memo: SearchMemo | None = None, workers: int | None = None) -> list[SearchRecord]:
    """search_entries with each entry's JSON; memo: records kept from the last index (see SearchMemo).

    Without a memo (a cold build) the entries are made on `workers` cores (None: every available
    one). With one (serve: a long-lived process whose threads must not be forked) only the
    entries the memo lacks are made, here.
    """
    workers = workers if memo is None else 1
    memo = SearchMemo() if memo is None else memo
    memo.next_round()
    titles, lang = _titles(site), site.config.language
    entries = [*site.events, *site.people.values(), *site.places.values(), *site.pages.values()]
    _strip_new(list(dict.fromkeys(entry.body for entry in entries)), titles, memo, workers)
    keys = [_event_key(site, event, titles, memo) for event in site.events]
    keys += [_person_key(person, titles, lang, memo) for person in site.people.values()]
    keys += [_place_key(place, titles, memo) for place in site.places.values()]
    keys += [(f"pages/{page.slug}.html", page.title, "", page.summary, "page", page.summary,
              _stripped(page.body, titles, memo)) for page in site.pages.values()]
    keys += [_work_key(work) for work in site.works.values()]
    missing = list(dict.fromkeys(key for key in keys if memo.records.find(key) is None))
    for key, record in zip(missing, split_map(lambda part: [_make_record(*key) for key in part], missing, workers)):
        memo.records.put(key, record)
    return [memo.records.find(key) for key in keys]


def _strip_new(bodies: list[str], titles: dict[str, str], memo: SearchMemo, workers: int) -> None:
    """Strip the bodies the memo lacks, or holds with a renamed wiki-link title, and keep them."""
    fresh = [body for body in bodies if not _current(memo.bodies.find(body), titles)]
    for body, kept in zip(fresh, split_map(lambda part: [_stripping(body, titles) for body in part], fresh, workers)):
        memo.bodies.put(body, kept)


def _current(kept: tuple | None, titles: dict[str, str]) -> bool:
    """Whether a kept stripping still holds: every title its wiki-links showed is unchanged."""
    return kept is not None and tuple(titles.get(slug) for slug in kept[0]) == kept[1]


def _stripping(body: str, titles: dict[str, str]) -> tuple[tuple[str, ...], tuple[str | None, ...], str]:
    """(the slugs its wiki-links name, their titles, the stripped text) of a body."""
    text, slugs = _strip(body, titles)
    return slugs, tuple(titles.get(slug) for slug in slugs), text


def script_json(value: object, sort_keys: bool = False) -> str:
    """JSON text that is safe inside a <script> element and any JavaScript source."""
    text = json.dumps(value, ensure_ascii=False, separators=(",", ":"), sort_keys=sort_keys)
    return _ESCAPE_RE.sub(lambda m: _SCRIPT_ESCAPES[m.group(0)], text)


def _titles(site: Site) -> dict[str, str]:
    """Map every slug a wiki-link may name to its title."""
    titles = {slug: place.name for slug, place in site.places.items()}
    titles.update((slug, person.name) for slug, person in site.people.items())
    titles.update((slug, event.title) for slug, event in site.events_by_slug.items())
    return titles


def _stripped(body: str, titles: dict[str, str], memo: SearchMemo) -> str:
    """strip_markdown(body, titles), made again only if the body or a title it names changed."""
    kept = memo.bodies.find(body)
    if not _current(kept, titles):
        kept = _stripping(body, titles)
        memo.bodies.put(body, kept)
    return kept[2]


def _make_record(url: str, title: str, date: str, summary: str | None, kind: str, *words: str | None) -> SearchRecord:
    """The record of one entry from everything it is made of (its memo key)."""
    entry = _entry(url, title, date, summary, kind, words)
    return SearchRecord(entry, script_json(entry))


def _entry(url: str, title: str, date: str, summary: str | None, kind: str,
           words: Iterable[str | None]) -> dict[str, str]:
    """One search entry; `h` holds each normalised word once, most telling first."""
    haystack = " ".join(dict.fromkeys(_normal_words(" ".join(w for w in (title, *words) if w))))
    return {"url": url, "title": title, "date": date, "summary": summary or "",
            "kind": kind, "h": haystack}


def _event_key(site: Site, event: Event, titles: dict[str, str], memo: SearchMemo) -> tuple:
    """What an event's record is made of: summary, people, places (and stops), tags, date, body."""
    people = [site.people[slug] for slug in event.people if slug in site.people]
    place_slugs = dict.fromkeys([*event.places, *(stop.place for stop in event.route)])
    places = [site.places[slug] for slug in place_slugs if slug in site.places]
    words = [event.summary]
    words += [name for person in people for name in (person.name, person.native_name, *_other_names(person))]
    words += [name for place in places for name in (place.name, place.native_name, *_other_names(place))]
    when = memo.when(event, site.config.language)
    words += [*event.tags, when, _stripped(event.body, titles, memo)]
    return (f"events/{event.slug}.html", event.title, when, event.summary, "event", *words)


def _other_names(entry: Person | Place) -> list[str]:
    """Every name of `names:` (Peking, Saigon): search finds an entry by any name it bore."""
    return [name.name for name in entry.names]


def _person_key(person: Person, titles: dict[str, str], language: str, memo: SearchMemo) -> tuple:
    """What a person's record is made of: found by either name."""
    # English keeps its short 'b.'/'d.' forms; other languages say it as the person page does.
    date = _lifespan(person) if ui_language(language) == "en" else life(person, strings(language), language)
    return (f"people/{person.slug}.html", person.name, date, person.summary, "person",
            person.native_name, *_other_names(person), person.summary, date, _stripped(person.body, titles, memo))


def _place_key(place: Place, titles: dict[str, str], memo: SearchMemo) -> tuple:
    """What a place's record is made of: found by either name or its country."""
    return (f"places/{place.slug}.html", place.name, place.country or "", place.summary, "place",
            place.native_name, *_other_names(place), place.country, place.summary, _stripped(place.body, titles, memo))


def _work_key(work: Work) -> tuple:
    """What a work's record is made of: found by its authors, title, publication and id."""
    csl = work.csl
    issued = csl.get("issued")
    year = str(issued["date-parts"][0][0]) if isinstance(issued, dict) and issued.get("date-parts") else ""
    names = work.names()
    return (f"sources.html#work-{quote(work.id, safe='')}", work.title, year, "; ".join(names) or None, "work",
            *names, *(str(csl[key]) for key in ("container-title", "publisher") if csl.get(key)), work.id)


def _lifespan(person: Person) -> str:
    """'1912 – 1994', 'b. 1984', 'd. 1994' or ''."""
    if person.born and person.died:
        return f"{display_date(person.born)} – {display_date(person.died)}"
    if person.born:
        return f"b. {display_date(person.born)}"
    if person.died:
        return f"d. {display_date(person.died)}"
    return ""
