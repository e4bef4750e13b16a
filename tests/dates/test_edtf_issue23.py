"""Issue 23's date defects: offsets, level 2 hints, draft forms, times, fully unknown dates, display words."""
from __future__ import annotations

import datetime
import json
import re

import pytest

from chronicle.dates import DateError, display_range, parse_date, parse_interval
from chronicle.dates.text import range_text
from tests.support import build

edtf = pytest.importorskip("edtf")

NEGATIVE_OFFSETS = ["1985-04-12T23:20:30-04", "-1985-04-12T23:20:30-04", "2016-05-02T16:54:59-11:59"]


@pytest.mark.parametrize("text", NEGATIVE_OFFSETS)
def test_a_negative_utc_offset_keeps_the_first_day_before_the_last(text):
    date = parse_date(text)
    # sort_key() begins with the day in UTC, 13 April for 23:20 at -04: the day bounds hold it.
    assert date.start_key() <= date.sort_key()[:3] <= date.end_key()
    assert date.start_key() <= date.end_key()
    lower, upper = edtf.parse_edtf(text).lower_strict(), edtf.parse_edtf(text).upper_strict()
    assert date.earliest_day() == (lower.tm_year, lower.tm_mon, lower.tm_mday) == date.latest_day()
    assert date.earliest_day() == (upper.tm_year, upper.tm_mon, upper.tm_mday)


def test_an_event_at_a_negative_offset_may_end_on_its_own_day(content, tmp_path):
    files = {f"events/e{i}.md": f"---\ntitle: E{i}\ndate: '{text}'\nend: '{text.split('T')[0]}'\n---\nBody.\n"
             for i, text in enumerate(NEGATIVE_OFFSETS)}
    files["events/span.md"] = "---\ntitle: Span\ndate: 1985-04-12T23:20:30-04/1985-04-12T23:50:00-04\n---\nBody.\n"
    run = build(content(files), tmp_path / "site")
    assert run.code == 0, run.err
    assert "12 April 1985, 23:20:30 (-04:00)" in (tmp_path / "site/events/e0.html").read_text(encoding="utf-8")


@pytest.mark.parametrize("text, message", [
    # '1994~' alone dropped the end; an interval's hint is the whole interval.
    ("~1994/~2010", "level 2 of EDTF is not supported: the closest level 1 form is '1994~/2010~'"),
    ("1994/~2010", "level 2 of EDTF is not supported: the closest level 1 form is '1994/2010~'"),
    # Southern autumn is March to May (python-edtf's months), not level 1's autumn (2001-23).
    ("2001-31", "level 2 of EDTF is not supported: the closest level 1 form is '2001-03/2001-05'"),
    ("2001-30", "level 2 of EDTF is not supported, and level 1 has no form of the same meaning"),
    ("[..1984]", "level 2 of EDTF is not supported: the closest level 1 form is '../1984'"),
    ("[1984..]", "level 2 of EDTF is not supported: the closest level 1 form is '1984/..'"),
    # One of two dates 3,400 years apart is no span.
    ("[-1667,1760-12]", "level 2 of EDTF is not supported, and level 1 has no form of the same meaning"),
    ("{1667,1760}", "level 2 of EDTF is not supported, and level 1 has no form of the same meaning"),
    ("[1760-12..]/1770", "level 2 of EDTF is not supported, and level 1 has no form of the same meaning"),
])
def test_level_2_hints_never_change_the_meaning(text, message):
    with pytest.raises(DateError) as error:
        parse_interval(text)
    assert str(error.value) == message
    hint = re.search(r"'(.*)'$", message)
    if hint:
        start, end = parse_interval(hint.group(1))
        assert end is not None or "/" not in hint.group(1)


def test_a_southern_season_hint_has_the_bounds_python_edtf_gives_it():
    start, end = parse_interval("2001-03/2001-05")
    parsed = edtf.parse_edtf("2001-31")
    lower, upper = parsed.lower_strict(), parsed.upper_strict()
    assert (start.earliest_day(), end.latest_day()) == ((lower.tm_year, lower.tm_mon, lower.tm_mday),
                                                        (upper.tm_year, upper.tm_mon, upper.tm_mday))


