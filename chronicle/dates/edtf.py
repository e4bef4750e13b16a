"""EDTF levels 0 and 1 (ISO 8601-2): text -> Date, Date -> text; level 2 named as such.

Accepted: YYYY[-MM[-DD]] with a final ~ ? or %; YYYY-MM-DDThh:mm[:ss][Z|±hh[:mm]];
X digits from the right (201X, 19XX, 2004-XX, 1985-04-XX, 1985-XX-XX); seasons YYYY-21..24;
Y-prefixed years beyond four digits; intervals A/B whose ends may be '..' (open) or empty
(unknown). Level 2 forms get a message naming the closest level 1 form.
"""
from __future__ import annotations

import re
from dataclasses import replace

from .calendars import days_in_month, julian_to_gregorian
from .model import MONTHS, Date, DateError, edtf_text, year_label

# [0-9], not \d: \d also matches other scripts' digits; \Z, not $, which allows a final newline.
_DATE_RE = re.compile(r"^(-?)([0-9]{4}|[0-9]{3}X|[0-9]{2}XX|[0-9]XXX)"
                      r"(?:-([0-9]{2}|XX)(?:-([0-9]{2}|XX))?)?([~?%])?\Z")
_TIME_RE = re.compile(r"^(-?[0-9]{4})-([0-9]{2})-([0-9]{2})T([0-9]{2}):([0-9]{2})(?::([0-9]{2}))?"
                      r"(Z|[+-][0-9]{2}(?::?[0-9]{2})?)?\Z")
_LONG_RE = re.compile(r"^Y(-?)([1-9][0-9]{4,})\Z")
_SHORT_YEAR_RE = re.compile(r"^-?[0-9]{1,3}\Z")
_LONG_YEAR_RE = re.compile(r"^-?[0-9]{5,}")
MAX_YEAR = 10 ** 11  # 100 billion years: past the age of the universe, inside a float's precision
LONG_YEAR = "a year beyond four digits needs the EDTF form 'Y12345'"
NOT_A_DATE = "not a date: use YYYY, YYYY-MM or YYYY-MM-DD, optionally with ~ ? or %"


def parse_date(value: object, calendar: str = "gregorian") -> Date:
    """Parse one EDTF date such as '1958-11-28', '201X', 'Y-170000' (YAML ints allowed).

    With calendar='julian' a day is read Old Style and kept as its Gregorian equivalent;
    other calendars are read by othercal.py.
    """
    if isinstance(value, bool) or not isinstance(value, (str, int)):
        raise DateError("expected a date like 1958-11-28")
    # An unquoted year is read by YAML as a number: check its digits as if it were quoted.
    text = _year_digits(value) if isinstance(value, int) else value.strip()
    if calendar not in ("gregorian", "julian"):
        from .othercal import parse_written  # islamic, persian, hebrew, juche, minguo
        return parse_written(text, calendar)
    date = _parse_text(text, julian=calendar == "julian")
    return to_gregorian(date) if calendar == "julian" else date


def parse_interval(value: object, calendar: str = "gregorian") -> tuple[Date, Date | None]:
    """Parse a date or an 'A/B' interval into (start, end or None).

    An open ('..') or unknown (empty) end is a Date repeating the other end, with `edge` set.
    """
    if not (isinstance(value, str) and "/" in value):
        return parse_date(value, calendar), None
    start_text, _, end_text = value.strip().partition("/")
    if start_text.strip() in ("", "..") and end_text.strip() in ("", ".."):
        raise DateError("an interval needs at least one date: e.g. 1985/.. or ../1985")
    if start_text.strip() in ("", ".."):
        end = parse_date(end_text, calendar)
        return replace(end, edge="open_start" if start_text.strip() else "unknown_start"), end
    start = parse_date(start_text, calendar)
    if end_text.strip() in ("", ".."):
        return start, replace(start, edge="open_end" if end_text.strip() else "unknown_end")
    return start, parse_date(end_text, calendar)


def to_gregorian(date: Date) -> Date:
    """An Old Style date kept as written in `julian`; a day moves to its Gregorian day."""
    written = (date.year, date.month, date.day)
    if date.day is None or date.unspecified:
        return replace(date, julian=written)  # a month or year: the same span, give or take 13 days
    year, month, day = julian_to_gregorian(written)
    return replace(date, year=year, month=month, day=day, julian=written)


def is_level1(text: str) -> bool:
    """True when every date of a date or interval text is a valid level 0/1 form."""
    sides = [side.strip() for side in text.split("/")] if text.count("/") == 1 else [text]
    try:
        return any(s not in ("", "..") for s in sides) and all(
            s in ("", "..") or _match(s, julian=False) is not None for s in sides)
    except DateError:
        return False


