"""Build-time SVG maps over Natural Earth land and borders: a numbered route map and a places map."""
from __future__ import annotations

import hashlib
import math
from dataclasses import dataclass
from typing import Sequence

from markupsafe import Markup, escape

from .basemap import BASEMAP, Box, Pt, View, base_layer, fmt  # noqa: F401 (BASEMAP: the maps' data file)
from ..language.i18n import strings
from ..language.modes import mode_kind, mode_names
from .travel import ACCENT, LEGEND_H, leg_paths, legend, present_modes

WIDTH = 800.0
MIN_SPAN = 8.0  # degrees of latitude; a lone point still shows its neighbourhood
MARGIN_MIN, MARGIN_FRAC = 2.0, 0.15
ASPECT_MIN, ASPECT_MAX = 0.45, 0.8  # height / width of the map area
DEFAULT_BOX = ((60.0, -15.0), (180.0, 75.0))  # East Asia, for a map without points
HALO = 'paint-order="stroke" stroke="#fff" stroke-width="3" stroke-linejoin="round"'
Stop = tuple[str | None, str, "MapPoint", Pt]  # stop numbers, tooltip, point, position


@dataclass(frozen=True)
class MapPoint:
    """A place to mark on a map."""

    name: str
    native_name: str | None
    lat: float
    lon: float
    href: str | None  # relative link to the place page, or None
    label: str | None = None  # e.g. "26 Feb 2019, 08:15" shown in the tooltip


def route_map_svg(points: Sequence[MapPoint], modes: Sequence[str | None], title: str,
                  numbers: Sequence[int] | None = None, missing: str = "", language: str = "en") -> Markup:
    """Map of a journey: stops numbered as in the itinerary, joined by legs styled by travel mode.

    `numbers` are the points' stop numbers (default 1, 2, ...). Where they skip a stop that has
    no coordinates, no leg is drawn: a straight line past it would show a route never taken.
    `missing` names the stops left out, for the description; its words are in `language`.
    """
    t = strings(language)
    numbers = list(numbers or range(1, len(points) + 1))
    if len(modes) != max(0, len(points) - 1) or len(numbers) != len(points):
        raise ValueError(f"{len(points)} points need {max(0, len(points) - 1)} modes and {len(points)} "
                         f"numbers, got {len(modes)} and {len(numbers)}")
    coords = unwrap(points)
    view = fit_view(coords)
    xy = [view.xy(lon, lat) for lon, lat in coords]
    joined = [i for i in range(len(modes)) if numbers[i + 1] == numbers[i] + 1]
    kinds = {i: mode_kind(modes[i]) for i in joined}
    legs = "".join(_leg(t["map_leg"].format(n=numbers[i], a=points[i].name, b=points[i + 1].name,
                                            mode=modes[i] or t["map_mode_unknown"]),
                        xy[i], xy[i + 1], kinds[i], numbers[i + 1]) for i in joined)
    groups: dict[tuple[str, float, float], list[int]] = {}  # one marker per place, however often visited
    for i, p in enumerate(points):
        groups.setdefault((p.name, round(p.lat, 3), round(p.lon, 3)), []).append(i)
    stops = [(", ".join(str(numbers[i]) for i in idx), _tooltip(points, idx, numbers), points[idx[0]], xy[idx[0]])
             for idx in groups.values()]
    present = present_modes(list(kinds.values()))
    key_strip = legend(present, view.height, WIDTH, mode_names(language)) if present else ""
    desc = t["map_route"].format(stops=" → ".join(p.name for p in points)) if points else t["map_no_stops"]
    desc += f"; {missing}" if missing else ""
    body = f'<g class="legs">{legs}</g>{_markers(stops, view, numbered=True, t=t)}{key_strip}'
    gaps = () if numbers == list(range(1, len(points) + 1)) else (tuple(numbers), missing)
    key = repr(("route", tuple(points), tuple(modes), title, *gaps))  # ids of maps without gaps stay as they were
    return _svg("route-map", key, view, (title, desc), body, LEGEND_H if key_strip else 0.0,
                any(p.href for p in points))


def places_map_svg(points: Sequence[MapPoint], title: str, highlight: str | None = None,
                   language: str = "en") -> Markup:
    """Map of all places; `highlight` names the one to emphasise (e.g. on its own page)."""
    t = strings(language)
    coords = unwrap(points)
    view = fit_view(coords)
    # The highlighted place is labelled first (it must win label space) and drawn last (on top).
    order = sorted(range(len(points)), key=lambda i: points[i].name != highlight)
    stops = [(None, _tooltip(points, [i]), points[i], view.xy(*coords[i])) for i in order]
    body = _markers(stops, view, numbered=False, highlight=highlight, t=t)
    desc = t["map_places"].format(n=len(points)) + (t["map_highlighted"].format(name=highlight) if highlight else "")
    key = repr(("places", tuple(points), title, highlight))
    return _svg("places-map", key, view, (title, desc), body, 0.0, any(p.href for p in points))


