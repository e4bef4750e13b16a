"""Exports of dates written in other calendars: Gregorian dates, the written date as display text."""
import json
import re

import pytest

from tests.support import build

FILES = {
    "events/hijri-day.md": "---\ntitle: Hijri day\ndate: 1377-05-17\ncalendar: islamic-umalqura\n---\n",
    "events/hijri-month.md": "---\ntitle: Hijri month\ndate: 1377-05\ncalendar: islamic-umalqura\n---\n",
    "events/hijri-span.md": "---\ntitle: Hijri span\ndate: 1377-05-17\nend: 1377-06\ncalendar: islamic-umalqura\n---\n",
    "events/juche.md": "---\ntitle: Juche year\ndate: 0047\ncalendar: juche\n---\n",
    "events/nowruz.md": "---\ntitle: Nowruz\ndate: 1337-01-01/1337-01-04\ncalendar: persian\n---\n",
}


@pytest.fixture
def site(content, tmp_path):
    out = tmp_path / "site"
    run = build(content(FILES), out)
    assert run.code == 0, run.err
    return out


def _slides(site) -> dict[str, dict]:
    return {s["unique_id"]: s for s in json.loads((site / "timeline.json").read_text())["events"]}


def _jsonld(site, slug: str) -> dict:
    html = (site / f"events/{slug}.html").read_text(encoding="utf-8")
    return json.loads(re.search(r'<script type="application/ld\+json">(.*?)</script>', html, re.S).group(1))


def test_timelinejs_gets_the_gregorian_date_and_the_written_one_as_display_date(site):
    slides = _slides(site)
    assert slides["hijri-day"]["start_date"] == {"year": 1957, "month": 12, "day": 9}
    assert slides["hijri-day"]["display_date"] == "17 Jumada al-Awwal 1377 AH (9 December 1957)"
    assert "end_date" not in slides["hijri-day"]
    assert slides["juche"]["start_date"] == {"year": 1958} and slides["juche"]["display_date"] == "Juche 47 (1958)"


def test_timelinejs_draws_a_hijri_month_over_its_days(site):
    month = _slides(site)["hijri-month"]
    assert (month["start_date"], month["end_date"]) == ({"year": 1957, "month": 11, "day": 23},
                                                        {"year": 1957, "month": 12, "day": 21})
    span = _slides(site)["hijri-span"]  # ends with Jumada al-Thani 1377: its last day, not its first
    assert span["end_date"] == {"year": 1958, "month": 1, "day": 20}


def test_jsonld_gets_iso_days(site):
    assert _jsonld(site, "hijri-day")["startDate"] == "1957-12-09"
    month = _jsonld(site, "hijri-month")
    assert (month["startDate"], month["endDate"]) == ("1957-11-23", "1957-12-21")
    assert _jsonld(site, "hijri-span")["endDate"] == "1958-01-20"
    assert _jsonld(site, "juche")["startDate"] == "1958"
    nowruz = _jsonld(site, "nowruz")
    assert (nowruz["startDate"], nowruz["endDate"]) == ("1958-03-21", "1958-03-24")


def test_ics_gets_gregorian_days(site):
    ics = (site / "calendar.ics").read_bytes().decode("utf-8")
    assert "DTSTART;VALUE=DATE:19571209\r\nDTEND;VALUE=DATE:19571210" in ics
    assert "DTSTART;VALUE=DATE:19580321\r\nDTEND;VALUE=DATE:19580325" in ics
    # The date as written goes into the description, as for any date with more to say.
    assert "17 Jumada al-Awwal 1377 AH (9 December 1957)" in ics.replace("\r\n ", "")


def test_jsonld_lists_every_name_as_an_alternate_name(content, tmp_path):
    out = tmp_path / "site"
    run = build(content({
        "places/beijing.md": "---\nname: Beijing\nnative_name: 北京\nnames:\n  - name: Peking\n    until: 1979\n---\n",
        "places/hanoi.md": "---\nname: Hanoi\nnative_name: Hà Nội\n---\n",
    }), out)
    assert run.code == 0, run.err
    html = (out / "places/beijing.html").read_text(encoding="utf-8")
    data = json.loads(re.search(r'<script type="application/ld\+json">(.*?)</script>', html, re.S).group(1))
    assert data["alternateName"] == ["北京", "Peking"]
    html = (out / "places/hanoi.html").read_text(encoding="utf-8")
    assert '"alternateName": "Hà Nội"' in html


def test_geojson_routes_carry_gregorian_edtf_days(content, tmp_path):
    out = tmp_path / "site"
    run = build(content({
        "events/trip.md": "---\ntitle: Trip\ndate: 1377-05\ncalendar: islamic-umalqura\nroute:\n"
                          "  - place: a\n  - place: b\n---\n",
        "places/a.md": "---\nname: A\nlat: 30\nlon: 31\n---\n", "places/b.md": "---\nname: B\nlat: 21\nlon: 39\n---\n",
    }), out)
    assert run.code == 0, run.err
    (route,) = [f for f in json.loads((out / "places.geojson").read_text())["features"]
                if f["geometry"]["type"] == "LineString"]
    assert (route["properties"]["start"], route["properties"]["end"]) == ("1957-11-23", "1957-12-21")
