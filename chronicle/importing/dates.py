"""TimelineJS dates to EDTF: the date parts of a slide, and the text it displays.

TimelineJS has no year zero (-1 is 1 BC) and no limit on years; its `display_date`
is free text, read here into EDTF where EDTF can say the same thing.
"""
from __future__ import annotations

import re
from dataclasses import dataclass

from ..dates import MONTHS, days_in_month, year_label
from ..dates.edtf import MAX_YEAR
from ..content.fields import show


class SlideError(ValueError):
    """One bad value; the message names the field and the value."""


@dataclass(frozen=True)
class TLDate:
    """A TimelineJS date already shifted to astronomical years (1 BC is year 0).

    Kept apart from dates.Date so the importer writes any EDTF year, however far.
    """

    year: int
    month: int | None = None
    day: int | None = None

    def iso(self) -> str:
        """EDTF text: '1958-11', '-0043-03-15', or an extended year 'Y-13799999999'."""
        if -9999 <= self.year <= 9999:
            text = f"{'-' if self.year < 0 else ''}{abs(self.year):04d}"
        else:
            text = f"Y{self.year}"
        text += f"-{self.month:02d}" if self.month is not None else ""
        return text + (f"-{self.day:02d}" if self.day is not None else "")

    def first(self) -> tuple[int, int, int]:
        """The first day it covers."""
        return (self.year, self.month or 1, self.day or 1)

    def last(self) -> tuple[int, int, int]:
        """The last day it covers."""
        month = self.month or 12
        return (self.year, month, self.day or days_in_month(self.year, month))


def timelinejs_date(year: object, month: object, day: object,
                    names: tuple[str, str, str]) -> TLDate | None:
    """An EDTF date from TimelineJS parts (no year zero: -1 is 1 BC), or None if blank."""
    raw = (year, month, day)
    values = [_number(value, name) for value, name in zip(raw, names)]
    tl_year, tl_month, tl_day = values
    shown = [f"{name} '{str(value).strip()}'" for value, name in zip(raw, names)]
    if tl_year is None:
        given = [name for value, name in zip(values[1:], names[1:]) if value is not None]
        if given:
            raise SlideError(f"{given[0]} is given without {names[0]}")
        return None
    if tl_year == 0:
        raise SlideError(f"{shown[0]} does not exist in TimelineJS (1 BC is -1)")
    iso_year = tl_year + 1 if tl_year < 0 else tl_year
    if tl_month is None:
        if tl_day is not None:
            raise SlideError(f"{names[2]} is given without {names[1]}")
        return TLDate(iso_year)
    if not 1 <= tl_month <= 12:
        raise SlideError(f"{shown[1]} is not 1-12")
    if tl_day is not None and not 1 <= tl_day <= days_in_month(iso_year, tl_month):
        raise SlideError(f"{shown[2]} does not exist in "
                         f"{MONTHS[tl_month - 1]} {year_label(iso_year)}")
    return TLDate(iso_year, tl_month, tl_day)


def _number(value: object, name: str) -> int | None:
    """A whole number from an int or numeric text; None when blank."""
    if value is None or (isinstance(value, str) and not value.strip()):
        return None
    if isinstance(value, bool) or not isinstance(value, (int, float, str)):
        raise SlideError(f"{name} {value!r} is not a number")
    if isinstance(value, float):
        if not value.is_integer():
            raise SlideError(f"{name} '{value}' is not a whole number")
        return _in_range(int(value), name)
    if isinstance(value, int):
        return _in_range(value, name)
    text = value.strip()
    digits = text[1:] if text[:1] in "+-" else text
    if not digits.isascii() or not digits.isdigit():
        raise SlideError(f"{name} {show(value)} is not a number")
    if len(digits.lstrip("0")) > len(str(MAX_YEAR)):  # int() refuses past 4,300 digits
        raise SlideError(f"{name} {show(value)} is beyond {MAX_YEAR:,}, the largest year a build accepts")
    return _in_range(int(text), name)


