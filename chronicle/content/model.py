"""The content model: frozen dataclasses, no I/O.

Records (Event, Person, Place) are what the loader validated from one file each;
`Site` is what the linker made of all of them together.
"""
from __future__ import annotations

from dataclasses import dataclass, field
from functools import cached_property

from ..dates import Date, display_range
from .bibliography import Work


@dataclass(frozen=True)
class Source:
    """Where a fact comes from: written out, or `ref` to a work of the bibliography; not all missing."""

    title: str | None = None
    publisher: str | None = None
    date: Date | None = None
    url: str | None = None
    archive: str | None = None  # the URL of an archived copy (a Wayback Machine snapshot)
    accessed: Date | None = None  # when the author read it
    pages: str | None = None
    quote: str | None = None
    ref: str | None = None  # the id of a work in content/bibliography.*
    line: int = field(default=0, compare=False)


@dataclass(frozen=True)
class DateClaim:
    """What one source says about when an event happened, where sources disagree."""

    date: Date
    end: Date | None  # a claim may be an interval, like `date`
    source: str  # a bibliography id, or the number (1-based) of one of the event's own sources
    note: str | None = None
    line: int = field(default=0, compare=False)

    def iso(self) -> str:
        """The claim as EDTF, as an event's `date` would be written."""
        return self.date.iso() if self.end is None else f"{self.date.iso()}/{self.end.iso()}"


@dataclass(frozen=True)
class Cited:
    """One numbered row of a page's list of sources: a front-matter source or a work its body cites."""

    number: int
    source: Source | None  # None: a work cited only in the body
    ref: str | None  # the bibliography id, if the row is a work of the bibliography
    locators: tuple[str, ...] = ()  # every page or place the entry cites it at


@dataclass(frozen=True)
class Image:
    """A picture of an entry: a file under assets/ or an http(s) URL, always with alt text."""

    src: str
    alt: str
    caption: str | None = None
    credit: str | None = None
    license: str | None = None
    width: int | None = None  # read from a local file, so the page keeps its space
    height: int | None = None

    @property
    def local(self) -> bool:
        """True for a file under assets/ (its URL is relative to the site root)."""
        return not self.src.startswith(("http://", "https://"))


@dataclass(frozen=True)
class Stop:
    """One stop of a journey; `mode` is how the traveller arrived here."""

    place: str
    date: Date | None = None
    time: str | None = None
    mode: str | None = None
    note: str | None = None
    line: int = 0


@dataclass(frozen=True)
class Event:
    """One event of the timeline, from content/events/<slug>.md."""

    slug: str
    title: str
    start: Date
    end: Date | None = None
    summary: str | None = None
    people: tuple[str, ...] = ()
    places: tuple[str, ...] = ()
    tags: tuple[str, ...] = ()
    route: tuple[Stop, ...] = ()
    sources: tuple[Source, ...] = ()
    date_claims: tuple[DateClaim, ...] = ()
    related: tuple[str, ...] = ()
    draft: bool = False
    image: Image | None = None
    body: str = ""
    path: str = ""
    lines: dict[str, int] = field(default_factory=dict, compare=False, hash=False)
    body_line: int = 1
    display_date: str | None = None  # the author's own wording, shown instead of the computed text

    @property
    def when(self) -> str:
        """The date or interval as readers see it."""
        return self.display_date or display_range(self.start, self.end)

    def sort_key(self) -> tuple:
        """Earliest beginning, coarser precision first, then title, then slug."""
        return self._order

    @cached_property
    def _order(self) -> tuple:
        # Kept on the record: `serve` re-sorts the same unchanged records after every edit.
        return (*self.start.sort_key(), self.title.casefold(), self.title, self.slug)


@dataclass(frozen=True)
class Name:
    """A name an entry bore over time or in another language (`names:`); `start` is `from`."""

    name: str
    lang: str | None = None
    start: Date | None = None
    until: Date | None = None
    note: str | None = None

    @property
    def dated(self) -> bool:
        """True when it says when it was used: only such names stand in for the heading name."""
        return self.start is not None or self.until is not None

    def holds_at(self, date: Date) -> bool:
        """True when the date's first day lies within from..until (either may be open)."""
        day = date.first_day()
        return ((self.start is None or self.start.first_day() <= day)
                and (self.until is None or day <= self.until.last_day()))


def name_at(entry: "Person | Place", date: Date | None, language: str) -> str:
    """The name the person or place bore at `date`, in the site's language; else its heading name.

    Only dated names in the site's language (or with no `lang`) count, the first that holds
    in the file's order: an undated name, or one in another language, never replaces the heading.
    """
    if date is None:
        return entry.name
    primary = language.split("-")[0].lower()
    for name in entry.names:
        same_language = name.lang is None or name.lang.split("-")[0].lower() == primary
        if name.dated and same_language and name.holds_at(date):
            return name.name
    return entry.name


def name_then(entry: "Person | Place", date: Date | None, language: str) -> str:
    """'Peking (Beijing)': the name at the date, with the heading name after it where they differ."""
    then = name_at(entry, date, language)
    return entry.name if then == entry.name else f"{then} ({entry.name})"