@pytest.mark.parametrize("text, hint", [
    ("197u", "197X"), ("19uu", "19XX"), ("19xx", "19XX"), ("uuuu", "XXXX"), ("1985-04-uu", "1985-04-XX"),
    ("1970/open", "1970/.."), ("1970/unknown", "1970/"), ("open/1970", "../1970"), ("unknown/1970", "/1970"),
])
def test_older_draft_forms_are_named_with_the_form_that_replaced_them(text, hint):
    with pytest.raises(DateError) as error:
        parse_interval(text)
    assert str(error.value) == f"not a date: '{text}' is an older EDTF draft form; write {hint}"
    assert parse_interval(hint)


# The edtf.js suite (test/parser.js, level 0) accepts fractional seconds and 24:00:00;
# python-edtf 5 refuses fractions: the suite is followed.
@pytest.mark.parametrize("text, shown", [
    ("2016-05-02T16:54:59.042", "2 May 2016, 16:54:59.042"),
    ("2016-05-02T16:54:59.042Z", "2 May 2016, 16:54:59.042 UTC"),
    ("2016-05-02T16:54:59.4+02:30", "2 May 2016, 16:54:59.4 (+02:30)"),
    ("2016-05-02T24:00:00", "2 May 2016, 24:00"),
])
def test_fractional_seconds_and_the_end_of_the_day_are_level_0(text, shown):
    date = parse_date(text)
    assert display_range(date, None) == shown
    assert parse_date(date.iso()) == date
    assert (date.earliest_day(), date.latest_day()) == ((2016, 5, 2), (2016, 5, 2))


def test_the_end_of_the_day_sorts_as_the_next_midnight():
    assert parse_date("2016-05-02T24:00:00").sort_key()[:4] == (2016, 5, 3, 0)


@pytest.mark.parametrize("text, message", [
    ("2016-05-02T24:00:01", "24:00:01 is not a time of day"),
    ("2016-05-02T24:00:00.5", "24:00:00.5 is not a time of day"),
    ("2016-05-02T23:61:00", "23:61:00 is not a time of day"),
    ("2016-05-02T16:54:59,042", "not a date and time of day: write YYYY-MM-DDThh:mm:ss, optionally with Z or ±hh:mm"),
    ("2016-05-02T16:54:59.", "not a date and time of day: write YYYY-MM-DDThh:mm:ss, optionally with Z or ±hh:mm"),
    ("2016-05-02T12:00:00-00:00", "time zone -00:00 does not exist"),
    ("2016-05-02T12:00:00-12:01", "time zone -12:01 does not exist"),
    ("2016-05-02T12:00:00+14:01", "time zone +14:01 does not exist"),
])
def test_a_refused_time_says_it_is_the_time(text, message):
    with pytest.raises(DateError) as error:
        parse_interval(text)
    assert str(error.value) == message


# Level 1 in the edtf.js suite (test/parser.js: 'XXXX', 'XXXX-XX', 'XXXX-XX-XX', '/', '../..');
# python-edtf refuses '/' and fails on '../..'. The contract's open-end convention holds:
# '..' is open (no bound), an empty end is unknown.
@pytest.mark.parametrize("text, shown, earliest, latest", [
    ("XXXX", "year unknown", (0, 1, 1), (9999, 12, 31)),
    ("XXXX-XX", "year unknown", (0, 1, 1), (9999, 12, 31)),
    ("XXXX-XX-XX", "year unknown", (0, 1, 1), (9999, 12, 31)),
    ("../..", "open at both ends", None, None),
    ("/", "start and end unknown", (0, 1, 1), (9999, 12, 31)),
])
def test_fully_unknown_dates_and_intervals_are_level_1(text, shown, earliest, latest):
    start, end = parse_interval(text)
    assert display_range(start, end) == shown
    assert (start.earliest_day(), (end or start).latest_day()) == (earliest, latest)
    if text in ("XXXX", "XXXX-XX"):  # python-edtf agrees on these
        parsed = edtf.parse_edtf(text)
        assert (parsed.lower_strict().tm_year, parsed.upper_strict().tm_year) == (0, 9999)
    if "/" in text:
        assert (start.open, end.open) == ((True, True) if text == "../.." else (False, False))


