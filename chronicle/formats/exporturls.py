"""Absolute URLs and the calendar host, on top of the site's path rules in link/urls.py."""
from __future__ import annotations

from urllib.parse import urlsplit

from ..content.model import Event, Person, Place, SiteConfig
from ..link.urls import absolute, entry_path


def absolute_url(config: SiteConfig, entry: Event | Person | Place) -> str | None:
    """The entry's page as an absolute URL, or None when the site has no base_url."""
    return absolute(config.base_url, entry_path(entry)) if config.base_url else None


def site_host(config: SiteConfig) -> str:
    """The host of base_url, or 'timeline' when there is none."""
    return urlsplit(config.base_url).hostname or "timeline"
