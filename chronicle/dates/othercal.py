"""Dates written in other calendars: Hijri, Solar Hijri, Hebrew, Juche and Minguo years.

A date is written EDTF-shaped in its own calendar (`1377-05-17`, `1377-05`, `1377`, with
~ ? or %) and kept as its proleptic Gregorian span, so it orders, groups and exports like any
date; `Date.written` keeps it as written for display. Precision carries over: a Hijri month
is the span of its days, a Hebrew year runs from 1 Tishrei to 29 Elul.

Conversions come from well-kept libraries, not tables of our own: `convertdate` (tabular
Islamic, Persian, Hebrew) and `hijridate` (Umm al-Qura, the official Saudi calendar, which
only covers 1343-1500 AH). Juche and Minguo years are Gregorian years counted from 1912.
Hebrew months are numbered as convertdate numbers them: Nisan is 1, Tishrei 7, Adar (Adar I
in a leap year) 12 and Adar II 13.
"""
from __future__ import annotations

import functools
import math
import re
import warnings
from dataclasses import replace
from typing import Callable

from .calendars import Day, day_number, days_in_month, from_day_number
from .model import MONTHS, Date, DateError

CALENDARS = ("gregorian", "julian", "islamic", "islamic-umalqura", "persian", "hebrew", "juche", "minguo")
OTHER = CALENDARS[2:]  # read here; gregorian and julian are read by edtf.py
YEAR_ONE_1912 = {"juche": "Juche", "minguo": "Minguo"}  # Gregorian months, years counted from 1912

HIJRI_MONTHS = ("Muharram", "Safar", "Rabi al-Awwal", "Rabi al-Thani", "Jumada al-Awwal", "Jumada al-Thani",
                "Rajab", "Sha'ban", "Ramadan", "Shawwal", "Dhu al-Qadah", "Dhu al-Hijjah")
PERSIAN_MONTHS = ("Farvardin", "Ordibehesht", "Khordad", "Tir", "Mordad", "Shahrivar", "Mehr", "Aban",
                  "Azar", "Dey", "Bahman", "Esfand")
HEBREW_MONTHS = ("Nisan", "Iyar", "Sivan", "Tammuz", "Av", "Elul", "Tishrei", "Cheshvan", "Kislev", "Tevet",
                 "Shevat", "Adar", "Adar II")
_ERA = {"islamic": "AH", "islamic-umalqura": "AH", "persian": "SH", "hebrew": "AM"}
_FORM = re.compile(r"^([0-9]{4})(?:-([0-9]{2})(?:-([0-9]{2}))?)?([~?%])?\Z")
_JD_1970 = 2440588  # Julian Day number of 1970-01-01 (day_number 0) at noon


def parse_written(text: str, calendar: str) -> Date:
    """A date written in `calendar` as a Date holding its Gregorian span and the date as written."""
    match = _FORM.match(text)
    if not match:
        raise DateError(f"in the {calendar} calendar write YYYY, YYYY-MM or YYYY-MM-DD (with ~ ? or %), "
                        "years from 1; X digits, seasons and times need a Gregorian date")
    year_text, month_text, day_text, mark = match.groups()
    year, month, day = int(year_text), _int(month_text), _int(day_text)
    if year < 1:
        raise DateError(f"the {calendar} calendar counts years from 1")
    try:
        first, last = _span(calendar, year, month, day)
    except DateError:
        raise
    except (ValueError, OverflowError, ArithmeticError):  # the library's own limits, e.g. Persian past ~3000 SH
        raise DateError(f"{text} is outside the years the {calendar} conversion supports") from None
    flags = {"approximate": mark in ("~", "%"), "uncertain": mark in ("?", "%")}
    written = (year, month, day)
    if calendar in YEAR_ONE_1912:  # Gregorian months: the Gregorian fields say it exactly
        return Date(year + 1911, month, day, calendar=calendar, written=written, **flags)
    return Date(*first, calendar=calendar, written=written, span=(first, last), **flags)


def written_text(date: Date) -> str:
    """The date as written in its calendar: '17 Jumada al-Awwal 1377 AH', 'Juche 47'."""
    year, month, day = date.written
    calendar = date.calendar
    if calendar in YEAR_ONE_1912:
        parts = [str(day)] if day is not None else []
        parts += [MONTHS[month - 1]] if month is not None else []
        return " ".join(parts + [f"{YEAR_ONE_1912[calendar]} {year}"])
    names = HEBREW_MONTHS if calendar == "hebrew" else PERSIAN_MONTHS if calendar == "persian" else HIJRI_MONTHS
    parts = [str(day)] if day is not None else []
    if month is not None:
        leap_adar = calendar == "hebrew" and month == 12 and _hebrew().year_months(year) == 13
        parts.append("Adar I" if leap_adar else names[month - 1])
    return " ".join(parts + [f"{year} {_ERA[calendar]}"])


