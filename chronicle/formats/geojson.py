"""places.geojson: located places as points and journeys as lines (RFC 7946)."""
from __future__ import annotations

import json

from ..dates import Date
from ..link.urls import entry_path
from ..content.model import Event, Place, Site, Stop


def places_geojson(site: Site) -> tuple[bytes, list[str]]:
    """A FeatureCollection of place points, then event routes; notes on what was left out."""
    places = [site.places[slug] for slug in sorted(site.places)]
    features = [place_feature(place) for place in places if place.located]
    routes = [event for event in site.events if event.route]
    lines = [route_feature(site, event) for event in routes]
    features.extend(line for line in lines if line is not None)
    notes = []
    unlocated = sum(1 for place in places if not place.located)
    if unlocated:
        notes.append(f"places.geojson: {unlocated} place(s) without coordinates left out")
    short = sum(1 for line in lines if line is None)
    if short:
        notes.append(f"places.geojson: {short} route(s) with fewer than 2 located stops left out")
    data = {"type": "FeatureCollection", "features": features}
    text = json.dumps(data, ensure_ascii=False, indent=2, sort_keys=True)
    return (text + "\n").encode("utf-8"), notes


def place_feature(place: Place) -> dict:
    """A Point; GeoJSON puts longitude first."""
    return {
        "type": "Feature",
        "geometry": {"type": "Point", "coordinates": [place.lon, place.lat]},
        "properties": {
            "slug": place.slug,
            "name": place.name,
            "native_name": place.native_name,
            "country": place.country,
            "url": entry_path(place),
        },
    }


def route_feature(site: Site, event: Event) -> dict | None:
    """A LineString through the located stops of a route, or None if fewer than two."""
    stops = [stop for stop in event.route if _located(site, stop)]
    if len(stops) < 2:
        return None
    coordinates = [[site.places[s.place].lon, site.places[s.place].lat] for s in stops]
    return {
        "type": "Feature",
        "geometry": {"type": "LineString", "coordinates": coordinates},
        "properties": {
            "slug": event.slug,
            "title": event.title,
            "start": _edtf(event.start),
            "end": _edtf(event.end, last=True) if event.end else _span_end(event.start),
            "places": [stop.place for stop in stops],
            # A stop's mode is how the traveller arrived there, i.e. the leg ending at it.
            "modes": [stop.mode for stop in stops[1:]],
            "url": entry_path(event),
        },
    }


def _located(site: Site, stop: Stop) -> bool:
    """True when the stop's place is known and has coordinates."""
    place = site.places.get(stop.place)
    return place is not None and place.located


def _edtf(date: Date, last: bool = False) -> str:
    """EDTF text; a month or year of another calendar (a Hijri month) as its first or last Gregorian day."""
    if date.span is not None and date.span[0] != date.span[1]:
        return Date(*date.span[1 if last else 0]).iso()
    return date.iso()


def _span_end(date: Date) -> str | None:
    """The last day of a Hijri (Hebrew, Persian) month or year with no end: it covers its days."""
    return _edtf(date, last=True) if date.span is not None and date.span[0] != date.span[1] else None
