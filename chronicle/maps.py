"""Build-time SVG maps over Natural Earth land and borders: a numbered route map and a places map."""
from __future__ import annotations

import hashlib
import json
import math
from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path
from typing import Iterator, Sequence

from markupsafe import Markup, escape

BASEMAP = Path(__file__).with_name("data") / "basemap.json"  # built by data/make_basemap.py
WIDTH, LEGEND_H = 800.0, 30.0
MIN_SPAN = 8.0  # degrees of latitude; a lone point still shows its neighbourhood
MARGIN_MIN, MARGIN_FRAC = 2.0, 0.15
ASPECT_MIN, ASPECT_MAX = 0.45, 0.8  # height / width of the map area
DEFAULT_BOX = ((60.0, -15.0), (180.0, 75.0))  # East Asia, for a map without points
PAD = 12.0  # px drawn beyond the view, so polygon edges made by clipping stay out of sight
SIMPLIFY_PX = 1.0  # finer detail is invisible at map size and only costs bytes
ACCENT, GREY = "#8b1e3f", "#6b6b6b"
MODES = ("train", "car", "plane", "ship", "other")
MODE_NAMES = {"train": "Train", "car": "Car", "plane": "Plane", "ship": "Ship", "other": "Other / unknown"}
ALIASES = {"rail": "train", "railway": "train", "flight": "plane", "air": "plane", "aircraft": "plane",
           "airplane": "plane", "aeroplane": "plane", "boat": "ship", "ferry": "ship", "road": "car",
           "automobile": "car", "motorcade": "car"}
# Fallback presentation attributes; any stylesheet rule on the classes overrides them.
LEG_STYLE = {
    "train": f'stroke="{ACCENT}" stroke-width="2"',
    "car": f'stroke="{ACCENT}" stroke-width="3.5" stroke-dasharray="0.1 6" stroke-linecap="round"',
    "plane": f'stroke="{ACCENT}" stroke-width="2" stroke-dasharray="8 5"',
    "ship": f'stroke="{ACCENT}" stroke-width="2.5" stroke-dasharray="16 6"',
    "other": f'stroke="{GREY}" stroke-width="1.5" stroke-dasharray="4 4"',
}
TIES_STYLE = f'stroke="{ACCENT}" stroke-width="8" stroke-dasharray="1.5 6"'
HALO = 'paint-order="stroke" stroke="#fff" stroke-width="3" stroke-linejoin="round"'

Box = tuple[float, float, float, float]  # x0, y0, x1, y1 (or west, south, east, north)
Pt = tuple[float, float]
Shape = tuple[Box, tuple[tuple[Pt, ...], ...]]  # bounding box and rings (a line is one ring)
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


@dataclass(frozen=True)
class View:
    """Equirectangular projection (x scaled by cos of the mid-latitude) onto the viewBox."""

    west: float
    north: float
    kx: float  # px per degree of longitude
    ky: float  # px per degree of latitude
    width: float
    height: float

    def xy(self, lon: float, lat: float) -> Pt:
        """SVG coordinates of a point; north is up, east is right."""
        return (lon - self.west) * self.kx, (self.north - lat) * self.ky


