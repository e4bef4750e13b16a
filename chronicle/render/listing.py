"""Prepared values for page templates: links, named entries, route rows, life spans.

Everything a reader sees as text is made here in the site's language, so templates only
place it.
"""
from __future__ import annotations

from collections.abc import Callable, Hashable, Iterable, Mapping
from dataclasses import dataclass

from ..dates.text import date_text, event_when, range_text
from ..language.i18n import strings
from ..content.media import image_src
from ..content.model import Event, Image, Person, Place, Site, name_then
from ..dates import Date
from .scripts import NativeName, native_name
from ..language.modes import mode_text
from ..link.urls import entry_path


@dataclass(frozen=True)
class Link:
    """A prepared link for lists: where, what, and when."""

    href: str
    title: str
    when: str = ""
    summary: str = ""
    image: Image | None = None  # shown as a small lazy thumbnail in lists
    image_src: str = ""  # its address from this page


@dataclass(frozen=True)
class Named:
    """A person or place prepared for a list: link, native name with its language, event count."""

    entry: Person | Place
    href: str
    native: NativeName | None
    count: int = 0
    label: str = ""  # on an event page: the name at its date, 'Peking (Beijing)'; else the name

    @property
    def lang(self) -> str | None:
        """The native name's language tag (kept for user layouts written before `native`)."""
        return self.native.lang if self.native else None


@dataclass(frozen=True)
class RouteRow:
    """One stop of a route as a table row; `number` is the same on the map."""

    number: int
    place: Place
    href: str
    date: str
    time: str
    mode: str
    note: str
    name: str = ""  # the place as called at the stop's date: 'Peking (Beijing)'


@dataclass(frozen=True)
class NameRow:
    """One of an entry's names for its page: the name, its language, when it was used, a note."""

    name: NativeName
    when: str
    note: str


class Prepared:
    """Values many pages of one Site show, each made once on first use: date texts, event links.

    Each event appears on many pages (its own and its neighbours', tag, year, person, place and
    period lists, the axes): made per page, their date texts and links were most of a cold
    build's page contexts. page_routes makes one per Site and hands it to the page makers;
    each render process fills its own copy. Mutable on purpose, and only ever added to: a
    value, once made, is the one every later page gets.
    """

    def __init__(self, site: Site) -> None:
        self.site, self.language = site, site.config.language
        self._when: dict[str, str] = {}
        self._links: dict[tuple[str, str], Link] = {}
        self._made: dict[Hashable, object] = {}

    def when(self, event: Event) -> str:
        """The event's date or interval in the site's language."""
        text = self._when.get(event.slug)
        if text is None:
            text = self._when[event.slug] = event_when(event, self.language)
        return text

    def event_links(self, events: Iterable[Event], root: str) -> list[Link]:
        """event_links(events, root, language), each link made once per page depth."""
        links = self._links
        return [links.get((e.slug, root)) or self._link(e, root) for e in events]

    def entry_links(self, entries, root: str) -> list[Link]:
        """entry_links(entries, root, language), with the dates made once."""
        return [Link(root + entry_path(e), e.title, self.when(e) if isinstance(e, Event) else "")
                for e in entries]

    def once(self, key: Hashable, make: Callable[[], object]) -> object:
        """make()'s value, made on the first call for key: a figure or table several pages show."""
        if key not in self._made:
            self._made[key] = make()
        return self._made[key]

    def _link(self, event: Event, root: str) -> Link:
        link = Link(root + entry_path(event), event.title, self.when(event), event.summary or "", event.image,
                    image_src(event.image, root))
        self._links[event.slug, root] = link
        return link


class Words(dict):
    """A dict that templates read as `t.skip` in one lookup; read-only by convention.

    Jinja tries getattr before [] for `t.skip`: on a plain dict each of a page's ~30 UI strings
    cost a failed attribute lookup first. Here the keys are attributes too; a key named like a
    dict method is left out, so `t.items` still means the method, as on a plain dict.
    """

    def __init__(self, values: Mapping[str, object]) -> None:
        super().__init__(values)
        self.__dict__.update((key, value) for key, value in values.items() if not hasattr(dict, key))


def when(event: Event, language: str) -> str:
    """The event's date or interval in the site's language."""
    return event_when(event, language)


def event_links(events, root: str, language: str) -> list[Link]:
    """Links to events for a list on a page at `root`."""
    return [Link(root + entry_path(e), e.title, when(e, language), e.summary or "", e.image,
                 image_src(e.image, root)) for e in events]


def entry_links(entries, root: str, language: str) -> list[Link]:
    """Links to any entries (events show their date)."""
    return [Link(root + entry_path(e), e.title, when(e, language) if isinstance(e, Event) else "")
            for e in entries]


def named(entry: Person | Place, root: str, events=(), label: str = "") -> Named:
    """A person or place with its link and native name; `label` the name shown (default: its name)."""
    return Named(entry, root + entry_path(entry), native_of(entry), len(events), label or entry.name)


def named_at(entry: Person | Place, root: str, date: Date | None, language: str) -> Named:
    """A person or place as named on an event page: as called at the event's date."""
    return named(entry, root, label=name_then(entry, date, language))


def name_rows(entry: Person | Place, language: str) -> list[NameRow]:
    """Every name of `names:` with its span ('until 1949', '1421 – 1928'), in the file's order."""
    t = strings(language)
    rows = []
    for name in entry.names:
        if name.start and name.until:
            when = range_text(name.start, name.until, language)
        elif name.start or name.until:
            key, date = ("name_from", name.start) if name.start else ("name_until", name.until)
            when = t[key].format(date=date_text(date, language))
        else:
            when = ""
        rows.append(NameRow(native_name(name.name, name.lang) or NativeName(name.name, None, None), when,
                            name.note or ""))
    return rows


def native_of(entry: Person | Place) -> NativeName | None:
    """The native name with its explicit or guessed language and direction."""
    return native_name(entry.native_name, entry.native_lang)


def route_rows(site: Site, event: Event, root: str) -> list[RouteRow]:
    """The route's stops with their place, date, time and mode, numbered as on the map."""
    language = site.config.language
    return [RouteRow(number, site.places[stop.place], root + entry_path(site.places[stop.place]),
                     date_text(stop.date, language) if stop.date else "", stop.time or "", mode_text(stop.mode or "", language),
                     stop.note or "", name_then(site.places[stop.place], stop.date or event.start, language))
            for number, stop in enumerate(event.route, start=1) if stop.place in site.places]


def coordinates(place: Place, language: str = "en") -> str:
    """'39.03° N, 125.75° E' ('북위 39.03°, 동경 125.75°'), or '' for a place without coordinates."""
    if not place.located:
        return ""
    t = strings(language)
    lat = t["north" if place.lat >= 0 else "south"].format(v=f"{abs(place.lat):.2f}")
    lon = t["east" if place.lon >= 0 else "west"].format(v=f"{abs(place.lon):.2f}")
    return f"{lat}, {lon}"


def menus(site: Site) -> dict[str, list[tuple[str, str]]]:
    """Standalone pages by menu ('header', 'footer'): (title, path from the site root), in order."""
    found: dict[str, list[tuple[str, str]]] = {"header": [], "footer": []}
    for page in site.pages.values():
        found[page.menu].append((page.title, entry_path(page)))
    if site.works:  # the bibliography is a page of its own, made from content/bibliography.*
        found["footer"].append((strings(site.config.language)["sources_title"], "sources.html"))
    return found

