"""Which pages the site has, and the context each template receives.

Every function here is pure: Site in, Page specs out. Templates get model
objects plus a few prepared values (text in the site's language, `t` for UI
strings), and never sort or compute.
"""
from __future__ import annotations

from collections.abc import Callable, Mapping, Sequence
from dataclasses import dataclass, field, replace
from functools import cache, partial

from markupsafe import Markup

from ..dates.text import date_text, life, year_text
from ..formats.timelinejs import timeline_data
from ..formats.exports import event_jsonld, person_jsonld, place_jsonld
from ..figures.figures import all_places_map, axis_marks, missing_stops, place_map, route_map, timeline_axis
from ..language.i18n import strings, timelinejs_locale
from .listing import (Prepared, Words, coordinates, event_links, menus, name_rows, named, named_at, native_of,
                      route_rows)
from ..bodies.markup import body_html
from .periods import Period, period_href, site_periods
from .sources import claim_rows, source_rows, sources_page_context
from ..content.model import Event, Person, Place, Site, StandalonePage
from ..formats.search import script_json
from ..figures.timeline_view import Drawn, drawn_events, period_starts, view_context
from ..link.urls import absolute, entry_path, root_of, tag_path, year_path

NARROW_AXIS = 360.0  # viewBox width of the phone axis: 12 px labels stay ~11 px on a 320 px screen

# Names kept for user code and layouts written before listing.py existed.
from .listing import Link, Named, RouteRow  # noqa: F401,E402


@dataclass(frozen=True)
class Page:
    """One output file: its path, the template that renders it, and the context."""

    path: str
    template: str
    title: str
    context: dict = field(default_factory=dict)
    description: str = ""


def site_pages(site: Site, bodies: Mapping[str, Markup] | None = None) -> list[Page]:
    """Every HTML and XML page of the site, in a stable order; bodies: HTML by slug, rendered already."""
    return [route.page() for route in page_routes(site, bodies)]


@dataclass(frozen=True)
class Route:
    """A page's path, known at once, and how to make the page: `serve` makes only the pages asked for."""

    path: str
    make: Callable[[], Page]
    shared: Mapping[str, object]

    def page(self) -> Page:
        """The page, with the context every page shares (header and footer)."""
        page = self.make()
        return replace(page, context={**self.shared, **page.context})


def page_routes(site: Site, bodies: Mapping[str, Markup] | None = None) -> list[Route]:
    """Every page's path and maker, in the order site_pages returns the pages; nothing rendered yet."""
    t = strings(site.config.language)
    lang = site.config.language
    periods = site_periods(site)  # empty unless the site is too large for one index page
    ready = Prepared(site)  # dates, links and figures many pages show, made once per process
    era_names = cache(partial(_era_names, site, ready))  # made once, on first use: every period page shows them
    made: list[tuple[str, Callable[[], Page]]] = [("index.html", partial(index_page, site, periods, ready))]
    made += [(p.path, partial(period_page, site, periods, n, era_names, ready)) for n, p in enumerate(periods)]
    made += [(entry_path(e), partial(event_page, site, i, bodies, ready)) for i, e in enumerate(site.events)]
    made += [(entry_path(p), partial(person_page, site, p, bodies, ready)) for p in site.people.values()]
    made += [(entry_path(p), partial(place_page, site, p, bodies, ready)) for p in site.places.values()]
    made += [(entry_path(p), partial(standalone_page, site, p, bodies, ready)) for p in site.pages.values()]
    made += [(tag_path(tag), partial(list_page, t["tag_title"].format(tag=tag.replace("-", " ")), tag_path(tag),
                                     events, lang, ready))
             for tag, events in site.tags.items()]
    made += [(year_path(year), partial(list_page, year_text(year, lang), year_path(year), events, lang, ready))
             for year, events in site.years.items()]
    made += [("people/index.html", partial(people_index, site)), ("places/index.html", partial(places_index, site)),
             ("tags/index.html", partial(tags_index, site)),
             ("search.html", lambda: Page("search.html", "search.html", t["search_title"])),
             ("404.html", lambda: Page("404.html", "404.html", t["not_found"])),
             ("timeline.html", partial(timeline_page, site, ready)),
             ("timelinejs.html", partial(timelinejs_page, site))]
    if site.works:
        made += [("sources.html", partial(sources_page, site, ready))]
    shared = _Shared(site, t)
    return [Route(path, make, shared) for path, make in made]


