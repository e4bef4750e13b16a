"""schema.org JSON-LD for event, person and place pages."""
from __future__ import annotations

import json
from urllib.parse import quote

from markupsafe import Markup

from ..dates import Date, display_date
from .exporturls import absolute_url
from ..content.model import Cited, Event, Image, Person, Place, Site, Source

# Inside <script> the HTML parser only looks for "</script"; escaping these characters
# as JSON \u escapes keeps any content from closing the element, and U+2028/2029 are
# escaped for old JavaScript parsers that treat them as line ends.
_SCRIPT_ESCAPES = {"<": "\\u003c", ">": "\\u003e", "&": "\\u0026",
                   "\u2028": "\\u2028", "\u2029": "\\u2029"}


def event_jsonld(site: Site, event: Event) -> Markup:
    """A schema.org Event for the event page."""
    data = {"@type": "Event", "name": event.title}
    _put(data, "startDate", None if event.start.edge else schema_date(event.start))
    if event.end is not None and event.end != event.start and not event.end.edge:
        data["endDate"] = schema_date(event.end, last=True)
    elif event.end is None and _unaligned(event.start):
        data["endDate"] = schema_date(event.start, last=True)  # a Hijri month: its last day
    _put(data, "description", event.summary)
    _put(data, "url", absolute_url(site.config, event))
    places = [site.places[s] for s in _event_place_slugs(event) if s in site.places]
    _put(data, "location", [place_data(site, place) for place in places])
    people = [site.people[s] for s in event.people if s in site.people]
    _put(data, "attendee", [person_data(site, person) for person in people])
    rows = site.cited.get(event.slug)  # None on a Site not made by link_site: the sources as written
    _put(data, "citation", [cited_data(site, row) for row in rows] if rows is not None
         else [source_data(source) for source in event.sources])
    _put(data, "image", image_data(site, event.image))
    return script_element(data)


def person_jsonld(site: Site, person: Person) -> Markup:
    """A schema.org Person for the person page."""
    data = person_data(site, person)
    _put(data, "birthDate", schema_date(person.born) if person.born else None)
    _put(data, "deathDate", schema_date(person.died) if person.died else None)
    _put(data, "description", person.summary)
    _put(data, "image", image_data(site, person.image))
    return script_element(data)


def place_jsonld(site: Site, place: Place) -> Markup:
    """A schema.org Place for the place page."""
    data = place_data(site, place)
    _put(data, "description", place.summary)
    _put(data, "image", image_data(site, place.image))
    return script_element(data)


def person_data(site: Site, person: Person) -> dict:
    """Name, native name and page URL of a person."""
    data = {"@type": "Person", "name": person.name}
    _put(data, "alternateName", _alternate_names(person))
    _put(data, "url", absolute_url(site.config, person))
    return data


def place_data(site: Site, place: Place) -> dict:
    """Name, native name, coordinates, country and page URL of a place."""
    data: dict = {"@type": "Place", "name": place.name}
    _put(data, "alternateName", _alternate_names(place))
    if place.located:
        data["geo"] = {"@type": "GeoCoordinates", "latitude": place.lat, "longitude": place.lon}
    if place.country:
        data["address"] = {"@type": "PostalAddress", "addressCountry": place.country}
    _put(data, "url", absolute_url(site.config, place))
    return data


def source_data(source: Source) -> dict:
    """A cited source as a CreativeWork."""
    data: dict = {"@type": "CreativeWork"}
    _put(data, "name", source.title)
    if source.publisher:
        data["publisher"] = {"@type": "Organization", "name": source.publisher}
    _put(data, "datePublished", schema_date(source.date) if source.date else None)
    _put(data, "url", source.url)
    _put(data, "archivedAt", source.archive)
    return data


def cited_data(site: Site, row: Cited) -> dict:
    """One of the page's sources as a CreativeWork: a work of the bibliography, or as written."""
    work = site.works.get(row.ref) if row.ref else None
    if work is None:
        return source_data(row.source)
    data: dict = {"@type": "CreativeWork", "name": work.title}
    authors = work.names()
    _put(data, "author", [{"@type": "Person", "name": name} for name in authors] or None)
    container = work.csl.get("container-title") or work.csl.get("publisher")
    if isinstance(container, str) and container:
        data["publisher"] = {"@type": "Organization", "name": container}
    _put(data, "datePublished", _csl_iso(work.csl.get("issued")))
    _put(data, "url", work.url)
    _put(data, "archivedAt", (row.source.archive if row.source and row.source.archive else None) or work.archive)
    return data


def _csl_iso(date: object) -> str | None:
    """A CSL date's first date-parts as ISO 8601 ('2019-02-26', '2019'), or None."""
    try:
        parts = date["date-parts"][0]  # type: ignore[index]
        return "-".join(f"{int(p):02d}" if i else f"{int(p):04d}" for i, p in enumerate(parts[:3])) or None
    except (TypeError, KeyError, IndexError, ValueError):
        return None


def image_data(site: Site, image: Image | None) -> dict | None:
    """A schema.org ImageObject; a local file needs base_url for its absolute address."""
    if image is None or (image.local and not site.config.base_url):
        return None
    # A local file name may hold spaces or '#': a URL needs them percent-encoded.
    url = site.config.base_url.rstrip("/") + "/" + quote(image.src) if image.local else image.src
    data: dict = {"@type": "ImageObject", "contentUrl": url, "description": image.alt}
    _put(data, "caption", image.caption)
    _put(data, "creditText", image.credit)
    _put(data, "license", image.license)
    return data


def schema_date(date: Date, last: bool = False) -> str:
    """ISO 8601 text to the precision known ('~'/'?' dropped, schema.org has no such marks);
    the display text where ISO 8601 cannot say it (2010s, a season, a year beyond 9999).

    A date written in another calendar is its Gregorian equivalent; a month or year of it
    that is no Gregorian month or year is its first day (its last day with `last`)."""
    if _unaligned(date):
        return Date(*(date.last_day() if last else date.first_day())).iso()
    if date.year_x or date.season or abs(date.year) >= 10000:
        return display_date(date)
    return Date(date.year, date.month, date.day, hour=date.hour, minute=date.minute,
                second=date.second, tz=date.tz).iso()


def _alternate_names(entry: Person | Place) -> str | list[str] | None:
    """The native name and every name of `names:` (one as text, several as a list)."""
    names = list(dict.fromkeys(n for n in (entry.native_name, *(x.name for x in entry.names)) if n))
    return names[0] if len(names) == 1 else names or None


def _unaligned(date: Date) -> bool:
    return date.span is not None and date.span[0] != date.span[1]


def script_element(data: dict) -> Markup:
    """The <script type="application/ld+json"> element, safe for any content."""
    text = json.dumps({"@context": "https://schema.org", **data},
                      ensure_ascii=False, sort_keys=True)
    for char, escaped in _SCRIPT_ESCAPES.items():
        text = text.replace(char, escaped)
    return Markup(f'<script type="application/ld+json">{text}</script>')


def _event_place_slugs(event: Event) -> list[str]:
    """The event's places, else the places of its route, each once."""
    slugs = event.places or tuple(stop.place for stop in event.route)
    return list(dict.fromkeys(slugs))


def _put(data: dict, key: str, value: object) -> None:
    """Set a key only when the value is not empty."""
    if value not in (None, "", []):
        data[key] = value
