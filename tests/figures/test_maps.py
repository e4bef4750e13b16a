"""Specs for chronicle.figures.maps: route and places maps as accessible, deterministic inline SVG."""
from __future__ import annotations

import json
import re
import xml.etree.ElementTree as ET

import jinja2
import pytest
from markupsafe import Markup

from chronicle.figures.maps import BASEMAP, MIN_SPAN, WIDTH, MapPoint, fit_view, places_map_svg, route_map_svg

SVG = "{http://www.w3.org/2000/svg}"
PYONGYANG = MapPoint("Pyongyang", "평양", 39.02, 125.74, "../places/pyongyang.html", "26 Feb 2019, 08:15")
BEIJING = MapPoint("Beijing", "北京", 39.90, 116.40, "../places/beijing.html", "27 Feb 2019")
NANNING = MapPoint("Nanning", None, 22.82, 108.32, None)
DONG_DANG = MapPoint("Dong Dang", "Đồng Đăng", 21.95, 106.70, "../places/dong-dang.html")
HANOI = MapPoint("Hanoi", "Hà Nội", 21.03, 105.85, "../places/hanoi.html", "28 Feb 2019")
VLADIVOSTOK = MapPoint("Vladivostok", "Владивосток", 43.12, 131.89, None)


def parse(svg: str) -> ET.Element:
    """Parse an SVG string; fails the test if it is not well-formed XML."""
    return ET.fromstring(str(svg))


def classes(el: ET.Element) -> list[str]:
    """The element's CSS classes."""
    return el.get("class", "").split()


def by_class(root: ET.Element, name: str) -> list[ET.Element]:
    """All descendants carrying a CSS class, in document order."""
    return [el for el in root.iter() if name in classes(el)]


def stop_named(root: ET.Element, name: str) -> ET.Element:
    """The marker (link or group) whose tooltip starts with a place name."""
    found = [el for el in by_class(root, "stop") + by_class(root, "place")
             if el.find(f"{SVG}title").text.startswith(name)]
    assert len(found) == 1, name
    return found[0]


def centre(marker: ET.Element) -> tuple[float, float]:
    """Centre of a marker's circle or pill."""
    shape = marker.find(f"{SVG}circle")
    if shape is not None:
        return float(shape.get("cx")), float(shape.get("cy"))
    rect = marker.find(f"{SVG}rect")
    return float(rect.get("x")) + float(rect.get("width")) / 2, float(rect.get("y")) + 8


def trip() -> Markup:
    """Pyongyang to Hanoi by train and car, and home by plane, revisiting Pyongyang."""
    return route_map_svg([PYONGYANG, BEIJING, NANNING, DONG_DANG, HANOI, PYONGYANG],
                         ["train", "train", "train", "car", "plane"], "Journey to Hanoi")


def test_route_map_is_markup_with_an_accessible_svg_root():
    svg = trip()
    assert isinstance(svg, Markup)
    root = parse(svg)
    assert root.tag == f"{SVG}svg"
    assert root.get("viewBox").startswith(f"0 0 {WIDTH:g} ")
    title = root[0]
    assert title.tag == f"{SVG}title" and title.text == "Journey to Hanoi"
    assert root.get("aria-labelledby").split()[0] == title.get("id")
    # The stops are links, so the map must not be role="img" (that hides them from screen readers).
    assert root.get("role") == "group"


def test_map_without_links_is_an_image():
    root = parse(places_map_svg([NANNING], "Nanning"))
    assert root.get("role") == "img"


def test_hanoi_is_south_west_of_pyongyang():
    root = parse(trip())
    hx, hy = centre(stop_named(root, "Hanoi"))
    px, py = centre(stop_named(root, "Pyongyang"))
    assert hx < px  # west is left
    assert hy > py  # south is lower (SVG y grows downwards)


def test_one_leg_per_consecutive_pair_styled_by_mode():
    root = parse(route_map_svg([PYONGYANG, BEIJING, NANNING, DONG_DANG, HANOI, VLADIVOSTOK],
                               ["Train", "car", "plane", "ship", None], "All modes"))
    legs = by_class(root, "leg")
    assert [c for leg in legs for c in classes(leg) if c != "leg"] == [
        "leg-train", "leg-car", "leg-plane", "leg-ship", "leg-other"]
    assert legs[0].find(f"{SVG}title").text == "Leg 1: Pyongyang → Beijing (Train)"
    assert legs[4].find(f"{SVG}title").text.endswith("(unknown)")


