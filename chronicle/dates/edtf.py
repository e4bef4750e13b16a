"""EDTF levels 0 and 1 (ISO 8601-2): text -> Date, Date -> text; level 2 named as such.

Accepted: YYYY[-MM[-DD]] with a final ~ ? or %; YYYY-MM-DDThh:mm[:ss[.sss]][Z|±hh[:mm]];
X digits from the right (201X, 19XX, XXXX, 2004-XX, 1985-04-XX, 1985-XX-XX, XXXX-XX);
seasons YYYY-21..24; Y-prefixed years beyond four digits; intervals A/B whose ends may be
'..' (open) or empty (unknown), both included ('../..', '/'). Level 2 forms get a message
naming the closest level 1 form of the same meaning, when there is one; older draft forms
(197u, 1970/open) get the form that replaced them.

Where python-edtf (5.x) and the public EDTF suite of edtf.js (test/parser.js) disagree, the
suite is followed: fractional seconds and 24:00:00 are level 0 there, and XXXX, XXXX-XX,
'/' and '../..' level 1; python-edtf refuses fractions, '/' and '../..'.
"""
from __future__ import annotations

import re
from dataclasses import replace

from .calendars import days_in_month, julian_to_gregorian
from .model import MONTHS, Date, DateError, edtf_text, year_label

# [0-9], not \d: \d also matches other scripts' digits; \Z, not $, which allows a final newline.
_DATE_RE = re.compile(r"^(-?)([0-9]{4}|[0-9]{3}X|[0-9]{2}XX|[0-9]XXX|XXXX)"
                      r"(?:-([0-9]{2}|XX)(?:-([0-9]{2}|XX))?)?([~?%])?\Z")
_TIME_RE = re.compile(r"^(-?[0-9]{4})-([0-9]{2})-([0-9]{2})T([0-9]{2}):([0-9]{2})(?::([0-9]{2})(?:\.([0-9]{1,9}))?)?"
                      r"(Z|[+-][0-9]{2}(?::?[0-9]{2})?)?\Z")
_TIME_LIKE_RE = re.compile(r"^-?[0-9]{4}-[0-9]{2}-[0-9]{2}T")
# Drafts of EDTF before 2019 wrote unspecified digits 'u' (and catalogues 'x'), and open or
# unknown interval ends as words.
_DRAFT_RE = re.compile(r"^-?[0-9uUxX]{4}(-[0-9uUxX]{2}){0,2}[~?%]?\Z")
_DRAFT_ENDS = {"open": "..", "unknown": ""}
_LONG_RE = re.compile(r"^Y(-?)([1-9][0-9]{4,})\Z")
_SHORT_YEAR_RE = re.compile(r"^-?[0-9]{1,3}\Z")
_LONG_YEAR_RE = re.compile(r"^-?[0-9]{5,}")
MAX_YEAR = 10 ** 11  # 100 billion years: past the age of the universe, inside a float's precision
LONG_YEAR = "a year beyond four digits needs the EDTF form 'Y12345'"
NOT_A_DATE = "not a date: use YYYY, YYYY-MM or YYYY-MM-DD, optionally with ~ ? or %"
NOT_A_TIME = "not a date and time of day: write YYYY-MM-DDThh:mm:ss, optionally with Z or ±hh:mm"