class _Shared(Mapping):
    """{"t": UI strings, "menus": header menus}, the menus made on first use and then kept.

    Lazy because `serve` may make a single page of a new Site; a cold build makes them once.
    """

    def __init__(self, site: Site, t: dict) -> None:
        self._site, self._values = site, {"t": Words(t)}

    def __getitem__(self, key: str) -> object:
        if key == "menus" and key not in self._values:
            self._values["menus"] = Words(menus(self._site))
        return self._values[key]

    def __iter__(self):
        return iter(("t", "menus"))

    def __len__(self) -> int:
        return 2


def timelinejs_page(site: Site) -> Page:
    """TimelineJS's own view of the same events, its data inline."""
    t = strings(site.config.language)
    language, locale = timelinejs_locale(site.config.language)
    return Page("timelinejs.html", "timelinejs.html", t["interactive"] + " (TimelineJS)",
                {"timeline_data": Markup(script_json(timeline_data(site), sort_keys=True)),
                 "timeline_language": language,
                 "timeline_locale": Markup(script_json(locale, sort_keys=True)) if locale else None})


def index_page(site: Site, periods: list[Period] | None = None, ready: Prepared | None = None) -> Page:
    """The timeline: every event in order, grouped by the year it began; a large one lists periods."""
    periods = site_periods(site) if periods is None else periods
    ready = ready or Prepared(site)
    if periods:
        return _period_index(site, periods, ready)
    marks = _marks(site, ready)
    context = {"years": _year_groups(site, site.events, "", ready), "axis": timeline_axis(site, marks=marks),
               "axis_narrow": timeline_axis(site, NARROW_AXIS, marks=marks), "periods": _era_names(site, ready)}
    return Page("index.html", "index.html", site.config.title, context, site.config.description)


def _year_groups(site: Site, events, root: str, ready: Prepared | None = None) -> list[tuple[str, str, list]]:
    """(year heading, year page, event links) for each year the events begin in."""
    lang, ready = site.config.language, ready or Prepared(site)
    groups: dict[int, list[Event]] = {}
    for event in events:
        groups.setdefault(event.start.year, []).append(event)
    return [(year_text(year, lang), root + year_path(year), ready.event_links(events, root))
            for year, events in groups.items()]


def _era_names(site: Site, ready: Prepared | None = None) -> dict[str, str]:
    """{year heading: the name of the print period it starts}."""
    starts = period_starts(site, _drawn(site, ready or Prepared(site)))
    return {year_text(year, site.config.language): name for year, name in starts.items()}


def _drawn(site: Site, ready: Prepared) -> Drawn:
    """Every event's span and spoken date, made once for the axes, the lanes view and the periods."""
    return ready.once("drawn", partial(drawn_events, site))


def _marks(site: Site, ready: Prepared) -> list:
    """The time axis' marks, made once for every axis of the site (wide and narrow, index and timeline)."""
    return ready.once("axis marks", lambda: axis_marks(site, _drawn(site, ready)))


def _period_label(period: Period, lang: str) -> str:
    """'1950 – 1959', or one year's heading when a period is a single year."""
    first, last = year_text(period.first, lang), year_text(period.last, lang)
    return first if period.first == period.last else f"{first} – {last}"