def test_train_leg_is_a_line_with_cross_ties():
    leg = by_class(parse(trip()), "leg-train")[0]
    ties, line = leg.findall(f"{SVG}path")
    assert classes(ties) == ["leg-ties"] and ties.get("stroke-dasharray")
    assert classes(line) == ["leg-line"] and line.get("stroke-dasharray") is None  # solid


def test_car_is_dotted_plane_is_a_dashed_arc_ship_is_long_dashed():
    root = parse(route_map_svg([PYONGYANG, BEIJING, HANOI, VLADIVOSTOK], ["car", "plane", "ship"], "t"))
    car = by_class(root, "leg-car")[0].find(f"{SVG}path")
    plane = by_class(root, "leg-plane")[0].find(f"{SVG}path")
    ship = by_class(root, "leg-ship")[0].find(f"{SVG}path")
    assert car.get("stroke-linecap") == "round" and car.get("stroke-dasharray").startswith("0.1 ")
    assert "Q" in plane.get("d") and plane.get("stroke-dasharray")
    dash = lambda p: float(p.get("stroke-dasharray").split()[0])  # noqa: E731
    assert dash(ship) > dash(plane)


def test_return_flight_arcs_do_not_overlap():
    root = parse(route_map_svg([PYONGYANG, HANOI, PYONGYANG], ["plane", "plane"], "t"))
    out, back = [leg.find(f"{SVG}path").get("d") for leg in by_class(root, "leg-plane")]
    control = lambda d: d.split("Q")[1].split()[:2]  # noqa: E731
    assert control(out) != control(back)


def test_unknown_and_aliased_modes():
    root = parse(route_map_svg([PYONGYANG, BEIJING, HANOI, NANNING], ["rail", "flight", "balloon"], "t"))
    assert [classes(leg)[1] for leg in by_class(root, "leg")] == ["leg-train", "leg-plane", "leg-other"]
    assert by_class(root, "leg-other")[0].find(f"{SVG}title").text.endswith("(balloon)")


def test_legend_lists_only_the_modes_present():
    root = parse(trip())
    items = by_class(root, "legend-item")
    assert [classes(i)[1] for i in items] == ["legend-train", "legend-car", "legend-plane"]
    assert [i.find(f"{SVG}text").text for i in items] == ["Train", "Car", "Plane"]


def test_single_stop_has_no_legend_but_shows_context():
    root = parse(route_map_svg([PYONGYANG], [], "Pyongyang"))
    assert not by_class(root, "legend") and not by_class(root, "leg")
    view = fit_view([(PYONGYANG.lon, PYONGYANG.lat)])
    assert view.height / view.ky >= MIN_SPAN and view.width / view.ky >= MIN_SPAN  # in degrees of latitude
    assert by_class(root, "map-land")[0].get("d")  # Korea is there
    assert by_class(root, "map-border")[0].get("d")  # and the border with China


def test_revisited_place_gets_one_marker_listing_its_numbers():
    root = parse(trip())
    stops = by_class(root, "stop")
    assert len(stops) == 5  # six stops, Pyongyang twice
    pyongyang = stop_named(root, "Pyongyang")
    assert pyongyang.find(f".//{SVG}text[@class='stop-num']").text == "1, 6"
    assert [t.text for t in by_class(root, "map-label")].count("Pyongyang") == 1
    assert pyongyang.find(f"{SVG}title").text == "Pyongyang (평양) — 1: 26 Feb 2019, 08:15; 6: 26 Feb 2019, 08:15"


def test_markers_link_to_place_pages_with_tooltips():
    root = parse(trip())
    hanoi = stop_named(root, "Hanoi")
    assert hanoi.tag == f"{SVG}a" and hanoi.get("href") == "../places/hanoi.html"
    assert hanoi.find(f"{SVG}title").text == "Hanoi (Hà Nội) — 28 Feb 2019"
    assert hanoi.get("aria-label") == "Stop 5: Hanoi (Hà Nội) — 28 Feb 2019"
    assert hanoi.find(f".//{SVG}text[@class='stop-num']").text == "5"
    nanning = stop_named(root, "Nanning")
    assert nanning.tag == f"{SVG}g" and nanning.find(f"{SVG}title").text == "Nanning"