def route_map_svg(points: Sequence[MapPoint], modes: Sequence[str | None], title: str) -> Markup:
    """Map of a journey: numbered stops joined by legs styled by travel mode."""
    if len(modes) != max(0, len(points) - 1):
        raise ValueError(f"{len(points)} points need {max(0, len(points) - 1)} modes, got {len(modes)}")
    coords = unwrap(points)
    view = fit_view(coords)
    xy = [view.xy(lon, lat) for lon, lat in coords]
    kinds = [mode_kind(m) for m in modes]
    legs = "".join(_leg(f"Leg {i + 1}: {points[i].name} → {points[i + 1].name} ({m or 'unknown'})",
                        xy[i], xy[i + 1], kind) for i, (m, kind) in enumerate(zip(modes, kinds)))
    groups: dict[tuple[str, float, float], list[int]] = {}  # one marker per place, however often visited
    for i, p in enumerate(points):
        groups.setdefault((p.name, round(p.lat, 3), round(p.lon, 3)), []).append(i)
    stops = [(", ".join(str(i + 1) for i in idx), _tooltip(points, idx), points[idx[0]], xy[idx[0]])
             for idx in groups.values()]
    present = [k for k in MODES if k in kinds]
    legend = _legend(present, view.height) if present else ""
    desc = "Route: " + " → ".join(p.name for p in points) if points else "No stops"
    body = f'<g class="legs">{legs}</g>{_markers(stops, view, numbered=True)}{legend}'
    key = repr(("route", tuple(points), tuple(modes), title))
    return _svg("route-map", key, view, (title, desc), body, LEGEND_H if legend else 0.0, any(p.href for p in points))


def places_map_svg(points: Sequence[MapPoint], title: str, highlight: str | None = None) -> Markup:
    """Map of all places; `highlight` names the one to emphasise (e.g. on its own page)."""
    coords = unwrap(points)
    view = fit_view(coords)
    # The highlighted place is labelled first (it must win label space) and drawn last (on top).
    order = sorted(range(len(points)), key=lambda i: points[i].name != highlight)
    stops = [(None, _tooltip(points, [i]), points[i], view.xy(*coords[i])) for i in order]
    body = _markers(stops, view, numbered=False, highlight=highlight)
    desc = f"{len(points)} places" + (f"; highlighted: {highlight}" if highlight else "")
    key = repr(("places", tuple(points), title, highlight))
    return _svg("places-map", key, view, (title, desc), body, 0.0, any(p.href for p in points))


def mode_kind(mode: str | None) -> str:
    """Normalise a travel mode to one of MODES."""
    m = (mode or "").strip().lower()
    m = ALIASES.get(m, m)
    return m if m in MODES else "other"


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


def fmt(v: float) -> str:
    """A coordinate rounded to one decimal, without a useless '.0' or '-0'."""
    return _tenths(round(v * 10))


def _tenths(t: int) -> str:
    """An integer count of tenths as a decimal string."""
    q, r = divmod(abs(t), 10)
    return f"{'-' if t < 0 else ''}{q}{f'.{r}' if r else ''}"


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
        f'{_base_layer(view)}</g><rect class="map-frame" width="{w}" height="{h}" fill="none" stroke="#999"/>'
        f'{body}</svg>')


def _leg_paths(kind: str, d: str) -> str:
    """The path(s) drawing one leg; railways get cross-ties under the line."""
    ties = f'<path class="leg-ties" d="{d}" fill="none" {TIES_STYLE}/>' if kind == "train" else ""
    return f'{ties}<path class="leg-line" d="{d}" fill="none" {LEG_STYLE[kind]}/>'


def _leg(name: str, a: Pt, b: Pt, kind: str) -> str:
    """One leg of the route; flights arc to the left of their direction, so return flights bow apart."""
    if kind == "plane":
        dx, dy = b[0] - a[0], b[1] - a[1]
        cx, cy = (a[0] + b[0]) / 2 + dy / 4, (a[1] + b[1]) / 2 - dx / 4  # left normal (y points down)
        d = f"M{fmt(a[0])} {fmt(a[1])}Q{fmt(cx)} {fmt(cy)} {fmt(b[0])} {fmt(b[1])}"
    else:
        d = f"M{fmt(a[0])} {fmt(a[1])}L{fmt(b[0])} {fmt(b[1])}"
    return f'<g class="leg leg-{kind}"><title>{escape(name)}</title>{_leg_paths(kind, d)}</g>'


