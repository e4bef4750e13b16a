"""Machine-readable exports of a linked site: TimelineJS, iCalendar, GeoJSON.

`export_files` is what the renderer calls; JSON-LD for pages lives in `jsonld.py`
and is re-exported here so callers need one import.
"""
from __future__ import annotations

import os

from .cite import bibliography_json
from .geojson import places_geojson
from .ics import calendar_ics
from .timelinejs import timeline_json
from .jsonld import event_jsonld, person_jsonld, place_jsonld
from ..content.model import Site

__all__ = ["export_files", "event_jsonld", "person_jsonld", "place_jsonld"]


def export_files(site: Site) -> tuple[dict[str, bytes], list[str]]:
    """Build timeline.json, calendar.ics, places.geojson (and bibliography.json), with notes for the summary."""
    # The environment is read here, at the edge, so the format modules stay pure.
    ics, ics_notes = calendar_ics(site, os.environ.get("SOURCE_DATE_EPOCH"))
    geojson, geo_notes = places_geojson(site)
    files = {
        "timeline.json": timeline_json(site),
        "calendar.ics": ics,
        "places.geojson": geojson,
    }
    if site.works:
        files["bibliography.json"] = bibliography_json(site.works)
    return files, ics_notes + geo_notes