def _period_index(site: Site, periods: list[Period], ready: Prepared) -> Page:
    """index.html of a large site: the axis, its bins leading to period pages, and the periods."""
    href, lang, marks = period_href(periods), site.config.language, _marks(site, ready)
    context = {"axis": timeline_axis(site, year_href=href, marks=marks),
               "axis_narrow": timeline_axis(site, NARROW_AXIS, year_href=href, marks=marks),
               "period_links": [(_period_label(p, lang), p.path, len(p.events)) for p in periods]}
    return Page("index.html", "index_periods.html", site.config.title, context, site.config.description)


def period_page(site: Site, periods: list[Period], index: int,
                era_names: Callable[[], dict[str, str]] | None = None, ready: Prepared | None = None) -> Page:
    """One period of a large timeline: its events by year, and the periods either side."""
    period, lang = periods[index], site.config.language
    near = [periods[index - 1]] if index else [], periods[index + 1: index + 2]
    previous, following = [[(_period_label(p, lang), "../" + p.path) for p in side] for side in near]
    context = {"years": _year_groups(site, period.events, "../", ready), "periods": era_names() if era_names else _era_names(site),
               "previous": previous, "next": following, "count": len(period.events)}
    return Page(period.path, "period.html", _period_label(period, lang), context, site.config.description)


def timeline_page(site: Site, ready: Prepared | None = None) -> Page:
    """Our own zoomable timeline in lanes; the server-drawn axis and the list work without JavaScript."""
    ready = ready or Prepared(site)
    marks = _marks(site, ready)
    context = {**view_context(site, _drawn(site, ready)), "axis": timeline_axis(site, marks=marks),
               "axis_narrow": timeline_axis(site, NARROW_AXIS, marks=marks),
               "events": ready.event_links(site.events, "")}
    return Page("timeline.html", "timeline.html", context["v"]["view_title"], context, site.config.description)


def event_page(site: Site, index: int, bodies: Mapping[str, Markup] | None = None,
               ready: Prepared | None = None) -> Page:
    """One event with everything that links to and from it."""
    event, root, lang, ready = site.events[index], "../", site.config.language, ready or Prepared(site)
    context = {
        "event": event, "when": ready.when(event),
        "body": _body(event, site, root, bodies),
        "people": [named_at(site.people[s], root, event.start, lang) for s in event.people if s in site.people],
        "places": [named_at(site.places[s], root, event.start, lang) for s in event.places if s in site.places],
        "tags": [(tag.replace("-", " "), root + tag_path(tag)) for tag in event.tags],
        "route": route_rows(site, event, root),
        "sources": source_rows(site, event, root, ready),
        "claims": claim_rows(site, event),
        "related": ready.event_links([site.events_by_slug[s] for s in event.related if s in site.events_by_slug],
                                     root),
        "backlinks": ready.entry_links(site.backlinks.get(event.slug, ()), root),
        "previous": ready.event_links(site.events[index - 1: index], root) if index else [],
        "next": ready.event_links(site.events[index + 1: index + 2], root),
        "jsonld": event_jsonld(site, event),
        "map": route_map(site, event, root), "map_missing": _missing_note(site, event),
    }
    return Page(entry_path(event), "event.html", event.title, context, event.summary or "")


def _missing_note(site: Site, event: Event) -> str:
    """'2 stops have no coordinates: X, Y' under a route map that leaves them out."""
    missing = missing_stops(site, event)
    t = strings(site.config.language)
    template = t["missing_stop"] if len(missing) == 1 else t["missing_stops"]
    return template.format(n=len(missing), names=", ".join(name for _, name in missing)) if missing else ""


def person_page(site: Site, person: Person, bodies: Mapping[str, Markup] | None = None,
                ready: Prepared | None = None) -> Page:
    """A person and every event that names them."""
    root, lang, ready = "../", site.config.language, ready or Prepared(site)
    native = native_of(person)
    context = {
        "person": person, "native_name": native, "lang": native.lang if native else None,
        "names": name_rows(person, lang),
        "life": life(person, strings(lang), lang), "body": _body(person, site, root, bodies),
        "sources": source_rows(site, person, root, ready),
        "events": ready.event_links(site.events_by_person.get(person.slug, ()), root),
        "backlinks": ready.entry_links(site.backlinks.get(person.slug, ()), root),
        "jsonld": person_jsonld(site, person),
    }
    return Page(entry_path(person), "person.html", person.name, context, person.summary or "")