def _in_range(number: int, name: str) -> int:
    """The number if a build accepts it as a year (the largest, in years, is edtf.MAX_YEAR)."""
    if abs(number) > MAX_YEAR:
        raise SlideError(f"{name} {show(number)} is beyond {MAX_YEAR:,}, the largest year a build accepts")
    return number




_CLOCK_RE = re.compile(r"^([0-9]{1,2})(?::([0-9]{2}))?(?::([0-9]{2}))?\s*([AaPp])?\.?\s*(?:[Mm]\.?)?$")


def clock_time(hour: object, minute: object = None, second: object = None) -> str:
    """A TimelineJS time of day as the EDTF time part ('T17:00', 'T09:05:30'); '' when absent or invalid.

    TimelineJS takes an hour with optional minute and second (JSON parts), or a Time cell such
    as '17:00', '5:00 PM' or '17:00:30' (CSV); a time it could not show is not made up here.
    """
    parts = [_clock_part(value) for value in (hour, minute, second)]
    if parts[0] is None or not 0 <= parts[0] <= 23 or not 0 <= (parts[1] or 0) <= 59 or not 0 <= (parts[2] or 0) <= 59:
        return ""
    text = f"T{parts[0]:02d}:{parts[1] or 0:02d}"
    return text + (f":{parts[2]:02d}" if parts[2] is not None else "")


def cell_time(cell: str) -> str:
    """The Time cell of the spreadsheet ('17:00', '5:00 PM') as the EDTF time part, or ''."""
    match = _CLOCK_RE.match(cell.strip())
    if not match:
        return ""
    hour, minute, second, half = match.groups()
    if half and not 1 <= int(hour) <= 12:
        return ""
    hour_24 = int(hour) % 12 + (12 if half and half.lower() == "p" else 0) if half else int(hour)
    return clock_time(hour_24, minute, second)


def _clock_part(value: object) -> int | None:
    """A whole number of a time part, or None (blank, or not a whole number)."""
    if isinstance(value, bool) or value is None:
        return None
    if isinstance(value, int):
        return value
    if isinstance(value, float) and value.is_integer():
        return int(value)
    text = str(value).strip()
    return int(text) if text.isascii() and text.isdigit() and len(text) <= 2 else None


def with_time(edtf: str, date: TLDate | None, time: str) -> tuple[str, bool]:
    """The EDTF date with its time of day, and whether a time was given but could not be kept.

    EDTF carries a time only on a whole day, written plainly: a slide without a day, or one
    whose display text qualified the date ('c. 1958-11-28'), keeps no time.
    """
    if not time:
        return edtf, False
    if date is None or date.day is None or edtf != date.iso() or not -9999 <= date.year <= 9999:
        return edtf, True
    return edtf + time, False


@dataclass(frozen=True)
class Reading:
    """One side of a display text read as EDTF, with the days it may cover."""

    edtf: str
    lo: tuple[int, int, int]
    hi: tuple[int, int, int]
    plain: bool = True  # a plain date (no X digits, no season): it may only format the slide's
    exact: bool = True  # False for 'mid 1730s': the EDTF is near, the text says more


