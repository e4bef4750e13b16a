"""timeline.json in the TimelineJS3 JSON format.

Format: https://timeline.knightlab.com/docs/json-format.html. Date parts are numbers;
a part that is not known is left out, never 0 (TimelineJS treats 0 as a value).
Years beyond four digits are plain numbers: TimelineJS switches to its cosmological scale.
Headlines, texts and display dates are HTML to TimelineJS, so they are escaped once, with
`html_text`.
"""
from __future__ import annotations

import json
from html import escape
from urllib.parse import quote

from ..dates import Date
from ..dates.text import event_when
from ..language.i18n import strings
from ..link.urls import entry_path
from ..content.model import Era, Event, Image, Site


def timeline_json(site: Site) -> bytes:
    """The whole timeline as TimelineJS3 JSON, UTF-8, keys sorted."""
    text = json.dumps(timeline_data(site), ensure_ascii=False, indent=2, sort_keys=True)
    return (text + "\n").encode("utf-8")


def timeline_data(site: Site) -> dict:
    """The whole timeline as the TimelineJS3 JSON value (its keys in no particular order)."""
    data: dict = {
        "title": title_slide(site),
        "events": [event_slide(event, site.config.language) for event in site.events],
    }
    if site.eras:
        data["eras"] = [era_object(era) for era in site.eras]
    return data


def timelinejs_year(year: int) -> int:
    """Astronomical year -> TimelineJS year, which has no year zero (0 -> -1)."""
    return year if year > 0 else year - 1


def date_object(date: Date) -> dict[str, int]:
    """A TimelineJS date object with only the parts that are known.

    A span (201X, a season, 1985-04-XX) is placed at its first year or month; the slide's
    display_date says what it is. A date written in another calendar is its Gregorian
    equivalent (a Hijri month from its first day), display_date the date as written. A moment keeps its hour, minute and second as written.
    """
    year, month, _ = date.first_day()
    obj = {"year": timelinejs_year(year)}
    if date.month is not None or date.season:
        obj["month"] = month
    if date.day is not None:
        obj["day"] = date.day
    for part in ("hour", "minute", "second"):
        if getattr(date, part) is not None:
            obj[part] = getattr(date, part)
    return obj


def end_object(end: Date, start: Date) -> dict[str, int]:
    """The TimelineJS date object of an end: its latest day, never its first.

    TimelineJS reads {year: 1769} as 1 January 1769, so an end is given as the last year,
    month or day it may mean (176X -> 1769, a season -> its last month), and one coarser than
    its start (2004-06-11 to 2004-06) gets the start's parts too (30 June), so it never falls
    before the start.
    """
    year, month, day = end.last_day()
    obj = {"year": timelinejs_year(year)}
    start_parts = (start.month is not None or bool(start.season)) + (start.day is not None)
    if end.month is not None or end.season or start_parts >= 1:
        obj["month"] = month
    if end.day is not None or start_parts >= 2:
        obj["day"] = day
    for part in ("hour", "minute", "second"):
        if getattr(end, part) is not None:
            obj[part] = getattr(end, part)
    return obj


def _coarser(end: Date, start: Date) -> bool:
    """True when the end is known to fewer parts than the start (2004-06 after 2004-06-11)."""
    return PRECISION_ORDER.index(end.precision) < PRECISION_ORDER.index(start.precision)


PRECISION_ORDER = ("year", "month", "day")


def html_text(text: str) -> str:
    """Text as HTML for TimelineJS: only &, < and > escaped.

    TimelineJS also copies headlines verbatim into the aria-label of its previous/next
    buttons, where an escaped apostrophe (&#x27;) would be read out as it is written.
    """
    return escape(text, quote=False)


def title_slide(site: Site) -> dict:
    """The title slide from site.yaml."""
    text = {"headline": html_text(site.config.title)}
    if site.config.description:
        text["text"] = f"<p>{html_text(site.config.description)}</p>"
    return {"text": text}


def event_slide(event: Event, language: str = "en") -> dict:
    """One slide: dates, headline, summary with a link to the event page, group; words in the site language."""
    slide: dict = {
        "start_date": date_object(event.start),
        "text": {"headline": html_text(event.title), "text": slide_text(event, language)},
        "unique_id": event.slug,
    }
    end = event.end if event.end != event.start else None
    if end is not None and not end.edge:
        slide["end_date"] = end_object(end, event.start)
    elif event.start.edge == "open_start":
        slide["start_date"] = date_object(end)  # '../1985': TimelineJS needs a start; the end is it
    last = end if end is not None else event.start
    if _unaligned(last) and not last.edge:
        slide["end_date"] = last_day_object(last)  # a Hijri month (or one it ends in) covers its days
    if event.display_date or not _plain(event.start, end):
        # TimelineJS has no "about", "uncertain", spans or open ends; show our wording instead.
        slide["display_date"] = html_text(event_when(event, language))
    if event.tags:
        slide["group"] = event.tags[0]
    if event.image:
        slide["media"] = media_object(event.image)
    return slide


def media_object(image: Image) -> dict:
    """TimelineJS media; a local src is already relative to timeline.html at the root."""
    media = {"url": quote(image.src) if image.local else image.src, "alt": image.alt}
    media.update({key: html_text(value) for key, value in (
        ("caption", image.caption), ("credit", media_credit(image))) if value})
    return media


def media_credit(image: Image) -> str | None:
    """The credit, with the license after it: TimelineJS media have no license field."""
    if image.credit and image.license:
        return f"{image.credit} ({image.license})"
    return image.credit or image.license


def _plain(start: Date, end: Date | None) -> bool:
    """True when TimelineJS's own date text says all there is (no marks, spans or open ends)."""
    return start.exact and (end is None or end.exact and not _coarser(end, start)) and abs(start.year) < 10000


def slide_text(event: Event, language: str = "en") -> str:
    """Escaped summary plus a link relative to timeline.html at the site root."""
    link = f'<a href="{entry_path(event)}">{html_text(strings(language)["read_more"])}</a>'
    if not event.summary:
        return f"<p>{link}</p>"
    return f"<p>{html_text(event.summary)}</p><p>{link}</p>"


def era_object(era: Era) -> dict:
    """An era band: start, end and its name."""
    return {
        "start_date": date_object(era.start),
        "end_date": end_object(era.end, era.start),
        "text": {"headline": html_text(era.name)},
    }


def last_day_object(date: Date) -> dict[str, int]:
    """The last day of a date written in another calendar whose span is no Gregorian month or year."""
    year, month, day = date.last_day()
    return {"year": timelinejs_year(year), "month": month, "day": day}


def _unaligned(date: Date) -> bool:
    """A month or year of another calendar (Hijri, Hebrew, Persian): days, not a Gregorian unit."""
    return date.span is not None and date.span[0] != date.span[1]