class Level2Error(DateError):
    """A level 2 form; `closest` is the level 1 text of the same meaning, or ''."""

    def __init__(self, message: str, closest: str = "") -> None:
        super().__init__(message)
        self.closest = closest


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

    An open ('..') or unknown (empty) end is a Date repeating the other end, with `edge` set;
    with no date at all ('../..', '/') both ends are XXXX, the whole span of four digits.
    """
    if not (isinstance(value, str) and "/" in value):
        return parse_date(value, calendar), None
    start_text, _, end_text = (side.strip() for side in value.strip().partition("/"))
    _check_draft_ends(start_text, end_text)
    if start_text in ("", "..") and end_text in ("", ".."):
        unknown = Date(0, year_x=4)
        return (replace(unknown, edge="open_start" if start_text else "unknown_start"),
                replace(unknown, edge="open_end" if end_text else "unknown_end"))
    try:
        if start_text in ("", ".."):
            end = parse_date(end_text, calendar)
            return replace(end, edge="open_start" if start_text else "unknown_start"), end
        start = parse_date(start_text, calendar)
        if end_text in ("", ".."):
            return start, replace(start, edge="open_end" if end_text else "unknown_end")
        return start, parse_date(end_text, calendar)
    except Level2Error:
        raise _interval_level2(start_text, end_text) from None


def _check_draft_ends(start_text: str, end_text: str) -> None:
    """'1970/open', 'unknown/1970': the draft words for '..' and an empty end."""
    if start_text.lower() in _DRAFT_ENDS or end_text.lower() in _DRAFT_ENDS:
        start = _DRAFT_ENDS.get(start_text.lower(), start_text)
        end = _DRAFT_ENDS.get(end_text.lower(), end_text)
        raise DateError(f"not a date: '{start_text}/{end_text}' is an older EDTF draft form; write {start}/{end}")


def _interval_level2(start_text: str, end_text: str) -> DateError:
    """A level 2 side of an interval: the whole interval in level 1, never one side alone."""
    sides = []
    for side in (start_text, end_text):
        if side in ("", "..") or _safe_match(side) is not None:
            sides.append(side)
            continue
        from .edtflevel2 import closest_level1  # only on the error path
        closest = closest_level1(side, is_level1)
        if closest is None:  # no EDTF at all: that side's own message
            return DateError(_why_not_a_date(side))
        if not closest or "/" in closest:  # a set spans an interval of its own: no one side
            return level2("")
        sides.append(closest)
    return level2("/".join(sides) if is_level1("/".join(sides)) else "")


def _safe_match(text: str) -> Date | None:
    """The date a level 0/1 text is, or None (also for one whose day does not exist)."""
    try:
        return _match(text, julian=False)
    except DateError:
        return None


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
        return all(s in ("", "..") or _match(s, julian=False) is not None for s in sides) and \
            (len(sides) == 2 or sides[0] not in ("", ".."))
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
    if closest is not None:
        raise level2(closest)
    raise DateError(_why_not_a_date(text))


def level2(closest: str) -> Level2Error:
    """The error for a level 2 form, naming the level 1 form of the same meaning when there is one.

    A suggestion that changes the meaning (an interval's end dropped, a southern season
    for a northern one) is worse than none, so '' says there is none.
    """
    if not closest:
        return Level2Error("level 2 of EDTF is not supported, and level 1 has no form of the same meaning")
    return Level2Error(f"level 2 of EDTF is not supported: the closest level 1 form is '{closest}'", closest)


def _calendar_date(match: re.Match, julian: bool) -> Date:
    sign, year_text, month_text, day_text, mark = match.groups()
    year_x = year_text.count("X")
    if sign and year_x == 4:
        raise DateError("write XXXX for a year not known: it has no sign")
    if year_x and (month_text or day_text) and not (year_x == 4 and month_text == "XX"):
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
        # Northern seasons 25-28 are 21-24 (whose months follow python-edtf's, northern); a
        # southern season (29-32) falls in other months, and a quarter, third or half of a
        # year (33-41) is no season: their months as an interval say the same thing.
        year_text = f"{'-' if year < 0 else ''}{abs(year):04d}"
        if month <= 28:
            raise level2(f"{year_text}-{month - 4}")
        if month not in _PART_MONTHS:
            raise level2("")
        first, last = _PART_MONTHS[month]
        raise level2(f"{year_text}-{first:02d}/{year_text}-{last:02d}")
    if month is not None and not 1 <= month <= 12:
        raise DateError(f"month {month_text} does not exist")
    if day is not None and not 1 <= day <= days_in_month(year, month or 1, julian):
        raise DateError(f"day {day_text} does not exist in {MONTHS[(month or 1) - 1]} {year_label(year)}")


# ISO 8601-2 months of the level 2 'seasons' without a level 1 code, as python-edtf's
# SEASON_L2_MONTHS_RANGE bounds them: 29, 31, 32 southern spring, autumn, winter; 33-36
# quarters; 37-39 quadrimesters; 40-41 semestrals. Southern summer (30) is cut to December
# there, which no month interval of the same meaning matches: it gets no suggestion.
_PART_MONTHS = {29: (9, 11), 31: (3, 5), 32: (6, 8), 33: (1, 3), 34: (4, 6),
                35: (7, 9), 36: (10, 12), 37: (1, 4), 38: (5, 8), 39: (9, 12), 40: (1, 6), 41: (7, 12)}


def _moment(match: re.Match, julian: bool) -> Date:
    year_text, month_text, day_text, hour, minute, second, fraction, tz = match.groups()
    year, month, day = int(year_text), int(month_text), int(day_text)
    _check_day(year, month, day, month_text, day_text, julian)
    # 24:00:00 is the end of the day (level 0 in the edtf.js suite); not 24:00:01, nor the
    # minutes-only form, which is this project's own addition to the spec.
    end_of_day = hour == "24" and minute == "00" and second == "00" and not (fraction or "").strip("0")
    if (int(hour) > 23 and not end_of_day) or int(minute) > 59 or (second and int(second) > 59):
        shown = f"{hour}:{minute}{':' + second if second else ''}{'.' + fraction if fraction else ''}"
        raise DateError(f"{shown} is not a time of day")
    if tz and tz != "Z":
        tz = f"{tz[:3]}:{tz[-2:]}" if len(tz) > 3 else f"{tz}:00"
        minutes = int(tz[1:3]) * 60 + int(tz[4:6])
        # Offsets run from -12:00 to +14:00; '-00:00' is ISO 8601's 'offset unknown', refused.
        if int(tz[4:6]) > 59 or minutes > (14 * 60 if tz[0] == "+" else 12 * 60) or tz == "-00:00":
            raise DateError(f"time zone {tz} does not exist")
    return Date(year, month, day, hour=int(hour), minute=int(minute),
                second=int(second) if second else None, tz=tz, fraction=fraction or "")


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
    if _DRAFT_RE.match(text) and re.search("[uUx]", text):
        fixed = re.sub("[uUxX]", "X", text)
        if is_level1(fixed):
            return f"not a date: '{text}' is an older EDTF draft form; write {fixed}"
    if _TIME_LIKE_RE.match(text):
        return NOT_A_TIME
    if _SHORT_YEAR_RE.match(text):
        if text.startswith("-"):
            return f"a year has four digits: write -{text[1:].zfill(4)}"
        return f"a year has four digits: write {text.zfill(4)} or {text.ljust(4, 'X')}"
    if _LONG_YEAR_RE.match(text):
        return LONG_YEAR
    if re.match(r"^Y-?[0-9]{1,4}\Z", text):
        return f"a year of four digits or fewer is written without Y: {text[1:].rjust(4, '0')}"
    return NOT_A_DATE
