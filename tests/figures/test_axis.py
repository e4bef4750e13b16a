"""Specs for chronicle.figures.axis: a proportional, accessible, binned time axis as inline SVG."""
from __future__ import annotations

import random
import re
import xml.etree.ElementTree as ET

import pytest
from markupsafe import Markup

from chronicle.figures.axis import MAX_BINS, AxisBand, AxisMark, time_axis_svg, year_label

SVG = "{http://www.w3.org/2000/svg}"
HANOI_1958 = AxisMark("28 November 1958: Kim Il Sung flies to Hanoi", "events/1958-hanoi.html", 1958.9, None)
SINGAPORE_2018 = AxisMark("12 June 2018: Singapore summit", "events/2018-singapore.html", 2018.45, None)
HANOI_2019 = AxisMark("27–28 February 2019: Hanoi summit", "events/2019-hanoi.html", 2019.15, 2019.16)


def parse(svg: str) -> ET.Element:
    """Parse an SVG string; fails the test if it is not well-formed XML."""
    return ET.fromstring(str(svg))


def by_class(root: ET.Element, name: str) -> list[ET.Element]:
    """All descendants carrying a CSS class, in document order."""
    return [el for el in root.iter() if name in el.get("class", "").split()]


def tick_labels(root: ET.Element) -> list[str]:
    """Year labels under the axis."""
    return [t.text for t in by_class(root, "axis-tick-label")[0]]


def mark_x(root: ET.Element, href: str) -> float:
    """x of the point (circle) or start (bar) of the mark linking to href."""
    link = [a for a in by_class(root, "axis-mark") if a.get("href") == href][0]
    shape = link[1]
    return float(shape.get("cx") if shape.tag == f"{SVG}circle" else shape.get("x"))


def years(*ys: float) -> list[AxisMark]:
    """Point marks at the given fractional years, linking to y<year>.html."""
    return [AxisMark(f"Event in {y}", f"y{y}.html", y, None) for y in ys]


def test_axis_is_markup_with_fixed_width_viewbox_and_group_role():
    svg = time_axis_svg([HANOI_1958, SINGAPORE_2018, HANOI_2019], title="Kim family travels")
    assert isinstance(svg, Markup)
    root = parse(svg)
    assert root.get("viewBox").startswith("0 0 1000 ")
    assert root.get("role") == "group"  # not "img": it contains links
    assert root[0].tag == f"{SVG}title" and root[0].text == "Kim family travels"
    assert root.get("aria-labelledby").split()[0] == root[0].get("id")


def test_positions_are_proportional_to_time():
    root = parse(time_axis_svg(years(1958.0, 2018.0, 2019.0)))
    x1958, x2018, x2019 = (mark_x(root, f"y{y}.html") for y in (1958.0, 2018.0, 2019.0))
    assert x1958 < x2018 < x2019
    # Sixty years apart looks sixty times as far as one year (within the 0.1 px rounding).
    assert abs((x2018 - x1958) - 60 * (x2019 - x2018)) < 60 * 0.2
    assert x2018 - x1958 > 800  # the gap dominates the 1000-wide drawing


def test_every_mark_is_a_link_with_an_accessible_name():
    root = parse(time_axis_svg([HANOI_1958, SINGAPORE_2018, HANOI_2019]))
    links = by_class(root, "axis-mark")
    assert len(links) == 3
    for link in links:
        assert link.tag == f"{SVG}a" and link.get("href")
        assert link.get("aria-label") == link.find(f"{SVG}title").text
    assert links[0].get("aria-label") == "28 November 1958: Kim Il Sung flies to Hanoi"


def test_marks_are_in_chronological_tab_order():
    root = parse(time_axis_svg([HANOI_2019, HANOI_1958, SINGAPORE_2018]))
    assert [a.get("href") for a in by_class(root, "axis-mark")] == [
        HANOI_1958.href, SINGAPORE_2018.href, HANOI_2019.href]


def test_intervals_are_bars_and_points_are_circles():
    korean_war = AxisMark("Korean War", "events/korean-war.html", 1950.5, 1953.55)
    root = parse(time_axis_svg([korean_war, HANOI_1958, HANOI_2019]))
    bars = by_class(root, "axis-interval")
    assert len(bars) == 2 and len(by_class(root, "axis-point")) == 1
    war = [b for b in bars if float(b.get("width")) > 10]
    assert len(war) == 1  # three years is wide; a day-long summit is a sliver
    assert float(bars[1].get("width")) >= 3  # but still visible


def test_simultaneous_marks_stack_instead_of_overlapping():
    root = parse(time_axis_svg(years(1958.9) + [AxisMark("Same day", "same.html", 1958.9, None)]))
    cys = {c.get("cy") for c in by_class(root, "axis-point")}
    assert len(cys) == 2