def _legend(kinds: Sequence[str], top: float) -> str:
    """A strip under the map listing the travel modes that occur."""
    y, x, items = top + LEGEND_H / 2, 10.0, []
    for kind in kinds:
        d = f"M{fmt(x)} {fmt(y + 4)}q14 -10 28 0" if kind == "plane" else f"M{fmt(x)} {fmt(y)}h28"
        items.append(f'<g class="legend-item legend-{kind}">{_leg_paths(kind, d)}<text class="legend-label"'
                     f' x="{fmt(x + 34)}" y="{fmt(y + 4)}" font-size="12">{MODE_NAMES[kind]}</text></g>')
        x += 52 + 7 * len(MODE_NAMES[kind])
    return (f'<g class="legend"><rect class="legend-bg" y="{fmt(top)}" width="{fmt(WIDTH)}" height="{fmt(LEGEND_H)}"'
            f' fill="#fff" stroke="#999"/>{"".join(items)}</g>')


def _tooltip(points: Sequence[MapPoint], idx: list[int]) -> str:
    """'Name (native name) — label', with stop numbers when a place is visited twice."""
    p = points[idx[0]]
    text = f"{p.name} ({p.native_name})" if p.native_name else p.name
    if len(idx) == 1:
        return f"{text} — {p.label}" if p.label else text
    return text + " — " + "; ".join(f"{i + 1}: {points[i].label}" if points[i].label else str(i + 1) for i in idx)


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


def _markers(stops: Sequence[Stop], view: View, numbered: bool, highlight: str | None = None) -> str:
    """Markers with tooltips, links and non-overlapping name labels."""
    shapes = [_marker_shape(x, y, num, p.name == highlight) for num, _, p, (x, y) in stops]
    taken = [box for _, box in shapes]  # labels avoid every marker, not only those placed before
    out = []
    for (num, tip, p, _), (shape, box) in zip(stops, shapes):
        spot = _place_label(p.name, box, taken, view, force=numbered or p.name == highlight)
        label = "" if spot is None else (
            f'<text class="map-label" x="{fmt(spot[0])}" y="{fmt(spot[1])}" text-anchor="{spot[2]}"'
            f' font-size="12" {HALO}>{escape(p.name)}</text>')
        cls = "stop" if numbered else ("place is-highlight" if p.name == highlight else "place")
        # The space keeps the number and name two words, and the link's name starts with both,
        # so the visible text is part of the accessible name (WCAG 2.5.3 Label in Name).
        inner = f"<title>{escape(tip)}</title>{shape} {label}"
        name = f"Stop{'s' if num and ',' in num else ''} {num}: {tip}" if num else tip
        link = f'<a class="{cls}" href="{escape(p.href)}" aria-label="{escape(name)}">{inner}</a>'
        out.append(link if p.href else f'<g class="{cls}">{inner}</g>')
    # Reversed so earlier (higher-priority) markers are painted on top.
    return f'<g class="{"stops" if numbered else "places"}">{"".join(reversed(out))}</g>'


@lru_cache(maxsize=1)
def _basemap() -> tuple[tuple[Shape, ...], tuple[Shape, ...]]:
    """Land polygons and border lines with bounding boxes; read once per process."""
    data = json.loads(BASEMAP.read_text(encoding="utf-8"))

    def boxed(rings: list[list[list[float]]]) -> Shape:
        lons, lats = [p[0] for p in rings[0]], [p[1] for p in rings[0]]
        return (min(lons), min(lats), max(lons), max(lats)), tuple(tuple((p[0], p[1]) for p in r) for r in rings)
    return tuple(boxed(poly) for poly in data["land"]), tuple(boxed([line]) for line in data["borders"])


