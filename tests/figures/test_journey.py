"""The journey markup journey.js steps through: numbered rows, markers and legs that name their stops."""
from __future__ import annotations

import re

import pytest

from tests.support import build

TRIP = """---
title: Journey
date: 1958-11-10
route:
  - place: pyongyang
  - place: beijing
    mode: train
  - place: nanning
    mode: train
  - place: hanoi
    mode: plane
  - place: pyongyang
    mode: plane
---
"""
PLACES = {
    "places/pyongyang.md": "---\nname: Pyongyang\nlat: 39.02\nlon: 125.74\n---\n",
    "places/beijing.md": "---\nname: Beijing\nlat: 39.9\nlon: 116.4\n---\n",
    "places/nanning.md": "---\nname: Nanning\n---\n",  # no coordinates: no marker, no legs to or from it
    "places/hanoi.md": "---\nname: Hanoi\nlat: 21.03\nlon: 105.85\n---\n",
}
STILL = "---\ntitle: A day at home\ndate: 1958-12-01\nplaces: [pyongyang]\n---\n"


@pytest.fixture
def pages(content, tmp_path):
    output = tmp_path / "site"
    run = build(content({"events/journey.md": TRIP, "events/still.md": STILL, **PLACES}), output)
    assert run.code == 0, run.err
    return {name: (output / f"events/{name}.html").read_text(encoding="utf-8") for name in ("journey", "still")}


def test_itinerary_rows_carry_their_stop_numbers(pages):
    assert re.findall(r'<tr data-stop="(\d+)"><td>(\d+)</td>', pages["journey"]) == [
        (str(n), str(n)) for n in range(1, 6)]


@pytest.mark.parametrize("stops,place", [("1 5", "Pyongyang"), ("2", "Beijing"), ("4", "Hanoi")])
def test_each_map_marker_names_the_stops_it_stands_for(pages, stops, place):
    assert re.search(rf'<a class="stop" data-stops="{stops}" href="[^"]*" aria-label="Stops? [\d, ]+: {place}',
                     pages["journey"])


def test_a_stop_without_coordinates_has_no_marker(pages):
    assert re.findall(r'data-stops="([^"]*)"', pages["journey"]) == ["4", "2", "1 5"]  # painted last to first


def test_each_leg_names_the_stop_it_arrives_at(pages):
    legs = re.findall(r'<g class="leg leg-(\w+)" data-to="(\d+)"><title>Leg \d+: ([^<]*)</title>', pages["journey"])
    assert legs == [("train", "2", "Pyongyang → Beijing (train)"), ("plane", "5", "Hanoi → Pyongyang (plane)")]


def test_the_stepping_script_and_its_words_come_only_with_a_route(pages):
    journey = pages["journey"]
    assert '<script src="../assets/journey.js" defer></script>' in journey
    assert 'data-prev="Previous stop" data-next="Next stop"' in journey
    assert 'data-status="Stop {n} of {total}: {place}, {date}"' in journey
    assert "journey.js" not in pages["still"] and "data-journey" not in pages["still"]
    # The buttons are the script's: the page itself has none, so without JavaScript nothing changes.
    assert "journey-controls" not in journey and "Next stop</button>" not in journey
