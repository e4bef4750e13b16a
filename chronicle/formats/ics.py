"""calendar.ics: the events known to the day, as RFC 5545 all-day events or timed ones (moments)."""
from __future__ import annotations

import re
from datetime import datetime, timezone

from ..dates import Date, days_in_month
from ..dates.text import event_when
from .exporturls import absolute_url, site_host
from ..language.i18n import strings
from ..content.model import Event, Site

PRODID = "-//Chronicle//Chronicle timeline//EN"
LINE_LIMIT = 75  # octets per line before folding, RFC 5545 section 3.1
_CONTROLS = re.compile("[\x00-\x08\x0a-\x1f\x7f]")  # not allowed in TEXT (a tab is)


def calendar_ics(site: Site, source_date_epoch: str | None) -> tuple[bytes, list[str]]:
    """The calendar and notes on what was left out; DTSTAMP never reads the clock."""
    notes: list[str] = []
    kept, coarse, out_of_range = [], 0, 0
    for event in site.events:
        if not _day_precise(event):
            coarse += 1
        elif not _in_ics_range(event):
            out_of_range += 1
        else:
            kept.append(event)
    if coarse:
        notes.append(f"calendar.ics: {coarse} event(s) without day precision left out")
    if out_of_range:
        notes.append(f"calendar.ics: {out_of_range} event(s) outside the years AD 1-9999 left out")
    stamp, stamp_note = dtstamp(kept, source_date_epoch)
    notes.extend(stamp_note)
    lines = ["BEGIN:VCALENDAR", "VERSION:2.0", f"PRODID:{PRODID}", "CALSCALE:GREGORIAN",
             f"X-WR-CALNAME:{escape_text(site.config.title)}"]
    for event in kept:
        lines.extend(vevent(site, event, stamp))
    lines.append("END:VCALENDAR")
    return b"".join(fold(line) for line in lines), notes


def vevent(site: Site, event: Event, stamp: str) -> list[str]:
    """The content lines of one VEVENT."""
    last = event.end or event.start
    lines = [
        "BEGIN:VEVENT",
        f"UID:{event.slug}@{site_host(site.config)}",
        f"DTSTAMP:{stamp}",
        *time_lines(event.start, event.end, last),
        f"SUMMARY:{escape_text(event.title)}",
    ]
    description = event_description(event, site.config.language)
    if description:
        lines.append(f"DESCRIPTION:{escape_text(description)}")
    lines.extend(location_lines(site, event))
    if event.tags:
        lines.append("CATEGORIES:" + ",".join(escape_text(tag) for tag in event.tags))
    url = absolute_url(site.config, event)
    if url:
        lines.append(f"URL:{url}")
    lines.append("END:VEVENT")
    return lines


def time_lines(start: Date, end: Date | None, last: Date) -> list[str]:
    """DTSTART/DTEND: date-times when every date is a moment, else an all-day span."""
    if start.hour is not None and (end is None or end.hour is not None):
        # RFC 5545 3.6.1: a DATE-TIME DTSTART alone is an instant; no end is made up.
        return [f"DTSTART:{ics_moment(start)}"] + ([f"DTEND:{ics_moment(end)}"] if end else [])
    # DTEND of an all-day event is exclusive: the day after the last day.
    return [f"DTSTART;VALUE=DATE:{ics_date(start)}", f"DTEND;VALUE=DATE:{ics_date(next_day(last))}"]


def ics_moment(date: Date) -> str:
    """A moment as UTC (YYYYMMDDThhmmssZ) when written with a zone, else floating local time."""
    year, month, day, seconds = date.sort_key()[:4]  # the day and time shifted to UTC
    hours, rest = divmod(seconds, 3600)
    stamp = f"{year:04d}{month:02d}{day:02d}T{hours:02d}{rest // 60:02d}{rest % 60:02d}"
    return stamp + ("Z" if date.tz else "")


