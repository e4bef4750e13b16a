"""timeline.html, our own timeline: its data, lanes, uncertainty in words, settings, and the pages around it."""
from __future__ import annotations

import json
import math
import re

import pytest

from chronicle.content.load import load_content  # noqa: F401 (imported for a clear failure if the stage moves)
from chronicle.dates.calendars import day_number, is_leap
from chronicle.dates import parse_date, parse_interval
from chronicle.content.model import Event
from chronicle.figures.timeline_view import event_span, spoken_when
from tests.support import MINIMAL_SITE, SHOWCASE, build

PEOPLE = {
    "people/kim-jong-un.md": "---\nname: Kim Jong Un\n---\n",
    "people/xi-jinping.md": "---\nname: Xi Jinping\n---\n",
}
PLACES = {
    "places/beijing.md": "---\nname: Beijing\ncountry: China\n---\n",
    "places/hanoi.md": "---\nname: Hanoi\ncountry: Vietnam\n---\n",
}
EVENTS = {
    "events/talks.md": "---\ntitle: Talks in Beijing\ndate: 2019-01-08/2019-01-10\npeople: [kim-jong-un, xi-jinping]\n"
                       "places: [beijing]\ntags: [summits]\n---\n",
    "events/summit.md": "---\ntitle: Hanoi summit\ndate: 2019-02-27\npeople: [kim-jong-un]\nplaces: [hanoi]\n---\n",
    "events/founding.md": "---\ntitle: Relations founded\ndate: 1950~\n---\n",
}


def view_json(html: str) -> dict:
    """The inline data block timeline.js reads."""
    match = re.search(r'<script type="application/json" id="tv-data">(.*?)</script>', html, re.S)
    assert match, "timeline.html has no inline data"
    return json.loads(match.group(1))


def event(date: str, end: str | None = None) -> Event:
    start, interval_end = parse_interval(date)
    return Event("e", "E", start, interval_end or (parse_date(end) if end else None))


@pytest.mark.parametrize("date,end,kind,fuzzy,open_end,width_days", [
    ("2019-02-26T08:15", None, "point", False, False, None),       # a moment: a mark
    ("2019-02-27", None, "point", False, False, None),             # a day: a mark
    ("2019-02-23", "2019-02-26", "span", False, False, 4),         # the 66-hour train: four days
    ("2019-02-27/2019-03-01", None, "span", False, False, 3),     # a three-day visit
    ("1958", None, "imprecise", False, False, 365),               # known to the year: the whole year, faded
    ("201X", None, "imprecise", True, False, 3652),               # a decade
    ("1957~/1959~", None, "span", True, False, 1095),             # approximate both ends
    ("1985/..", None, "span", False, True, None),                 # ongoing
])
def test_spans_tell_points_intervals_and_uncertainty_apart(date, end, kind, fuzzy, open_end, width_days):
    span = event_span(event(date, end))
    assert (span.kind, span.fuzzy, span.open_end) == (kind, fuzzy, open_end)
    if width_days:
        assert abs(days_at(span.end) - days_at(span.start) - width_days) < 0.01  # a fraction of a day


def days_at(year: float) -> float:
    """A fractional year back on a day count: whole years by the calendar, the rest by that year's days."""
    whole = math.floor(year)
    return day_number((whole, 1, 1)) + (year - whole) * (366 if is_leap(whole) else 365)


@pytest.mark.parametrize("date,end,days", [
    ("2019-02-27", "2019-03-01", 3),     # across the end of February
    ("2020-02-27", "2020-03-01", 4),     # a leap year has the 29th
    ("2019-01-31", "2019-02-01", 2),     # across a month end
    ("2018-12-31", "2019-01-01", 2),     # across a year end
    ("-0043-03-14", "-0043-03-16", 3),   # 44 BC, a leap year (astronomical -43)
    ("0000-02-28", "0000-03-01", 3),     # 1 BC, a leap year
    ("Y-170001", None, 365),             # a whole common year beyond four digits (170,002 BC)
    ("Y170004", None, 366),              # a whole leap year beyond four digits
])
def test_days_are_equally_wide_within_a_year(date, end, days):
    start = parse_date(date)
    last = parse_date(end) if end else start
    assert (last.latest() - start.earliest()) * (366 if is_leap(start.year) else 365) == pytest.approx(days, abs=1e-6)


@pytest.mark.parametrize("before,after", [
    ("2019-02-28", "2019-03-01"), ("2020-02-29", "2020-03-01"), ("2019-12-31", "2020-01-01"),
    ("-0001-12-31", "0000-01-01"), ("2019-07-31", "2019-08-01"),
])
def test_the_time_line_has_no_jumps_at_month_or_year_ends(before, after):
    first, second = parse_date(before), parse_date(after)
    assert first.latest() == pytest.approx(second.fractional_year(), abs=1e-9)
    assert first.fractional_year() < second.fractional_year() and first.sort_key() < second.sort_key()


@pytest.mark.parametrize("date,spoken", [
    ("1957~/1959~", "c. 1957 – c. 1959, approximate"),
    ("1958?", "1958?, uncertain"),
    ("1985/..", "from 1985 (ongoing), ongoing"),
    ("2019-02-27", "27 February 2019"),
])
def test_screen_readers_hear_uncertainty_in_words(date, spoken):
    start, end = parse_interval(date)
    text = spoken_when(Event("e", "E", start, end), "en")
    assert text.split(", ")[-1] == spoken.split(", ")[-1] and text.startswith(spoken.split(",")[0].split(" – ")[0])


