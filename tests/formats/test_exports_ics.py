"""calendar.ics: RFC 5545 structure, checked by parsing it with the icalendar package."""
from __future__ import annotations

import datetime

import icalendar
import pytest

from chronicle.dates import parse_date
from chronicle.formats.ics import calendar_ics, escape_text, fold, next_day
from chronicle.content.model import Event, Place, Site, SiteConfig, Stop

HANOI = Place("hanoi", "Hanoi, Vietnam", "Hà Nội", "Vietnam", lat=21.03, lon=105.85)
DONG_DANG = Place("dong-dang", "Đồng Đăng")


def make_site(events: list[Event], base_url: str = "https://user.github.io/repo/") -> Site:
    """A Site with just the fields the calendar reads."""
    return Site(config=SiteConfig(title="Trains", base_url=base_url), events=tuple(events),
                events_by_slug={e.slug: e for e in events}, people={},
                places={"hanoi": HANOI, "dong-dang": DONG_DANG}, tags={}, years={},
                events_by_person={}, events_by_place={}, backlinks={})


def event(slug: str, start: str, end: str | None = None, **fields) -> Event:
    """An event titled after its slug unless told otherwise."""
    return Event(slug=slug, title=fields.pop("title", slug.title()), start=parse_date(start),
                 end=parse_date(end) if end else None, **fields)


def parsed(site: Site, epoch: str | None = None) -> tuple[icalendar.Calendar, list[str], bytes]:
    """The calendar bytes, parsed, with the notes."""
    data, notes = calendar_ics(site, epoch)
    return icalendar.Calendar.from_ical(data), notes, data


def test_calendar_parses_with_all_day_events_and_exclusive_end():
    site = make_site([event("summit", "2019-02-27", "2019-02-28", summary="Talks, day one; two.",
                            places=("hanoi",), tags=("summits",))])
    cal, notes, _ = parsed(site)
    assert cal["VERSION"] == "2.0" and "PRODID" in cal
    [vevent] = cal.walk("VEVENT")
    assert vevent["UID"] == "summit@user.github.io"
    assert vevent.decoded("DTSTART") == datetime.date(2019, 2, 27)
    assert vevent.decoded("DTEND") == datetime.date(2019, 3, 1)
    assert str(vevent["SUMMARY"]) == "Summit"
    assert str(vevent["DESCRIPTION"]) == "Talks, day one; two."
    assert str(vevent["LOCATION"]) == "Hanoi, Vietnam"
    assert str(vevent["URL"]) == "https://user.github.io/repo/events/summit.html"
    assert notes == []


def test_single_day_event_ends_the_next_day_across_year_end():
    [vevent] = parsed(make_site([event("eve", "1999-12-31")]))[0].walk("VEVENT")
    assert vevent.decoded("DTEND") == datetime.date(2000, 1, 1)


@pytest.mark.parametrize("day, expected", [
    ("2019-02-28", "2019-03-01"), ("2020-02-28", "2020-02-29"), ("2020-02-29", "2020-03-01"),
    ("1900-02-28", "1900-03-01"), ("2019-12-31", "2020-01-01"), ("-0044-03-15", "-0044-03-16"),
    ("-0001-12-31", "0000-01-01"),
])
def test_next_day_rolls_over_months_and_years(day, expected):
    assert next_day(parse_date(day)).iso() == expected


def test_leaves_out_and_counts_coarse_and_bc_events():
    site = make_site([event("year", "1958"), event("month", "1958-11"),
                      event("open-end", "1958-11-28", "1958-12"), event("caesar", "-0043-03-15"),
                      event("day", "1958-11-28")])
    cal, notes, _ = parsed(site)
    assert [str(v["UID"]) for v in cal.walk("VEVENT")] == ["day@user.github.io"]
    assert notes == ["calendar.ics: 3 event(s) without day precision left out",
                     "calendar.ics: 1 event(s) outside the years AD 1-9999 left out"]


def test_location_falls_back_to_first_route_stop():
    site = make_site([event("trip", "2019-02-26", route=(Stop("dong-dang"), Stop("hanoi")))])
    [vevent] = parsed(site)[0].walk("VEVENT")
    assert str(vevent["LOCATION"]) == "Đồng Đăng"


