"""Every entry's body as HTML, rendered once: from the cache, else on every core.

A body's HTML depends on its Markdown, the allow_html setting, and the title and path of each
entry its wiki-links name; the cache key holds exactly those, so an edit re-renders the edited
body and the bodies that link to an entry whose title changed, and nothing else.
"""
from __future__ import annotations

import json
import re
from typing import Sequence

from markupsafe import Markup

from .cache import BodyCache, key_of
from .markup import Converters, citation_numbers, convert_body, finish_body, source_label
from ..content.model import Event, Person, Place, Site, StandalonePage, link_text
from ..parallel import split_map
from ..link.urls import entry_path
from ..content.wikilinks import WIKILINK_PATTERN

Entry = Event | Person | Place | StandalonePage
ROOT = "../"  # every entry page sits one folder below the site root
_WIKILINKS = re.compile(WIKILINK_PATTERN)


def site_entries(site: Site) -> list[Entry]:
    """Every entry whose page shows a body, in page order."""
    return [*site.events, *site.people.values(), *site.places.values(), *site.pages.values()]


def render_bodies(site: Site, cache: BodyCache, workers: int | None = None) -> dict[str, Markup]:
    """{slug: body HTML} for every entry; cached conversions are reused, the rest converted and cached.

    The cache holds Markdown's output before sanitizing, and every body, cached or not, is
    sanitized here: a changed cache file can make a build slower or wrong, never unsafe.
    """
    entries = site_entries(site)
    keys = [body_key(site, entry) for entry in entries]
    cached = cache.get_many(keys)
    done = split_map(lambda part: _render(site, [entries[i] for i in part], [cached.get(keys[i]) for i in part]),
                     range(len(entries)), workers)
    cache.store({keys[i]: converted for i, (converted, _) in enumerate(done) if keys[i] not in cached}, set(keys))
    return {entry.slug: Markup(html) for entry, (_, html) in zip(entries, done)}


def body_key(site: Site, entry: Entry) -> str:
    """Everything the body's HTML depends on, digested."""
    # Every [[...]] in the source, even in code, where Markdown leaves it: a superset is safe.
    slugs = sorted({match.group(1).strip() for match in _WIKILINKS.finditer(entry.body)})
    targets = [_target(site, slug, entry) for slug in slugs]
    numbers = sorted(citation_numbers(site, entry).items()) if "[@" in entry.body else []
    return key_of("body", str(site.config.allow_html), entry.body, json.dumps(targets),
                  json.dumps([numbers, source_label(site) if numbers else ""]))


def _target(site: Site, slug: str, entry: Entry) -> tuple[str, str, str] | None:
    found = site.entry(slug)
    return (slug, entry_path(found), link_text(found, entry, site.config.language)) if found else None


def _render(site: Site, entries: Sequence[Entry], cached: Sequence[str | None]) -> list[tuple[str, str]]:
    """(converted, finished) HTML of each entry: converted from the cache where it holds one."""
    converters = Converters()  # one per process: a forked worker makes its own
    allow_html = site.config.allow_html
    done = []
    for entry, hit in zip(entries, cached):
        converted = convert_body(entry, site, ROOT, converters) if hit is None else hit
        done.append((converted, str(finish_body(converted, allow_html, ROOT))))
    return done
