"""Link stage: records -> Site. Resolves slugs, orders events, builds taxonomies and backlinks."""
from __future__ import annotations

import difflib
import os
from collections import defaultdict
from dataclasses import replace

from ..errors import Problem, display_path
from ..content.fields import Tag
from ..language.i18n import language_problem
from ..content.bodyscan import BodyScan, BodyScans
from ..content.media import asset_names, body_asset_problems, is_active
from ..content.model import Content, Event, Person, Place, Site, StandalonePage
from ..content.wikilinks import WikiLink
from .sources import cited_rows, citing_entries, source_problems, style_path, with_works

Entry = Event | Person | Place | StandalonePage
MAX_YEAR_PAGES = 1000  # year pages one event may appear on
NO_BASE_URL = "no 'base_url'"  # the warning's start: the pipeline drops it when a given base_url was refused


def link_site(content: Content, include_drafts: bool = False,
              scans: BodyScans | None = None) -> tuple[Site, list[Problem]]:
    """Check every reference and build the linked Site; return it with all problems.

    scans: what earlier links read from the bodies, for a process that links again after an edit.
    """
    problems: list[Problem] = _settings_warnings(content)
    content = with_works(content)
    entries = _unique_entries(content, problems)
    drafts = {e.slug for e in content.events if e.draft and not include_drafts}
    events = tuple(sorted((e for e in content.events if e.slug not in drafts), key=Event.sort_key))
    people = {p.slug: p for p in sorted(content.people, key=lambda p: p.slug)}
    places = {p.slug: p for p in sorted(content.places, key=lambda p: p.slug)}
    pages = {p.slug: p for p in sorted(content.pages, key=lambda p: (p.order, p.title.casefold(), p.slug))}
    known = {"person": people, "place": places, "event": {e.slug for e in content.events}, "wiki-link target": entries}
    assets = asset_names(content.assets, content.assets_root)
    linked = (*events, *people.values(), *places.values(), *pages.values())
    # Each body read once: the checks and the backlinks both need its wiki-links.
    read = (BodyScans() if scans is None else scans).scan_all(entry.body for entry in linked)
    works = {work.id: work for work in content.works}
    cited = {}
    for entry in linked:
        scan = read[entry.body]
        problems.extend(_check_references(entry, known, drafts, scan.wikilinks))
        problems.extend(body_asset_problems(entry, assets, scan.assets))
        problems.extend(source_problems(entry, works, scan.citations, bool(content.bibliography_path)))
        if rows := cited_rows(entry, works, scan.citations):
            cited[entry.slug] = rows
    problems.extend(_route_gaps(events, places))
    problems.extend(_tag_clashes(content.events))
    problems.extend(_long_span_warning(event) for event in events if _span(event) > MAX_YEAR_PAGES)
    events = tuple(_without_drafts(event, drafts) for event in events)
    site = Site(
        config=content.config, events=events, events_by_slug={e.slug: e for e in events},
        people=people, places=places, tags=_group(events, lambda e: e.tags),
        years=_group(events, _years_of), events_by_person=_group(events, lambda e: e.people),
        events_by_place=_group(events, _places_of), backlinks=_backlinks(events, people, places, entries, read),
        eras=content.eras, assets=tuple(p for p in content.assets if not is_active(p)),  # never published
        assets_root=content.assets_root, pages=pages, works=works, cited=cited,
        cited_by=citing_entries(cited, {entry.slug: entry for entry in linked}),
        style_path=style_path(content, problems),
    )
    return site, problems


def _settings_warnings(content: Content) -> list[Problem]:
    """site.yaml settings the pages will miss: a base_url for feeds and calendars, UI strings."""
    problems = [language_problem(content.config.language, content.config_path, 0)]
    if content.config_path and not content.config.base_url and content.events:  # records from files only
        problems.append(Problem(content.config_path, 0, f"{NO_BASE_URL}: feed.xml, calendar.ics and sitemap.xml "
                                "need the published address; add e.g. 'base_url: https://user.github.io/repo/'",
                                warning=True))
    return [p for p in problems if p]


def _unique_entries(content: Content, problems: list[Problem]) -> dict[str, Entry]:
    entries: dict[str, Entry] = {}
    for entry in (*content.events, *content.people, *content.places, *content.pages):
        if entry.slug in entries:
            new, old = _newer_first(entry, entries[entry.slug])
            kinds = "events, people, places and pages" if StandalonePage in (type(new), type(old)) else \
                "events, people and places"
            problems.append(Problem(new.path, 0, f"slug '{entry.slug}' is already used by {display_path(old.path)}; "
                                                 f"slugs must be unique across {kinds}"))
        else:
            entries[entry.slug] = entry
    return entries


NEWER_BY = 1.0  # seconds: files written in one go (a checkout, a script) keep the kinds' order


def _newer_first(later: Entry, earlier: Entry) -> tuple[Entry, Entry]:
    """The two files that share a slug, the one made or edited last first: the likely mistake
    (a `chronicle new` whose title matches an older file of another kind)."""
    try:
        if os.stat(earlier.path).st_mtime - os.stat(later.path).st_mtime > NEWER_BY:
            return earlier, later
    except OSError:  # records not read from files
        pass
    return later, earlier


