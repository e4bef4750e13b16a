"""Route stops without coordinates: a warning at the stop's line, a break in the line, matching numbers."""
from __future__ import annotations

import re
import xml.etree.ElementTree as ET

import pytest

from chronicle.figures.maps import MapPoint, route_map_svg
from chronicle.figures.travel import LEG_STYLE
from chronicle.language.modes import MODES, mode_kind
from tests.support import build

SVG = "{http://www.w3.org/2000/svg}"
TRIP = """---
title: Journey
date: 1958-11-10
route:
  - place: pyongyang
  - place: beijing
    mode: train
  - place: nanning
    mode: train
  - place: dong-dang
    mode: car
  - place: hanoi
    mode: car
---
"""
PLACES = {
    "places/pyongyang.md": "---\nname: Pyongyang\nlat: 39.02\nlon: 125.74\n---\n",
    "places/beijing.md": "---\nname: Beijing\nlat: 39.9\nlon: 116.4\n---\n",
    "places/nanning.md": "---\nname: Nanning\n---\n",
    "places/dong-dang.md": "---\nname: Dong Dang\n---\n",
    "places/hanoi.md": "---\nname: Hanoi\nlat: 21.03\nlon: 105.85\n---\n",
}


@pytest.fixture
def built(content, tmp_path):
    output = tmp_path / "site"
    run = build(content({"events/journey.md": TRIP, **PLACES}), output)
    assert run.code == 0, run.err
    return run, (output / "events/journey.html").read_text()


def test_warns_at_each_stop_without_coordinates(built):
    run, _ = built
    assert [line for line in run.err.splitlines() if "no coordinates" in line] == [
        "content/events/journey.md:8: warning: route stop 'nanning' has no coordinates, so the route map "
        "leaves it out: add lat and lon to content/places/nanning.md",
        "content/events/journey.md:10: warning: route stop 'dong-dang' has no coordinates, so the route map "
        "leaves it out: add lat and lon to content/places/dong-dang.md"]


def test_map_says_which_stops_are_missing(built):
    _, html = built
    assert '<span class="map-missing">2 stops have no coordinates: Nanning, Dong Dang</span>' in html
    assert "no coordinates for stop 3 Nanning, 4 Dong Dang</desc>" in html


def test_line_breaks_at_missing_stops_and_numbers_match_the_itinerary(built):
    _, html = built
    svg = ET.fromstring(re.search(r"<svg.*?</svg>", html, re.S).group(0))
    legs = [el.find(f"{SVG}title").text for el in svg.iter() if "leg" in el.get("class", "").split()]
    assert legs == ["Leg 1: Pyongyang → Beijing (train)"]  # nothing drawn from Beijing straight to Hanoi
    numbers = [el.text for el in svg.iter() if el.get("class") == "stop-num"]
    assert sorted(numbers) == ["1", "2", "5"]
    rows = re.findall(r'<tr data-stop="\d+"><td>(\d+)</td><td><a [^>]*>([^<]+)</a>', html)
    assert rows == [("1", "Pyongyang"), ("2", "Beijing"), ("3", "Nanning"), ("4", "Dong Dang"), ("5", "Hanoi")]


def test_single_stop_route_draws_no_map_and_does_not_warn(content, tmp_path):
    event = "---\ntitle: Stay\ndate: 1958\nroute:\n  - place: nanning\n---\n"
    run = build(content({"events/stay.md": event, **PLACES}), tmp_path / "site")
    assert run.code == 0, run.err
    assert "no coordinates" not in run.err


@pytest.mark.parametrize("written, kind", [
    ("foot", "foot"), ("on foot", "foot"), ("walking", "foot"), ("horse", "horse"), ("horseback", "horse"),
    ("camel", "camel"), ("caravan", "caravan"), ("boat", "ship"), ("ship", "ship"), ("train", "train"),
    ("car", "car"), ("plane", "plane"), ("balloon", "other"), (None, "other"),
])
def test_travel_modes(written, kind):
    assert mode_kind(written) == kind


def test_every_mode_has_its_own_dash_pattern_and_a_legend_entry():
    dashes = [re.search(r'stroke-dasharray="([^"]+)"', LEG_STYLE[k]) for k in MODES]
    patterns = [m.group(1) if m else "solid" for m in dashes]
    assert len(set(patterns)) == len(MODES)
    a, b = MapPoint("A", None, 10, 10, None), MapPoint("B", None, 11, 11, None)
    points = [a, b] * 5
    modes = ["foot", "horse", "camel", "caravan", "boat", "train", "car", "plane", "balloon"]
    svg = ET.fromstring(str(route_map_svg(points[:len(modes) + 1], modes, "t")))
    items = [el.get("class").split()[1] for el in svg.iter() if "legend-item" in el.get("class", "")]
    assert items == [f"legend-{k}" for k in MODES]
