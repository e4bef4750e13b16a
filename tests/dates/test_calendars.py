"""Dates written in other calendars: conversions checked against published dates, spans, errors."""
import pytest

from chronicle.dates import DateError, display_date, display_range, parse_date, parse_interval


def _day(text: str, calendar: str) -> tuple:
    return parse_date(text, calendar).first_day()


@pytest.mark.parametrize("text, calendar, gregorian", [
    # Umm al-Qura (the Saudi official calendar). The table's first day, 1 Muharram 1343 = 1 August
    # 1924, is the range published with the Umm al-Qura data (hijridate's documentation, "Supported
    # range"); 1 Muharram 1445 = 19 July 2023 and 1 Muharram 1446 = 7 July 2024 are the Islamic New
    # Years announced in Saudi Arabia (e.g. Saudi Press Agency, spa.gov.sa, July 2023 and July 2024);
    # 1 Ramadan 1445 = 11 March 2024 is the first day of Ramadan announced there (SPA, 10 March 2024).
    ("1343-01-01", "islamic-umalqura", (1924, 8, 1)),
    ("1445-01-01", "islamic-umalqura", (2023, 7, 19)),
    ("1446-01-01", "islamic-umalqura", (2024, 7, 7)),
    ("1445-09-01", "islamic-umalqura", (2024, 3, 11)),
    ("1377-05-17", "islamic-umalqura", (1957, 12, 9)),  # the contract's example
    # Tabular Islamic calendar: its civil epoch 1 Muharram 1 AH = Friday 16 July 622 (Julian) =
    # 19 July 622 proleptic Gregorian (Reingold & Dershowitz, Calendrical Calculations, ch. 7).
    ("0001-01-01", "islamic", (622, 7, 19)),
    # Hebrew: Israel's Declaration of Independence, 5 Iyar 5708 = 14 May 1948 (the date of Yom
    # Ha'atzmaut; the Declaration itself is dated "5th day of Iyar, 5708 (14th May, 1948)").
    ("5708-02-05", "hebrew", (1948, 5, 14)),
    # Rosh Hashanah 5785 = 3 October 2024, Rosh Hashanah 5708 = 15 September 1947 (hebcal.com).
    ("5785-07-01", "hebrew", (2024, 10, 3)),
    ("5708-07-01", "hebrew", (1947, 9, 15)),
    # Persian (Solar Hijri): Nowruz, 1 Farvardin, falls on 20 or 21 March: 21 March 1958 (1337),
    # 20 March 2024 (1403) and 21 March 2025 (1404), as the Iranian official calendar has them
    # (time.ir; the 1404 equinox fell after noon Tehran time, so Nowruz moved to the 21st).
    ("1337-01-01", "persian", (1958, 3, 21)),
    ("1403-01-01", "persian", (2024, 3, 20)),
    ("1404-01-01", "persian", (2025, 3, 21)),
    # 1399 and 1403 SH are leap years (Esfand has 30 days): 30 Esfand 1399 = 20 March 2021 and
    # 30 Esfand 1403 = 20 March 2025, the eves of Nowruz 1400 and 1404 (time.ir).
    ("1399-12-30", "persian", (2021, 3, 20)),
    ("1403-12-30", "persian", (2025, 3, 20)),
    # Juche and Minguo years count from 1912 (Juche 1 = 1912, the DPRK calendar of 1997; Minguo 1 =
    # 1912, the founding of the Republic of China); months and days are Gregorian.
    ("0047-09-09", "juche", (1958, 9, 9)),
    ("0113-10-10", "minguo", (2024, 10, 10)),
])
def test_converts_to_the_published_gregorian_day(text, calendar, gregorian):
    assert _day(text, calendar) == gregorian


