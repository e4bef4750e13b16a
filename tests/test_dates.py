"""EDTF dates: parsing, display, ordering and invalid forms."""
import pytest

from chronicle.dates import DateError, display_range, parse_date, parse_interval


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
    assert parse_date(text).display() == shown


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
