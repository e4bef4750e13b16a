"""timeline.json, places.geojson and export_files on a small site built in memory."""
from __future__ import annotations

import json

import pytest

from chronicle.dates import parse_date
from chronicle.formats.timelinejs import date_object, timelinejs_year
from chronicle.formats.exports import export_files
from chronicle.content.model import Era, Event, Person, Place, Site, SiteConfig, Stop


def make_site(events: list[Event], places: list[Place] = (), eras: list[Era] = (),
              base_url: str = "") -> Site:
    """A Site with just the fields the exports read."""
    config = SiteConfig(title="Trains <& Summits>", description="Journeys by rail.",
                        base_url=base_url)
    return Site(config=config, events=tuple(events), events_by_slug={e.slug: e for e in events},
                people={"kim": Person("kim", "Kim Jong Un", "김정은")},
                places={p.slug: p for p in places}, tags={}, years={}, events_by_person={},
                events_by_place={}, backlinks={}, eras=tuple(eras))


def event(slug: str, start: str, end: str | None = None, **fields) -> Event:
    """An event titled after its slug unless told otherwise."""
    return Event(slug=slug, title=fields.pop("title", slug.title()), start=parse_date(start),
                 end=parse_date(end) if end else None, **fields)


PYONGYANG = Place("pyongyang", "Pyongyang", "평양", "North Korea", lat=39.03, lon=125.75)
DANDONG = Place("dandong", "Dandong", "丹东", "China", lat=40.12, lon=124.39)
HANOI = Place("hanoi", "Hanoi", "Hà Nội", "Vietnam", lat=21.03, lon=105.85)
SECRET = Place("secret", "Secret siding")


def timeline(site: Site) -> dict:
    """The exported timeline.json, parsed."""
    return json.loads(export_files(site)[0]["timeline.json"])


@pytest.mark.parametrize("iso, expected", [
    (1958, 1958), (1, 1), (0, -1), (-1, -2), (-43, -44), (-2332, -2333),
])
def test_maps_astronomical_years_to_timelinejs_years_without_zero(iso, expected):
    assert timelinejs_year(iso) == expected


@pytest.mark.parametrize("text, expected", [
    ("1958", {"year": 1958}),
    ("1958-11", {"year": 1958, "month": 11}),
    ("1958-11-28", {"year": 1958, "month": 11, "day": 28}),
    ("-2332~", {"year": -2333}),
    ("0000", {"year": -1}),
])
def test_date_objects_carry_only_the_known_parts(text, expected):
    assert date_object(parse_date(text)) == expected


def test_never_writes_zero_for_an_unknown_part():
    site = make_site([event("a", "0000"), event("b", "1958"), event("c", "1958-11", "1959")],
                     eras=[Era("Era", parse_date("0000"), parse_date("0001"))])
    data = timeline(site)
    dates = [s[k] for s in data["events"] + data["eras"] for k in ("start_date", "end_date") if k in s]
    assert dates and all(0 not in d.values() for d in dates)


def test_bc_event_gets_timelinejs_year_and_display_text():
    slide = timeline(make_site([event("gojoseon", "-2332~")]))["events"][0]
    assert slide["start_date"] == {"year": -2333}
    assert slide["display_date"] == "c. 2333 BC"


def test_plain_dates_have_no_display_date():
    slide = timeline(make_site([event("summit", "2019-02-27", "2019-02-28")]))["events"][0]
    assert "display_date" not in slide
    assert slide["end_date"] == {"year": 2019, "month": 2, "day": 28}


def test_slide_text_escapes_summary_and_links_event_page_relatively():
    site = make_site([event("hanoi-summit", "2019-02-27", title="Talks <b>",
                            summary="Kim & Trump </p><script>", tags=("summits", "usa"))])
    slide = timeline(site)["events"][0]
    assert slide["text"]["headline"] == "Talks &lt;b&gt;"
    assert slide["text"]["text"] == ('<p>Kim &amp; Trump &lt;/p&gt;&lt;script&gt;</p>'
                                     '<p><a href="events/hanoi-summit.html">Read more</a></p>')
    assert slide["unique_id"] == "hanoi-summit"
    assert slide["group"] == "summits"


def test_title_slide_and_eras_come_from_site():
    site = make_site([event("a", "1958")], eras=[Era("Cold War", parse_date("1947"),
                                                     parse_date("1991-12-26"))])
    data = timeline(site)
    assert data["title"] == {"text": {"headline": "Trains &lt;&amp; Summits&gt;",
                                      "text": "<p>Journeys by rail.</p>"}}
    assert data["eras"] == [{"start_date": {"year": 1947},
                             "end_date": {"year": 1991, "month": 12, "day": 26},
                             "text": {"headline": "Cold War"}}]


def test_keeps_timeline_order_of_events():
    site = make_site([event("b", "-0043"), event("a", "1958"), event("c", "2019-02")])
    assert [s["unique_id"] for s in timeline(site)["events"]] == ["b", "a", "c"]


def test_exports_are_deterministic():
    site = make_site([event("a", "1958-11-28", route=(Stop("pyongyang"), Stop("hanoi")))],
                     places=[HANOI, PYONGYANG])
    assert export_files(site) == export_files(site)


def geojson(site: Site) -> dict:
    """The exported places.geojson, parsed."""
    return json.loads(export_files(site)[0]["places.geojson"])


def test_geojson_points_are_longitude_then_latitude():
    data = geojson(make_site([], places=[PYONGYANG]))
    feature = data["features"][0]
    assert data["type"] == "FeatureCollection"
    assert feature["geometry"] == {"type": "Point", "coordinates": [125.75, 39.03]}
    assert feature["properties"] == {"slug": "pyongyang", "name": "Pyongyang",
                                     "native_name": "평양", "country": "North Korea",
                                     "url": "places/pyongyang.html"}


def test_geojson_route_uses_located_stops_and_arrival_modes():
    route = (Stop("pyongyang"), Stop("dandong", mode="train"), Stop("secret", mode="train"),
             Stop("hanoi", mode="car"))
    site = make_site([event("trip", "2019-02-23", "2019-02-26~", route=route)],
                     places=[PYONGYANG, DANDONG, HANOI, SECRET])
    line = [f for f in geojson(site)["features"] if f["geometry"]["type"] == "LineString"][0]
    assert line["geometry"]["coordinates"] == [[125.75, 39.03], [124.39, 40.12], [105.85, 21.03]]
    assert line["properties"] == {"slug": "trip", "title": "Trip", "start": "2019-02-23",
                                  "end": "2019-02-26~", "modes": ["train", "car"],
                                  "places": ["pyongyang", "dandong", "hanoi"],
                                  "url": "events/trip.html"}


def test_geojson_leaves_out_unlocated_places_and_short_routes_with_notes():
    site = make_site([event("trip", "2019", route=(Stop("secret"), Stop("hanoi")))],
                     places=[HANOI, SECRET])
    files, notes = export_files(site)
    features = json.loads(files["places.geojson"])["features"]
    assert [f["properties"]["slug"] for f in features] == ["hanoi"]
    assert "places.geojson: 1 place(s) without coordinates left out" in notes
    assert "places.geojson: 1 route(s) with fewer than 2 located stops left out" in notes


def test_export_files_names_the_three_files():
    files, _ = export_files(make_site([event("a", "1958")]))
    assert sorted(files) == ["calendar.ics", "places.geojson", "timeline.json"]
    assert all(isinstance(content, bytes) for content in files.values())
