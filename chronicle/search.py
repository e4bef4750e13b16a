"""The search index: one entry per event, person and place, as a classic script.

`assets/search-index.js` defines `var TIMELINE_SEARCH = [...]` so that search.html
works from file:// (no fetch). Each entry carries a haystack `h`: its distinct normalised words,
which `assets/search.js` matches against the words of a query normalised the same way.
"""
from __future__ import annotations

import json
import re
import unicodedata
from collections.abc import Iterable

from .datetext import event_when
from .i18n import strings, ui_language
from .listing import life
from .model import Event, Person, Place, Site

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
_MARKDOWN_PATTERNS = (
    (re.compile(r"<[^<>\n]*>"), " "),  # HTML tags
    (re.compile(r"!\[([^\[\]]*)\]\([^()]*\)"), r"\1"),  # images: keep alt text
    (re.compile(r"\[([^\[\]]*)\]\([^()]*\)"), r"\1"),  # inline links: keep text
    (re.compile(r"\[\^[^\[\]]*\]:?"), " "),  # footnote references and labels
    # reference definitions; [ \t], not \s, at the start: \s* ran over every following blank line
    (re.compile(r"^[ \t]*\[[^\[\]]+\]:(?:[ \t]*\n)?[ \t]*\S.*$", re.M), " "),
    (re.compile(r"\{[:#.][^{}]*\}"), " "),  # attribute lists
    (re.compile(r"https?://\S+"), " "),  # bare URLs
    (re.compile(r"[*_`#>|~=]+"), " "),  # emphasis, code, headings, quotes, tables
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
    text = unicodedata.normalize("NFKD", unicodedata.normalize("NFKD", text).casefold())
    return " ".join(text.translate(_FOLD).split())


def strip_markdown(body: str, titles: dict[str, str]) -> str:
    """Reduce a Markdown body to its words, resolving wiki-links to their titles."""
    text = _WIKI_RE.sub(lambda m: m.group(2) or titles.get(m.group(1).strip(), m.group(1)), body)
    text = _strip_comments(text)
    for pattern, replacement in _MARKDOWN_PATTERNS:
        text = pattern.sub(replacement, text)
    return text


def _strip_comments(text: str) -> str:
    """Replace each HTML comment by a space; an unclosed one is left (a regex rescanned it per '<!--')."""
    parts, position = [], 0
    while (start := text.find("<!--", position)) >= 0 and (end := text.find("-->", start + 4)) >= 0:
        parts += [text[position:start], " "]
        position = end + 3
    return "".join(parts) + text[position:]


def search_index_js(site: Site) -> bytes:
    """Return the content of assets/search-index.js for the whole site."""
    lines = ",\n".join(script_json(entry) for entry in search_entries(site))
    return f"var TIMELINE_SEARCH = [\n{lines}\n];\n".encode("utf-8")


def search_entries(site: Site) -> list[dict[str, str]]:
    """Every search entry in index order: events, people, places, then standalone pages."""
    titles = _titles(site)
    entries = [_event_entry(site, event, titles) for event in site.events]
    entries += [_person_entry(person, titles, site.config.language) for person in site.people.values()]
    entries += [_place_entry(place, titles) for place in site.places.values()]
    entries += [_entry(f"pages/{page.slug}.html", page.title, "", page.summary, "page",
                       [page.summary, strip_markdown(page.body, titles)]) for page in site.pages.values()]
    return entries


def script_json(value: object) -> str:
    """JSON text that is safe inside a <script> element and any JavaScript source."""
    text = json.dumps(value, ensure_ascii=False, separators=(",", ":"))
    return _ESCAPE_RE.sub(lambda m: _SCRIPT_ESCAPES[m.group(0)], text)


def _titles(site: Site) -> dict[str, str]:
    """Map every slug a wiki-link may name to its title."""
    titles = {slug: place.name for slug, place in site.places.items()}
    titles.update((slug, person.name) for slug, person in site.people.items())
    titles.update((slug, event.title) for slug, event in site.events_by_slug.items())
    return titles


def _entry(url: str, title: str, date: str, summary: str | None, kind: str,
           words: Iterable[str | None]) -> dict[str, str]:
    """One search entry; `h` holds each normalised word once, most telling first."""
    text = normalise(" ".join(w for w in (title, *words) if w))
    haystack = " ".join(dict.fromkeys(text.split()))
    return {"url": url, "title": title, "date": date, "summary": summary or "",
            "kind": kind, "h": haystack}


def _event_entry(site: Site, event: Event, titles: dict[str, str]) -> dict[str, str]:
    """The entry for one event: summary, people, places (and stops), tags, date, body."""
    people = [site.people[slug] for slug in event.people if slug in site.people]
    place_slugs = dict.fromkeys([*event.places, *(stop.place for stop in event.route)])
    places = [site.places[slug] for slug in place_slugs if slug in site.places]
    words = [event.summary]
    words += [name for person in people for name in (person.name, person.native_name)]
    words += [name for place in places for name in (place.name, place.native_name)]
    when = event_when(event, site.config.language)
    words += [*event.tags, when, strip_markdown(event.body, titles)]
    return _entry(f"events/{event.slug}.html", event.title, when,
                  event.summary, "event", words)


def _person_entry(person: Person, titles: dict[str, str], language: str = "en") -> dict[str, str]:
    """The entry for one person, found by either name."""
    # English keeps its short 'b.'/'d.' forms; other languages say it as the person page does.
    date = _lifespan(person) if ui_language(language) == "en" else life(person, strings(language), language)
    words = [person.native_name, person.summary, date, strip_markdown(person.body, titles)]
    return _entry(f"people/{person.slug}.html", person.name, date,
                  person.summary, "person", words)


def _place_entry(place: Place, titles: dict[str, str]) -> dict[str, str]:
    """The entry for one place, found by either name or its country."""
    words = [place.native_name, place.country, place.summary,
             strip_markdown(place.body, titles)]
    return _entry(f"places/{place.slug}.html", place.name, place.country or "",
                  place.summary, "place", words)


def _lifespan(person: Person) -> str:
    """'1912 – 1994', 'b. 1984', 'd. 1994' or ''."""
    if person.born and person.died:
        return f"{person.born.display()} – {person.died.display()}"
    if person.born:
        return f"b. {person.born.display()}"
    if person.died:
        return f"d. {person.died.display()}"
    return ""
