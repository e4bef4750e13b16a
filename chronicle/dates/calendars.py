"""Day arithmetic for any astronomical year: Gregorian and Julian day counts, no datetime.

`datetime.date` stops at year 1; these formulas (after H. Hinnant's days_from_civil) use
floor division, so they hold for year 0, BC years and years beyond 9999 alike.
"""
from __future__ import annotations

Day = tuple[int, int, int]
_CUMULATIVE = (0, 31, 59, 90, 120, 151, 181, 212, 243, 273, 304, 334)


def is_leap(year: int, julian: bool = False) -> bool:
    """Leap year in the proleptic Gregorian (or Julian) calendar."""
    if julian:
        return year % 4 == 0
    return year % 4 == 0 and (year % 100 != 0 or year % 400 == 0)


def days_in_month(year: int, month: int, julian: bool = False) -> int:
    """Days in a month of a proleptic Gregorian (or Julian) year; astronomical numbering."""
    if month == 2:
        return 29 if is_leap(year, julian) else 28
    return 30 if month in (4, 6, 9, 11) else 31


def day_number(day: Day) -> int:
    """Days since 1970-01-01 (negative before) of a proleptic Gregorian day."""
    year, month, dom = day
    year -= month <= 2
    era = year // 400
    yoe = year - era * 400
    doy = (153 * (month + (-3 if month > 2 else 9)) + 2) // 5 + dom - 1
    return era * 146097 + yoe * 365 + yoe // 4 - yoe // 100 + doy - 719468


def from_day_number(number: int) -> Day:
    """The proleptic Gregorian day of a day number (inverse of day_number)."""
    number += 719468
    era = number // 146097
    doe = number - era * 146097
    yoe = (doe - doe // 1460 + doe // 36524 - doe // 146096) // 365
    doy = doe - (365 * yoe + yoe // 4 - yoe // 100)
    mp = (5 * doy + 2) // 153
    month = mp + 3 if mp < 10 else mp - 9
    return yoe + era * 400 + (month <= 2), month, doy - (153 * mp + 2) // 5 + 1


def julian_to_gregorian(day: Day) -> Day:
    """The Gregorian day of a day written in the (proleptic) Julian calendar."""
    year, month, dom = day
    # Days since Julian 0000-01-01: 365 a year plus one every fourth year (year 0 is leap).
    count = 365 * year + (year + 3) // 4 + _CUMULATIVE[month - 1] + dom - 1
    if month > 2 and is_leap(year, julian=True):
        count += 1
    return from_day_number(count + _JULIAN_EPOCH)


def add_years(day: Day, years: int) -> Day:
    """The same month and day `years` later (29 February becomes the 28th in a common year)."""
    year, month, dom = day
    return year + years, month, min(dom, days_in_month(year + years, month))


# Gregorian day number of Julian 0000-01-01 (= Gregorian -0001-12-30).
_JULIAN_EPOCH = day_number((-1, 12, 30))