def _check_references(entry: Entry, known: dict[str, dict | set], drafts: set[str],
                      wikilinks: tuple[WikiLink, ...]) -> list[Problem]:
    # Plain loops, no closure: this runs for every entry after every edit under `serve`.
    missing: list[tuple[str, str, int]] = []
    if isinstance(entry, Event):
        for key, what in (("people", "person"), ("places", "place"), ("related", "event")):
            table = known[what]
            missing += [(slug, what, entry.lines.get(key, 0)) for slug in getattr(entry, key)
                        if slug not in table and slug not in drafts]
        places = known["place"]
        missing += [(stop.place, "place", stop.line) for stop in entry.route
                    if stop.place not in places and stop.place not in drafts]
    targets = known["wiki-link target"]
    missing += [(link.slug, "wiki-link target", entry.body_line + link.line - 1) for link in wikilinks
                if link.slug not in targets and link.slug not in drafts]
    return [Problem(entry.path, line, f"unknown {what} '{slug}'{_did_you_mean(slug, known[what])}")
            for slug, what, line in missing]


def _route_gaps(events, places: dict[str, Place]) -> list[Problem]:
    """A warning for each stop without coordinates on a route that is being mapped (some stop has them)."""
    def located(slug: str) -> bool:
        return slug in places and places[slug].located

    return [Problem(event.path, stop.line, f"route stop '{stop.place}' has no coordinates, so the route map "
                                           f"leaves it out: add lat and lon to {display_path(places[stop.place].path)}",
                    warning=True)
            for event in events if len(event.route) > 1 and any(located(s.place) for s in event.route)
            for stop in event.route if stop.place in places and not located(stop.place)]


def _did_you_mean(slug: str, known: dict | set) -> str:
    close = difflib.get_close_matches(slug, sorted(known), n=1, cutoff=0.6)
    return f" (did you mean '{close[0]}'?)" if close else ""


def _without_drafts(event: Event, drafts: set[str]) -> Event:
    if not drafts or not set(event.related) & drafts:
        return event
    return replace(event, related=tuple(s for s in event.related if s not in drafts))


def _tag_clashes(events: tuple[Event, ...]) -> list[Problem]:
    """Tags spelled differently ('C++', 'C#') that would share one page: an error naming both."""
    first: dict[str, tuple[str, Event]] = {}
    spellings: dict[str, str] = {}  # by the tag as written: thousands of events share a few tags
    problems = []
    for event in sorted(events, key=lambda e: e.path):
        for tag in event.tags:
            written = tag.written if isinstance(tag, Tag) else str(tag)  # in-memory records: plain slugs
            spelling = spellings.get(written)
            if spelling is None:
                spelling = spellings[written] = tag.spelling() if isinstance(tag, Tag) else str(tag)
            seen = first.setdefault(str(tag), (spelling, event))
            if seen[0] != spelling:
                other = seen[1]
                problems.append(Problem(event.path, event.lines.get("tags", 0), (
                    f"tag '{tag.written}' would share the page tags/{tag}.html with "
                    f"'{next(t.written for t in other.tags if t == tag)}' "
                    f"({display_path(other.path)}:{other.lines.get('tags', 0)}); "
                    "spell them the same or choose distinct words")))
                first[str(tag)] = (spelling, event)  # report each further spelling once
    return problems


def _span(event: Event) -> int:
    """How many years an event touches, counting its first and last."""
    return (event.end.year if event.end else event.start.year) - event.start.year + 1


def _years_of(event: Event) -> tuple[int, ...]:
    """The year pages that list the event: every year it touches, or only its first and last."""
    last = event.end.year if event.end else event.start.year
    if _span(event) > MAX_YEAR_PAGES:  # millions of pages would swamp the site and the build
        return (event.start.year, last)
    return tuple(range(event.start.year, last + 1))


def _long_span_warning(event: Event) -> Problem:
    key = "end" if "end" in event.lines else "date"
    return Problem(event.path, event.lines.get(key, 0),
                   f"the event spans {_span(event):,} years: it is listed on the year pages of its "
                   f"first and last year only (at most {MAX_YEAR_PAGES:,} year pages per event)", warning=True)


def _places_of(event: Event) -> tuple[str, ...]:
    return tuple(dict.fromkeys((*event.places, *(stop.place for stop in event.route))))


def _group(events: tuple[Event, ...], keys_of) -> dict:
    """Map each key to the events that have it, in timeline order; keys sorted."""
    groups: dict = defaultdict(list)
    for event in events:
        keys = keys_of(event)
        if len(keys) == 1:  # most events: one year, one person, one place
            groups[keys[0]].append(event)
            continue
        for key in dict.fromkeys(keys):
            groups[key].append(event)
    return {key: tuple(groups[key]) for key in sorted(groups)}


def _backlinks(events, people, places, entries: dict[str, Entry],
               read: dict[str, BodyScan]) -> dict[str, tuple[Entry, ...]]:
    """For each slug, the entries whose body wiki-links to it or whose `related` names it."""
    linking: dict[str, dict[str, Entry]] = defaultdict(dict)
    for entry in (*events, *people.values(), *places.values()):
        targets = [link.slug for link in read[entry.body].wikilinks]
        targets += list(entry.related) if isinstance(entry, Event) else []
        for target in targets:
            if target in entries and target != entry.slug:
                linking[target][entry.slug] = entry
    order = {slug: i for i, slug in enumerate(e.slug for e in events)}
    return {target: tuple(sorted(found.values(), key=lambda e: (order.get(e.slug, len(order)), e.title, e.slug)))
            for target, found in sorted(linking.items())}