def test_bc_years_are_labelled_bc_and_there_is_no_year_zero():
    assert year_label(-43) == "44 BC"
    assert year_label(0) == "1 BC"
    assert year_label(1958) == "1958"
    assert year_label(10, ad_prefix=True) == "AD 10"
    assert year_label(-12_000) == "12,001 BC"
    root = parse(time_axis_svg([AxisMark("Caesar assassinated", "caesar.html", -43.2, None),
                                AxisMark("Augustus", "augustus.html", -26.0, 14.6)]))
    labels = tick_labels(root)
    assert labels == ["40 BC", "30 BC", "20 BC", "10 BC", "AD 1", "AD 10"]
    assert not [t for t in labels if re.fullmatch(r"(AD )?0( BC)?", t)]


@pytest.mark.parametrize("start,end,step", [
    (1958.9, 2019.2, 10), (2018.0, 2019.5, None), (1.0, 2020.0, 200), (-3000.0, 2000.0, 500), (1900.0, 1910.0, 1), (1900.0, 1905.0, None),
])
def test_year_labels_use_sensible_steps(start, end, step):
    root = parse(time_axis_svg(years(start, end)))
    labels = tick_labels(root)
    assert 5 <= len(labels) <= 13, labels
    if step:
        numbers = [int(re.sub(r"\D", "", t)) for t in labels if not t.endswith("BC") and t != "AD 1"]
        assert {b - a for a, b in zip(numbers, numbers[1:])} == {step}, labels


def test_short_spans_get_month_ticks():
    labels = tick_labels(parse(time_axis_svg(years(2019.0, 2019.9))))
    assert labels[:3] == ["2019", "Mar", "May"]
    labels = tick_labels(parse(time_axis_svg(years(2018.6, 2019.4))))
    assert labels[0] == "Jul 2018" and "2019" in labels


def test_bands_are_labelled_translucent_backgrounds():
    bands = [AxisBand("Kim Il Sung era", 1948.7, 1994.5), AxisBand("Kim Jong Il era", 1994.5, 2011.96)]
    root = parse(time_axis_svg([HANOI_1958], bands))
    drawn = by_class(root, "axis-band")
    assert len(drawn) == 2
    for g, band in zip(drawn, bands):
        rect = g.find(f"{SVG}rect")
        assert float(rect.get("fill-opacity")) < 0.5
        assert g.find(f"{SVG}title").text == band.name
        assert by_class(g, "axis-band-label")[0].text == band.name
    # Bands come first, so marks are painted over them.
    kids = [el.get("class") for el in root]
    assert kids.index("axis-bands") < kids.index("axis-marks")


def test_narrow_band_names_are_shown_in_full_with_a_leader_to_their_band():
    band = AxisBand("A very long era name that cannot fit", 2000.0, 2001.0)
    root = parse(time_axis_svg(years(1900.0, 2020.0), [band]))
    g = by_class(root, "axis-band")[0]
    label = by_class(g, "axis-band-label")[0]
    assert label.text == band.name and g.find(f"{SVG}title").text == band.name
    # The name is wider than its band, so a leader spans the band under the name's row.
    rect = g.find(f"{SVG}rect")
    assert float(rect.get("width")) < len(band.name) * 6
    leader = by_class(g, "axis-band-leader")[0].get("d")
    assert leader.startswith(f"M{rect.get('x')} ")
    # The name never runs off the drawing.
    assert float(label.get("x")) + len(band.name) * 6.3 <= 1000


def test_band_names_that_would_overlap_go_on_separate_rows():
    bands = [AxisBand("Kim Il Sung leads the DPRK", 1948.0, 1994.9), AxisBand("Donald Trump's first presidency",
                                                                              2017.0, 2021.9)]
    root = parse(time_axis_svg(years(1950.0, 2025.0), bands, breaks=True, width=360))
    labels = [by_class(g, "axis-band-label")[0] for g in by_class(root, "axis-band")]
    assert [t.text for t in labels] == [b.name for b in bands]
    assert labels[0].get("y") != labels[1].get("y")


def test_ten_thousand_marks_are_binned_small_and_legible():
    rng = random.Random(7)
    marks = [AxisMark(f"Event {i}", f"events/{i}.html", rng.uniform(1950.0, 2020.0), None) for i in range(10_000)]
    svg = time_axis_svg(marks)
    assert len(svg.encode("utf-8")) < 300_000
    root = parse(svg)
    assert not by_class(root, "axis-mark")
    bins = by_class(root, "axis-bin")
    assert 6 <= len(bins) <= MAX_BINS
    counts = [int(re.match(r"([\d,]+) events?, ", b.get("aria-label")).group(1).replace(",", "")) for b in bins]
    assert sum(counts) == 10_000
    assert all(b.get("aria-label") == b.find(f"{SVG}title").text for b in bins)
    assert re.fullmatch(r"[\d,]+ events, 19\d\d", bins[0].get("aria-label"))
    heights = [float(b.find(f"{SVG}rect").get("height")) for b in bins]
    assert min(heights) >= 3 and max(heights) == 60