def test_timeline_page_has_lanes_for_every_facet_and_every_event(content, tmp_path):
    run = build(content({**PEOPLE, **PLACES, **EVENTS}), tmp_path / "site")
    assert run.code == 0, run.err
    html = (tmp_path / "site" / "timeline.html").read_text(encoding="utf-8")
    data = view_json(html)
    assert data["facet"] == "people"
    assert [lane["name"] for lane in data["facets"]["people"]] == ["Kim Jong Un", "Xi Jinping", "None named"]
    assert [lane["name"] for lane in data["facets"]["countries"]] == ["China", "Vietnam", "None named"]
    assert [lane["name"] for lane in data["facets"]["tags"]] == ["summits", "None named"]
    talks = next(e for e in data["events"] if e["t"] == "Talks in Beijing")
    assert talks["l"]["people"] == [0, 1]  # one event, two lanes
    assert talks["h"] == "events/talks.html" and talks["k"] == "s"
    founding = next(e for e in data["events"] if e["t"] == "Relations founded")
    assert founding["f"] == 1 and founding["a"] == "c. 1950, approximate"
    # Without JavaScript: the list is complete and linked, the axis is drawn, the script is classic and local.
    assert html.count('<li id="tv-e') == 3 and 'href="events/summit.html"' in html
    assert 'class="time-axis"' in html
    assert '<script src="assets/timeline.js" defer></script>' in html and "type=\"module\"" not in html
    assert (tmp_path / "site" / "assets" / "timeline.js").exists()


def test_site_chooses_the_first_lane_facet(content, tmp_path):
    run = build(content({**PEOPLE, **PLACES, **EVENTS}, MINIMAL_SITE + "timeline:\n  lanes: countries\n"),
                tmp_path / "site")
    assert run.code == 0, run.err
    html = (tmp_path / "site" / "timeline.html").read_text(encoding="utf-8")
    assert view_json(html)["facet"] == "countries"
    assert '<option value="countries" selected>' in html


@pytest.mark.parametrize("block,message", [
    ("timeline:\n  lanes: peeple\n", "4: timeline: unknown lanes 'peeple' (did you mean 'people'?)"),
    ("timeline:\n  lane: people\n", "4: timeline: unknown key 'lane' (expected: lanes)"),
    ("timeline: people\n", "4: timeline: expected a mapping such as 'lanes: people', got text"),
])
def test_bad_timeline_settings_are_one_line_errors(content, tmp_path, block, message):
    folder = content(EVENTS | PEOPLE | PLACES, MINIMAL_SITE + block)
    (tmp_path / "site").mkdir()
    (tmp_path / "site" / "keep.txt").write_text("old")
    run = build(folder, tmp_path / "site")
    assert run.code == 1
    assert run.error_lines == [f"{folder / 'site.yaml'}:{message}".replace(str(tmp_path) + "/", "")]
    assert (tmp_path / "site" / "keep.txt").read_text() == "old"


def test_navigation_leads_to_our_timeline_and_timelinejs_stays_an_export(content, tmp_path):
    run = build(content({**PEOPLE, **PLACES, **EVENTS}), tmp_path / "site")
    assert run.code == 0, run.err
    site = tmp_path / "site"
    index = (site / "index.html").read_text(encoding="utf-8")
    assert '<figcaption><a href="timeline.html">' in index
    footer = index.split('<footer class="site-footer">')[1]
    assert 'href="timeline.html"' in footer and 'href="timelinejs.html">TimelineJS</a>' in footer
    tljs = (site / "timelinejs.html").read_text(encoding="utf-8")
    assert 'id="timeline-data"' in tljs and "assets/vendor/timelinejs/js/timeline.js" in tljs
    assert (site / "timeline.json").exists()


def test_showcase_axis_breaks_the_empty_decades_and_names_eras_in_full(tmp_path):
    run = build(SHOWCASE, tmp_path / "site")
    assert run.code == 0, run.err
    index = (tmp_path / "site" / "index.html").read_text(encoding="utf-8")
    wide = re.search(r'<div class="axis-wide">(.*?)</div>', index, re.S).group(1)
    narrow = re.search(r'<div class="axis-narrow">(.*?)</div>', index, re.S).group(1)
    for svg in (wide, narrow):
        assert "no events 1965–2017" in svg
        assert ">Kim Il Sung leads the DPRK</text>" in svg and ">Donald Trump&#39;s first presidency</text>" in svg
    assert 'viewBox="0 0 360 ' in narrow


def _dated(*years: str) -> dict[str, str]:
    return {f"events/e{n}.md": f"---\ntitle: Event {n}\ndate: '{year}'\n---\n" for n, year in enumerate(years)}


@pytest.mark.parametrize("years,periods", [
    (("1950", "1958", "1964", "2018", "2019", "2023"), ["1950s", "1960s", "2010s", "2020s"]),  # clusters in decades
    (("1905", "1920", "1935", "1950", "1965", "1980", "1995", "2010"),
     ["1900–1949", "1950–1999", "2000–2049"]),  # a century-long cluster: half centuries
    (("-0499", "-0480", "-0460", "-0440", "-0420"), ["500 BC–476 BC", "475 BC–451 BC", "450 BC–426 BC",
                                                      "425 BC–401 BC"]),  # BC periods round in BC years
    (("-0004", "0003"), ["10 BC–1 BC", "1–9"]),  # no year 0 between them
])
def test_print_periods_are_the_axis_clusters_cut_at_round_years(content, tmp_path, years, periods):
    run = build(content(_dated(*years)), tmp_path / "site")
    assert run.code == 0, run.err
    for page in ("index.html", "timeline.html"):
        html = (tmp_path / "site" / page).read_text(encoding="utf-8")
        assert re.findall(r'data-period="([^"]*)"', html) == periods
