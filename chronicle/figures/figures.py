"""Figures drawn at build time: the time axis, route maps and place maps, from a Site."""
from __future__ import annotations

from markupsafe import Markup

from ..dates.text import date_text, range_text
from ..link.sources import claim_source_name
from ..language.i18n import strings
from .axis import WIDTH, AxisBand, AxisMark, time_axis_svg
from .maps import MapPoint, places_map_svg, route_map_svg
from ..content.model import Event, Place, Site, Stop
from .timeline_view import Drawn, drawn_events, era_spans
from .timeline_view import _earliest as claim_start, _latest as claim_end
from ..link.urls import entry_path, year_path
from ..content.model import name_at


def axis_marks(site: Site, drawn: Drawn | None = None) -> list[AxisMark]:
    """Every event as a mark of the time axis (an interval as a bar), the same at every width."""
    drawn = drawn or drawn_events(site)
    marks = []
    for e, span, spoken in zip(site.events, drawn.spans, drawn.spoken):
        end = None if span.end is None or span.open_end else span.end
        marks.append(AxisMark(f"{spoken}: {e.title}", entry_path(e), span.start, end,
                              span.fuzzy or span.kind == "imprecise", span.open_end, _claims(site, e)))
    return marks


def _claims(site: Site, event: Event) -> tuple[tuple[float, float, str], ...]:
    """The other dates sources give (date_claims): (earliest, latest, 'October 1964: Global Times')."""
    lang = site.config.language
    found = []
    for claim in event.date_claims:
        last = claim.end or claim.date
        if claim.date.edge or last.edge:  # an open end has no place to mark
            continue
        when = range_text(claim.date, claim.end, lang)
        name = claim_source_name(site.works, event, claim.source)
        found.append((claim_start(claim.date), claim_end(last), f"{when}: {name}" if name else when))
    return tuple(found)


def timeline_axis(site: Site, width: float = WIDTH, year_href=year_path,
                  marks: list[AxisMark] | None = None) -> Markup | None:
    """Every event as a mark (intervals as bars), eras as bands, empty decades broken out; None if empty.

    marks: axis_marks(site), when made already for another axis of the same site.
    """
    if not site.events:
        return None
    lang = site.config.language
    marks = axis_marks(site) if marks is None else marks
    bands = [AxisBand(era.name, start, end) for era, (start, end) in zip(site.eras, era_spans(site.eras))]
    years = set(site.years)

    def bin_href(first: int, last: int) -> str | None:
        found = next((y for y in range(first, last + 1) if y in years), None)
        return year_href(found) if found is not None else None

    title = strings(lang)["axis_title"].format(title=site.config.title)
    return time_axis_svg(marks, bands, title, bin_href, breaks=True, width=width, language=lang)


def route_map(site: Site, event: Event, root: str) -> Markup | None:
    """The journey's located stops, numbered as in the itinerary; legs styled by how each was reached.

    A stop without coordinates breaks the line there instead of being skipped by a straight leg.
    """
    numbered = [(n, stop) for n, stop in enumerate(event.route, start=1) if stop.place in site.places]
    located = [(n, stop) for n, stop in numbered if site.places[stop.place].located]
    if len(located) < 2:
        return None
    lang = site.config.language
    # Each stop is labelled by the name its place bore then (Peking in 1958, Beijing in 2019).
    points = [_point(site.places[stop.place], root, _stop_label(stop, lang),
                     name_at(site.places[stop.place], stop.date or event.start, lang)) for _, stop in located]
    modes = [stop.mode for _, stop in located[1:]]
    missing, t = missing_stops(site, event), strings(site.config.language)
    note = t["map_no_coordinates"].format(stops=", ".join(f"{n} {name}" for n, name in missing)) if missing else ""
    return route_map_svg(points, modes, t["map_route_title"].format(title=event.title), [n for n, _ in located], note,
                         site.config.language)


def missing_stops(site: Site, event: Event) -> list[tuple[int, str]]:
    """(stop number, place name) of each stop the route map cannot place, when it draws a map at all."""
    numbered = [(n, site.places[s.place]) for n, s in enumerate(event.route, start=1) if s.place in site.places]
    if sum(place.located for _, place in numbered) < 2:
        return []
    return [(n, place.name) for n, place in numbered if not place.located]


def place_map(place: Place, root: str, language: str = "en") -> Markup | None:
    """A small locator map of one place."""
    if not place.located:
        return None
    return places_map_svg([_point(place, root, None)], strings(language)["map_place_title"].format(name=place.name),
                          highlight=place.name, language=language)


def all_places_map(site: Site, root: str) -> Markup | None:
    """Every place that has coordinates."""
    points = [_point(p, root, None) for p in site.places.values() if p.located]
    t = strings(site.config.language)
    return places_map_svg(points, t["map_all_places"], language=site.config.language) if points else None


def _point(place: Place, root: str, label: str | None, name: str | None = None) -> MapPoint:
    return MapPoint(name or place.name, place.native_name, place.lat, place.lon, root + entry_path(place), label)


def _located(site: Site, slug: str) -> bool:
    return slug in site.places and site.places[slug].located


def _stop_label(stop: Stop, language: str) -> str | None:
    parts = [date_text(stop.date, language) if stop.date else "", stop.time or ""]
    return ", ".join(p for p in parts if p) or None