def test_without_base_url_uid_uses_timeline_and_no_url():
    [vevent] = parsed(make_site([event("a", "2019-02-26")], base_url=""))[0].walk("VEVENT")
    assert vevent["UID"] == "a@timeline"
    assert "URL" not in vevent


def test_dtstamp_comes_from_source_date_epoch_or_the_content():
    site = make_site([event("a", "2019-02-26"), event("b", "2018-11-29", "2018-12-02")])
    assert b"DTSTAMP:20190226T000000Z\r\n" in parsed(site)[2]
    assert b"DTSTAMP:20200913T122640Z\r\n" in parsed(site, "1600000000")[2]
    _, notes, data = parsed(site, "yesterday")
    assert b"DTSTAMP:20190226T000000Z\r\n" in data
    assert notes == ["calendar.ics: SOURCE_DATE_EPOCH 'yesterday' is not a Unix time;"
                     " DTSTAMP taken from the events instead"]


def test_lines_end_in_crlf_and_fold_within_75_octets():
    title = "Kim Jong Un's armoured train crosses into Đồng Đăng " * 4
    _, _, data = parsed(make_site([event("long", "2019-02-26", title=title, summary=title)]))
    assert data.endswith(b"\r\n") and b"\n" not in data.replace(b"\r\n", b"")
    assert all(len(line) <= 75 for line in data.split(b"\r\n"))
    [vevent] = icalendar.Calendar.from_ical(data).walk("VEVENT")
    assert str(vevent["SUMMARY"]) == title


def test_fold_never_splits_a_multibyte_character():
    folded = fold("SUMMARY:" + "Đ" * 100)
    for line in folded.split(b"\r\n")[:-1]:
        line.decode("utf-8")  # raises if a character was cut in two
        assert len(line) <= 75


@pytest.mark.parametrize("text, expected", [
    ("a,b;c\\d", "a\\,b\\;c\\\\d"), ("one\ntwo\r\nthree", "one\\ntwo\\nthree"), ("bell\x07", "bell"),
])
def test_escapes_text_values(text, expected):
    assert escape_text(text) == expected


def test_approximate_day_is_kept_with_its_wording_in_the_description():
    site = make_site([event("arrival", "2019-02-26~", summary="Arrives.")])
    [vevent] = parsed(site)[0].walk("VEVENT")
    assert str(vevent["DESCRIPTION"]) == "Arrives.\n\nDate: c. 26 February 2019"


UTC = datetime.timezone.utc


@pytest.mark.parametrize("start, end, dtstart, dtend", [
    # A zone is written as UTC; no zone is floating local time (a naive datetime).
    ("1985-04-12T23:20Z", None, datetime.datetime(1985, 4, 12, 23, 20, tzinfo=UTC), None),
    ("1985-04-12T23:20:30+05:30", None, datetime.datetime(1985, 4, 12, 17, 50, 30, tzinfo=UTC), None),
    ("1985-04-12T23:20-02:00", None, datetime.datetime(1985, 4, 13, 1, 20, tzinfo=UTC), None),
    ("1985-04-12T23:20", None, datetime.datetime(1985, 4, 12, 23, 20), None),
    ("2019-02-27T18:30", "2019-02-27T20:00", datetime.datetime(2019, 2, 27, 18, 30),
     datetime.datetime(2019, 2, 27, 20, 0)),
    ("2019-02-27T18:30Z", "2019-02-28T01:00+09:00", datetime.datetime(2019, 2, 27, 18, 30, tzinfo=UTC),
     datetime.datetime(2019, 2, 27, 16, 0, tzinfo=UTC)),
])
def test_moment_is_written_with_its_time_not_as_an_all_day_event(start, end, dtstart, dtend):
    [vevent] = parsed(make_site([event("moment", start, end)]))[0].walk("VEVENT")
    assert vevent.decoded("DTSTART") == dtstart
    # RFC 5545 3.6.1: a DATE-TIME DTSTART without DTEND is an instant, so none is invented.
    assert (vevent.decoded("DTEND") if "DTEND" in vevent else None) == dtend


def test_moment_with_a_day_end_stays_an_all_day_span():
    [vevent] = parsed(make_site([event("mixed", "2019-02-27T18:30Z", "2019-02-28")]))[0].walk("VEVENT")
    assert vevent.decoded("DTSTART") == datetime.date(2019, 2, 27)
    assert vevent.decoded("DTEND") == datetime.date(2019, 3, 1)
