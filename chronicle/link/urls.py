"""Where each page lives in the site, relative to its root."""
from __future__ import annotations

from ..content.model import Event, Person, Place, StandalonePage

FOLDERS = {Event: "events", Person: "people", Place: "places", StandalonePage: "pages"}


def entry_path(entry: Event | Person | Place | StandalonePage) -> str:
    """'events/<slug>.html', 'people/<slug>.html', 'places/<slug>.html' or 'pages/<slug>.html'."""
    return f"{FOLDERS[type(entry)]}/{entry.slug}.html"


def tag_path(tag: str) -> str:
    """The page of a tag (tags are kept as slugs)."""
    return f"tags/{tag}.html"


def year_path(year: int) -> str:
    """The page of a year; astronomical numbering, e.g. 'years/-0043.html'."""
    return f"years/{'-' if year < 0 else ''}{abs(year):04d}.html"


def root_of(path: str) -> str:
    """The relative prefix from a page back to the site root ('' or '../')."""
    return "../" * path.count("/")


def absolute(base_url: str, path: str) -> str:
    """An absolute URL for a site path; base_url ends with '/'."""
    if path.endswith("index.html"):
        path = path[: -len("index.html")]  # the canonical form servers answer with
    return base_url + path
