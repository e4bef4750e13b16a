"""The Natural Earth base map (land and borders) projected, clipped and simplified to SVG paths."""
from __future__ import annotations

import json
from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path
from typing import Iterator, Sequence

DATA = Path(__file__).with_name("basemap.json")
PAD = 12.0  # px beyond the view: polygon edges made by clipping stay out of sight
SIMPLIFY_PX = 1.0  # detail finer than this is invisible at map size and only costs bytes

Box = tuple[float, float, float, float]  # x0, y0, x1, y1 (or west, south, east, north)
Pt = tuple[float, float]
Shape = tuple[Box, tuple[tuple[Pt, ...], ...]]  # bounding box and rings (or a single line)


@dataclass(frozen=True)
class View:
    """Equirectangular projection (x already scaled by cos of the mid-latitude) onto a viewBox."""

    west: float
    north: float
    kx: float  # px per degree of longitude
    ky: float  # px per degree of latitude
    width: float
    height: float

    def xy(self, lon: float, lat: float) -> Pt:
        """SVG coordinates of a point; north is up, east is right."""
        return (lon - self.west) * self.kx, (self.north - lat) * self.ky

    def bounds(self, pad: float = 0.0) -> Box:
        """(west, south, east, north) in degrees, widened by `pad` px."""
        return (self.west - pad / self.kx, self.north - (self.height + pad) / self.ky,
                self.west + (self.width + pad) / self.kx, self.north + pad / self.ky)


def fmt(v: float) -> str:
    """A coordinate rounded to one decimal, without a useless '.0' or '-0'."""
    return tenths(round(v * 10))


def tenths(t: int) -> str:
    """An integer count of tenths as a decimal string."""
    q, r = divmod(abs(t), 10)
    return f"{'-' if t < 0 else ''}{q}{f'.{r}' if r else ''}"


@lru_cache(maxsize=1)
def load() -> tuple[tuple[Shape, ...], tuple[Shape, ...]]:
    """Land polygons and border lines with their bounding boxes; read once per process."""
    data = json.loads(DATA.read_text(encoding="utf-8"))
    land = tuple(_boxed([[tuple(p) for p in ring] for ring in poly]) for poly in data["land"])
    borders = tuple(_boxed([[tuple(p) for p in line]]) for line in data["borders"])
    return land, borders


def _boxed(rings: list[list[Pt]]) -> Shape:
    """Attach the bounding box of the first (outer) ring."""
    lons, lats = [p[0] for p in rings[0]], [p[1] for p in rings[0]]
    return (min(lons), min(lats), max(lons), max(lats)), tuple(tuple(r) for r in rings)


@lru_cache(maxsize=64)
def base_layer(view: View) -> str:
    """SVG for the land (filled, stroked as coastline) and country borders inside `view`."""
    land, borders = load()
    rect = (-PAD, -PAD, view.width + PAD, view.height + PAD)
    land_d = "".join(
        _path(_clip_ring(_simplify([view.xy(lon + shift, lat) for lon, lat in ring], True), rect), True)
        for shift, rings in _visible(land, view) for ring in rings
    )
    border_d = "".join(
        _path(run, False)
        for shift, (line,) in _visible(borders, view)
        for run in _clip_line(_simplify([view.xy(lon + shift, lat) for lon, lat in line], False), rect)
    )
    return (f'<path class="map-land" d="{land_d}" fill="#f4f1e8" fill-rule="evenodd" stroke="#8a8a8a"'
            f' stroke-width="0.6" stroke-linejoin="round"/>'
            f'<path class="map-border" d="{border_d}" fill="none" stroke="#a0a0a0" stroke-width="0.6"'
            f' stroke-dasharray="3 2"/>')


def _visible(shapes: Sequence[Shape], view: View) -> Iterator[tuple[float, tuple[tuple[Pt, ...], ...]]]:
    """Shapes whose box meets the view, with the 360° shift that puts them there."""
    w, s, e, n = view.bounds(PAD)
    for (x0, y0, x1, y1), rings in shapes:
        if y1 < s or y0 > n:
            continue
        for shift in (-360.0, 0.0, 360.0):  # views may extend past the antimeridian
            if x0 + shift <= e and x1 + shift >= w:
                yield shift, rings


def _simplify(pts: list[Pt], closed: bool) -> list[Pt]:
    """Drop points closer than SIMPLIFY_PX to the last kept one (radial distance)."""
    if len(pts) < 3:
        return pts
    out = [pts[0]]
    tol2 = SIMPLIFY_PX * SIMPLIFY_PX
    for p in pts[1:-1]:
        q = out[-1]
        if (p[0] - q[0]) ** 2 + (p[1] - q[1]) ** 2 >= tol2:
            out.append(p)
    out.append(pts[-1])  # keep the true end so lines meet and rings close
    return out if not closed or len(out) >= 4 else []


def _clip_ring(pts: list[Pt], rect: Box) -> list[Pt]:
    """Sutherland-Hodgman clipping of a polygon ring to a rectangle."""
    for axis, bound, keep_above in ((0, rect[0], True), (0, rect[2], False), (1, rect[1], True), (1, rect[3], False)):
        if not pts:
            break
        out: list[Pt] = []
        prev = pts[-1]
        for cur in pts:
            cin = (cur[axis] >= bound) == keep_above
            pin = (prev[axis] >= bound) == keep_above
            if cin != pin:
                t = (bound - prev[axis]) / (cur[axis] - prev[axis])
                out.append((prev[0] + t * (cur[0] - prev[0]), prev[1] + t * (cur[1] - prev[1])))
            if cin:
                out.append(cur)
            prev = cur
        pts = out
    return pts


def _clip_line(pts: list[Pt], rect: Box) -> list[list[Pt]]:
    """Runs of a polyline near the rectangle; the viewBox trims the overhanging segments."""
    inside = [rect[0] <= x <= rect[2] and rect[1] <= y <= rect[3] for x, y in pts]
    runs: list[list[Pt]] = []
    cur: list[Pt] = []
    for i, p in enumerate(pts):
        if inside[i] or (i > 0 and inside[i - 1]) or (i + 1 < len(pts) and inside[i + 1]):
            cur.append(p)
        elif cur:
            runs.append(cur)
            cur = []
    if cur:
        runs.append(cur)
    return [r for r in runs if len(r) >= 2]


def _path(pts: Sequence[Pt], closed: bool) -> str:
    """Compact path data: absolute start, then relative steps in exact tenths."""
    t: list[tuple[int, int]] = []
    for x, y in pts:
        p = (round(x * 10), round(y * 10))
        if not t or t[-1] != p:
            t.append(p)
    if len(t) < (3 if closed else 2):
        return ""
    steps = " ".join(f"{tenths(b[0] - a[0])} {tenths(b[1] - a[1])}" for a, b in zip(t, t[1:]))
    return f"M{tenths(t[0][0])} {tenths(t[0][1])}l{steps}{'z' if closed else ''}"