def link_text(target, source, language: str) -> str:
    """The default text of a wiki-link from `source` to `target`: in an event's body a person or
    place is called as at the event's date ('Peking (Beijing)'), anywhere else by its title."""
    if isinstance(source, Event) and isinstance(target, (Person, Place)):
        return name_then(target, source.start, language)
    return target.title


@dataclass(frozen=True)
class Person:
    """A person, from content/people/<slug>.md."""

    slug: str
    name: str
    native_name: str | None = None
    born: Date | None = None
    died: Date | None = None
    summary: str | None = None
    image: Image | None = None
    body: str = ""
    path: str = ""
    lines: dict[str, int] = field(default_factory=dict, compare=False, hash=False)
    body_line: int = 1
    native_lang: str | None = None  # BCP 47 tag of native_name; guessed from its script when missing
    sources: tuple[Source, ...] = ()
    names: tuple[Name, ...] = ()  # other names over time or in other languages

    @property
    def title(self) -> str:
        """People are titled by name, like places."""
        return self.name


@dataclass(frozen=True)
class Place:
    """A place, from content/places/<slug>.md."""

    slug: str
    name: str
    native_name: str | None = None
    country: str | None = None
    lat: float | None = None
    lon: float | None = None
    summary: str | None = None
    image: Image | None = None
    body: str = ""
    path: str = ""
    lines: dict[str, int] = field(default_factory=dict, compare=False, hash=False)
    body_line: int = 1
    native_lang: str | None = None  # BCP 47 tag of native_name; guessed from its script when missing
    sources: tuple[Source, ...] = ()
    names: tuple[Name, ...] = ()  # other names over time or in other languages

    @property
    def title(self) -> str:
        """Places are titled by name."""
        return self.name

    @property
    def located(self) -> bool:
        """True when the place has coordinates."""
        return self.lat is not None and self.lon is not None


@dataclass(frozen=True)
class StandalonePage:
    """A page outside the timeline (about, method, bibliography), from content/pages/<slug>.md."""

    slug: str
    title: str
    summary: str | None = None
    order: int = 0  # position in its menu; ties go by title
    menu: str = "footer"  # "header" or "footer"
    body: str = ""
    path: str = ""
    lines: dict[str, int] = field(default_factory=dict, compare=False, hash=False)
    body_line: int = 1


@dataclass(frozen=True)
class Era:
    """A named period drawn as a band, from content/eras.yaml."""

    name: str
    start: Date
    end: Date


TIMELINE_FACETS = ("people", "places", "countries", "tags")  # what timeline.html may split into lanes


@dataclass(frozen=True)
class TimelineOptions:
    """site.yaml's `timeline:` block: which facet timeline.html first splits into lanes."""

    lanes: str = "people"


@dataclass(frozen=True)
class SiteConfig:
    """Settings from content/site.yaml."""

    title: str = "Timeline"
    description: str = ""
    language: str = "en"
    base_url: str = ""
    author: str = ""
    allow_html: bool = False
    cname: str | None = None
    timeline: TimelineOptions = TimelineOptions()
    citation_style: str | None = None  # a .csl file under content/; Chicago author-date when None


@dataclass(frozen=True)
class Content:
    """Everything the loader read, validated one file at a time."""

    config: SiteConfig
    events: tuple[Event, ...]
    people: tuple[Person, ...]
    places: tuple[Place, ...]
    eras: tuple[Era, ...] = ()
    assets: tuple[str, ...] = ()  # absolute paths of files below content/assets
    assets_root: str = ""
    pages: tuple[StandalonePage, ...] = ()
    config_path: str = ""  # content/site.yaml, for warnings about the settings
    works: tuple[Work, ...] = ()  # content/bibliography.*
    bibliography_path: str = ""


@dataclass(frozen=True)
class Site:
    """Linked content: every slug resolved, events ordered, taxonomies built.

    Mappings are keyed by slug (or tag, or year) and their values keep the
    timeline order, so templates never sort.
    """

    config: SiteConfig
    events: tuple[Event, ...]
    events_by_slug: dict[str, Event]
    people: dict[str, Person]
    places: dict[str, Place]
    tags: dict[str, tuple[Event, ...]]  # keyed by tag slug, e.g. 'train-journeys'
    years: dict[int, tuple[Event, ...]]
    events_by_person: dict[str, tuple[Event, ...]]
    events_by_place: dict[str, tuple[Event, ...]]
    backlinks: dict[str, tuple[Event | Person | Place, ...]]
    eras: tuple[Era, ...] = ()
    assets: tuple[str, ...] = ()
    assets_root: str = ""
    pages: dict[str, StandalonePage] = field(default_factory=dict)  # by slug, in menu order
    works: dict[str, Work] = field(default_factory=dict)  # the bibliography, by id, in file order
    cited: dict[str, tuple[Cited, ...]] = field(default_factory=dict)  # each entry's numbered sources, by slug
    cited_by: dict[str, tuple[Event | Person | Place | StandalonePage, ...]] = field(default_factory=dict)  # by work id
    style_path: str = ""  # the CSL style file sources.html is formatted with

    def entry(self, slug: str) -> Event | Person | Place | StandalonePage | None:
        """The event, person, place or page with this slug (slugs are unique across them), or None."""
        return (self.events_by_slug.get(slug) or self.people.get(slug) or self.places.get(slug)
                or self.pages.get(slug))