def _int(text: str | None) -> int | None:
    return None if text is None else int(text)


def _span(calendar: str, year: int, month: int | None, day: int | None) -> tuple[Day, Day]:
    """The first and last Gregorian day of a written year, month or day; errors name the fix."""
    if calendar in YEAR_ONE_1912:
        greg = year + 1911
        if month is not None and not 1 <= month <= 12:
            raise DateError(f"month {month:02d} does not exist")
        if day is not None and not 1 <= day <= days_in_month(greg, month):
            raise DateError(f"day {day:02d} does not exist in month {month:02d} of {YEAR_ONE_1912[calendar]} {year}")
        return (greg, month or 1, day or 1), (greg, month or 12, day or days_in_month(greg, month or 12))
    to_day, month_length, months = _converter(calendar, year)
    if month is None:
        # The Hebrew year runs from Tishrei (month 7 as convertdate numbers them) to Elul (6).
        first_month, last_month = (7, 6) if calendar == "hebrew" else (1, 12)
        return to_day(year, first_month, 1), _plus(to_day(year, last_month, 1), month_length(year, last_month) - 1)
    if not 1 <= month <= months:
        raise DateError(f"month {month:02d} does not exist in {year} {_ERA[calendar]}"
                        + (" (not a leap year: Adar II is month 13 of leap years only)"
                           if calendar == "hebrew" and month == 13 else ""))
    length = month_length(year, month)
    if day is not None and not 1 <= day <= length:
        name = written_text(Date(1, calendar=calendar, written=(year, month, None)))
        raise DateError(f"day {day:02d} does not exist in {name} ({length} days)")
    return to_day(year, month, day or 1), to_day(year, month, day or length)


def _plus(day: Day, days: int) -> Day:
    return from_day_number(day_number(day) + days)


def _converter(calendar: str, year: int) -> tuple[Callable, Callable, int]:
    """(to Gregorian day, month length, months in the year) for one calendar.

    The libraries are imported here, not at the top: a site with no such dates never loads them.
    """
    if calendar == "islamic-umalqura":
        return _umalqura_day, _umalqura_length, 12
    if calendar == "persian":
        return _persian_day, _persian_length, 12
    from convertdate import hebrew, islamic
    module = {"islamic": islamic, "hebrew": hebrew}[calendar]
    months = hebrew.year_months(year) if calendar == "hebrew" else 12

    def to_day(y: int, m: int, d: int) -> Day:
        with warnings.catch_warnings():
            # convertdate's hebrew.to_jd calls its own deprecated month_days: nothing for a reader to do.
            warnings.simplefilter("ignore", DeprecationWarning)
            return from_day_number(math.floor(module.to_jd(y, m, d) + 0.5) - _JD_1970)
    return to_day, module.month_length, months


@functools.lru_cache(maxsize=None)
def _nowruz(year: int) -> int:
    """Day number of 1 Farvardin of a Solar Hijri year.

    convertdate finds it from the March equinox at Tehran (the official rule), which takes
    about 75 ms: kept per year (a pure function of the year), so a site pays it once per year
    it names, and months and days are counted from it as convertdate counts them.
    """
    from convertdate import persian
    return math.floor(persian.to_jd(year, 1, 1) + 0.5) - _JD_1970


def _persian_day(year: int, month: int, day: int) -> Day:
    before = (month - 1) * 31 if month <= 7 else (month - 1) * 30 + 6  # six months of 31 days, then 30
    return from_day_number(_nowruz(year) + before + day - 1)


def _persian_length(year: int, month: int) -> int:
    if month <= 6:
        return 31
    return 30 if month <= 11 else _nowruz(year + 1) - _nowruz(year) - 336  # Esfand: 29, or 30 in a leap year


def _umalqura_check(year: int) -> None:
    from hijridate.ummalqura import HIJRI_RANGE
    low, high = HIJRI_RANGE[0][0], HIJRI_RANGE[1][0]
    if not low <= year <= high:
        raise DateError(f"the Umm al-Qura calendar covers {low}-{high} AH (1924-2077) only; "
                        "write calendar: islamic (tabular) for other years")


def _umalqura_day(year: int, month: int, day: int) -> Day:
    from hijridate import Hijri
    _umalqura_check(year)
    gregorian = Hijri(year, month, day).to_gregorian()
    return gregorian.year, gregorian.month, gregorian.day


def _umalqura_length(year: int, month: int) -> int:
    from hijridate import Hijri
    _umalqura_check(year)
    return Hijri(year, month, 1).month_length()


def _hebrew():
    from convertdate import hebrew
    return hebrew