def event_description(event: Event, language: str = "en") -> str:
    """The summary, plus the date in words (in the site language) when it is approximate or uncertain."""
    parts = [event.summary] if event.summary else []
    if event.display_date or not event.start.exact or (event.end is not None and not event.end.exact):
        parts.append(strings(language)["ics_date"].format(when=event_when(event, language)))
    return "\n\n".join(parts)


def location_lines(site: Site, event: Event) -> list[str]:
    """LOCATION (and GEO when known) from the first place, else the first route stop."""
    slug = event.places[0] if event.places else event.route[0].place if event.route else None
    place = site.places.get(slug) if slug else None
    if place is None:
        return []
    lines = [f"LOCATION:{escape_text(place.name)}"]
    if place.located:
        lines.append(f"GEO:{place.lat};{place.lon}")
    return lines


def _day_precise(event: Event) -> bool:
    """True when the start and any end are known to the day (an open or unknown end is not)."""
    dates = (event.start,) if event.end is None else (event.start, event.end)
    return all(d.precision == "day" and not d.edge and not d.unspecified for d in dates)


def _in_ics_range(event: Event) -> bool:
    """iCalendar dates are years 0001-9999, so BC events cannot be written."""
    return event.start.year >= 1 and next_day(event.end or event.start).year <= 9999


def dtstamp(events: list[Event], source_date_epoch: str | None) -> tuple[str, list[str]]:
    """SOURCE_DATE_EPOCH when valid, else the latest day in the calendar, as UTC."""
    if source_date_epoch is not None and source_date_epoch.strip():
        try:
            moment = datetime.fromtimestamp(int(source_date_epoch), tz=timezone.utc)
            return moment.strftime("%Y%m%dT%H%M%SZ"), []
        except (ValueError, OverflowError, OSError):
            note = (f"calendar.ics: SOURCE_DATE_EPOCH {source_date_epoch!r} is not a Unix time;"
                    " DTSTAMP taken from the events instead")
            return _content_stamp(events), [note]
    return _content_stamp(events), []


def _content_stamp(events: list[Event]) -> str:
    """The latest start or end among the events, at midnight UTC (1970-01-01 if none)."""
    days = [d.end_key() for e in events for d in (e.start, e.end) if d is not None]
    year, month, day = max(days, default=(1970, 1, 1))
    return f"{year:04d}{month:02d}{day:02d}T000000Z"


def ics_date(date: Date) -> str:
    """A day-precision date as YYYYMMDD."""
    return f"{date.year:04d}{date.month:02d}{date.day:02d}"


def next_day(date: Date) -> Date:
    """The following day, rolling over month and year ends (no datetime: any year)."""
    year, month, day = date.year, date.month or 1, (date.day or 1) + 1
    if day > days_in_month(year, month):
        day, month = 1, month + 1
        if month > 12:
            month, year = 1, year + 1
    return Date(year, month, day)


def escape_text(text: str) -> str:
    """Escape a TEXT value (RFC 5545 section 3.3.11)."""
    text = text.replace("\\", "\\\\").replace(";", "\\;").replace(",", "\\,")
    text = text.replace("\r\n", "\n").replace("\r", "\n").replace("\n", "\\n")
    # Other control characters are not allowed in TEXT; drop them rather than fail.
    return _CONTROLS.sub("", text)


def fold(line: str) -> bytes:
    """One content line as UTF-8 with CRLF, folded at 75 octets between characters."""
    encoded = line.encode("utf-8")
    if len(encoded) <= LINE_LIMIT:  # most lines: nothing to fold, no walk over the characters
        return encoded + b"\r\n"
    chunks, current, size = [], bytearray(), 0
    for char in line:
        encoded = char.encode("utf-8")
        if size + len(encoded) > LINE_LIMIT:
            chunks.append(bytes(current))
            current, size = bytearray(b" "), 1  # the leading space counts toward the limit
        current += encoded
        size += len(encoded)
    chunks.append(bytes(current))
    return b"\r\n".join(chunks) + b"\r\n"
