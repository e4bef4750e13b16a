"""Specs for chronicle.figures.basemap: what a map shows of the land and borders does not depend
on the shortcuts taken to draw it quickly.

The reference below projects every point of every shape near the view, as the first version of
the maps did; the base layer must draw exactly the same paths, byte for byte.
"""
from __future__ import annotations

import json
import random
import re
from functools import lru_cache

import pytest

from chronicle.figures.basemap import BASEMAP, PAD, _clip_line, _clip_ring, _path, base_layer
from chronicle.figures.maps import MapPoint, fit_view, unwrap
from chronicle.figures.projection import SIMPLIFY_PX, View


@lru_cache(maxsize=1)
def basemap_data() -> dict:
    return json.loads(BASEMAP.read_text(encoding="utf-8"))


def reference_paths(view: View) -> tuple[str, str]:
    """The land and border path data, every point projected and simplified, then clipped."""
    data = basemap_data()
    rect = (-PAD, -PAD, view.width + PAD, view.height + PAD)
    land = "".join(_path(_clip_ring(project_all(ring, shift, view), rect), True)
                   for shift, rings in visible(data["land"], view) for ring in rings)
    borders = "".join(_path(run, False) for shift, (line,) in visible([[b] for b in data["borders"]], view)
                      for run in _clip_line(project_all(line, shift, view), rect))
    return land, borders


def visible(shapes: list, view: View):
    """Every shape whose outer ring's box meets the view, tested one by one, with its shift."""
    w, n = view.west - PAD / view.kx, view.north + PAD / view.ky
    e, s = view.west + (view.width + PAD) / view.kx, view.north - (view.height + PAD) / view.ky
    for rings in shapes:
        lons, lats = [p[0] for p in rings[0]], [p[1] for p in rings[0]]
        for shift in (-360.0, 0.0, 360.0):
            if max(lats) >= s and min(lats) <= n and min(lons) + shift <= e and max(lons) + shift >= w:
                yield shift, rings


def project_all(points: list, shift: float, view: View) -> list[tuple[float, float]]:
    """Every point projected; kept if first, last or SIMPLIFY_PX from the last kept one."""
    out: list[tuple[float, float]] = []
    for i, (lon, lat) in enumerate(points):
        x, y = (lon + shift - view.west) * view.kx, (view.north - lat) * view.ky
        if not out or i == len(points) - 1 or (x - out[-1][0]) ** 2 + (y - out[-1][1]) ** 2 >= SIMPLIFY_PX ** 2:
            out.append((x, y))
    return out


def drawn_paths(view: View) -> tuple[str, str]:
    """The land and border path data of the base layer as maps embed it."""
    land, borders = re.findall(r' d="([^"]*)"', base_layer(view))
    return land, borders


def views(count: int, seed: int) -> list[View]:
    """Views as place and route maps fit them: single places, pairs and spreads, all over the globe."""
    rng = random.Random(seed)
    found = []
    for n in range(count):
        spread = (0.0, 3.0, 25.0, 120.0)[n % 4]
        lat, lon = rng.uniform(-60, 80), rng.uniform(-180, 180)
        points = [MapPoint(f"p{k}", None, max(-85.0, min(85.0, lat + rng.uniform(-spread, spread))),
                           (lon + rng.uniform(-spread, spread) + 180) % 360 - 180, None) for k in range(1 + n % 3)]
        found.append(fit_view(unwrap(points)))
    return found


@pytest.mark.parametrize("view", views(24, seed=21), ids=lambda v: f"{v.west:.1f},{v.north:.1f}")
def test_base_layer_draws_what_projecting_every_point_draws(view):
    assert drawn_paths(view) == reference_paths(view)


# Pyongyang, Nuuk, Ushuaia, Chukotka by the antimeridian, Singapore; then places of the shared
# benchmark corpus whose maps a wrong shortcut changed: a long coast leaves the view right after
# crossing its edge, or runs above it across a corner.
PLACES = [(39.02, 125.74), (64.2, -51.7), (-54.8, -68.3), (65.0, 179.5), (1.3, 103.8),
          (41.5019, 105.0139), (20.7709, 119.4273), (40.99, 132.7146), (41.1762, 104.9858), (17.2095, 104.0667),
          (34.8421, 132.4344), (39.6298, 119.2577), (7.3537, 123.8725), (44.0183, 136.7568), (6.8704, 104.3847)]


@pytest.mark.parametrize("where", PLACES)
def test_place_maps_on_coasts_islands_and_the_antimeridian_match_the_reference(where):
    view = fit_view(unwrap([MapPoint("here", None, where[0], where[1], None)]))
    land, borders = drawn_paths(view)
    assert (land, borders) == reference_paths(view)


def coast_views(count: int, seed: int) -> list[View]:
    """Place maps centred on points of the coastline, where long coasts cross the view's edges."""
    rng = random.Random(seed)
    land = json.loads(BASEMAP.read_text(encoding="utf-8"))["land"]
    coast = [p for poly in land for ring in poly for p in ring]
    return [fit_view(unwrap([MapPoint("here", None, lat, lon, None)])) for lon, lat in rng.sample(coast, count)]


@pytest.mark.parametrize("view", coast_views(40, seed=21), ids=lambda v: f"{v.west:.1f},{v.north:.1f}")
def test_place_maps_on_the_coast_match_the_reference(view):
    assert drawn_paths(view) == reference_paths(view)


def test_the_whole_world_view_matches_the_reference():
    view = fit_view(unwrap([MapPoint("a", None, 70.0, -170.0, None), MapPoint("b", None, -50.0, 170.0, None),
                            MapPoint("c", None, 0.0, 0.0, None)]))
    assert drawn_paths(view) == reference_paths(view)
