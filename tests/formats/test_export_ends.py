"""An end is exported as the latest day it may mean, never its first (issue 23)."""
from __future__ import annotations

import json
import re

import pytest

from tests.formats.test_exports import event, make_site, timeline
from tests.support import build


def _day(obj: dict) -> tuple[int, int, int]:
    """A TimelineJS date object as TimelineJS reads it: a missing month or day is the first."""
    return obj["year"], obj.get("month", 1), obj.get("day", 1)


@pytest.mark.parametrize("start, end, expected", [
    ("2004-06-11", "2004-06", {"year": 2004, "month": 6, "day": 30}),  # coarser end: its last day
    ("1750", "176X", {"year": 1769}),
    ("1750-03", "176X", {"year": 1769, "month": 12}),
    ("2001-04-02", "2001-21", {"year": 2001, "month": 5, "day": 31}),
    ("2004-06", "2006-08", {"year": 2006, "month": 8}),  # the same precision: as written
    ("2004-02-01", "2005", {"year": 2005, "month": 12, "day": 31}),
])
def test_timeline_json_ends_never_fall_before_their_start(start, end, expected):
    slide = timeline(make_site([event("a", start, end)]))["events"][0]
    assert slide["end_date"] == expected
    assert _day(slide["end_date"]) >= _day(slide["start_date"])


def test_a_coarser_end_says_what_it_is_in_the_display_date():
    slide = timeline(make_site([event("a", "2004-06-11", "2004-06")]))["events"][0]
    assert slide["display_date"] == "11 June 2004 – June 2004"


SITE = {"events/a.md": "---\ntitle: A\ndate: '2004-06-11'\nend: '2004-06'\nplaces: [hanoi]\n"
                       "route:\n  - place: hanoi\n  - place: hue\n---\nBody.\n",
        "events/b.md": "---\ntitle: B\ndate: '1750'\nend: 176X\n---\nBody.\n",
        "eras.yaml": "- name: Decades\n  start: '1750'\n  end: 176X\n",
        "places/hanoi.md": "---\nname: Hanoi\nlat: 21.03\nlon: 105.85\n---\n",
        "places/hue.md": "---\nname: Hue\nlat: 16.46\nlon: 107.59\n---\n"}


def test_built_exports_give_each_end_its_latest_day(content, tmp_path):
    run = build(content(SITE), tmp_path / "site")
    assert run.code == 0, run.err
    site = tmp_path / "site"
    data = json.loads((site / "timeline.json").read_text(encoding="utf-8"))
    ends = {e["unique_id"]: e["end_date"] for e in data["events"]}
    assert ends == {"a": {"year": 2004, "month": 6, "day": 30}, "b": {"year": 1769}}
    assert data["eras"][0]["end_date"] == {"year": 1769}
    ld = {}
    for slug in ("a", "b"):
        page = (site / f"events/{slug}.html").read_text(encoding="utf-8")
        ld[slug] = json.loads(re.search(r'<script type="application/ld\+json">(.*?)</script>', page, re.S).group(1))
    assert (ld["a"]["startDate"], ld["a"]["endDate"]) == ("2004-06-11", "2004-06")  # ISO: the whole month
    assert (ld["b"]["startDate"], ld["b"]["endDate"]) == ("1750", "1760s")  # no ISO form: the span in words
    geo = json.loads((site / "places.geojson").read_text(encoding="utf-8"))
    [route] = [f for f in geo["features"] if f["geometry"]["type"] == "LineString"]
    assert (route["properties"]["start"], route["properties"]["end"]) == ("2004-06-11", "2004-06")  # EDTF
    ics = (site / "calendar.ics").read_text(encoding="utf-8")
    assert "DTEND;VALUE=DATE:20040601" not in ics  # left out (not day-precise), never cut to its first day