_MONTH_NAMES = {name.lower(): i + 1 for i, name in enumerate(MONTHS)}
_MONTH_NAMES.update({name[:3].lower(): i + 1 for i, name in enumerate(MONTHS)})
_MONTH_NAMES["sept"] = 9
_SEASONS = {"spring": 21, "summer": 22, "autumn": 23, "fall": 23, "winter": 24}
_APPROX_RE = re.compile(r"^(?:c\.|ca\.?|circa|about|approx\.?|approximately|around|~)\s*", re.I)
_ERA_RE = re.compile(r"\s*(B\.?C\.?E?\.?|BCE|A\.?D\.?|C\.?E\.?)$|^(A\.?D\.?)\s*", re.I)
_YEAR = r"(\d{1,3}(?:,\d{3}){1,3}|\d{1,12})"  # bounded: int() refuses past 4,300 digits
_MONTH = r"([A-Za-z]{3,9})\.?"
_SIDE_FORMS = (
    ("year", re.compile(rf"^{_YEAR}$")),
    ("month-year", re.compile(rf"^{_MONTH}\s+{_YEAR}$")),
    ("month-day-year", re.compile(rf"^{_MONTH}\s+(\d{{1,2}}),?\s+{_YEAR}$")),
    ("day-month-year", re.compile(rf"^(\d{{1,2}})\s+{_MONTH},?\s+{_YEAR}$")),
    ("iso", re.compile(r"^(\d{4})-(\d{2})(?:-(\d{2}))?$")),
    ("decade", re.compile(r"^(?:(early|mid|late)[\s-]+)?(\d{1,3})0'?s$", re.I)),
    ("century", re.compile(r"^(?:(early|mid|late)[\s-]+)?(\d{1,2})(?:st|nd|rd|th)\s+century$", re.I)),
    ("season", re.compile(rf"^(spring|summer|autumn|fall|winter)\s+{_YEAR}$", re.I)),
)
_DAY_RANGE_RE = re.compile(rf"^(\d{{1,2}})\s*[–—-]\s*(\d{{1,2}})\s+{_MONTH}\s+{_YEAR}$")
_SPLIT_RE = re.compile(r"\s*(?:–|—|-|/|\bto\b|\band\b|\buntil\b)\s*", re.I)


def read_display(text: str) -> tuple[Reading, Reading | None] | None:
    """A display text read as one EDTF date or a pair; None when EDTF cannot say it."""
    text = " ".join(text.split()).strip(" .")
    text = re.sub(r"^(?:between|from)\s+", "", text, flags=re.I)
    day_range = _DAY_RANGE_RE.match(text)
    if day_range:
        first, last, month, year = day_range.groups()
        return (_side(f"{first} {month} {year}"), _side(f"{last} {month} {year}"))
    single = _side(text)
    if single:
        return single, None
    for split in _SPLIT_RE.finditer(text):
        left, right = text[:split.start()], text[split.end():]
        era = _ERA_RE.search(right)
        if era and era.group(1) and not _ERA_RE.search(left):
            left += " " + era.group(1)  # '300 - 200 BC': both are BC
        pair = _side(left), _side(right)
        if pair[0] and pair[1] and pair[0].lo <= pair[1].hi:
            return pair[0], pair[1]
    return None


def _side(text: str) -> Reading | None:
    """One date of a display text, with qualifiers and era, or None."""
    text = text.strip()
    approximate = bool(_APPROX_RE.match(text))
    text = _APPROX_RE.sub("", text)
    uncertain = text.endswith("?")
    text = text.rstrip("?").strip().removesuffix("(").strip()
    era = _ERA_RE.search(text)
    bc = bool(era and era.group(1) and era.group(1).upper().startswith("B"))
    text = _ERA_RE.sub("", text).strip()
    for form, pattern in _SIDE_FORMS:
        match = pattern.match(text)
        reading = match and _FORMS[form](match.groups(), bc)
        if reading:
            return _qualified(reading, approximate, uncertain)
    return None


def _qualified(reading: Reading, approximate: bool, uncertain: bool) -> Reading | None:
    """The reading with ~, ? or %; extended years are left unqualified (None)."""
    mark = "%" if approximate and uncertain else "~" if approximate else "?" if uncertain else ""
    if mark and reading.edtf.startswith("Y"):
        return None
    return Reading(reading.edtf + mark, reading.lo, reading.hi, reading.plain, reading.exact)


def _year(text: str, bc: bool) -> int:
    """An astronomical year from the digits of a display text (1 BC is 0)."""
    year = int(text.replace(",", ""))
    return 1 - year if bc else year