@lru_cache(maxsize=64)  # every place page's small map shares one view
def _base_layer(view: View) -> str:
    """Land (filled; its outline is the coastline) and country borders inside the view."""
    land, borders = _basemap()
    rect = (-PAD, -PAD, view.width + PAD, view.height + PAD)
    land_d = "".join(_path(_clip_ring(_project(ring, shift, view), rect), True)
                     for shift, rings in _visible(land, view) for ring in rings)
    border_d = "".join(_path(run, False) for shift, (line,) in _visible(borders, view)
                       for run in _clip_line(_project(line, shift, view), rect))
    return (f'<path class="map-land" d="{land_d}" fill="#f4f1e8" fill-rule="evenodd" stroke="#8a8a8a"'
            f' stroke-width="0.6" stroke-linejoin="round"/><path class="map-border" d="{border_d}" fill="none"'
            f' stroke="#a0a0a0" stroke-width="0.6" stroke-dasharray="3 2"/>')


def _visible(shapes: Sequence[Shape], view: View) -> Iterator[tuple[float, tuple[tuple[Pt, ...], ...]]]:
    """Shapes whose box meets the view, with the 360° shift that puts them there."""
    w, n = view.west - PAD / view.kx, view.north + PAD / view.ky
    e, s = view.west + (view.width + PAD) / view.kx, view.north - (view.height + PAD) / view.ky
    for (x0, y0, x1, y1), rings in shapes:
        for shift in (-360.0, 0.0, 360.0):  # views may extend past the antimeridian
            if y1 >= s and y0 <= n and x0 + shift <= e and x1 + shift >= w:
                yield shift, rings


def _project(line: Sequence[Pt], shift: float, view: View) -> list[Pt]:
    """Projected points, dropping those within SIMPLIFY_PX of the last kept one (radial distance)."""
    out: list[Pt] = []
    for i, (lon, lat) in enumerate(line):
        p = view.xy(lon + shift, lat)
        # The first and last points always stay, so borders meet and rings close.
        if not out or i == len(line) - 1 or (p[0] - out[-1][0]) ** 2 + (p[1] - out[-1][1]) ** 2 >= SIMPLIFY_PX ** 2:
            out.append(p)
    return out


def _clip_ring(pts: list[Pt], rect: Box) -> list[Pt]:
    """Sutherland-Hodgman clipping of a polygon ring to a rectangle."""
    for axis, bound, keep_above in ((0, rect[0], True), (0, rect[2], False), (1, rect[1], True), (1, rect[3], False)):
        out: list[Pt] = []
        for prev, cur in zip(pts[-1:] + pts[:-1], pts):
            cin, pin = (cur[axis] >= bound) == keep_above, (prev[axis] >= bound) == keep_above
            if cin != pin:
                t = (bound - prev[axis]) / (cur[axis] - prev[axis])
                out.append((prev[0] + t * (cur[0] - prev[0]), prev[1] + t * (cur[1] - prev[1])))
            if cin:
                out.append(cur)
        pts = out
    return pts


def _clip_line(pts: list[Pt], rect: Box) -> list[list[Pt]]:
    """Runs of a polyline near the rectangle; the viewBox trims the overhanging segments."""
    inside = [rect[0] <= x <= rect[2] and rect[1] <= y <= rect[3] for x, y in pts]
    runs: list[list[Pt]] = [[]]
    for i, p in enumerate(pts):
        if any(inside[max(i - 1, 0):i + 2]):
            runs[-1].append(p)
        elif runs[-1]:
            runs.append([])
    return [r for r in runs if len(r) >= 2]


def _path(pts: Sequence[Pt], closed: bool) -> str:
    """Compact path data: absolute start, then relative steps in exact tenths (no rounding drift)."""
    t: list[tuple[int, int]] = []
    for x, y in pts:
        p = (round(x * 10), round(y * 10))
        if not t or t[-1] != p:
            t.append(p)
    if len(t) < (4 if closed else 2):  # a closed ring repeats its first point
        return ""
    steps = " ".join(f"{_tenths(b[0] - a[0])} {_tenths(b[1] - a[1])}" for a, b in zip(t, t[1:]))
    return f"M{_tenths(t[0][0])} {_tenths(t[0][1])}l{steps}{'z' if closed else ''}"
