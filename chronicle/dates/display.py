"""English display of dates and intervals (text.py adds the other site languages).

Coarse prehistory reads as time ago: a year before 1,000,000 BC written with at least
five trailing zeros (`Y-66000000`, `Y-13800000000`) is a round figure, shown as
'66 million years ago' / '13.8 billion years ago'; any other year is shown in full
with thousands separators ('170,000,003 BC').
"""
from __future__ import annotations

from typing import TYPE_CHECKING

from .model import MONTHS, SEASONS, year_label
from .othercal import written_text

if TYPE_CHECKING:
    from .model import Date

_AGO = ((10 ** 9, "billion"), (10 ** 6, "million"))


def display_date(date: Date) -> str:
    """One date in English, as written: qualifiers, unknown digits, time, Old Style, other calendars."""
    if date.written is not None:
        return qualify(date, f"{written_text(date)} ({gregorian_text(date)})")
    text = qualify(date, plain(date, with_year=True))
    if date.julian is None:
        return text
    written = type(date)(date.julian[0], date.julian[1], date.julian[2], date.approximate, date.uncertain)
    return f"{display_date(written)} (O.S.; {text})"


def gregorian_text(date: Date) -> str:
    """The Gregorian side of a date written in another calendar: '9 December 1957',
    '22 December 1957 – 20 January 1958' for a Hijri month, '1958' for Juche 47."""
    if date.span is None:
        return year_text(date.year)  # Juche and Minguo: Gregorian months and days, only the year differs
    first, last = (type(date)(*day) for day in date.span)
    return display_date(first) if first == last else display_range(first, last)


def plain(date: Date, with_year: bool, with_era: bool = False) -> str:
    """The date without qualifiers; the year left out unless `with_year`."""
    if date.year_x:
        return decade_text(date)
    year = year_text(date.year, with_era) if with_year else ""
    if date.season:
        return f"{SEASONS[date.season]} {year}".strip()
    parts = [str(date.day)] if date.day is not None else []
    if date.month is not None:
        parts.append(MONTHS[date.month - 1])
    text = " ".join(parts + ([year] if year else []))
    if date.month_x or date.day_x:
        text += " (month and day unknown)" if date.month_x and date.day_x else \
            " (month unknown)" if date.month_x else " (day unknown)"
    if date.hour is not None:
        text += f", {clock(date)}"
    return text


def year_text(year: int, with_era: bool = False) -> str:
    """A year in a date: '1958', '44 BC', '170,001 BC', '66 million years ago'."""
    ago = 1 - year
    if ago >= 10 ** 6 and year % 100000 == 0:
        for size, word in _AGO:
            if ago >= size:
                return f"{f'{ago / size:.3f}'.rstrip('0').rstrip('.')} {word} years ago"
    return year_label(year, with_era)


def decade_text(date: Date) -> str:
    """'2010s', '1900s', '1000–1999', 'year unknown'; spans reaching BC as '200–101 BC' or '1 BC – AD 99'.

    A millennium is written as its years: '1000s' reads as the decade 1000-1009.
    """
    first, last = date.year, date.last_year
    if date.year_x >= 4:
        return "year unknown"
    if first >= 1 and date.year_x == 3:
        return f"{year_label(first)}–{year_label(last)}"
    if first >= 1:
        return f"{year_label(first)}s"
    if last <= 0:
        return f"{year_label(first).removesuffix(' BC')}–{year_label(last)}"
    return f"{year_label(first)} – {year_label(last, with_era=True)}"


def clock(date: Date) -> str:
    """'23:20', '23:20:30', '23:20 UTC', '23:20 (+05:30)'."""
    text = f"{date.hour:02d}:{date.minute:02d}"
    if date.second or date.fraction:
        text += f":{date.second:02d}" + (f".{date.fraction}" if date.fraction else "")
    if date.tz == "Z":
        return f"{text} UTC"
    return f"{text} ({date.tz})" if date.tz else text


def qualify(date: Date, text: str) -> str:
    """'c. ' before an approximate date, '?' after an uncertain one."""
    if date.approximate:
        text = f"c. {text}"
    if date.uncertain:
        text = f"{text}?"
    return text


def display_range(start: Date, end: Date | None) -> str:
    """'23 February – 5 March 2019', '27–28 February 2019', 'from 1985 (ongoing)' or one date."""
    if start.edge or (end is not None and end.edge):
        return edge_text(start, end)
    if end is None or end == start:
        return display_date(start)
    simple = start.exact and end.exact and start.hour is None and end.hour is None
    if simple and start.year == end.year and start.precision == end.precision != "year":
        if start.precision == "day" and start.month == end.month:
            return f"{start.day}–{end.day} {MONTHS[end.month - 1]} {year_label(end.year)}"
        return f"{plain(start, with_year=False)} – {display_date(end)}"
    if start.year <= 0 < end.year and not end.year_x:  # '44 BC – AD 14': the era said on both sides
        return f"{display_date(start)} – {qualify(end, plain(end, with_year=True, with_era=True))}"
    return f"{display_date(start)} – {display_date(end)}"


def edge_text(start: Date, end: Date | None) -> str:
    """An interval with an open or unknown end."""
    if end is not None and start.edge and end.edge:  # '../..', '/': no date at all
        ends = ("open" if start.open else "unknown", "open" if end.open else "unknown")
        return {("open", "open"): "open at both ends", ("unknown", "unknown"): "start and end unknown",
                ("open", "unknown"): "open start, end unknown", ("unknown", "open"): "start unknown (ongoing)"}[ends]
    if start.edge == "open_start":
        return f"until {display_date(end)}"
    if start.edge == "unknown_start":
        return f"until {display_date(end)} (start unknown)"
    if end.edge == "open_end":
        return f"from {display_date(start)} (ongoing)"
    return f"from {display_date(start)} (end unknown)"