def _match(text: str, julian: bool) -> Date | None:
    for pattern, build in ((_DATE_RE, _calendar_date), (_TIME_RE, _moment), (_LONG_RE, _long_year)):
        match = pattern.match(text)
        if match:
            return build(match, julian)
    return None


def _parse_text(text: str, julian: bool) -> Date:
    date = _match(text, julian)
    if date is not None:
        return date
    from .edtflevel2 import closest_level1  # only on the error path
    closest = closest_level1(text, is_level1)
    if closest:
        raise level2(closest)
    raise DateError(_why_not_a_date(text))


def level2(closest: str) -> DateError:
    """The error for a level 2 form, naming the level 1 form to write instead."""
    return DateError(f"level 2 of EDTF is not supported: the closest level 1 form is '{closest}'")


def _calendar_date(match: re.Match, julian: bool) -> Date:
    sign, year_text, month_text, day_text, mark = match.groups()
    year_x = year_text.count("X")
    if year_x and (month_text or day_text):
        raise level2(f"{sign}{year_text}")  # X digits then a known month: 156X-12-25
    if month_text == "XX" and day_text not in (None, "XX"):
        raise level2(f"{sign}{year_text}-XX-XX")
    digits = int(year_text.replace("X", "0"))
    if sign and year_x and digits == 0:
        raise DateError(f"write {year_text} for a span starting at 1 BC")
    year = -(digits + 10 ** year_x - 1) if sign else digits
    season = int(month_text) if month_text and month_text != "XX" and 21 <= int(month_text) <= 24 else None
    if season and day_text:
        raise DateError(f"a season has no day: write {sign}{year_text}-{month_text}")
    month = int(month_text) if month_text and month_text != "XX" and not season else None
    day = int(day_text) if day_text and day_text != "XX" else None
    _check_day(year, month, day, month_text, day_text, julian)
    return Date(year, month, day, approximate=mark in ("~", "%"), uncertain=mark in ("?", "%"),
                year_x=year_x, month_x=month_text == "XX", day_x=day_text == "XX", season=season)


def _check_day(year: int, month: int | None, day: int | None, month_text, day_text, julian: bool) -> None:
    if month is not None and 25 <= month <= 41:
        # Hemisphere seasons 25-32 name the same seasons as 21-24; quarters and halves, the year.
        year_text = f"{'-' if year < 0 else ''}{abs(year):04d}"
        raise level2(f"{year_text}-{21 + (month - 25) % 4}" if month <= 32 else year_text)
    if month is not None and not 1 <= month <= 12:
        raise DateError(f"month {month_text} does not exist")
    if day is not None and not 1 <= day <= days_in_month(year, month or 1, julian):
        raise DateError(f"day {day_text} does not exist in {MONTHS[(month or 1) - 1]} {year_label(year)}")


def _moment(match: re.Match, julian: bool) -> Date:
    year_text, month_text, day_text, hour, minute, second, tz = match.groups()
    year, month, day = int(year_text), int(month_text), int(day_text)
    _check_day(year, month, day, month_text, day_text, julian)
    if int(hour) > 23 or int(minute) > 59 or (second and int(second) > 59):
        raise DateError(f"{hour}:{minute}{':' + second if second else ''} is not a time of day")
    if tz and tz != "Z":
        tz = f"{tz[:3]}:{tz[-2:]}" if len(tz) > 3 else f"{tz}:00"
        if int(tz[1:3]) > 14 or int(tz[4:6]) > 59:
            raise DateError(f"time zone {tz} does not exist")
    return Date(year, month, day, hour=int(hour), minute=int(minute),
                second=int(second) if second else None, tz=tz)


def _long_year(match: re.Match, julian: bool) -> Date:
    sign, digits = match.groups()
    if len(digits) > 12 or int(digits) > MAX_YEAR:
        raise DateError("years beyond 100,000,000,000 (either way) are not supported")
    return Date(-int(digits) if sign else int(digits))


def _year_digits(value: int) -> str:
    """An int's digits; one too long for str() (over 4,300 digits) is shown by its length."""
    if value.bit_length() > 64:
        return "9" * 20  # only its length matters now: it is a year beyond four digits
    return str(value)


def _why_not_a_date(text: str) -> str:
    """The message for a text that is no date, with the fix for a year of the wrong length."""
    if _SHORT_YEAR_RE.match(text):
        if text.startswith("-"):
            return f"a year has four digits: write -{text[1:].zfill(4)}"
        return f"a year has four digits: write {text.zfill(4)} or {text.ljust(4, 'X')}"
    if _LONG_YEAR_RE.match(text):
        return LONG_YEAR
    if re.match(r"^Y-?[0-9]{1,4}\Z", text):
        return f"a year of four digits or fewer is written without Y: {text[1:].rjust(4, '0')}"
    return NOT_A_DATE
