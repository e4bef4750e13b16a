"""Done-when checks on the real timeline's figures, read from the SVG geometry."""
from __future__ import annotations

import re
import xml.etree.ElementTree as ET

from tests.quality.conftest import BuiltSite

SVG = "{http://www.w3.org/2000/svg}"


def svg_of(html: str, css_class: str) -> ET.Element:
    """The first inline <svg> whose class list contains css_class, parsed as XML."""
    match = re.search(rf'<svg [^>]*class="[^"]*\b{css_class}\b.*?</svg>', html, re.S)
    assert match, f"no <svg class={css_class}> on the page"
    return ET.fromstring(match.group(0))


def mark_span(link: ET.Element) -> tuple[float, float]:
    """Left and right x of an axis mark (a point or an interval bar)."""
    circle, rect = link.find(f"{SVG}circle"), link.find(f"{SVG}rect")
    if circle is not None:
        return float(circle.get("cx")), float(circle.get("cx"))
    return float(rect.get("x")), float(rect.get("x")) + float(rect.get("width"))


def marker_centre(stop: ET.Element) -> tuple[float, float]:
    """Centre of a map stop's marker: a circle, or a pill for a place visited twice."""
    circle, rect = stop.find(f"{SVG}circle"), stop.find(f"{SVG}rect")
    if circle is not None:
        return float(circle.get("cx")), float(circle.get("cy"))
    return (float(rect.get("x")) + float(rect.get("width")) / 2,
            float(rect.get("y")) + float(rect.get("height")) / 2)


def test_index_axis_shows_three_clusters(site: BuiltSite) -> None:
    axis = svg_of(site.read("index.html"), "time-axis")
    width = float(axis.get("viewBox").split()[2])
    marks: dict[int, list[tuple[float, float]]] = {}
    for link in axis.iter(f"{SVG}a"):
        if link.get("class") == "axis-mark":
            when = link.get("aria-label").split(": ", 1)[0]
            marks.setdefault(int(re.search(r"\b(\d{4})\b", when).group(1)), []).append(mark_span(link))
    early = [span for year, spans in marks.items() if 1950 <= year <= 1964 for span in spans]
    middle = [span for year, spans in marks.items() if 2018 <= year <= 2019 for span in spans]
    late = [span for year, spans in marks.items() if 2023 <= year <= 2025 for span in spans]
    assert early and middle and late and len(early) + len(middle) + len(late) == sum(map(len, marks.values()))
    # The empty decades between are broken out, so each cluster gets legible room in time order.
    assert [b.find(f"{SVG}title").text for b in axis.iter(f"{SVG}g") if b.get("class") == "axis-break"] == [
        "no events 1965–2017"]
    assert max(right for _, right in early) < min(left for left, _ in middle)
    assert max(r for _, r in early) - min(left for left, _ in early) > 0.3 * width, "the 1950s should be spread out"
    assert max(r for _, r in middle + late) - min(left for left, _ in middle) > 0.2 * width
    assert min(left for left, _ in late) - max(right for _, right in middle) > 0.05 * width, \
        "2018-19 and 2023-25 should be separate clusters"


def test_dong_dang_route_map_puts_hanoi_south_west_of_pyongyang(site: BuiltSite) -> None:
    route = svg_of(site.read("events/2019-02-train-to-dong-dang.html"), "route-map")
    stops = {stop.find(f"{SVG}text[@class='map-label']").text: marker_centre(stop)
             for stop in route.iter(f"{SVG}a") if stop.get("class") == "stop"}
    (hx, hy), (px, py) = stops["Hanoi"], stops["Pyongyang"]
    assert hx < px and hy > py, f"Hanoi at {hx, hy} is not lower-left of Pyongyang at {px, py}"


def test_1958_journey_flies_from_guangzhou_to_hanoi(site: BuiltSite) -> None:
    route = svg_of(site.read("events/1958-kim-il-sung-journey-through-china.html"), "route-map")
    legs = {leg.find(f"{SVG}title").text.split(": ", 1)[1].rsplit(" (", 1)[0]: leg.get("class").split()
            for leg in route.iter(f"{SVG}g") if "leg" in (leg.get("class") or "").split()}
    assert "leg-plane" in legs["Guangzhou → Hanoi"], legs
