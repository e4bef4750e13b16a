"""EDTF (levels 0 and 1) dates: the Date model, its bounds and sort keys.

`datetime.date` is not used: it has no year zero and no BC years. Parsing is in edtf.py,
English display in display.py, day arithmetic in calendars.py; the package's __init__ gathers
the names other stages use.
"""
from __future__ import annotations

import math
from dataclasses import dataclass

from .calendars import Day, add_years, day_number, days_in_month, from_day_number, is_leap

MONTHS = ("January", "February", "March", "April", "May", "June", "July",
          "August", "September", "October", "November", "December")
SEASONS = {21: "Spring", 22: "Summer", 23: "Autumn", 24: "Winter"}
# python-edtf's months of the seasons (winter is December of that year only): bounds follow it.
SEASON_MONTHS = {21: (3, 5), 22: (6, 8), 23: (9, 11), 24: (12, 12)}
PRECISIONS = ("year", "month", "day")
UNKNOWN_END_YEARS = 10  # python-edtf draws an unknown interval end this many years out
EDGES = ("open_start", "open_end", "unknown_start", "unknown_end")


class DateError(ValueError):
    """A date text that is not a valid EDTF date of the supported forms."""


@dataclass(frozen=True)
class Date:
    """One EDTF date (level 0 or 1); year is astronomical (0 is 1 BC), any size.

    What the time axis reads for drawing:
    - `earliest()` / `latest()`: fractional years of the first and last moment it may mean
      (the whole span of `201X`, a season or `1985-04-XX`); -inf/+inf for an open end.
    - `fractional_year()`: where the date begins (for a point mark).
    - `qualified` (approximate or uncertain), `unspecified` (X digits), `season`.
    - `edge` on an interval end from parse_interval: 'open_start' (`../1985`), 'open_end'
      (`1985/..`), 'unknown_start' (`/1985`), 'unknown_end' (`1985/`); `open` and `unknown`
      say which kind. Such a Date repeats the other end's fields, so it still orders and
      groups by year; its earliest()/latest() are -inf/+inf (open) or that date
      UNKNOWN_END_YEARS out (unknown), as python-edtf has it.
    - `julian`: the day as written Old Style when the event says `calendar: julian`; the
      year/month/day fields are then the Gregorian equivalent (what orders and exports).
    - `calendar`/`written`/`span`: a date written in another calendar (islamic, persian,
      hebrew, juche, ...); `span` is its Gregorian first and last day when they are not a
      Gregorian day, month or year, and then `precision` is the precision as written.
    """

    year: int  # the earliest year: 2010 for 201X, -199 for -01XX
    month: int | None = None
    day: int | None = None
    approximate: bool = False
    uncertain: bool = False
    year_x: int = 0  # trailing year digits written X (201X: 1)
    month_x: bool = False  # month written XX
    day_x: bool = False  # day written XX
    season: int | None = None  # 21..24
    hour: int | None = None
    minute: int | None = None
    second: int | None = None
    tz: str | None = None  # 'Z' or '+05:30' as written (normalised to hh:mm)
    fraction: str = ""  # decimal digits of a second as written ('042' of 59.042)
    edge: str = ""
    julian: tuple[int, int | None, int | None] | None = None  # as written Old Style
    # Written in another calendar (othercal.py): its name, the (year, month, day) as written
    # there, and, where its months or years are not Gregorian ones, the first and last
    # Gregorian day it covers; the fields above then hold the first day.
    calendar: str = ""
    written: tuple[int, int | None, int | None] | None = None
    span: tuple[Day, Day] | None = None

    @property
    def precision(self) -> str:
        """'year', 'month' or 'day': which of year, month and day are known."""
        if self.span is not None:
            return PRECISIONS[(self.written[1] is not None) + (self.written[2] is not None)]
        return PRECISIONS[(self.month is not None) + (self.day is not None)]

    @property
    def qualified(self) -> bool:
        """True when approximate or uncertain."""
        return self.approximate or self.uncertain

    @property
    def unspecified(self) -> bool:
        """True when some digits were written X."""
        return bool(self.year_x or self.month_x or self.day_x)

    @property
    def open(self) -> bool:
        """An interval end written '..': it runs on without bound."""
        return self.edge.startswith("open")

    @property
    def unknown(self) -> bool:
        """An interval end left empty: there is one, but it is not known."""
        return self.edge.startswith("unknown")

    @property
    def exact(self) -> bool:
        """A plain day, month or year (or moment) with nothing to explain beside it."""
        return not (self.qualified or self.unspecified or self.season or self.edge or self.julian
                    or self.written)

    @property
    def last_year(self) -> int:
        """The latest year it may mean (2019 for 201X)."""
        return self.year + 10 ** self.year_x - 1

    def first_day(self) -> Day:
        """The first day of its span (the fields; edges ignored)."""
        if self.span is not None:
            return self.span[0]
        month = self.month or (SEASON_MONTHS[self.season][0] if self.season else 1)
        return (self.year, month, self.day or 1)

    def last_day(self) -> Day:
        """The last day of its span (the fields; edges ignored)."""
        if self.span is not None:
            return self.span[1]
        year = self.last_year
        month = self.month or (SEASON_MONTHS[self.season][1] if self.season else 12)
        return (year, month, self.day or days_in_month(year, month))

    def earliest_day(self) -> Day | None:
        """python-edtf's lower_strict as (year, month, day); None when open."""
        if self.edge == "open_start":
            return None
        if self.edge == "unknown_start" and self.year_x < 4:  # '/': both unknown, the whole of XXXX
            return add_years(self.last_day(), -UNKNOWN_END_YEARS)
        return self.first_day()

    def latest_day(self) -> Day | None:
        """python-edtf's upper_strict as (year, month, day); None when open."""
        if self.edge == "open_end":
            return None
        if self.edge == "unknown_end" and self.year_x < 4:
            return add_years(self.first_day(), UNKNOWN_END_YEARS)
        return self.last_day()

    def earliest(self) -> float:
        """The first moment it may mean, in fractional years; -inf when open."""
        day = self.earliest_day()
        return -math.inf if day is None else _fraction(day)

    def latest(self) -> float:
        """The end of the last day it may mean, in fractional years; +inf when open."""
        day = self.latest_day()
        return math.inf if day is None else _fraction(day, end=True)

    def sort_key(self) -> tuple:
        """Earliest moment it may begin (UTC for a moment with a zone), then longer spans first.

        The first three items are a day (a moment's in UTC); start_key() and end_key() bound
        the days it may cover, for containment checks.
        """
        first = self.first_day()
        if self.hour is None:
            return (*first, 0, -_span_days(self) * 86400)
        day, seconds = self._utc()
        return (*day, seconds, -(1 if self.second is not None else 60))

    def start_key(self) -> Day:
        """The first day it may cover, for containment checks: as written, or earlier in UTC.

        A moment belongs to the day written and, read in UTC, maybe to the day before or
        after ('23:20-04' is 03:20 UTC the next day); either reading is inside its bounds.
        """
        return min(self.first_day(), self._utc()[0]) if self.hour is not None else self.first_day()

    def end_key(self) -> Day:
        """The last day it may cover, for containment checks: as written, or later in UTC."""
        return max(self.last_day(), self._utc()[0]) if self.hour is not None else self.last_day()

    def _utc(self) -> tuple[Day, int]:
        """A moment's day and second of the day in UTC (floating time is taken as UTC)."""
        seconds = self.hour * 3600 + (self.minute or 0) * 60 + (self.second or 0) - _offset_seconds(self.tz)
        shift, seconds = divmod(seconds, 86400)  # 24:00:00 is the next day's 00:00:00
        first = self.first_day()
        return (first if not shift else _shift_day(first, shift)), seconds

    def fractional_year(self) -> float:
        """Where it begins on a continuous time line (e.g. 1958.9), for drawing."""
        return _fraction(self.first_day())

    def iso(self) -> str:
        """The EDTF text, normalised (e.g. '1958-11~', '201X', '2001-21'); Gregorian.

        A Hijri month or year, which is no Gregorian month or year, is its days as an
        interval: '1957-12-22/1958-01-20'.
        """
        if self.span is not None and self.span[0] != self.span[1]:
            return "/".join(edtf_text(Date(*day)) for day in self.span)
        return edtf_text(self)


