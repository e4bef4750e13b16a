"""EDTF (levels 0-1 subset) dates: parsing, display and sort keys.

`datetime.date` is not used: it has no year zero and no BC years.
"""
from __future__ import annotations

import calendar
import re
from dataclasses import dataclass

MONTHS = ("January", "February", "March", "April", "May", "June", "July",
          "August", "September", "October", "November", "December")
PRECISIONS = ("year", "month", "day")
# [0-9], not \d: \d also matches other scripts' digits; \Z, not $, which allows a final newline.
_DATE_RE = re.compile(r"^(-?[0-9]{4})(?:-([0-9]{2})(?:-([0-9]{2}))?)?([~?%])?\Z")
_SHORT_YEAR_RE = re.compile(r"^-?[0-9]{1,3}\Z")
_LONG_YEAR_RE = re.compile(r"^-?[0-9]{5,}")


class DateError(ValueError):
    """A date text that is not a valid EDTF date of the supported forms."""


@dataclass(frozen=True)
class Date:
    """A date known to year, month or day precision; year is astronomical."""

    year: int
    month: int | None = None
    day: int | None = None
    approximate: bool = False
    uncertain: bool = False

    @property
    def precision(self) -> str:
        """'year', 'month' or 'day'."""
        return PRECISIONS[(self.month is not None) + (self.day is not None)]

    @property
    def qualified(self) -> bool:
        """True when approximate or uncertain."""
        return self.approximate or self.uncertain

    def sort_key(self) -> tuple[int, int, int, int]:
        """Earliest moment it may begin, then coarser precision first."""
        return (self.year, self.month or 1, self.day or 1, PRECISIONS.index(self.precision))

    def end_key(self) -> tuple[int, int, int]:
        """The last day it may cover, for containment checks."""
        month = self.month or 12
        day = self.day or days_in_month(self.year, month)
        return (self.year, month, day)

    def fractional_year(self) -> float:
        """Position on a continuous time line (e.g. 1958.9), for drawing."""
        month = self.month or 1
        day = self.day or 1
        return self.year + (month - 1) / 12 + (day - 1) / 365

    def iso(self) -> str:
        """The EDTF text, normalised (e.g. '1958-11~')."""
        text = f"{'-' if self.year < 0 else ''}{abs(self.year):04d}"
        if self.month is not None:
            text += f"-{self.month:02d}"
        if self.day is not None:
            text += f"-{self.day:02d}"
        return text + _qualifier(self)

    def display(self) -> str:
        """Human text: '28 November 1958', 'c. 1958', '44 BC', '1958?'."""
        return _qualify(self, _plain(self, with_year=True))


def days_in_month(year: int, month: int) -> int:
    """Days in a proleptic Gregorian month; astronomical year numbering."""
    # calendar.monthrange needs year >= 1; the leap-year rule repeats every 400 years.
    return calendar.monthrange(2000 + year % 400, month)[1]


def year_label(year: int, with_era: bool = False) -> str:
    """'1958' or '44 BC' for an astronomical year ('AD 1958' with_era)."""
    if year <= 0:
        return f"{1 - year} BC"
    return f"AD {year}" if with_era else str(year)


def parse_date(value: object) -> Date:
    """Parse one EDTF date such as '1958-11-28', '1958~' or '-0043' (YAML ints allowed)."""
    if isinstance(value, bool) or not isinstance(value, (str, int)):
        raise DateError("expected a date like 1958-11-28")
    # An unquoted year is read by YAML as a number: check its digits as if it were quoted.
    text = _year_digits(value) if isinstance(value, int) else value.strip()
    match = _DATE_RE.match(text)
    if not match:
        raise DateError(_why_not_a_date(text))
    year_text, month_text, day_text, mark = match.groups()
    year = int(year_text)
    month = int(month_text) if month_text else None
    day = int(day_text) if day_text else None
    if month is not None and not 1 <= month <= 12:
        raise DateError(f"month {month_text} does not exist")
    if day is not None and not 1 <= day <= days_in_month(year, month or 1):
        raise DateError(f"day {day_text} does not exist in {MONTHS[(month or 1) - 1]} {year_label(year)}")
    return Date(year, month, day, approximate=mark in ("~", "%"), uncertain=mark in ("?", "%"))


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
        return ("a year beyond four digits needs the EDTF form 'Y12345' "
                "(not supported yet)")
    return "not a date: use YYYY, YYYY-MM or YYYY-MM-DD, optionally with ~ ? or %"


def parse_interval(value: object) -> tuple[Date, Date | None]:
    """Parse a date or an 'A/B' interval into (start, end or None)."""
    if isinstance(value, str) and "/" in value:
        start_text, _, end_text = value.partition("/")
        return parse_date(start_text), parse_date(end_text)
    return parse_date(value), None


def display_range(start: Date, end: Date | None) -> str:
    """'23 February – 5 March 2019', '27–28 February 2019' or one date."""
    if end is None or end == start:
        return start.display()
    plain = not (start.qualified or end.qualified)
    if plain and start.year == end.year and start.precision == end.precision != "year":
        if start.precision == "day" and start.month == end.month:
            return f"{start.day}–{end.day} {MONTHS[end.month - 1]} {year_label(end.year)}"
        return f"{_plain(start, with_year=False)} – {end.display()}"
    if start.year <= 0 < end.year:  # '44 BC – AD 14': the era must be said on both sides
        return f"{start.display()} – {_qualify(end, _plain(end, with_year=True, with_era=True))}"
    return f"{start.display()} – {end.display()}"


def _plain(date: Date, with_year: bool, with_era: bool = False) -> str:
    parts = []
    if date.day is not None:
        parts.append(str(date.day))
    if date.month is not None:
        parts.append(MONTHS[date.month - 1])
    if with_year:
        parts.append(year_label(date.year, with_era))
    return " ".join(parts)


def _qualify(date: Date, text: str) -> str:
    if date.approximate:
        text = f"c. {text}"
    if date.uncertain:
        text = f"{text}?"
    return text


def _qualifier(date: Date) -> str:
    if date.approximate and date.uncertain:
        return "%"
    return "~" if date.approximate else "?" if date.uncertain else ""
