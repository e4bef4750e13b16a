"""timeline.json in the TimelineJS3 JSON format.

Format: https://timeline.knightlab.com/docs/json-format.html. Date parts are numbers;
a part that is not known is left out, never 0 (TimelineJS treats 0 as a value).
EDTF years stay within -9999..9999, well inside TimelineJS's "human" scale.
Headlines, texts and display dates are HTML to TimelineJS, so they are escaped once, with
`html_text`.
"""
from __future__ import annotations

import json
from html import escape

from .dates import Date, display_range
from .urls import entry_path
from .model import Era, Event, Site


def timeline_json(site: Site) -> bytes:
    """The whole timeline as TimelineJS3 JSON, UTF-8, keys sorted."""
    data: dict = {
        "title": title_slide(site),
        "events": [event_slide(event) for event in site.events],
    }
    if site.eras:
        data["eras"] = [era_object(era) for era in site.eras]
    text = json.dumps(data, ensure_ascii=False, indent=2, sort_keys=True)
    return (text + "\n").encode("utf-8")


def timelinejs_year(year: int) -> int:
    """Astronomical year -> TimelineJS year, which has no year zero (0 -> -1)."""
    return year if year > 0 else year - 1


def date_object(date: Date) -> dict[str, int]:
    """A TimelineJS date object with only the parts that are known."""
    obj = {"year": timelinejs_year(date.year)}
    if date.month is not None:
        obj["month"] = date.month
    if date.day is not None:
        obj["day"] = date.day
    return obj


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


def event_slide(event: Event) -> dict:
    """One slide: dates, headline, summary with a link to the event page, group."""
    slide: dict = {
        "start_date": date_object(event.start),
        "text": {"headline": html_text(event.title), "text": slide_text(event)},
        "unique_id": event.slug,
    }
    end = event.end if event.end != event.start else None
    if end is not None:
        slide["end_date"] = date_object(end)
    if event.start.qualified or (end is not None and end.qualified):
        # TimelineJS has no notion of "about" or "uncertain"; show our wording instead.
        slide["display_date"] = html_text(display_range(event.start, end))
    if event.tags:
        slide["group"] = event.tags[0]
    return slide


def slide_text(event: Event) -> str:
    """Escaped summary plus a link relative to timeline.html at the site root."""
    link = f'<a href="{entry_path(event)}">Read more</a>'
    if not event.summary:
        return f"<p>{link}</p>"
    return f"<p>{html_text(event.summary)}</p><p>{link}</p>"


def era_object(era: Era) -> dict:
    """An era band: start, end and its name."""
    return {
        "start_date": date_object(era.start),
        "end_date": date_object(era.end),
        "text": {"headline": html_text(era.name)},
    }