@pytest.mark.parametrize("text, calendar, shown", [
    ("1377-05-17", "islamic-umalqura", "17 Jumada al-Awwal 1377 AH (9 December 1957)"),
    ("1377-05-17", "islamic", "17 Jumada al-Awwal 1377 AH (10 December 1957)"),
    ("1377-05", "islamic-umalqura", "Jumada al-Awwal 1377 AH (23 November – 21 December 1957)"),
    ("1377~", "islamic", "c. 1377 AH (29 July 1957 – 17 July 1958)"),
    ("5708-02-05", "hebrew", "5 Iyar 5708 AM (14 May 1948)"),
    ("5784-12", "hebrew", "Adar I 5784 AM (10 February – 10 March 2024)"),  # 5784 is a leap year
    ("1337-01-01", "persian", "1 Farvardin 1337 SH (21 March 1958)"),
    ("0047", "juche", "Juche 47 (1958)"),
    ("0047-09-09?", "juche", "9 September Juche 47 (1958)?"),
    ("0047-09", "minguo", "September Minguo 47 (1958)"),
])
def test_shows_the_date_as_written_and_its_gregorian_equivalent(text, calendar, shown):
    assert display_date(parse_date(text, calendar)) == shown


def test_a_hijri_month_is_the_span_of_its_days():
    month = parse_date("1377-05", "islamic-umalqura")
    assert (month.first_day(), month.last_day(), month.precision) == ((1957, 11, 23), (1957, 12, 21), "month")
    assert month.iso() == "1957-11-23/1957-12-21"
    # It orders before a day inside it (coarser first), and after the day before it began.
    inside, before = parse_date("1957-11-23"), parse_date("1957-11-22")
    assert before.sort_key() < month.sort_key() < inside.sort_key()


def test_a_hebrew_year_runs_from_tishrei_to_elul():
    year = parse_date("5708", "hebrew")
    assert (year.first_day(), year.last_day()) == ((1947, 9, 15), (1948, 10, 3))


def test_juche_and_minguo_years_are_gregorian_years():
    year = parse_date("0047", "juche")
    assert (year.year, year.precision, year.iso(), year.last_day()) == (1958, "year", "1958", (1958, 12, 31))


def test_an_interval_converts_both_ends():
    start, end = parse_interval("1377-01-01/1377-05-17", "islamic-umalqura")
    assert display_range(start, end) == ("1 Muharram 1377 AH (28 July 1957) – "
                                         "17 Jumada al-Awwal 1377 AH (9 December 1957)")


@pytest.mark.parametrize("text, calendar, message", [
    ("1377-05-30", "islamic-umalqura", "day 30 does not exist in Jumada al-Awwal 1377 AH (29 days)"),
    ("1337-12-31", "persian", "day 31 does not exist in Esfand 1337 SH (30 days)"),
    ("1377-13", "islamic", "month 13 does not exist in 1377 AH"),
    ("1402-12-30", "persian", "day 30 does not exist in Esfand 1402 SH (29 days)"),
    ("9999", "persian", "9999 is outside the years the persian conversion supports"),
    ("5709-13", "hebrew", "month 13 does not exist in 5709 AM (not a leap year: Adar II is month 13 "
                          "of leap years only)"),
    ("1342-12-01", "islamic-umalqura", "the Umm al-Qura calendar covers 1343-1500 AH (1924-2077) only; "
                                       "write calendar: islamic (tabular) for other years"),
    ("1501", "islamic-umalqura", "the Umm al-Qura calendar covers 1343-1500 AH (1924-2077) only; "
                                 "write calendar: islamic (tabular) for other years"),
    ("0047-02-29", "juche", "day 29 does not exist in month 02 of Juche 47"),
    ("0000", "juche", "the juche calendar counts years from 1"),
    ("137X", "islamic", "in the islamic calendar write YYYY, YYYY-MM or YYYY-MM-DD (with ~ ? or %), years "
                        "from 1; X digits, seasons and times need a Gregorian date"),
])
def test_invalid_dates_name_the_problem(text, calendar, message):
    with pytest.raises(DateError) as error:
        parse_date(text, calendar)
    assert str(error.value) == message


@pytest.mark.parametrize("text, calendar, shown", [
    ("0047", "juche", "주체 47년 (1958년)"),
    ("0047-09-09", "juche", "주체 47년 9월 9일 (1958년)"),
    ("1377-05-17", "islamic-umalqura", "17 Jumada al-Awwal 1377 AH (1957년 12월 9일)"),
])
def test_a_korean_site_shows_the_gregorian_side_in_korean(text, calendar, shown):
    from chronicle.dates.text import date_text
    assert date_text(parse_date(text, calendar), "ko") == shown