def test_text_from_input_is_escaped():
    evil = MapPoint("<script>alert(1)</script>", 'a"b', 39.0, 125.7, 'x.html" onload="alert(1)', "<b>&</b>")
    for svg in (route_map_svg([evil, HANOI], ["<i>"], "<script>t</script>"), places_map_svg([evil], "&<", evil.name)):
        root = parse(svg)
        assert not [el for el in root.iter() if el.tag.endswith(("script", "}b", "}i"))]
        assert "<script>" not in str(svg)
        link = [el for el in root.iter(f"{SVG}a")][-1]
        assert link.get("href") == 'x.html" onload="alert(1)' and link.get("onload") is None
        assert stop_named(root, "<script>").find(f"{SVG}title").text.startswith('<script>alert(1)</script> (a"b)')


def test_output_is_deterministic_and_ids_differ_between_maps():
    assert trip() == trip()
    assert places_map_svg([HANOI, BEIJING], "p", "Hanoi") == places_map_svg([HANOI, BEIJING], "p", "Hanoi")
    ids = {parse(svg)[0].get("id") for svg in (trip(), places_map_svg([HANOI], "p"), places_map_svg([BEIJING], "p"))}
    assert len(ids) == 3


def test_coordinates_have_at_most_one_decimal():
    svg = str(trip()) + str(places_map_svg([HANOI, BEIJING, PYONGYANG], "p"))
    assert not re.search(r"\d\.\d\d", svg.replace("0.35em", ""))


def test_base_map_is_clipped_to_the_view():
    svg = route_map_svg([PYONGYANG, BEIJING], ["train"], "t")
    assert len(svg) < 60_000  # Eurasia alone would be several times that unclipped
    d = by_class(parse(svg), "map-land")[0].get("d")
    assert d.count("M") >= 3  # Korea/China, Shandong and some islands


def test_route_across_the_antimeridian_takes_the_short_way():
    anchorage = MapPoint("Anchorage", None, 61.22, -149.90, None)
    root = parse(route_map_svg([VLADIVOSTOK, anchorage], ["plane"], "Pacific"))
    vx, _ = centre(stop_named(root, "Vladivostok"))
    ax, _ = centre(stop_named(root, "Anchorage"))
    assert 0 < vx < ax < WIDTH


def test_modes_must_match_legs():
    with pytest.raises(ValueError):
        route_map_svg([PYONGYANG, HANOI], [], "t")


def test_empty_route_still_renders():
    root = parse(route_map_svg([], [], "Nothing"))
    assert root[0].text == "Nothing" and by_class(root, "map-land")[0].get("d")


def test_places_map_emphasises_the_highlighted_place_and_draws_it_on_top():
    root = parse(places_map_svg([PYONGYANG, BEIJING, HANOI, NANNING], "Places", highlight="Hanoi"))
    assert len(by_class(root, "place")) == 4
    assert len(by_class(root, "place-highlight")) == 1
    assert "is-highlight" in classes(by_class(root, "place")[-1])
    assert "Hanoi" in [t.text for t in by_class(root, "map-label")]
    assert not by_class(root, "legend") and not by_class(root, "stop-num")


def test_crowded_labels_are_skipped_rather_than_overlapping():
    crowd = [MapPoint(f"Place {i}", None, 39.0 + i * 0.01, 125.7, None) for i in range(30)]
    root = parse(places_map_svg(crowd, "Crowd", highlight="Place 7"))
    labels = [t.text for t in by_class(root, "map-label")]
    assert "Place 7" in labels and len(labels) < 30


def test_jinja_autoescape_inserts_the_svg_unchanged():
    env = jinja2.Environment(autoescape=True)
    svg = trip()
    assert env.from_string("{{ m }}").render(m=svg) == str(svg)


def test_basemap_data_is_natural_earth_small_and_covers_east_asia():
    assert BASEMAP.stat().st_size < 1_500_000
    data = json.loads(BASEMAP.read_text(encoding="utf-8"))
    assert "Natural Earth" in data["source"] and "public domain" in data["licence"]
    pts = [p for poly in data["land"] for ring in poly for p in ring]
    assert min(p[0] for p in pts) <= 60 and max(p[0] for p in pts) >= 180
    assert min(p[1] for p in pts) <= -15 and max(p[1] for p in pts) >= 75
    assert all(p == [round(p[0], 2), round(p[1], 2)] for p in pts[:1000])
    assert len(data["borders"]) > 100
