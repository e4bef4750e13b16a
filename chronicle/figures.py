"""Figures drawn at build time: the time axis, route maps and place maps, from a Site."""
from __future__ import annotations

from markupsafe import Markup

from .datetext import date_text, range_text
from .axis import AxisBand, AxisMark, time_axis_svg
from .maps import MapPoint, places_map_svg, route_map_svg
from .model import Event, Place, Site, Stop
from .urls import entry_path, year_path


def timeline_axis(site: Site) -> Markup | None:
    """Every event as a mark (intervals as bars), eras as bands; None for an empty site."""
    if not site.events:
        return None
    marks = [AxisMark(f"{range_text(e.start, e.end, site.config.language)}: {e.title}", entry_path(e), e.start.fractional_year(),
                      _end_position(e)) for e in site.events]
    bands = [AxisBand(era.name, era.start.fractional_year(), _last_moment(era.end.end_key()))
             for era in site.eras]
    years = set(site.years)

    def bin_href(first: int, last: int) -> str | None:
        found = next((y for y in range(first, last + 1) if y in years), None)
        return year_path(found) if found is not None else None

    return time_axis_svg(marks, bands, f"{site.config.title}: time axis", bin_href)


def route_map(site: Site, event: Event, root: str) -> Markup | None:
    """The journey's located stops, numbered as in the itinerary; legs styled by how each was reached.

    A stop without coordinates breaks the line there instead of being skipped by a straight leg.
    """
    numbered = [(n, stop) for n, stop in enumerate(event.route, start=1) if stop.place in site.places]
    located = [(n, stop) for n, stop in numbered if site.places[stop.place].located]
    if len(located) < 2:
        return None
    points = [_point(site.places[stop.place], root, _stop_label(stop, site.config.language)) for _, stop in located]
    modes = [stop.mode for _, stop in located[1:]]
    missing = missing_stops(site, event)
    note = f"no coordinates for stop {', '.join(f'{n} {name}' for n, name in missing)}" if missing else ""
    return route_map_svg(points, modes, f"Route map: {event.title}", [n for n, _ in located], note)


def missing_stops(site: Site, event: Event) -> list[tuple[int, str]]:
    """(stop number, place name) of each stop the route map cannot place, when it draws a map at all."""
    numbered = [(n, site.places[s.place]) for n, s in enumerate(event.route, start=1) if s.place in site.places]
    if sum(place.located for _, place in numbered) < 2:
        return []
    return [(n, place.name) for n, place in numbered if not place.located]


def place_map(place: Place, root: str) -> Markup | None:
    """A small locator map of one place."""
    if not place.located:
        return None
    return places_map_svg([_point(place, root, None)], f"Map: {place.name}", highlight=place.name)


def all_places_map(site: Site, root: str) -> Markup | None:
    """Every place that has coordinates."""
    points = [_point(p, root, None) for p in site.places.values() if p.located]
    return places_map_svg(points, "Map of all places") if points else None


def _point(place: Place, root: str, label: str | None) -> MapPoint:
    return MapPoint(place.name, place.native_name, place.lat, place.lon, root + entry_path(place), label)


def _located(site: Site, slug: str) -> bool:
    return slug in site.places and site.places[slug].located


def _stop_label(stop: Stop, language: str) -> str | None:
    parts = [date_text(stop.date, language) if stop.date else "", stop.time or ""]
    return ", ".join(p for p in parts if p) or None


def _end_position(event: Event) -> float | None:
    if event.end is None and event.start.precision == "day":
        return None
    return _last_moment((event.end or event.start).end_key())


def _last_moment(key: tuple[int, int, int]) -> float:
    year, month, day = key
    return year + (month - 1) / 12 + day / 365
