"""The search index: entries, normalisation and script-safe JSON."""
from __future__ import annotations

import json

import pytest

from chronicle.dates import parse_date
from chronicle.content.model import Event, Person, Place, Site, SiteConfig
from chronicle.formats.search import normalise, search_index_js, strip_markdown

PREFIX = b"var TIMELINE_SEARCH = [\n"
SUFFIX = b"\n];\n"


def make_site(events: list[Event], people: list[Person] = (), places: list[Place] = ()) -> Site:
    """A linked Site built directly from records (no loader, no linker)."""
    people_map = {person.slug: person for person in people}
    places_map = {place.slug: place for place in places}
    return Site(
        config=SiteConfig(), events=tuple(events),
        events_by_slug={event.slug: event for event in events},
        people=people_map, places=places_map, tags={}, years={},
        events_by_person={}, events_by_place={}, backlinks={},
    )


def entries(site: Site) -> list[dict[str, str]]:
    """Parse the generated script back into its entries."""
    data = search_index_js(site)
    assert data.startswith(PREFIX) and data.endswith(SUFFIX)
    return json.loads(data[len(PREFIX) - 2:-len(SUFFIX) + 2].decode("utf-8"))


@pytest.fixture
def hanoi_site() -> Site:
    """One summit event naming a person and a place with native names."""
    kim = Person("kim-jong-un", "Kim Jong Un", native_name="김정은",
                 born=parse_date("1984-01-08"), summary="Leader.")
    hanoi = Place("hanoi", "Hanoi", native_name="Hà Nội", country="Vietnam")
    summit = Event(
        "hanoi-summit", "Second summit", parse_date("2019-02-27"), parse_date("2019-02-28"),
        summary="Talks in [[hanoi]].", people=("kim-jong-un",), places=("hanoi",),
        tags=("diplomacy",), body="The **train** reached [[hanoi|the capital]] via [Đồng Đăng](https://x.example/).[^1]\n\n[^1]: A *source*.",
    )
    return make_site([summit], [kim], [hanoi])


@pytest.mark.parametrize(("text", "expected"), [
    ("Hà Nội", "ha noi"),
    ("HA  NOI", "ha noi"),
    ("ha noi", "ha noi"),
    ("Đồng Đăng", "dong dang"),
    ("Kim Jong-un", "kim jong un"),
    ("Straße", "strasse"),
    ("\u2028line\tbreak\n", "line break"),
])
def test_normalise_folds_case_accents_and_punctuation(text: str, expected: str) -> None:
    assert normalise(text) == expected


def test_normalise_keeps_hangul_matchable() -> None:
    assert normalise("김정은") in normalise("위원장 김정은 동지")
    assert normalise("김정은") != ""


def test_strip_markdown_keeps_words_and_resolves_wiki_links() -> None:
    text = strip_markdown("See [[hanoi]], [[x|shown]] and [a link](http://e.example/) `code` <b>bold</b>",
                          {"hanoi": "Hanoi"})
    assert " ".join(text.split()) == "See Hanoi, shown and a link code bold"


def test_index_has_one_entry_per_event_person_and_place(hanoi_site: Site) -> None:
    found = entries(hanoi_site)
    assert [(e["kind"], e["url"]) for e in found] == [
        ("event", "events/hanoi-summit.html"),
        ("person", "people/kim-jong-un.html"),
        ("place", "places/hanoi.html"),
    ]
    event = found[0]
    assert event["title"] == "Second summit"
    assert event["date"] == "27–28 February 2019"
    assert event["summary"] == "Talks in [[hanoi]]."
    assert set(event) == {"url", "title", "date", "summary", "kind", "h"}


def test_event_haystack_has_body_names_native_names_and_tags(hanoi_site: Site) -> None:
    haystack = entries(hanoi_site)[0]["h"]
    assert haystack.startswith("second summit ")
    words = haystack.split()
    assert len(words) == len(set(words))
    for word in ("train", "reached", "capital", "dong", "dang", "source", "kim", "jong", "un",
                 normalise("김정은"), "hanoi", "ha", "noi", "diplomacy", "27", "february", "2019"):
        assert word in words
    assert "x example" not in haystack and "**" not in haystack


def test_person_and_place_are_found_by_native_names(hanoi_site: Site) -> None:
    _, person, place = entries(hanoi_site)
    assert normalise("김정은") in person["h"] and person["date"] == "b. 8 January 1984"
    assert "ha noi" in place["h"] and "vietnam" in place["h"]


def test_script_cannot_be_broken_by_content() -> None:
    nasty = "</script><!-- & \u2028\u2029 -->"
    event = Event("nasty", nasty, parse_date("2000"), summary=nasty, body=nasty)
    data = search_index_js(make_site([event]))
    for raw in (b"<", b">", b"&", "\u2028".encode(), "\u2029".encode()):
        assert raw not in data
    assert entries(make_site([event]))[0]["title"] == nasty


def test_index_is_deterministic(hanoi_site: Site) -> None:
    assert search_index_js(hanoi_site) == search_index_js(hanoi_site)


def test_empty_site_gives_an_empty_list() -> None:
    assert entries(make_site([])) == []