def _fraction(day: Day, end: bool = False) -> float:
    """A day as a fractional year: its start, or its end when `end`.

    Day of year over days in that year, so every day of a year is equally wide and the line
    has no jumps at month ends (27 February to 1 March is three days, leap year or not).
    """
    year = day[0]
    elapsed = day_number(day) - day_number((year, 1, 1)) + end
    return year + elapsed / (366 if is_leap(year) else 365)


def _span_days(date: Date) -> int:
    return day_number(date.last_day()) - day_number(date.first_day()) + 1


def _offset_seconds(tz: str | None) -> int:
    if not tz or tz == "Z":
        return 0
    sign = -1 if tz[0] == "-" else 1
    return sign * (int(tz[1:3]) * 3600 + int(tz[4:6]) * 60)


def _shift_day(day: Day, days: int) -> Day:
    return from_day_number(day_number(day) + days)


def year_label(year: int, with_era: bool = False) -> str:
    """'1958' or '44 BC' for an astronomical year ('AD 1958' with_era); '12,345' beyond 4 digits."""
    if year <= 0:
        return f"{_digits(1 - year)} BC"
    return f"AD {_digits(year)}" if with_era else _digits(year)


def _digits(number: int) -> str:
    return f"{number:,}" if number >= 10000 else str(number)


def edtf_text(date: Date) -> str:
    """The EDTF text of a date, normalised: '1958-11~', '201X', 'Y-170000', '1985-04-12T23:20Z'."""
    if abs(date.year) >= 10000:
        return f"Y{date.year}"
    shown = -date.last_year if date.year < 0 else date.year
    digits = f"{shown:04d}"
    text = ("-" if date.year < 0 else "") + (digits[:4 - date.year_x] + "X" * date.year_x if date.year_x else digits)
    if date.month is not None or date.month_x or date.season:
        text += "-XX" if date.month_x else f"-{date.season or date.month:02d}"
    if date.day is not None or date.day_x:
        text += "-XX" if date.day_x else f"-{date.day:02d}"
    if date.hour is not None:
        text += f"T{date.hour:02d}:{date.minute:02d}" + (f":{date.second:02d}" if date.second is not None else "")
        text += f".{date.fraction}" if date.fraction else ""
        return text + (date.tz or "")
    return text + ("%" if date.approximate and date.uncertain else "~" if date.approximate
                   else "?" if date.uncertain else "")
