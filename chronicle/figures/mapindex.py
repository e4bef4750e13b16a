"""Indexes over the base map, built once per process, so a small map touches only what is near it.

A grid finds the shapes whose box may meet a view without testing every shape; a tree of
stretches lets the projection step over a long run of coastline wholly beyond one side of a view.
"""
from __future__ import annotations

import math
from typing import Iterable, NamedTuple, Sequence

STRETCH = 32  # points per stretch of a line whose box tells if it lies wholly beyond one side of a view
FAN = 8  # stretches (then groups) per group of the tree
CELL = 10.0  # degrees per side of a grid cell
Box = tuple[float, float, float, float]  # west, south, east, north
Pt = tuple[float, float]


class Stretch(NamedTuple):
    """Points start..end-1 of a line: their box in degrees and smallest step max(|dlon|, |dlat|)."""

    start: int
    end: int
    box: Box
    step: float


class Group(NamedTuple):
    """Stretches first..end-1 of a line and their joint box; parts is empty for a single stretch."""

    first: int
    end: int
    box: Box
    parts: tuple["Group", ...]


class Ring(NamedTuple):
    """A polygon ring or a border line, cut into stretches, with the tree of their groups."""

    points: tuple[Pt, ...]
    stretches: tuple[Stretch, ...]
    tree: Group


def index_ring(points: Sequence[Sequence[float]]) -> Ring:
    """The points as tuples, cut into stretches of STRETCH points and grouped FAN at a time."""
    pts = tuple((p[0], p[1]) for p in points)
    lons, lats = [p[0] for p in pts], [p[1] for p in pts]
    steps = [max(abs(x1 - x0), abs(y1 - y0)) for x0, y0, x1, y1 in zip(lons, lats, lons[1:], lats[1:])]
    stretches = tuple(_stretch(lons, lats, steps, start) for start in range(0, len(pts), STRETCH))
    level = [Group(k, k + 1, s.box, ()) for k, s in enumerate(stretches)]
    while len(level) > 1:
        level = [_group(level[i:i + FAN]) for i in range(0, len(level), FAN)]
    return Ring(pts, stretches, level[0] if level else Group(0, 0, (0.0, 0.0, 0.0, 0.0), ()))


def _stretch(lons: list[float], lats: list[float], steps: list[float], start: int) -> Stretch:
    """Points start..start+STRETCH-1 with their box and smallest step (steps[i]: from point i to i+1)."""
    end = min(start + STRETCH, len(lons))
    xs, ys = lons[start:end], lats[start:end]
    return Stretch(start, end, (min(xs), min(ys), max(xs), max(ys)), min(steps[start:end - 1], default=0.0))


def _group(parts: list[Group]) -> Group:
    """The groups joined, with a box around all of theirs."""
    boxes = [g.box for g in parts]
    box = (min(b[0] for b in boxes), min(b[1] for b in boxes), max(b[2] for b in boxes), max(b[3] for b in boxes))
    return Group(parts[0].first, parts[-1].end, box, tuple(parts))


def shape_grid(boxes: Sequence[Box]) -> dict[tuple[int, int], tuple[int, ...]]:
    """Grid cell -> the indexes of the shapes whose box meets that cell."""
    cells: dict[tuple[int, int], list[int]] = {}
    for i, (x0, y0, x1, y1) in enumerate(boxes):
        for cell in _cells(x0, y0, x1, y1):
            cells.setdefault(cell, []).append(i)
    return {cell: tuple(found) for cell, found in cells.items()}


def near(grid: dict[tuple[int, int], tuple[int, ...]], box: Box) -> set[int]:
    """Indexes of the shapes whose box may meet `box` (every one that does, some that don't)."""
    west, south, east, north = box
    # Shapes lie within -180..180 and -90..90: clamping keeps a wide query from walking empty cells.
    cells = _cells(max(west, -181.0), max(south, -91.0), min(east, 181.0), min(north, 91.0))
    return {i for cell in cells for i in grid.get(cell, ())}


def _cells(x0: float, y0: float, x1: float, y1: float) -> Iterable[tuple[int, int]]:
    """The grid cells a closed box meets (none if it is empty)."""
    return ((cx, cy) for cx in range(math.floor(x0 / CELL), math.floor(x1 / CELL) + 1)
            for cy in range(math.floor(y0 / CELL), math.floor(y1 / CELL) + 1))
