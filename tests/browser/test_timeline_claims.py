"""timeline.html in real Chromium: sources that disagree (issue 22, point 5) and lines that carry meaning (issue 20, point 5).

A claimed date is drawn where its calendar date falls (computed here with datetime), joined to its
event by a line that reaches 3:1 against the chart in light and dark; its tooltip names the source.
"""
from __future__ import annotations

import datetime as dt
from pathlib import Path

import pytest

from tests.support import MINIMAL_SITE, build, write_tree

pytestmark = pytest.mark.browser

EPOCH = dt.date(1970, 1, 1).toordinal()
BIBLIOGRAPHY = """\
- id: globaltimes-2019
  type: webpage
  title: Kim Jong Un's Vietnam trip
  author: [{literal: Global Times}]
  URL: https://www.globaltimes.cn/trip.shtml
"""
VISIT = """\
---
title: Second visit
date: 1964-11-09
end: 1964-11-16
sources:
  - title: Written out
    publisher: Somebody
    url: https://example.org/page
date_claims:
  - date: 1964-10
    source: globaltimes-2019
  - date: 1965-01-02
    source: 1
---
Body.
"""
OTHER = "---\ntitle: Later talks\ndate: 1965-03-01\n---\nBody.\n"


def days(date: dt.date) -> int:
    return date.toordinal() - EPOCH


@pytest.fixture(scope="module")
def claim_site(tmp_path_factory: pytest.TempPathFactory) -> Path:
    root = tmp_path_factory.mktemp("claims")
    content = write_tree(root / "content", {"site.yaml": MINIMAL_SITE, "events/visit.md": VISIT, "events/later.md": OTHER})
    (content / "bibliography.yaml").write_text(BIBLIOGRAPHY, encoding="utf-8")
    run = build(content, root / "site")
    assert run.code == 0, run.err
    return root / "site"


def pixel(scale: list[dict], day: float) -> float:
    seg = next((s for s in scale if day <= s["hi"]), scale[-1])
    return seg["p0"] + (day - seg["lo"]) / (seg["hi"] - seg["lo"]) * (seg["p1"] - seg["p0"])


CLAIMS = """() => [...document.querySelectorAll('.tv-svg .tv-claim')].map(g => {
  const r = g.querySelector('rect'), d = g.querySelector('path').getAttribute('d');
  return {text: g.dataset.claim, x: +r.getAttribute('x'), w: +r.getAttribute('width'), d,
          hidden: g.closest('[aria-hidden=true]') !== null};
})"""


def test_each_claimed_date_is_a_faint_mark_joined_to_its_event(page: object, claim_site: Path) -> None:
    page.set_viewport_size({"width": 1280, "height": 800})
    page.goto((claim_site / "timeline.html").as_uri())
    page.wait_for_selector(".tv-svg a.tv-mark")
    page.evaluate(f"timelineView.setDays({days(dt.date(1964, 9, 1))}, {days(dt.date(1965, 4, 1))})")
    scale = page.evaluate("timelineView.scale()")
    found = {c["text"]: c for c in page.evaluate(CLAIMS)}
    assert set(found) == {"October 1964: Kim Jong Un's Vietnam trip", "2 January 1965: Written out"}
    october, january = found["October 1964: Kim Jong Un's Vietnam trip"], found["2 January 1965: Written out"]
    assert october["hidden"] and january["hidden"]  # the event page's "Sources differ" says it to screen readers
    # October 1964 spans its month, 2 January 1965 one day (a 4 px mark at least), each on its calendar days.
    assert abs(october["x"] - pixel(scale, days(dt.date(1964, 10, 1)))) <= 0.5
    assert abs(october["x"] + october["w"] - pixel(scale, days(dt.date(1964, 11, 1)))) <= 0.5
    assert abs(january["x"] - pixel(scale, days(dt.date(1965, 1, 2)))) <= 0.5
    # The join runs from the event's start to the middle of the claim.
    start = pixel(scale, days(dt.date(1964, 11, 9)))
    x0, x1 = (float(v) for v in october["d"][1:].replace("H", " ").split()[::2])
    assert abs(x0 - start) <= 0.5 and abs(x1 - (october["x"] + october["w"] / 2)) <= 0.5
    # Hovering a claim names its source; hovering or focusing the event lists every claim.
    page.locator(".tv-claim rect").first.hover()
    tip = page.locator(".tv-tip")
    assert tip.is_visible() and tip.inner_text() in found
    page.locator('.tv-svg a.tv-mark[href="events/visit.html"]').focus()
    text = tip.inner_text()
    assert "Second visit" in text and "October 1964: Kim Jong Un's Vietnam trip" in text and "2 January 1965: Written out" in text


def test_the_whole_view_keeps_every_claim_in_reach(page: object, claim_site: Path) -> None:
    page.set_viewport_size({"width": 1280, "height": 800})
    page.goto((claim_site / "timeline.html").as_uri())
    page.wait_for_selector(".tv-svg a.tv-mark")
    lo, hi = page.evaluate("timelineView.days()")
    assert lo <= days(dt.date(1964, 10, 1)) and hi >= days(dt.date(1965, 1, 3))
    width = page.evaluate("document.querySelector('.tv-svg').viewBox.baseVal.width")
    assert all(0 <= c["x"] and c["x"] + c["w"] <= width for c in page.evaluate(CLAIMS))


