"""Built pages: dates in other calendars shown in both, names as they were at the event's date.

The issue's done-when check: a Hijri-dated and a Juche-dated event show both dates on their
pages, in the timeline view's data (its tooltip text) and in search results.
"""
import json
import re

import pytest

from chronicle.formats.search import normalise
from tests.support import build

HIJRI = "17 Jumada al-Awwal 1377 AH (9 December 1957)"
JUCHE = "Juche 47 (1958)"
FILES = {
    "events/hijri.md": "---\ntitle: Hijri-dated event\ndate: 1377-05-17\ncalendar: islamic-umalqura\n"
                       "places: [beijing]\n---\nBody.\n",
    "events/juche.md": "---\ntitle: Juche-dated event\ndate: 0047\ncalendar: juche\n---\nBody.\n",
    "events/visit-1958.md": "---\ntitle: Visit of 1958\ndate: 1958-11-21\nplaces: [beijing]\npeople: [ho]\n"
                            "route:\n  - place: pyongyang\n  - place: beijing\n    date: 1958-11-22\n---\n",
    "events/wiki-1958.md": "---\ntitle: Linked 1958\ndate: 1958-11-23\n---\nTalks in [[beijing]] with [[ho]].\n",
    "events/visit-2019.md": "---\ntitle: Visit of 2019\ndate: 2019-01-08\nplaces: [beijing]\npeople: [ho]\n"
                            "route:\n  - place: pyongyang\n  - place: beijing\n---\n",
    "places/beijing.md": "---\nname: Beijing\nnative_name: 北京\nlat: 39.91\nlon: 116.39\nnames:\n"
                         "  - name: Peking\n    until: 1979\n    note: postal romanisation\n"
                         "  - name: Pei-ching\n    lang: zh-Latn\n---\n",
    "places/pyongyang.md": "---\nname: Pyongyang\nlat: 39.02\nlon: 125.74\n---\n",
    "people/ho.md": "---\nname: Ho Chi Minh\nnames:\n  - name: Nguyen Ai Quoc\n    from: 1919\n"
                    "    until: 1945\n---\n",
}


@pytest.fixture
def site(content, tmp_path):
    out = tmp_path / "site"
    run = build(content(FILES), out)
    assert run.code == 0, run.err
    return out


def _search_entries(site) -> dict[str, dict]:
    text = (site / "assets/search-index.js").read_text(encoding="utf-8")
    start, end = text.index("["), text.rindex("]")
    return {entry["url"]: entry for entry in json.loads(text[start:end + 1])}


def _body(path) -> str:
    """What a reader sees: the page after <body> (the head's JSON-LD lists every name)."""
    html = path.read_text(encoding="utf-8")
    return html[html.index("<body"):]


def _found(entry: dict, query: str) -> bool:
    """What search.js does: every word of the query is in the entry's haystack."""
    words = entry["h"].split()
    return all(any(word.startswith(q) for word in words) for q in normalise(query).split())


@pytest.mark.parametrize("slug, shown", [("hijri", HIJRI), ("juche", JUCHE)])
def test_event_pages_show_the_written_date_and_the_gregorian_one(site, slug, shown):
    page = (site / f"events/{slug}.html").read_text(encoding="utf-8")
    assert f'<p class="when">{shown}</p>' in page


@pytest.mark.parametrize("slug, shown", [("hijri", HIJRI), ("juche", JUCHE)])
def test_the_timeline_view_data_carries_both_dates(site, slug, shown):
    html = (site / "timeline.html").read_text(encoding="utf-8")
    data = json.loads(re.search(r'<script type="application/json" id="tv-data">(.*?)</script>', html, re.S).group(1))
    item = next(e for e in data["events"] if e["h"] == f"events/{slug}.html")
    assert item["w"] == shown  # the tooltip's date text


@pytest.mark.parametrize("slug, shown, query", [("hijri", HIJRI, "jumada 1377"), ("juche", JUCHE, "juche 47")])
def test_search_results_show_and_find_both_dates(site, slug, shown, query):
    entry = _search_entries(site)[f"events/{slug}.html"]
    assert entry["date"] == shown
    assert _found(entry, query) and _found(entry, "1957" if slug == "hijri" else "1958")


def test_the_index_orders_by_the_gregorian_equivalent(site):
    index = (site / "index.html").read_text(encoding="utf-8")
    # 9 December 1957, then the Juche year 1958 (its first day), then 21 November 1958.
    assert index.index("Hijri-dated event") < index.index("Juche-dated event") < index.index("Visit of 1958")
    assert (site / "years/1957.html").exists()


def test_an_event_page_names_the_place_and_person_as_called_then(site):
    page = (site / "events/visit-1958.html").read_text(encoding="utf-8")
    assert '<a href="../places/beijing.html">Peking (Beijing)</a>' in page
    assert '<a href="../people/ho.html">Ho Chi Minh</a>' in page  # Nguyen Ai Quoc ended in 1945
    assert '<td><a href="../places/beijing.html">Peking (Beijing)</a></td>' in page  # the itinerary
    later = _body(site / "events/visit-2019.html")
    assert '<a href="../places/beijing.html">Beijing</a>' in later and "Peking" not in later


def test_a_wiki_link_in_an_event_body_names_the_place_as_called_then(site):
    page = _body(site / "events/wiki-1958.html")
    assert '<p>Talks in <a class="wikilink" href="../places/beijing.html">Peking (Beijing)</a> with ' in page
    place = _body(site / "places/beijing.html")  # elsewhere, e.g. on the place's own page: its heading
    assert "Peking (Beijing)" not in place


def test_a_route_map_labels_a_place_by_its_name_at_the_event(site):
    early = (site / "events/visit-1958.html").read_text(encoding="utf-8")
    late = (site / "events/visit-2019.html").read_text(encoding="utf-8")
    assert re.search(r'<text class="map-label"[^>]*>Peking</text>', early)
    assert re.search(r'<text class="map-label"[^>]*>Beijing</text>', late)
    assert not re.search(r'<text class="map-label"[^>]*>Peking</text>', late)


def test_the_place_page_lists_every_name_with_its_span(site):
    page = (site / "places/beijing.html").read_text(encoding="utf-8")
    names = page[page.index('<section class="names"'):page.index("</section>", page.index('class="names"'))]
    assert '<h2 id="names-h">Names</h2>' in names
    assert ('<li><span class="native">Peking</span> <span class="when">until 1979</span> '
            '— <span class="note">postal romanisation</span></li>') in names
    assert '<li><span class="native" lang="zh-Latn">Pei-ching</span></li>' in names
    person = (site / "people/ho.html").read_text(encoding="utf-8")
    assert '<span class="native">Nguyen Ai Quoc</span> <span class="when">1919 – 1945</span>' in person


def test_search_finds_every_name(site):
    entries = _search_entries(site)
    assert _found(entries["places/beijing.html"], "peking") and _found(entries["places/beijing.html"], "pei-ching")
    assert _found(entries["people/ho.html"], "nguyen ai quoc")
    assert _found(entries["events/visit-2019.html"], "peking")  # an event naming the place, by any name


def test_an_undated_name_or_one_in_another_language_never_replaces_the_heading(site):
    assert "Pei-ching" not in _body(site / "events/visit-2019.html")  # JSON-LD lists it, the page does not