def unwrap(points: Sequence[MapPoint]) -> list[Pt]:
    """(lon, lat) pairs, with western longitudes moved past 180° if that narrows the span."""
    lons = [p.lon for p in points]
    east = [lon + 360 if lon < 0 else lon for lon in lons]
    # A trip from Vladivostok to Alaska should cross the Pacific, not the whole world.
    if lons and max(east) - min(east) < max(lons) - min(lons):
        lons = east
    return [(lon, p.lat) for lon, p in zip(lons, points)]


def fit_view(coords: Sequence[Pt]) -> View:
    """Projection fitted to the points' bounding box plus margin, minimum size and aspect limits."""
    pts = list(coords) or list(DEFAULT_BOX)
    west, east = min(p[0] for p in pts), max(p[0] for p in pts)
    south, north = min(p[1] for p in pts), max(p[1] for p in pts)
    cy = (south + north) / 2
    cos_mid = max(0.2, math.cos(math.radians(cy)))
    gw, gh = (east - west) * cos_mid, north - south  # extent in degrees of latitude
    hw = max(gw / 2 + max(MARGIN_MIN * cos_mid, MARGIN_FRAC * gw), MIN_SPAN / 2 / 0.75)  # 4:3 at least
    hh = max(gh / 2 + max(MARGIN_MIN, MARGIN_FRAC * gh), MIN_SPAN / 2)
    hh = max(hh, hw * ASPECT_MIN)
    hw = max(hw, hh / ASPECT_MAX)
    hh = min(hh, 85.0)
    cy = max(min(cy, 85.0 - hh), -85.0 + hh)  # keep the poles' singularity out of view
    k = WIDTH / (2 * hw)
    return View(west=(west + east) / 2 - hw / cos_mid, north=cy + hh, kx=k * cos_mid, ky=k,
                width=WIDTH, height=round(2 * hh * k, 1))


def _svg(kind: str, key: str, view: View, text: tuple[str, str], body: str, extra_h: float, links: bool) -> Markup:
    """Wrap map content in the accessible root element, with sea, land and borders underneath."""
    uid = "map-" + hashlib.sha1(key.encode("utf-8")).hexdigest()[:10]  # stable, and distinct per map
    w, h = fmt(view.width), fmt(view.height)
    role = "group" if links else "img"  # role="img" would hide the links inside from assistive technology
    return Markup(
        f'<svg xmlns="http://www.w3.org/2000/svg" class="map {kind}" viewBox="0 0 {w} {fmt(view.height + extra_h)}"'
        f' role="{role}" aria-labelledby="{uid}-t" aria-describedby="{uid}-d" font-family="sans-serif">'
        f'<title id="{uid}-t">{escape(text[0])}</title><desc id="{uid}-d">{escape(text[1])}</desc>'
        f'<clipPath id="{uid}-c"><rect width="{w}" height="{h}"/></clipPath>'
        f'<g clip-path="url(#{uid}-c)"><rect class="map-sea" width="{w}" height="{h}" fill="#e6eef4"/>'
        f'{base_layer(view)}</g><rect class="map-frame" width="{w}" height="{h}" fill="none" stroke="#999"/>'
        f'{body}</svg>')


def _leg(name: str, a: Pt, b: Pt, kind: str, to_stop: int) -> str:
    """One leg of the route; flights arc to the left of their direction, so return flights bow apart."""
    if kind == "plane":
        dx, dy = b[0] - a[0], b[1] - a[1]
        cx, cy = (a[0] + b[0]) / 2 + dy / 4, (a[1] + b[1]) / 2 - dx / 4  # left normal (y points down)
        d = f"M{fmt(a[0])} {fmt(a[1])}Q{fmt(cx)} {fmt(cy)} {fmt(b[0])} {fmt(b[1])}"
    else:
        d = f"M{fmt(a[0])} {fmt(a[1])}L{fmt(b[0])} {fmt(b[1])}"
    # data-to names the stop the leg arrives at, so journey.js can emphasise how the reader got there.
    return f'<g class="leg leg-{kind}" data-to="{to_stop}"><title>{escape(name)}</title>{leg_paths(kind, d)}</g>'


def _tooltip(points: Sequence[MapPoint], idx: list[int], numbers: Sequence[int] | None = None) -> str:
    """'Name (native name) — label', with stop numbers when a place is visited twice."""
    p = points[idx[0]]
    text = f"{p.name} ({p.native_name})" if p.native_name else p.name
    if len(idx) == 1:
        return f"{text} — {p.label}" if p.label else text
    number = (lambda i: numbers[i]) if numbers else (lambda i: i + 1)
    return text + " — " + "; ".join(f"{number(i)}: {points[i].label}" if points[i].label else str(number(i))
                                    for i in idx)


