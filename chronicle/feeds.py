"""The Atom feed's context: absolute URLs and RFC 3339 times from the content."""
from __future__ import annotations

import os
import time

from .dates import Date
from .model import Site
from .urls import absolute, entry_path

FEED_SIZE = 50


def feed_context(site: Site) -> dict:
    """The latest events, newest first, and a deterministic 'updated' time."""
    latest = list(reversed(site.events[-FEED_SIZE:]))
    base = site.config.base_url
    entries = [{"event": e, "url": absolute(base, entry_path(e)), "updated": rfc3339(e.end or e.start)}
               for e in latest]
    return {"site": site.config, "entries": entries, "updated": feed_updated(site),
            "feed_url": absolute(base, "feed.xml"), "home_url": absolute(base, "index.html")}


def feed_updated(site: Site) -> str:
    """SOURCE_DATE_EPOCH when set (reproducible builds); else the latest date in the content."""
    epoch = os.environ.get("SOURCE_DATE_EPOCH")
    if epoch and epoch.isdigit():
        return time.strftime("%Y-%m-%dT%H:%M:%SZ", time.gmtime(int(epoch)))
    dates = [e.end or e.start for e in site.events]
    return rfc3339(max(dates, key=lambda d: d.end_key())) if dates else "1970-01-01T00:00:00Z"


def rfc3339(date: Date) -> str:
    """Midnight UTC of the date's first day; RFC 3339 allows only years 0001-9999."""
    year = min(max(date.year, 1), 9999)
    return f"{year:04d}-{date.month or 1:02d}-{date.day or 1:02d}T00:00:00Z"
