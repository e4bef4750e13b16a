"""The map underneath: Natural Earth land and borders, projected, clipped and simplified to the view."""
from __future__ import annotations

import json
from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path
from typing import Iterator, NamedTuple, Sequence

BASEMAP = Path(__file__).parent.parent / "data" / "basemap.json"  # built by data/make_basemap.py
PAD = 12.0  # px drawn beyond the view, so polygon edges made by clipping stay out of sight
SIMPLIFY_PX = 1.0  # finer detail is invisible at map size and only costs bytes
STRETCH = 32  # points per stretch of a line whose box tells if it lies wholly beyond one side of a view
EPS = 1e-7  # degrees: far above rounding error, so "wholly beyond" holds for the projected points too
Box = tuple[float, float, float, float]  # x0, y0, x1, y1 (or west, south, east, north)
Pt = tuple[float, float]



class Stretch(NamedTuple):
    """Points start..end-1 of a line: their box in degrees and smallest step max(|dlon|, |dlat|)."""

    start: int
    end: int
    box: Box
    step: float


Ring = tuple[tuple[Pt, ...], tuple[Stretch, ...]]
Shape = tuple[Box, tuple[Ring, ...]]  # bounding box and rings (a line is one ring)


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


def fmt(v: float) -> str:
    """A coordinate rounded to one decimal, without a useless '.0' or '-0'."""
    return _tenths(round(v * 10))


def _tenths(t: int) -> str:
    """An integer count of tenths as a decimal string."""
    q, r = divmod(abs(t), 10)
    return f"{'-' if t < 0 else ''}{q}{f'.{r}' if r else ''}"


@lru_cache(maxsize=1)
def _basemap() -> tuple[tuple[Shape, ...], tuple[Shape, ...]]:
    """Land polygons and border lines with bounding boxes; read once per process."""
    data = json.loads(BASEMAP.read_text(encoding="utf-8"))

    def boxed(rings: list[list[list[float]]]) -> Shape:
        lons, lats = [p[0] for p in rings[0]], [p[1] for p in rings[0]]
        return (min(lons), min(lats), max(lons), max(lats)), tuple(_ring(r) for r in rings)
    return tuple(boxed(poly) for poly in data["land"]), tuple(boxed([line]) for line in data["borders"])


@lru_cache(maxsize=64)  # every place page's small map shares one view
def base_layer(view: View) -> str:
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


def _ring(points: list[list[float]]) -> Ring:
    """The points as tuples, cut into stretches of STRETCH points."""
    pts = tuple((p[0], p[1]) for p in points)
    stretches = []
    for start in range(0, len(pts), STRETCH):
        part = pts[start:start + STRETCH]
        lons, lats = [p[0] for p in part], [p[1] for p in part]
        step = min((max(abs(b[0] - a[0]), abs(b[1] - a[1])) for a, b in zip(part, part[1:])), default=0.0)
        stretches.append(Stretch(start, start + len(part), (min(lons), min(lats), max(lons), max(lats)), step))
    return pts, tuple(stretches)


def _visible(shapes: Sequence[Shape], view: View) -> Iterator[tuple[float, tuple[Ring, ...]]]:
    """Shapes whose box meets the view, with the 360° shift that puts them there."""
    w, n = view.west - PAD / view.kx, view.north + PAD / view.ky
    e, s = view.west + (view.width + PAD) / view.kx, view.north - (view.height + PAD) / view.ky
    for (x0, y0, x1, y1), rings in shapes:
        for shift in (-360.0, 0.0, 360.0):  # views may extend past the antimeridian
            if y1 >= s and y0 <= n and x0 + shift <= e and x1 + shift >= w:
                yield shift, rings


def _project(ring: Ring, shift: float, view: View) -> list[Pt]:
    """Projected points, dropping those within SIMPLIFY_PX of the last kept one (radial distance).

    A stretch wholly beyond one side of the view (past the clipping margin) keeps only its
    first two and last two kept points: clipping drops the ones between without a trace, so the
    map is the same, and a continent around a small place map costs a few points per stretch.
    """
    line, stretches = ring
    west, north, kx, ky = view.west, view.north, view.kx, view.ky
    last = len(line) - 1
    out: list[Pt] = []

    def keep(i: int, force: bool) -> bool:
        lon, lat = line[i]
        x, y = (lon + shift - west) * kx, (north - lat) * ky  # as View.xy, to the last bit
        # The first and last points always stay, so borders meet and rings close.
        if force or not out or i == last or (x - out[-1][0]) ** 2 + (y - out[-1][1]) ** 2 >= SIMPLIFY_PX ** 2:
            out.append((x, y))
            return True
        return False

    beyond = _beyond(view, shift)
    for stretch in stretches:
        i = stretch.start
        if 0 < i and stretch.end <= last and stretch.step * min(kx, ky) > 1 + 1e-6 and beyond(stretch.box):
            while i < stretch.end and not keep(i, False):
                i += 1
            # Steps of a pixel or more: every later point is kept; those between are never drawn.
            for j in sorted({i + 1, stretch.end - 2, stretch.end - 1}):
                if i < j < stretch.end:
                    keep(j, True)
        else:
            for i in range(stretch.start, stretch.end):
                keep(i, False)
    return out


def _beyond(view: View, shift: float):
    """Whether a box in degrees lies wholly left of, right of, above or below the clipping rectangle.

    Above and below count only within the rectangle's width, so that every point of the box is
    dropped by the same one of the clipper's four steps.
    """
    left, right = view.west - shift - PAD / view.kx, view.west - shift + (view.width + PAD) / view.kx
    top, bottom = view.north + PAD / view.ky, view.north - (view.height + PAD) / view.ky

    def test(box: Box) -> bool:
        w, s, e, n = box
        if e < left - EPS or w > right + EPS:
            return True
        return w > left + EPS and e < right - EPS and (s > top + EPS or n < bottom - EPS)
    return test


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