def test_bins_link_to_their_first_event_or_to_bin_href():
    marks = [AxisMark(f"E{i}", f"events/{i}.html", 1000.0 + i * 0.1, None) for i in range(300)]
    marks.reverse()  # input order must not matter
    root = parse(time_axis_svg(marks))
    assert by_class(root, "axis-bin")[0].get("href") == "events/0.html"
    root = parse(time_axis_svg(marks, bin_href=lambda first, last: f"years/{first}.html"))
    assert by_class(root, "axis-bin")[0].get("href") == "years/1000.html"


def test_bc_bins_are_labelled_bc():
    marks = [AxisMark(f"E{i}", f"e{i}.html", -500.0 + i * 0.2, None) for i in range(400)]
    labels = [b.get("aria-label") for b in by_class(parse(time_axis_svg(marks)), "axis-bin")]
    assert labels[0].endswith("BC") and not [t for t in labels if " 0" in t]


def test_text_is_escaped():
    evil = AxisMark("<script>alert(1)</script>", 'x.html" onclick="alert(1)', 2000.0, None)
    svg = time_axis_svg([evil], [AxisBand("<b>era</b>", 1999.0, 2001.0)], title="<script>")
    root = parse(svg)
    assert "<script>" not in str(svg)
    assert not [el for el in root.iter() if el.tag.endswith(("script", "}b"))]
    link = by_class(root, "axis-mark")[0]
    assert link.get("href") == evil.href and link.get("onclick") is None
    assert link.get("aria-label") == evil.label


def test_output_is_deterministic():
    marks = [HANOI_1958, SINGAPORE_2018, HANOI_2019]
    assert time_axis_svg(marks) == time_axis_svg(list(marks))
    big = [AxisMark(f"E{i}", f"e{i}.html", 1900 + (i * 7919 % 1200) / 10, None) for i in range(5000)]
    assert time_axis_svg(big) == time_axis_svg(big)
    assert not re.search(r"\d\.\d\d", str(time_axis_svg(marks)))


def test_empty_axis_renders():
    root = parse(time_axis_svg([]))
    assert root[0].text == "Time axis" and not by_class(root, "axis-mark")


SHOWCASE_YEARS = (1950.5, 1957.3, 1958.1, 1958.9, 1964.8, 2018.2, 2018.45, 2018.9, 2019.05, 2019.15, 2019.2, 2019.3,
                  2023.7, 2025.67, 2025.68, 2025.7)


def test_broken_axis_gives_each_cluster_room_and_marks_the_break():
    root = parse(time_axis_svg(years(*SHOWCASE_YEARS), breaks=True))
    xs = {y: mark_x(root, f"y{y}.html") for y in SHOWCASE_YEARS}
    breaks = by_class(root, "axis-break")
    assert len(breaks) == 1 and breaks[0].find(f"{SVG}title").text == "no events 1965–2017"
    assert "no events 1965–2017" in root.find(f"{SVG}desc").text
    # The 1950s and 2018-25 each get a good share of the width instead of 5 % and 10 %.
    assert xs[1964.8] - xs[1950.5] > 300 and xs[2025.7] - xs[2018.2] > 200
    # Within a cluster the axis stays proportional: 2019-2023 is about four times 2018-2019.
    ratio = (xs[2023.7] - xs[2019.05]) / (xs[2019.05] - xs[2018.2])
    assert abs(ratio - (2023.7 - 2019.05) / (2019.05 - 2018.2)) < 0.1
    labels = tick_labels(root)
    assert "1950" in labels and "2020" in labels and "1980" not in labels


def test_axis_without_long_gaps_is_not_broken():
    root = parse(time_axis_svg(years(1950.0, 1954.0, 1958.0, 1962.0, 1966.0, 1970.0), breaks=True))
    assert not by_class(root, "axis-break")


def test_fuzzy_dates_are_faded_and_open_ends_fade_out():
    marks = [AxisMark("c. 1958: Visit", "a.html", 1958.0, 1958.99, fuzzy=True),
             AxisMark("from 1985 (ongoing): Talks", "b.html", 1985.0, None, open_end=True),
             AxisMark("1960?: Trip", "c.html", 1960.0, None, fuzzy=True)]
    root = parse(time_axis_svg(marks))
    fuzzy = by_class(root, "axis-fuzzy")
    assert len(fuzzy) == 2 and all(el.get("stroke-dasharray") for el in fuzzy)
    assert float(fuzzy[0].get("fill-opacity")) < 0.5
    open_bar = by_class(root, "axis-open")[0]
    assert open_bar.get("fill") == "url(#axis-fade-970)"
    assert float(open_bar.get("x")) + float(open_bar.get("width")) >= 969


def test_narrow_axis_keeps_legible_ticks():
    root = parse(time_axis_svg(years(*SHOWCASE_YEARS), breaks=True, width=360))
    assert root.get("viewBox").startswith("0 0 360 ")
    xs = [float(t.get("x")) for t in by_class(root, "axis-tick-label")[0]]
    assert all(b - a >= 30 for a, b in zip(xs, xs[1:])), xs