def test_fully_unknown_dates_build(content, tmp_path):
    files = {"events/a.md": "---\ntitle: A\ndate: XXXX\n---\nBody.\n",
             "events/b.md": "---\ntitle: B\ndate: ../..\n---\nBody.\n",
             "events/c.md": "---\ntitle: C\ndate: 1958-11-28\n---\nBody.\n"}
    run = build(content(files), tmp_path / "site")
    assert run.code == 0, run.err
    assert "open at both ends" in (tmp_path / "site/events/b.html").read_text(encoding="utf-8")


@pytest.mark.parametrize("text, shown, korean", [("1XXX", "1000–1999", "1000년 ~ 1999년"),
                                                  ("2XXX~", "c. 2000–2999", "2000년 ~ 2999년경"),
                                                  ("19XX", "1900s", "1900년대")])
def test_a_millennium_is_not_shown_as_a_decade(text, shown, korean):
    assert display_range(parse_date(text), None) == shown
    assert range_text(parse_date(text), None, "ko") == korean


def test_an_interval_with_a_side_that_is_no_date_says_so_not_level_2():
    with pytest.raises(DateError) as error:
        parse_interval("abc/~2010")
    assert str(error.value) == "not a date: use YYYY, YYYY-MM or YYYY-MM-DD, optionally with ~ ? or %"


ERAS = "- name: Early\n  start: '0600'\n  end: '0650'\n- name: Late\n  start: '0650'\n  end: '0700'\n"


def test_eras_written_end_to_start_meet_and_do_not_overlap(content, tmp_path):
    files = {"events/a.md": "---\ntitle: A\ndate: '0620'\n---\nBody.\n",
             "events/b.md": "---\ntitle: B\ndate: '0680'\n---\nBody.\n", "eras.yaml": ERAS}
    run = build(content(files), tmp_path / "site")
    assert run.code == 0, run.err
    view = (tmp_path / "site/timeline.html").read_text(encoding="utf-8")
    eras = json.loads(re.search(r'id="tv-data">(.*?)</script>', view, re.S).group(1))["eras"]
    day = lambda year: datetime.date(year, 1, 1).toordinal() - datetime.date(1970, 1, 1).toordinal()  # noqa: E731
    assert [(e["name"], e["s"], e["e"]) for e in eras] == [("Early", day(600), day(650)), ("Late", day(650), day(701))]
    index = (tmp_path / "site/index.html").read_text(encoding="utf-8")
    axis = re.search(r'<div class="axis-wide">(.*?)</div>', index, re.S).group(1)
    rects = re.findall(r'<g class="axis-band axis-band-\d"><title>[^<]*</title><rect x="([0-9.]+)"[^>]*width="([0-9.]+)"',
                       axis)
    assert len(rects) == 2
    (x0, w0), (x1, _) = [(float(x), float(w)) for x, w in rects]
    assert x0 + w0 <= x1 + 0.01  # the first band ends where the second begins


def test_deep_time_reads_the_same_in_the_list_and_on_the_axis(content, tmp_path):
    files = {"events/big-bang.md": "---\ntitle: The Big Bang\ndate: Y-13800000000\n---\nBody.\n",
             "events/summit.md": "---\ntitle: Summit\ndate: 2019-02-27\n---\nBody.\n"}
    run = build(content(files), tmp_path / "site")
    assert run.code == 0, run.err
    index = (tmp_path / "site/index.html").read_text(encoding="utf-8")
    assert "13,800,000,001 BC" not in index
    listed = re.sub(r"<svg.*?</svg>", "", index, flags=re.S)
    assert "13.8 billion years ago" in listed  # the list's year heading, as the axis says it
