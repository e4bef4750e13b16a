"""Dates as readers of each site language see them; English is display.py's own display.

Korean writes year, month and day with counters ('1958년 11월 28일'), 'c.' as '경' after the
date, and BC as '기원전'; decades as '2010년대', seasons as '2001년 봄'. Languages without
rules here use English.
"""
from __future__ import annotations

from .display import clock, display_date, display_range, year_text as english_year
from .model import Date
from ..language.i18n import ui_language
from .othercal import written_text

_KO_SEASONS = {21: "봄", 22: "여름", 23: "가을", 24: "겨울"}


def date_text(date: Date, language: str) -> str:
    """One date in the site's language."""
    if ui_language(language) != "ko":
        return display_date(date)
    if date.written is not None:
        return _ko_written(date)
    text = _ko_qualify(date, _ko_plain(date, with_year=True))
    if date.julian is None:
        return text
    written = Date(*date.julian, approximate=date.approximate, uncertain=date.uncertain)
    return f"{date_text(written, language)} (율리우스력; {text})"


def range_text(start: Date, end: Date | None, language: str) -> str:
    """A date or an interval in the site's language."""
    if ui_language(language) != "ko":
        return display_range(start, end)
    if start.edge or (end is not None and end.edge):
        return _ko_edge(start, end)
    if end is None or end == start:
        return date_text(start, language)
    plain = start.exact and end.exact and start.hour is None and end.hour is None
    if plain and start.year == end.year and start.precision == end.precision != "year":
        return f"{date_text(start, language)} ~ {_ko_plain(end, with_year=False)}"
    return f"{date_text(start, language)} ~ {date_text(end, language)}"


def event_when(event, language: str) -> str:
    """An event's dates as shown: its display_date when the author gave one."""
    return event.display_date or range_text(event.start, event.end, language)


def life(person, t: dict[str, str], language: str) -> str:
    """A person's dates: '1912 – 1994', 'born 1984' or 'died 1994', in the site's language (t: its UI words)."""
    if person.born and person.died:
        return range_text(person.born, person.died, language)
    if person.born:
        return t["born"].format(date=date_text(person.born, language))
    return t["died"].format(date=date_text(person.died, language)) if person.died else ""


def year_text(year: int, language: str) -> str:
    """A year heading: '1958', '44 BC', '66 million years ago' (as the axis says it); '1958년', '기원전 44년'."""
    if ui_language(language) != "ko":
        return english_year(year)
    return f"기원전 {1 - year:,}년" if year <= 0 else f"{year:,}년" if year >= 10000 else f"{year}년"


def _ko_edge(start: Date, end: Date) -> str:
    if start.edge and end.edge:  # '../..', '/': no date at all
        return "시작·끝 미상"
    if start.edge == "open_start":
        return f"{date_text(end, 'ko')}까지"
    if start.edge == "unknown_start":
        return f"{date_text(end, 'ko')}까지 (시작 미상)"
    return f"{date_text(start, 'ko')}부터 ({'진행 중' if end.open else '끝 미상'})"


def _ko_plain(date: Date, with_year: bool) -> str:
    if date.year_x >= 4:
        return "연도 미상"
    if date.year_x:  # a millennium as its years: '1000년대' reads as the decade 1000-1009
        return f"{year_text(date.year, 'ko').removesuffix('년')}년대" if date.year >= 1 and date.year_x < 3 else \
            f"{year_text(date.year, 'ko')} ~ {year_text(date.last_year, 'ko')}"
    parts = [year_text(date.year, "ko")] if with_year else []
    if date.season:
        parts.append(_KO_SEASONS[date.season])
    if date.month is not None:
        parts.append(f"{date.month}월")
    if date.day is not None:
        parts.append(f"{date.day}일")
    if date.month_x or date.day_x:
        parts.append("(월일 미상)" if date.month_x else "(일 미상)")
    if date.hour is not None:
        parts.append(clock(date))  # times read the same in Korean
    return " ".join(parts)


def _ko_written(date: Date) -> str:
    """'주체 47년 (1958년)'; Hijri, Persian and Hebrew months keep their Latin names, the Gregorian side is Korean."""
    year, month, day = date.written
    if date.span is None:  # Juche and Minguo: Gregorian months, only the year differs
        era = {"juche": "주체", "minguo": "민국"}[date.calendar]
        parts = [f"{era} {year}년"] + ([f"{month}월"] if month else []) + ([f"{day}일"] if day else [])
        return _ko_qualify(date, f"{' '.join(parts)} ({year_text(date.year, 'ko')})")
    first, last = (Date(*day) for day in date.span)
    gregorian = date_text(first, "ko") if first == last else range_text(first, last, "ko")
    return _ko_qualify(date, f"{written_text(date)} ({gregorian})")


def _ko_qualify(date: Date, text: str) -> str:
    if date.approximate:
        text = f"{text}경"
    if date.uncertain:
        text = f"{text}?"
    return text