def place_page(site: Site, place: Place, bodies: Mapping[str, Markup] | None = None,
               ready: Prepared | None = None) -> Page:
    """A place and every event that happened there or passed through."""
    root, lang, ready = "../", site.config.language, ready or Prepared(site)
    native = native_of(place)
    context = {
        "place": place, "native_name": native, "lang": native.lang if native else None,
        "names": name_rows(place, lang),
        "body": _body(place, site, root, bodies), "sources": source_rows(site, place, root, ready),
        "events": ready.event_links(site.events_by_place.get(place.slug, ()), root),
        "backlinks": ready.entry_links(site.backlinks.get(place.slug, ()), root),
        "jsonld": place_jsonld(site, place), "coordinates": coordinates(place, lang),
        "map": place_map(place, root, lang),
    }
    return Page(entry_path(place), "place.html", place.name, context, place.summary or "")


def standalone_page(site: Site, page: StandalonePage, bodies: Mapping[str, Markup] | None = None,
                    ready: Prepared | None = None) -> Page:
    """An about, method or bibliography page: title, summary and body."""
    root, ready = "../", ready or Prepared(site)
    context = {"entry": page, "body": _body(page, site, root, bodies), "sources": source_rows(site, page, root, ready),
               "backlinks": ready.entry_links(site.backlinks.get(page.slug, ()), root)}
    return Page(entry_path(page), "page.html", page.title, context, page.summary or "")


def _body(entry: Event | Person | Place | StandalonePage, site: Site, root: str,
          bodies: Mapping[str, Markup] | None) -> Markup:
    """The entry's body HTML: rendered beforehand (cached, on every core) or here."""
    return bodies[entry.slug] if bodies is not None else body_html(entry, site, root)


def sources_page(site: Site, ready: Prepared | None = None) -> Page:
    """Every work of the bibliography, formatted, with the entries citing it."""
    context = sources_page_context(site, ready or Prepared(site))
    return Page("sources.html", "sources.html", strings(site.config.language)["sources_title"], context)


def list_page(title: str, path: str, events, language: str, ready: Prepared | None = None) -> Page:
    """A tag or year page: its events in order."""
    links = ready.event_links(events, root_of(path)) if ready else event_links(events, root_of(path), language)
    return Page(path, "list.html", title, {"events": links})


def people_index(site: Site) -> Page:
    """Every person, by name."""
    people = sorted(site.people.values(), key=lambda p: (p.name.casefold(), p.slug))
    return Page("people/index.html", "people_index.html", strings(site.config.language)["people_title"],
                {"people": [named(p, "../", site.events_by_person.get(p.slug, ())) for p in people]})


def places_index(site: Site) -> Page:
    """Every place, by name."""
    places = sorted(site.places.values(), key=lambda p: (p.name.casefold(), p.slug))
    return Page("places/index.html", "places_index.html", strings(site.config.language)["places_title"],
                {"places": [named(p, "../", site.events_by_place.get(p.slug, ())) for p in places],
                 "map": all_places_map(site, "../")})


def tags_index(site: Site) -> Page:
    """Every tag with its number of events."""
    tags = [(tag.replace("-", " "), tag_path(tag).removeprefix("tags/"), len(events))
            for tag, events in site.tags.items()]
    return Page("tags/index.html", "tags_index.html", strings(site.config.language)["tags_title"], {"tags": tags})


def absolute_urls(site: Site, page_paths: Sequence[str]) -> list[str]:
    """Absolute URLs of the pages a sitemap lists (not the 404 page)."""
    return [absolute(site.config.base_url, path) for path in page_paths if path != "404.html"]