def _day(year: int, month: int | None = None, day: int | None = None) -> Reading | None:
    """A plain date as a reading, or None if no such day."""
    if month is not None and not 1 <= month <= 12:
        return None
    if day is not None and not 1 <= day <= days_in_month(year, month or 1):
        return None
    date = TLDate(year, month, day)
    return Reading(date.iso(), date.first(), date.last())


def _month(name: str) -> int | None:
    return _MONTH_NAMES.get(name.lower())


def _span(prefix: str, first: int, last: int, exact: bool, bc: bool) -> Reading | None:
    """Unspecified digits ('174X', '19XX') covering the years first..last (AD only)."""
    if bc or first < 0:
        return None
    return Reading(prefix, (first, 1, 1), (last, 12, 31), plain=False, exact=exact)


_FORMS = {
    "year": lambda g, bc: _day(_year(g[0], bc)),
    "month-year": lambda g, bc: _month(g[0]) and _day(_year(g[1], bc), _month(g[0])),
    "month-day-year": lambda g, bc: _month(g[0]) and _day(_year(g[2], bc), _month(g[0]), int(g[1])),
    "day-month-year": lambda g, bc: _month(g[1]) and _day(_year(g[2], bc), _month(g[1]), int(g[0])),
    "iso": lambda g, bc: None if bc else _day(int(g[0]), int(g[1]), int(g[2]) if g[2] else None),
    "decade": lambda g, bc: _span(f"{int(g[1]):03d}X", int(g[1]) * 10, int(g[1]) * 10 + 9,
                                  not g[0], bc),
    "century": lambda g, bc: int(g[1]) >= 1 and _span(
        f"{int(g[1]) - 1:02d}XX", (int(g[1]) - 1) * 100, (int(g[1]) - 1) * 100 + 99, not g[0], bc),
    "season": lambda g, bc: _season(_SEASONS[g[0].lower()], _year(g[1], bc)),
}


def _season(code: int, year: int) -> Reading | None:
    """'Spring 2001' as 2001-21; the whole year is its span, since hemispheres differ."""
    if not 0 <= year <= 9999:
        return None
    return Reading(f"{year:04d}-{code}", (year, 1, 1), (year, 12, 31), plain=False)


def dates_from_display(display: str, start: TLDate, end: TLDate | None
                       ) -> tuple[str, str | None, str | None]:
    """EDTF date, end and display_date for a slide: the slide's own dates win.

    The display text may only narrow what the slide says: a qualifier ('c. 1843'), or a
    finer date inside the slide's span ('August 28, 1667' on 1667). It never moves the date
    out of the slide's span ('mid 1730s' on 1735 stays 1735, 'Summer 1863' on July 1863
    stays July) and never adds an end the slide lacks ('Between 1715-1740' on 1715 alone).
    Whatever EDTF cannot say exactly is kept verbatim as `display_date`.
    """
    own = (start.iso(), end.iso() if end else None, None)
    text = display.strip()
    if not text:
        return own
    reading = read_display(text)
    if reading is None:
        return (*own[:2], text)
    first, last = reading
    if last is not None and end is None:  # a span the slide does not have
        return (*own[:2], text)
    date, kept = _narrowed(first, start)
    end_text = own[1]
    if last is not None and end is not None:
        end_text, kept_end = _narrowed(last, end)
        kept = kept or kept_end
    exact = first.exact and (last is None or last.exact)
    return date, end_text, None if exact and not kept else text


def _narrowed(reading: Reading, date: TLDate) -> tuple[str, bool]:
    """The slide's date as the reading narrows it, and whether the text says more than that.

    A reading inside the slide's span replaces it; a plain reading around it (a coarser
    'c. 1958' on 1958-11-28) lends only its qualifier; anything else leaves the date alone.
    """
    if date.first() <= reading.lo and reading.hi <= date.last():
        return reading.edtf, False
    if reading.plain and reading.lo <= date.first() and date.last() <= reading.hi:
        return date.iso() + (reading.edtf[-1] if reading.edtf[-1] in "~?%" else ""), False
    return date.iso(), True
