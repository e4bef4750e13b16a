"""Extended years on the time axis and in the timeline view: 13.8 billion years ago to 2019, all readable."""
from __future__ import annotations

import json
import re
import xml.etree.ElementTree as ET

import pytest

from chronicle.figures.axis import AxisMark, time_axis_svg
from tests.support import build
from tests.figures.test_axis import by_class, mark_x, parse, tick_labels

DEEP = {"big-bang": ("The Big Bang", "Y-13800000000"), "dinosaurs": ("Dinosaurs die out", "Y-66000000"),
        "caesar": ("Caesar dies", "-0043"), "hanoi": ("Kim Il Sung in Hanoi", "1958"),
        "summit": ("Hanoi summit", "2019-02-27")}
WHEN = {"big-bang": "13.8 billion years ago", "dinosaurs": "66 million years ago", "caesar": "44 BC",
        "hanoi": "1958", "summit": "27 February 2019"}
MIN_APART = 8.0  # px between marks of different times, so each can be seen and clicked


def deep_site(content) -> dict[str, str]:
    return content({f"events/{slug}.md": f"---\ntitle: {title}\ndate: '{date}'\n---\nBody.\n"
                    for slug, (title, date) in DEEP.items()})


def axes(html: str) -> list[ET.Element]:
    """The wide and the narrow axis of a page."""
    return [parse(re.search(rf'<div class="axis-{kind}">(.*?)</div>', html, re.S).group(1))
            for kind in ("wide", "narrow")]


@pytest.fixture
def built(content, tmp_path):
    run = build(deep_site(content), tmp_path / "site")
    assert run.code == 0, run.err
    return tmp_path / "site"


def test_axis_draws_every_extended_year_apart_in_time_order(built):
    for root in axes((built / "index.html").read_text(encoding="utf-8")):
        xs = [mark_x(root, f"events/{slug}.html") for slug in DEEP]
        assert all(b - a >= MIN_APART for a, b in zip(xs, xs[1:])), xs
        width = float(root.get("viewBox").split()[2])
        assert all(0 <= x <= width for x in xs)


def test_axis_breaks_each_empty_aeon_and_names_it_readably(built):
    root = axes((built / "index.html").read_text(encoding="utf-8"))[0]
    breaks = [g[0].text for g in by_class(root, "axis-break")]
    assert breaks[:2] == ["no events 13.8 billion years ago–66 million years ago",
                          "no events 66 million years ago–45 BC"]  # 44 BC has an event
    desc = root.find("{http://www.w3.org/2000/svg}desc").text
    assert desc.startswith("5 events, 13.8 billion years ago to AD 20")


def test_axis_ticks_read_as_time_ago_and_bc(built):
    labels = tick_labels(axes((built / "index.html").read_text(encoding="utf-8"))[0])
    assert "13.8 billion years ago" in labels and "66 million years ago" in labels
    assert len(labels) == len(set(labels))  # no repeated label where a year-wide stretch has several ticks
    assert not [t for t in labels if re.search(r"[0-9]{1,3},[0-9]{3},[0-9]{3}", t)], labels  # no 9-digit BC years
    assert not [t for t in labels if re.search(r"^[A-Z][a-z]{2} ", t)], labels  # no months in deep time


def test_axis_marks_name_their_dates(built):
    root = axes((built / "index.html").read_text(encoding="utf-8"))[0]
    names = {a.get("href"): a.get("aria-label") for a in by_class(root, "axis-mark")}
    assert names == {f"events/{slug}.html": f"{WHEN[slug]}: {DEEP[slug][0]}" for slug in DEEP}


def test_timeline_view_data_keeps_extended_years(built):
    html = (built / "timeline.html").read_text(encoding="utf-8")
    data = json.loads(re.search(r'<script type="application/json" id="tv-data">(.*?)</script>', html, re.S).group(1))
    events = {e["h"]: e for e in data["events"]}
    # Day numbers (days since 1970-01-01): both years are whole 400-year Gregorian cycles of
    # 146,097 days before 1 January 2000, day 10,957.
    assert events["events/big-bang.html"]["s"] == 10957 - (2000 + 13_800_000_000) // 400 * 146097
    assert events["events/dinosaurs.html"]["s"] == 10957 - (2000 + 66_000_000) // 400 * 146097
    assert {h: e["w"] for h, e in events.items()} == {f"events/{s}.html": WHEN[s] for s in DEEP}
    assert re.findall(r'data-period="([^"]*)"', html) == [
        "13.8 billion years ago", "66 million years ago", "50 BC–41 BC", "1940–1959", "2000–2019"]


def test_axis_ticks_in_deep_time_need_no_float_precision_beyond_a_year():
    marks = [AxisMark("a", "a.html", -13_800_000_000.0, None), AxisMark("b", "b.html", -13_799_999_990.0, None)]
    root = parse(time_axis_svg(marks))
    assert mark_x(root, "b.html") - mark_x(root, "a.html") > 100
    assert tick_labels(root) and all("billion years ago" in t for t in tick_labels(root))


# --- display_date on the axis and in the timeline view -------------------------------------------

def test_display_date_names_the_mark_on_the_axis_and_in_the_view(content, tmp_path):
    root = content({"events/coronation.md": "---\ntitle: Coronation\ndate: 1958~\n"
                                            "display_date: Spring, perhaps 1958\n---\n"})
    assert build(root, tmp_path / "site").code == 0
    html = (tmp_path / "site/index.html").read_text(encoding="utf-8")
    [mark] = by_class(axes(html)[0], "axis-mark")
    assert mark.get("aria-label") == "Spring, perhaps 1958, approximate: Coronation"
    view = (tmp_path / "site/timeline.html").read_text(encoding="utf-8")
    data = json.loads(re.search(r'id="tv-data">(.*?)</script>', view, re.S).group(1))
    assert (data["events"][0]["w"], data["events"][0]["a"]) == ("Spring, perhaps 1958",
                                                                "Spring, perhaps 1958, approximate")


def test_long_tick_labels_stay_inside_the_axis_and_never_overlap(built):
    for root in axes((built / "index.html").read_text(encoding="utf-8")):
        width = float(root.get("viewBox").split()[2])
        rows: dict[str, list[tuple[float, float]]] = {}
        for text in by_class(root, "axis-tick-label")[0]:
            half = len(text.text) * 6.9 / 2  # about 6.9 px a character at 12 px
            x = float(text.get("x"))
            assert 0 <= x - half and x + half <= width, text.text
            rows.setdefault(text.get("y"), []).append((x - half, x + half))
        for boxes in rows.values():
            assert all(a[1] <= b[0] for a, b in zip(boxes, boxes[1:])), boxes
        assert float(root.get("viewBox").split()[3]) >= max(float(y) for y in rows) + 7
