"""Which pages the site has, and the context each template receives.

Every function here is pure: Site in, Page specs out. Templates get model
objects plus a few prepared values, and never sort or compute.
"""
from __future__ import annotations

import json
from dataclasses import dataclass, field

from markupsafe import Markup

from .dates import display_range, year_label
from .export_timelinejs import timeline_json
from .exports import event_jsonld, person_jsonld, place_jsonld
from .figures import all_places_map, place_map, route_map, timeline_axis
from .markup import body_html, native_lang
from .model import Event, Person, Place, Site
from .search import script_json
from .urls import absolute, entry_path, root_of, tag_path, year_path


@dataclass(frozen=True)
class Page:
    """One output file: its path, the template that renders it, and the context."""

    path: str
    template: str
    title: str
    context: dict = field(default_factory=dict)
    description: str = ""


@dataclass(frozen=True)
class Link:
    """A prepared link for lists: where, what, and when."""

    href: str
    title: str
    when: str = ""
    summary: str = ""


@dataclass(frozen=True)
class RouteRow:
    """One stop of a route as a table row."""

    number: int
    place: Place
    href: str
    date: str
    time: str
    mode: str
    note: str


def site_pages(site: Site) -> list[Page]:
    """Every HTML and XML page of the site, in a stable order."""
    pages = [index_page(site)]
    pages += [event_page(site, i) for i in range(len(site.events))]
    pages += [person_page(site, p) for p in site.people.values()]
    pages += [place_page(site, p) for p in site.places.values()]
    pages += [list_page(f"Tag: {tag.replace('-', ' ')}", tag_path(tag), events) for tag, events in site.tags.items()]
    pages += [list_page(year_label(year), year_path(year), events) for year, events in site.years.items()]
    pages += [people_index(site), places_index(site), tags_index(site)]
    pages += [Page("search.html", "search.html", "Search"), Page("404.html", "404.html", "Page not found"),
              Page("timeline.html", "timeline.html", "Interactive timeline (TimelineJS)",
                   {"timeline_data": Markup(script_json(json.loads(timeline_json(site))))})]
    return pages


def event_links(events, root: str) -> list[Link]:
    """Links to events for a list on a page at `root`."""
    return [Link(root + entry_path(e), e.title, e.when, e.summary or "") for e in events]


def index_page(site: Site) -> Page:
    """The timeline: every event in order, grouped by the year it began."""
    groups: dict[int, list[Event]] = {}
    for event in site.events:
        groups.setdefault(event.start.year, []).append(event)
    years = [(year_label(year), year_path(year), event_links(events, ""))
             for year, events in groups.items()]
    return Page("index.html", "index.html", site.config.title, {"years": years, "axis": timeline_axis(site)},
                site.config.description)


def event_page(site: Site, index: int) -> Page:
    """One event with everything that links to and from it."""
    event = site.events[index]
    root = "../"
    context = {
        "event": event,
        "body": body_html(event, site, root),
        "people": [_named(site.people[s], root) for s in event.people if s in site.people],
        "places": [_named(site.places[s], root) for s in event.places if s in site.places],
        "tags": [(tag.replace("-", " "), root + tag_path(tag)) for tag in event.tags],
        "route": route_rows(site, event, root),
        "sources": [(s, s.date.display() if s.date else "") for s in event.sources],
        "related": event_links([site.events_by_slug[s] for s in event.related if s in site.events_by_slug], root),
        "backlinks": _entry_links(site.backlinks.get(event.slug, ()), root),
        "previous": event_links(site.events[index - 1: index], root) if index else [],
        "next": event_links(site.events[index + 1: index + 2], root),
        "jsonld": event_jsonld(site, event),
        "map": route_map(site, event, root),
    }
    return Page(entry_path(event), "event.html", event.title, context, event.summary or "")


