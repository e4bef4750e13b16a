"""Dates as readers of each site language see them; English is dates.py's own display.

Korean writes year, month and day with counters ('1958년 11월 28일'), 'c.' as '경' after the
date, and BC as '기원전'. Languages without rules here use English.
"""
from __future__ import annotations

from .dates import Date, display_range, year_label
from .i18n import ui_language


def date_text(date: Date, language: str) -> str:
    """One date in the site's language."""
    if ui_language(language) != "ko":
        return date.display()
    return _ko_qualify(date, _ko_plain(date, with_year=True))


def range_text(start: Date, end: Date | None, language: str) -> str:
    """A date or an interval in the site's language."""
    if ui_language(language) != "ko":
        return display_range(start, end)
    if end is None or end == start:
        return date_text(start, language)
    plain = not (start.qualified or end.qualified)
    if plain and start.year == end.year and start.precision == end.precision != "year":
        return f"{date_text(start, language)} ~ {_ko_plain(end, with_year=False)}"
    return f"{date_text(start, language)} ~ {date_text(end, language)}"


def year_text(year: int, language: str) -> str:
    """A year heading: '1958', '44 BC'; '1958년', '기원전 44년'."""
    if ui_language(language) != "ko":
        return year_label(year)
    return f"기원전 {1 - year}년" if year <= 0 else f"{year}년"


def _ko_plain(date: Date, with_year: bool) -> str:
    parts = [year_text(date.year, "ko")] if with_year else []
    if date.month is not None:
        parts.append(f"{date.month}월")
    if date.day is not None:
        parts.append(f"{date.day}일")
    return " ".join(parts)


def _ko_qualify(date: Date, text: str) -> str:
    if date.approximate:
        text = f"{text}경"
    if date.uncertain:
        text = f"{text}?"
    return text
