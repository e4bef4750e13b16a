"""EDTF dates: parsing, display, ordering and invalid forms."""
import pytest

from chronicle.dates import DateError, display_date, display_range, parse_date, parse_interval


@pytest.mark.parametrize("text, shown", [
    ("1958-11-28", "28 November 1958"),
    ("1958-11", "November 1958"),
    ("1958", "1958"),
    ("1958~", "c. 1958"),
    ("1958-11~", "c. November 1958"),
    ("1958?", "1958?"),
    ("1958%", "c. 1958?"),
    ("-0043", "44 BC"),
    ("0000", "1 BC"),
    ("-0043-03-15", "15 March 44 BC"),
    ("2000-02-29", "29 February 2000"),
    (1912, "1912"),
])
def test_displays_dates_as_the_contract_table(text, shown):
    assert display_date(parse_date(text)) == shown


@pytest.mark.parametrize("text, precision, approximate, uncertain", [
    ("1958-11-28", "day", False, False),
    ("1958-11", "month", False, False),
    ("1958~", "year", True, False),
    ("1958-11-28?", "day", False, True),
    ("1958%", "year", True, True),
])
def test_parses_precision_and_qualifiers(text, precision, approximate, uncertain):
    date = parse_date(text)
    assert (date.precision, date.approximate, date.uncertain) == (precision, approximate, uncertain)


@pytest.mark.parametrize("text", [
    "2019-02-30", "19xx", "2019-13", "2019-00", "1900-02-29", "58", "1958-1-2", "", "1958~?", "2019/02/03",
])
def test_rejects_invalid_dates(text):
    with pytest.raises(DateError):
        parse_date(text)


@pytest.mark.parametrize("value, shown", [
    ("2019-02-23/2019-03-05", "23 February – 5 March 2019"),
    ("2019-02-27/2019-02-28", "27–28 February 2019"),
    ("1958-11-21/1958-12", "21 November 1958 – December 1958"),
    ("2018-12-30/2019-01-02", "30 December 2018 – 2 January 2019"),
    ("-0100/-0043", "101 BC – 44 BC"),
    ("-0043/0014", "44 BC – AD 14"),
    ("1957-07~/1957-08", "c. July 1957 – August 1957"),
])
def test_displays_intervals(value, shown):
    assert display_range(*parse_interval(value)) == shown


def test_sorts_bc_before_ad_and_year_before_its_days():
    texts = ["1958-11-28", "1958", "-0043", "0000", "1958-11", "1950-01-31", "-2332"]
    ordered = sorted(texts, key=lambda t: parse_date(t).sort_key())
    assert ordered == ["-2332", "-0043", "0000", "1950-01-31", "1958", "1958-11", "1958-11-28"]


def test_leap_years_follow_the_proleptic_gregorian_rule_before_year_one():
    assert parse_date("-0004-02-29").day == 29  # astronomical -4 is divisible by 4
    with pytest.raises(DateError):
        parse_date("-0100-02-29")


# --- Built pages and exports: display_date, calendar: julian, spans and open ends -------------------
import json  # noqa: E402

from tests.support import build  # noqa: E402


def _event(front: str) -> str:
    return f"---\n{front.strip()}\n---\nBody.\n"


def _built(content, tmp_path, events: dict[str, str]):
    site = tmp_path / "site"
    run = build(content({f"events/{slug}.md": _event(front) for slug, front in events.items()}), site)
    assert (run.code, run.err) == (0, "")
    return site


def test_display_date_replaces_the_date_text_everywhere_but_still_orders(content, tmp_path):
    site = _built(content, tmp_path, {
        "late": "title: Late\ndate: 1990",
        "early": "title: Early\ndate: 1740-08\ndisplay_date: mid 1740s",
    })
    page = (site / "events/early.html").read_text()
    assert '<p class="when">mid 1740s</p>' in page and "August 1740" not in page
    index = (site / "index.html").read_text()
    assert index.index("Early") < index.index("Late") and "mid 1740s" in index
    assert "mid 1740s" in (site / "feed.xml").read_text()
    slides = json.loads((site / "timeline.json").read_text())["events"]
    assert slides[0]["display_date"] == "mid 1740s" and slides[0]["start_date"] == {"year": 1740, "month": 8}


def test_julian_dates_show_old_style_and_order_and_export_as_gregorian(content, tmp_path):
    site = _built(content, tmp_path, {
        "fire": "title: Great Fire\ndate: 1666-09-02\ncalendar: julian",
        "leap": "title: Leap\ndate: 1700-02-29\ncalendar: julian",  # no such Gregorian day
        "later": "title: Later\ndate: 1666-09-05",
    })
    page = (site / "events/fire.html").read_text()
    assert '<p class="when">2 September 1666 (O.S.; 12 September 1666)</p>' in page
    assert "29 February 1700 (O.S.; 11 March 1700)" in (site / "events/leap.html").read_text()
    index = (site / "index.html").read_text()
    assert index.index("Later") < index.index("Great Fire")  # 5 Sept N.S. before 12 Sept N.S.
    ics = (site / "calendar.ics").read_text()
    assert "DTSTART;VALUE=DATE:16660912" in ics and "DTSTART;VALUE=DATE:17000311" in ics


def test_rejects_an_unknown_calendar(content, tmp_path):
    run = build(content({"events/a.md": _event("title: A\ndate: 1666\ncalendar: hebrw")}), tmp_path / "site")
    assert run.code == 1
    assert run.error_lines == ["content/events/a.md:4: calendar: unknown calendar 'hebrw' (did you mean 'hebrew'?)"]


def test_level_2_in_front_matter_is_one_line_naming_the_level_1_form(content, tmp_path):
    run = build(content({"events/a.md": _event("title: A\ndate: '2004?-06'")}), tmp_path / "site")
    assert run.code == 1
    assert run.error_lines == ["content/events/a.md:3: date: invalid date '2004?-06': level 2 of EDTF is not "
                               "supported: the closest level 1 form is '2004-06?'"]


def test_exports_map_spans_moments_and_open_ends(content, tmp_path):
    site = _built(content, tmp_path, {
        "decade": "title: Decade\ndate: 201X",
        "moment": "title: Moment\ndate: 1985-04-12T23:20:30Z",
        "ongoing": "title: Ongoing\ndate: 1999-01-02/..",
        "deep": "title: Deep\ndate: Y-13800000000",
    })
    slides = {s["unique_id"]: s for s in json.loads((site / "timeline.json").read_text())["events"]}
    assert slides["decade"]["start_date"] == {"year": 2010} and slides["decade"]["display_date"] == "2010s"
    assert slides["moment"]["start_date"] == {"year": 1985, "month": 4, "day": 12, "hour": 23, "minute": 20,
                                              "second": 30}
    assert "end_date" not in slides["ongoing"]
    assert slides["ongoing"]["display_date"] == "from 2 January 1999 (ongoing)"
    assert slides["deep"]["start_date"] == {"year": -13800000001}
    ics = (site / "calendar.ics").read_text()
    assert "SUMMARY:Moment" in ics and "Ongoing" not in ics and "Decade" not in ics
    assert '"startDate": "1985-04-12T23:20:30Z"' in (site / "events/moment.html").read_text()
    assert '"startDate": "2010s"' in (site / "events/decade.html").read_text()
    assert "13.8 billion years ago" in (site / "events/deep.html").read_text()