def route_rows(site: Site, event: Event, root: str) -> list[RouteRow]:
    """The route's stops with their place, date, time and mode."""
    return [RouteRow(number, site.places[stop.place], root + entry_path(site.places[stop.place]),
                     stop.date.display() if stop.date else "", stop.time or "", stop.mode or "",
                     stop.note or "")
            for number, stop in enumerate(event.route, start=1) if stop.place in site.places]


def person_page(site: Site, person: Person) -> Page:
    """A person and every event that names them."""
    root = "../"
    context = {
        "person": person, "lang": native_lang(person.native_name),
        "life": _life(person), "body": body_html(person, site, root),
        "events": event_links(site.events_by_person.get(person.slug, ()), root),
        "backlinks": _entry_links(site.backlinks.get(person.slug, ()), root),
        "jsonld": person_jsonld(site, person),
    }
    return Page(entry_path(person), "person.html", person.name, context, person.summary or "")


def place_page(site: Site, place: Place) -> Page:
    """A place and every event that happened there or passed through."""
    root = "../"
    context = {
        "place": place, "lang": native_lang(place.native_name),
        "body": body_html(place, site, root),
        "events": event_links(site.events_by_place.get(place.slug, ()), root),
        "backlinks": _entry_links(site.backlinks.get(place.slug, ()), root),
        "jsonld": place_jsonld(site, place), "coordinates": _coordinates(place), "map": place_map(place, root),
    }
    return Page(entry_path(place), "place.html", place.name, context, place.summary or "")


def list_page(title: str, path: str, events) -> Page:
    """A tag or year page: its events in order."""
    return Page(path, "list.html", title, {"events": event_links(events, root_of(path))})


def people_index(site: Site) -> Page:
    """Every person, by name."""
    people = sorted(site.people.values(), key=lambda p: (p.name.casefold(), p.slug))
    return Page("people/index.html", "people_index.html", "People",
                {"people": [_named(p, "../", site.events_by_person.get(p.slug, ())) for p in people]})


def places_index(site: Site) -> Page:
    """Every place, by name."""
    places = sorted(site.places.values(), key=lambda p: (p.name.casefold(), p.slug))
    return Page("places/index.html", "places_index.html", "Places",
                {"places": [_named(p, "../", site.events_by_place.get(p.slug, ())) for p in places],
                 "map": all_places_map(site, "../")})


def tags_index(site: Site) -> Page:
    """Every tag with its number of events."""
    tags = [(tag.replace("-", " "), tag_path(tag).removeprefix("tags/"), len(events))
            for tag, events in site.tags.items()]
    return Page("tags/index.html", "tags_index.html", "Tags", {"tags": tags})


def absolute_urls(site: Site, pages: list[Page]) -> list[str]:
    """Absolute URLs of the pages a sitemap lists (not the 404 page)."""
    return [absolute(site.config.base_url, page.path) for page in pages if page.path != "404.html"]


@dataclass(frozen=True)
class Named:
    """A person or place prepared for a list: link, native name and its language."""

    entry: Person | Place
    href: str
    lang: str | None
    count: int = 0


def _named(entry: Person | Place, root: str, events=()) -> Named:
    return Named(entry, root + entry_path(entry), native_lang(entry.native_name), len(events))


def _entry_links(entries, root: str) -> list[Link]:
    return [Link(root + entry_path(e), e.title, e.when if isinstance(e, Event) else "") for e in entries]


def _life(person: Person) -> str:
    if person.born and person.died:
        return display_range(person.born, person.died)
    if person.born:
        return f"born {person.born.display()}"
    return f"died {person.died.display()}" if person.died else ""


def _coordinates(place: Place) -> str:
    if not place.located:
        return ""
    lat = f"{abs(place.lat):.2f}° {'N' if place.lat >= 0 else 'S'}"
    lon = f"{abs(place.lon):.2f}° {'E' if place.lon >= 0 else 'W'}"
    return f"{lat}, {lon}"