def _marker_shape(x: float, y: float, number: str | None, hl: bool) -> tuple[str, Box]:
    """Dot, numbered circle, or pill for several numbers; returns SVG and bounding box."""
    if number is None:
        r, cls, fill = (7.0, "place-dot place-highlight", ACCENT) if hl else (5.0, "place-dot", "#fff")
        return (f'<circle class="{cls}" cx="{fmt(x)}" cy="{fmt(y)}" r="{fmt(r)}" fill="{fill}" stroke="{ACCENT}"'
                f' stroke-width="2"/>', (x - r, y - r, x + r, y + r))
    w = max(16.0, 5.6 * len(number) + 8)
    shape = (f'<circle class="stop-dot" cx="{fmt(x)}" cy="{fmt(y)}" r="8"' if len(number) <= 2 else
             f'<rect class="stop-dot" x="{fmt(x - w / 2)}" y="{fmt(y - 8)}" width="{fmt(w)}" height="16" rx="8"')
    num = (f'<text class="stop-num" x="{fmt(x)}" y="{fmt(y)}" dy="0.35em" text-anchor="middle" font-size="10"'
           f' font-weight="bold" fill="{ACCENT}">{number}</text>')
    return f'{shape} fill="#fff" stroke="{ACCENT}" stroke-width="2"/>{num}', (x - w / 2, y - 8, x + w / 2, y + 8)


def _place_label(text: str, box: Box, taken: list[Box], view: View, force: bool) -> tuple[float, float, str] | None:
    """First free spot right, left, above or below the marker; None if crowded and not forced."""
    (x0, y0, x1, y1), w = box, 7.2 * len(text)  # ~0.6 em per character at 12 px
    cx, cy = (x0 + x1) / 2, (y0 + y1) / 2
    spots = [((x1 + 4, cy + 4, "start"), (x1 + 4, cy - 7, x1 + 4 + w, cy + 7)),
             ((x0 - 4, cy + 4, "end"), (x0 - 4 - w, cy - 7, x0 - 4, cy + 7)),
             ((cx, y0 - 4, "middle"), (cx - w / 2, y0 - 17, cx + w / 2, y0 - 3)),
             ((cx, y1 + 13, "middle"), (cx - w / 2, y1 + 2, cx + w / 2, y1 + 16))]
    inside = [s for s in spots if s[1][0] >= 0 and s[1][2] <= view.width and s[1][1] >= 0 and s[1][3] <= view.height]
    for spot, b in inside:
        if not any(b[0] < t[2] and t[0] < b[2] and b[1] < t[3] and t[1] < b[3] for t in taken):
            taken.append(b)
            return spot
    return (inside or spots)[0][0] if force else None


def _markers(stops: Sequence[Stop], view: View, numbered: bool, highlight: str | None = None,
             t: dict[str, str] | None = None) -> str:
    """Markers with tooltips, links and non-overlapping name labels."""
    t = t or strings("en")
    shapes = [_marker_shape(x, y, num, p.name == highlight) for num, _, p, (x, y) in stops]
    taken = [box for _, box in shapes]  # labels avoid every marker, not only those placed before
    out = []
    for (num, tip, p, _), (shape, box) in zip(stops, shapes):
        spot = _place_label(p.name, box, taken, view, force=numbered or p.name == highlight)
        label = "" if spot is None else (
            f'<text class="map-label" x="{fmt(spot[0])}" y="{fmt(spot[1])}" text-anchor="{spot[2]}"'
            f' font-size="12" {HALO}>{escape(p.name)}</text>')
        cls = "stop" if numbered else ("place is-highlight" if p.name == highlight else "place")
        # data-stops lists the stop numbers a marker stands for, for journey.js to find it.
        data = f' data-stops="{num.replace(",", "")}"' if num else ""
        # The space keeps the number and name two words, and the link's name starts with both,
        # so the visible text is part of the accessible name (WCAG 2.5.3 Label in Name).
        inner = f"<title>{escape(tip)}</title>{shape} {label}"
        name = t["map_stops" if "," in num else "map_stop"].format(num=num, tip=tip) if num else tip
        link = f'<a class="{cls}"{data} href="{escape(p.href)}" aria-label="{escape(name)}">{inner}</a>'
        out.append(link if p.href else f'<g class="{cls}"{data}>{inner}</g>')
    # Reversed so earlier (higher-priority) markers are painted on top.
    return f'<g class="{"stops" if numbered else "places"}">{"".join(reversed(out))}</g>'


