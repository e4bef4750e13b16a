"""The map underneath: Natural Earth land and borders, projected, clipped and simplified to the view."""
from __future__ import annotations

import json
from functools import lru_cache
from pathlib import Path
from typing import Iterator, NamedTuple, Sequence

from .mapindex import Box, Pt, Ring, index_ring, near, shape_grid
from .projection import PAD, View, project

BASEMAP = Path(__file__).parent.parent / "data" / "basemap.json"  # built by data/make_basemap.py
SHIFTS = (-360.0, 0.0, 360.0)  # views may extend past the antimeridian


class Layer(NamedTuple):
    """Land polygons or border lines as read: each shape's box and rings, and a grid over the boxes."""

    name: str
    boxes: tuple[Box, ...]
    shapes: tuple[list[list[list[float]]], ...]  # rings of points; a border line is one ring
    grid: dict[tuple[int, int], tuple[int, ...]]


def fmt(v: float) -> str:
    """A coordinate rounded to one decimal, without a useless '.0' or '-0'."""
    return _tenths(round(v * 10))


@lru_cache(maxsize=4096)  # a pure function; path steps are small numbers, made again and again
def _tenths(t: int) -> str:
    """An integer count of tenths as a decimal string."""
    q, r = divmod(abs(t), 10)
    return f"{'-' if t < 0 else ''}{q}{f'.{r}' if r else ''}"


@lru_cache(maxsize=1)
def _basemap() -> tuple[Layer, Layer]:
    """Land polygons and border lines with bounding boxes and a grid; read once per process."""
    data = json.loads(BASEMAP.read_text(encoding="utf-8"))
    return _layer("land", data["land"]), _layer("borders", [[line] for line in data["borders"]])


def _layer(name: str, shapes: list[list[list[list[float]]]]) -> Layer:
    """Shapes with the box of each one's outer ring."""
    boxes = []
    for rings in shapes:
        lons, lats = [p[0] for p in rings[0]], [p[1] for p in rings[0]]
        boxes.append((min(lons), min(lats), max(lons), max(lats)))
    return Layer(name, tuple(boxes), tuple(shapes), shape_grid(boxes))


@lru_cache(maxsize=None)  # a pure function of the shipped data: each shape is indexed once per process
def _rings(layer: str, index: int) -> tuple[Ring, ...]:
    """A shape's rings, cut into stretches and grouped, the first time a map shows it."""
    land, borders = _basemap()
    return tuple(index_ring(ring) for ring in (land if layer == "land" else borders).shapes[index])


@lru_cache(maxsize=64)  # every place page's small map shares one view
def base_layer(view: View) -> str:
    """Land (filled; its outline is the coastline) and country borders inside the view."""
    land, borders = _basemap()
    rect = (-PAD, -PAD, view.width + PAD, view.height + PAD)
    land_d = "".join(_path(_clip_ring(project(ring, shift, view), rect), True)
                     for shift, rings in _visible(land, view) for ring in rings)
    border_d = "".join(_path(run, False) for shift, (line,) in _visible(borders, view)
                       for run in _clip_line(project(line, shift, view), rect))
    return (f'<path class="map-land" d="{land_d}" fill="#f4f1e8" fill-rule="evenodd" stroke="#8a8a8a"'
            f' stroke-width="0.6" stroke-linejoin="round"/><path class="map-border" d="{border_d}" fill="none"'
            f' stroke="#a0a0a0" stroke-width="0.6" stroke-dasharray="3 2"/>')


def _visible(layer: Layer, view: View) -> Iterator[tuple[float, tuple[Ring, ...]]]:
    """Shapes whose box meets the view, in the data's order, with the 360° shift that puts them there."""
    w, n = view.west - PAD / view.kx, view.north + PAD / view.ky
    e, s = view.west + (view.width + PAD) / view.kx, view.north - (view.height + PAD) / view.ky
    # The grid only narrows the search (its box is a hair wider than the test below); the test decides.
    found = sorted((i, shift) for shift in SHIFTS
                   for i in near(layer.grid, (w - shift - 1e-6, s - 1e-6, e - shift + 1e-6, n + 1e-6)))
    for i, shift in found:
        x0, y0, x1, y1 = layer.boxes[i]
        if y1 >= s and y0 <= n and x0 + shift <= e and x1 + shift >= w:
            yield shift, _rings(layer.name, i)


def _clip_ring(pts: list[Pt], rect: Box) -> list[Pt]:
    """Sutherland-Hodgman clipping of a polygon ring to a rectangle."""
    if _inside(pts, rect):  # every step would keep every point: an island in full view
        return pts
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


def _inside(pts: list[Pt], rect: Box) -> bool:
    """Whether every point lies within the rectangle as the clipper counts it (west and north edges in)."""
    x0, y0, x1, y1 = rect
    return all(x0 <= x < x1 and y0 <= y < y1 for x, y in pts)


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
