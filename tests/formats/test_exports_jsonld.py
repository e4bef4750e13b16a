"""JSON-LD script elements: schema.org content and safe escaping inside <script>."""
from __future__ import annotations

import json
import re
from html.parser import HTMLParser

from markupsafe import Markup

from chronicle.dates import parse_date
from chronicle.formats.exports import event_jsonld, person_jsonld, place_jsonld
from chronicle.content.model import Event, Person, Place, Site, SiteConfig, Source, Stop

KIM = Person("kim-jong-un", "Kim Jong Un", "김정은", born=parse_date("1984-01-08"))
HANOI = Place("hanoi", "Hanoi", "Hà Nội", "Vietnam", lat=21.03, lon=105.85)
NOWHERE = Place("nowhere", "Nowhere")


def make_site(base_url: str = "https://user.github.io/repo/") -> Site:
    """A Site with just the fields JSON-LD reads."""
    return Site(config=SiteConfig(base_url=base_url), events=(), events_by_slug={},
                people={KIM.slug: KIM}, places={HANOI.slug: HANOI, NOWHERE.slug: NOWHERE},
                tags={}, years={}, events_by_person={}, events_by_place={}, backlinks={})


def payload(markup: Markup) -> dict:
    """The JSON inside the script element."""
    match = re.fullmatch(r'<script type="application/ld\+json">(.*)</script>', str(markup), re.S)
    assert match, markup
    return json.loads(match.group(1))


def summit(**fields) -> Event:
    """The Hanoi summit, with overrides."""
    values = dict(slug="hanoi-summit", title="Hanoi summit", start=parse_date("2019-02-27"),
                  end=parse_date("2019-02-28"), summary="Talks end early.", people=("kim-jong-un",),
                  places=("hanoi",))
    return Event(**{**values, **fields})


def test_event_is_a_schema_org_event_with_location_and_attendee():
    data = payload(event_jsonld(make_site(), summit()))
    assert data["@context"] == "https://schema.org" and data["@type"] == "Event"
    assert (data["name"], data["startDate"], data["endDate"]) == ("Hanoi summit", "2019-02-27",
                                                                  "2019-02-28")
    assert data["url"] == "https://user.github.io/repo/events/hanoi-summit.html"
    assert data["location"] == [{
        "@type": "Place", "name": "Hanoi", "alternateName": "Hà Nội",
        "geo": {"@type": "GeoCoordinates", "latitude": 21.03, "longitude": 105.85},
        "address": {"@type": "PostalAddress", "addressCountry": "Vietnam"},
        "url": "https://user.github.io/repo/places/hanoi.html"}]
    assert data["attendee"] == [{"@type": "Person", "name": "Kim Jong Un", "alternateName": "김정은",
                                 "url": "https://user.github.io/repo/people/kim-jong-un.html"}]


def test_dates_keep_their_precision_and_bc_years_without_qualifiers():
    data = payload(event_jsonld(make_site(), summit(start=parse_date("-2332~"), end=None)))
    assert data["startDate"] == "-2332" and "endDate" not in data


def test_without_base_url_there_are_no_urls():
    data = payload(event_jsonld(make_site(base_url=""), summit()))
    assert "url" not in data and "url" not in data["location"][0]


def test_location_falls_back_to_route_places_and_cites_sources():
    event = summit(places=(), route=(Stop("nowhere"), Stop("hanoi"), Stop("nowhere")),
                   sources=(Source(title="Report", publisher="Agency", url="https://example.org/r"),))
    data = payload(event_jsonld(make_site(), event))
    assert [p["name"] for p in data["location"]] == ["Nowhere", "Hanoi"]
    assert data["citation"] == [{"@type": "CreativeWork", "name": "Report", "url": "https://example.org/r",
                                 "publisher": {"@type": "Organization", "name": "Agency"}}]


def test_person_and_place():
    person = payload(person_jsonld(make_site(), KIM))
    assert person == {"@context": "https://schema.org", "@type": "Person", "name": "Kim Jong Un",
                      "alternateName": "김정은", "birthDate": "1984-01-08",
                      "url": "https://user.github.io/repo/people/kim-jong-un.html"}
    place = payload(place_jsonld(make_site(), NOWHERE))
    assert place == {"@context": "https://schema.org", "@type": "Place", "name": "Nowhere",
                     "url": "https://user.github.io/repo/places/nowhere.html"}


class _ScriptCounter(HTMLParser):
    """Counts script elements and collects their text, as a browser would split them."""

    def __init__(self):
        super().__init__()
        self.scripts: list[str] = []
        self.inside = False

    def handle_starttag(self, tag, attrs):
        if tag == "script":
            self.scripts.append("")
            self.inside = True

    def handle_endtag(self, tag):
        if tag == "script":
            self.inside = False

    def handle_data(self, data):
        if self.inside:
            self.scripts[-1] += data


def test_content_cannot_break_out_of_the_script_element():
    hostile = "</script><script>alert(1)</script><!-- & \u2028\u2029 </SCRIPT >"
    markup = event_jsonld(make_site(), summit(title=hostile, summary=hostile))
    text = str(markup)
    inner = text[len('<script type="application/ld+json">'):-len("</script>")]
    assert not re.search(r"[<>&\u2028\u2029]", inner)
    parser = _ScriptCounter()
    parser.feed(f"<body>{text}<p>after</p></body>")
    assert len(parser.scripts) == 1
    data = json.loads(parser.scripts[0])
    assert data["name"] == hostile and data["description"] == hostile


def test_returns_markup_so_templates_do_not_escape_it_again():
    assert isinstance(place_jsonld(make_site(), HANOI), Markup)
