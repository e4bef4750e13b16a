"""Page paths and absolute URLs shared by the exports."""
from __future__ import annotations

from urllib.parse import urlsplit

from .model import SiteConfig

PAGE_FOLDERS = {"event": "events", "person": "people", "place": "places"}


def page_path(kind: str, slug: str) -> str:
    """The page of an event, person or place, relative to the site root."""
    return f"{PAGE_FOLDERS[kind]}/{slug}.html"


def absolute_url(config: SiteConfig, path: str) -> str | None:
    """base_url + path, or None when the site has no base_url."""
    if not config.base_url:
        return None
    return config.base_url.rstrip("/") + "/" + path


def site_host(config: SiteConfig) -> str:
    """The host of base_url, or 'timeline' when there is none."""
    return urlsplit(config.base_url).hostname or "timeline"