CONTRAST = """(selector) => {
  const rgb = s => s.match(/[\\d.]+/g).slice(0, 3).map(Number);
  const lum = c => { const [r, g, b] = c.map(v => { v /= 255; return v <= 0.03928 ? v / 12.92 : ((v + 0.055) / 1.055) ** 2.4; });
    return 0.2126 * r + 0.7152 * g + 0.0722 * b; };
  const bg = rgb(getComputedStyle(document.querySelector('.tv-chart')).backgroundColor);
  return [...document.querySelectorAll(selector)].map(el => {
    const st = getComputedStyle(el), fg = rgb(st.stroke), a = +st.strokeOpacity * +st.opacity;
    const seen = fg.map((v, k) => v * a + bg[k] * (1 - a));  // what the eye gets, opacity blended on the chart
    const [hi, lo] = [lum(seen), lum(bg)].sort((p, q) => q - p);
    return (hi + 0.05) / (lo + 0.05);
  });
}"""


@pytest.mark.parametrize("scheme", ["light", "dark"])
def test_claim_joins_and_leader_lines_reach_3_to_1(new_context, claim_site: Path, scheme: str) -> None:
    for width in (1280, 375):
        page = new_context(viewport={"width": width, "height": 800}, color_scheme=scheme).new_page()
        page.goto((claim_site / "timeline.html").as_uri())
        page.wait_for_selector(".tv-svg a.tv-mark")
        page.evaluate(f"timelineView.setDays({days(dt.date(1964, 9, 1))}, {days(dt.date(1965, 4, 1))})")
        joins = page.evaluate(CONTRAST, ".tv-claim-join")
        print("contrast", scheme, width, "claim joins", round(min(joins), 2))
        assert len(joins) == 2 and min(joins) >= 3, (width, joins)
        if width == 375:
            leaders = page.evaluate(CONTRAST, ".tv-leader")
            print("contrast", scheme, "leaders", round(min(leaders), 2))
            assert leaders and min(leaders) >= 3, leaders
        page.close()


# ---- more than 8 lanes, and phones: every lane says its name (issue 20, point 5) ----

TAGS = ["alpha", "bravo", "charlie", "delta", "echo", "foxtrot", "golf", "hotel", "india", "juliet"]


@pytest.fixture(scope="module")
def many_lanes(tmp_path_factory: pytest.TempPathFactory) -> Path:
    root = tmp_path_factory.mktemp("lanes")
    files = {"site.yaml": MINIMAL_SITE + "timeline:\n  lanes: tags\n"}
    for n, tag in enumerate(TAGS):
        files[f"events/{tag}.md"] = f"---\ntitle: Event {tag}\ndate: 2019-0{1 + n % 9}-1{n % 10}\ntags: [{tag}]\n---\nBody.\n"
    content = write_tree(root / "content", files)
    run = build(content, root / "site")
    assert run.code == 0, run.err
    return root / "site"


NAMED = """(vert) => {
  const names = vert ? [...document.querySelectorAll('.tv-lanehead:not([hidden]) .tv-lanename')]
                     : [...document.querySelectorAll('.tv-svg .tv-lane')];
  const boxes = names.map(el => { const r = el.getBoundingClientRect();
    return {name: el.textContent, l: r.left, r: r.right, t: r.top, b: r.bottom, full: el.scrollHeight <= el.clientHeight + 1}; });
  // On a phone a short line joins each name to its lane's column: where it leaves the name, where it meets the column.
  const joins = [...document.querySelectorAll('.tv-lanefan path')].map(p => { const m = p.getCTM(),
    d = p.getAttribute('d').match(/-?[\\d.]+/g).map(Number), svg = p.ownerSVGElement.getBoundingClientRect();
    return {top: d[0] + svg.left, bottom: d[2] + svg.left, y: d[3] + svg.top}; });
  const marks = [...document.querySelectorAll('.tv-svg a.tv-mark')].map(a => { const r = a.firstElementChild.getBoundingClientRect();
    return {lane: +a.dataset.key.split('-')[1], x: r.left + r.width / 2, y: r.top + r.height / 2}; });
  return {boxes, marks, joins};
}"""


@pytest.mark.parametrize("width", [1280, 375])
def test_with_more_than_8_lanes_each_lane_shows_its_name_beside_its_marks(page: object, many_lanes: Path, width: int) -> None:
    page.set_viewport_size({"width": width, "height": 800})
    page.goto((many_lanes / "timeline.html").as_uri())
    page.wait_for_selector(".tv-svg a.tv-mark")
    found = page.evaluate(NAMED, width == 375)
    names = [b["name"].replace(" ", "-") for b in found["boxes"]]
    assert sorted(names) == TAGS and len(names) == 10  # lanes 0 and 8 share a colour: their names tell them apart
    for mark in found["marks"]:
        box = found["boxes"][mark["lane"]]
        if width == 375:  # a column: the name heads it, whole and legible, joined to the marks' centre line
            join = found["joins"][mark["lane"]]
            assert box["l"] <= join["top"] <= box["r"] and abs(join["bottom"] - mark["x"]) <= 1, (box, join, mark)
            assert box["b"] <= join["y"] <= mark["y"]
            assert box["full"] and box["r"] - box["l"] >= 11
        else:  # a row: the name sits at its left, in the lane's band above its marks
            assert 0 < mark["y"] - box["b"] < 46, (box, mark)
