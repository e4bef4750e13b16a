"""The Atom feed's context: absolute URLs and RFC 3339 times from the content."""
from __future__ import annotations

import os
import posixpath
import time
from urllib.parse import quote, urlsplit

from ..dates.text import event_when
from ..dates import Date
from ..content.model import Image, Site
from ..link.urls import absolute, entry_path

FEED_SIZE = 50
# By file name, not the system's mimetypes tables, so every machine writes the same feed.
IMAGE_TYPES = {".png": "image/png", ".jpg": "image/jpeg", ".jpeg": "image/jpeg", ".gif": "image/gif",
               ".webp": "image/webp", ".svg": "image/svg+xml", ".avif": "image/avif"}


def feed_context(site: Site) -> dict:
    """The latest events, newest first, and a deterministic 'updated' time."""
    latest = list(reversed(site.events[-FEED_SIZE:]))
    base = site.config.base_url
    entries = [{"event": e, "url": absolute(base, entry_path(e)), "updated": rfc3339(e.end or e.start),
                "image": enclosure(e.image, base), "when": event_when(e, site.config.language)} for e in latest]
    return {"site": site.config, "entries": entries, "updated": feed_updated(site),
            "feed_url": absolute(base, "feed.xml"), "home_url": absolute(base, "index.html")}


def enclosure(image: Image | None, base_url: str) -> dict | None:
    """The image as an Atom enclosure: an absolute URL (a local file needs base_url) and its type."""
    if image is None or (image.local and not base_url):
        return None
    url = base_url + quote(image.src) if image.local else image.src
    kind = IMAGE_TYPES.get(posixpath.splitext(urlsplit(image.src).path)[1].lower())
    return {"url": url, "type": kind, "alt": image.alt}


def feed_updated(site: Site) -> str:
    """SOURCE_DATE_EPOCH when set (reproducible builds); else the latest date in the content."""
    epoch = os.environ.get("SOURCE_DATE_EPOCH")
    if epoch and epoch.isdigit():
        return time.strftime("%Y-%m-%dT%H:%M:%SZ", time.gmtime(int(epoch)))
    dates = [e.end or e.start for e in site.events]
    # The last day first; on that day the later moment (a day alone counts as its midnight).
    return rfc3339(max(dates, key=lambda d: (d.end_key(), rfc3339(d)))) if dates else "1970-01-01T00:00:00Z"


def rfc3339(date: Date) -> str:
    """A moment in UTC, else midnight UTC of the date's first day; only years 0001-9999 exist.

    A moment without a zone (local time, unknown offset) is written as if it were UTC.
    """
    if date.hour is None:
        year, month, day, seconds = date.year, date.month or 1, date.day or 1, 0
    else:
        year, month, day, seconds = date.sort_key()[:4]  # the day and time shifted to UTC
    year = min(max(year, 1), 9999)
    hours, rest = divmod(seconds, 3600)
    return f"{year:04d}-{month:02d}-{day:02d}T{hours:02d}:{rest // 60:02d}:{rest % 60:02d}Z"
