"""timeline.html in real Chromium with deep time: 13.8 billion years ago to 2019, every event its own mark."""
from __future__ import annotations

import re
from pathlib import Path

import pytest

from tests.support import build, write_tree

pytestmark = pytest.mark.browser

DEEP = {"big-bang": ("The Big Bang", "Y-13800000000"), "dinosaurs": ("Dinosaurs die out", "Y-66000000"),
        "caesar": ("Caesar dies", "-0043"), "hanoi": ("Kim Il Sung in Hanoi", "1958"),
        "summit": ("Hanoi summit", "2019-02-27")}
SITE = "title: Deep time\nlanguage: {lang}\nbase_url: https://example.github.io/repo/\n"
TICKS = "Array.from(document.querySelectorAll('.tv-svg .tv-tick')).map(t => t.textContent)"
MARKS = ("Array.from(document.querySelectorAll('.tv-svg a.tv-mark')).filter(a => a.getAttribute('tabindex') !== '-1')"
         ".map(a => [+a.dataset.i, a.getBoundingClientRect().x])")
# Every number-bearing attribute of the chart, and every text, that could carry a NaN or an Infinity.
BAD_ATTRS = """() => {
  const bad = [];
  document.querySelectorAll('.tv-svg, .tv-svg *').forEach(el => {
    for (const at of el.attributes) if (/NaN|Infinity/.test(at.value)) bad.push(el.tagName + ' ' + at.name + '=' + at.value);
    if (!el.children.length && /NaN|Infinity|undefined/.test(el.textContent)) bad.push(el.tagName + ' ' + el.textContent);
  });
  return bad;
}"""
NINE_DIGITS = re.compile(r"[0-9]{1,3}(,[0-9]{3}){2,}")


def deep_site(root: Path, lang: str) -> Path:
    content = write_tree(root / "content", {"site.yaml": SITE.format(lang=lang), **{
        f"events/{slug}.md": f"---\ntitle: {title}\ndate: '{date}'\n---\nBody.\n" for slug, (title, date) in DEEP.items()}})
    run = build(content, root / "site")
    assert run.code == 0, run.err
    return root / "site"


@pytest.fixture(scope="module")
def english(tmp_path_factory: pytest.TempPathFactory) -> Path:
    return deep_site(tmp_path_factory.mktemp("deep-en"), "en")


@pytest.fixture(scope="module")
def korean(tmp_path_factory: pytest.TempPathFactory) -> Path:
    return deep_site(tmp_path_factory.mktemp("deep-ko"), "ko")


def open_view(page: object, site: Path) -> object:
    page.set_viewport_size({"width": 1280, "height": 800})
    page.goto((site / "timeline.html").as_uri())
    page.wait_for_selector(".tv-svg a.tv-mark")
    return page


def status(page: object) -> str:
    page.wait_for_timeout(350)  # the announcement waits for the view to settle
    return page.locator("#tv-status").inner_text()


def test_ticks_read_as_time_ago_and_never_as_nine_digit_years(page: object, english: Path) -> None:
    ticks = open_view(page, english).evaluate(TICKS)
    assert {"13.8 billion years ago", "66 million years ago"} <= set(ticks), ticks
    assert not [t for t in ticks if NINE_DIGITS.search(t)], ticks
    assert len(ticks) == len(set(ticks)), ticks  # a year-wide stretch says '13.8 billion years ago' once


def test_bc_ticks_fall_on_round_bc_years(page: object, english: Path) -> None:
    open_view(page, english).evaluate("timelineView.set(-300, -100)")  # no event: a plain axis
    ticks = [int(t[:-3]) for t in page.evaluate(TICKS) if re.fullmatch(r"[0-9]+ BC", t)]
    assert ticks and all(t % 5 == 0 for t in ticks), ticks


def test_whole_timeline_shows_each_event_as_its_own_mark(page: object, english: Path) -> None:
    open_view(page, english)
    assert page.locator(".tv-svg a.tv-cluster").count() == 0
    marks = sorted(page.evaluate(MARKS))
    assert [i for i, _ in marks] == list(range(len(DEEP)))
    xs = [x for _, x in marks]
    assert all(b - a >= 12 for a, b in zip(xs, xs[1:])), xs  # apart and in time order


def test_status_names_the_whole_range_readably(page: object, english: Path) -> None:
    assert status(open_view(page, english)) == "Showing 13.8 billion years ago to 2019 · 5 events"


def test_korean_ticks_and_status_count_in_eok_and_man(page: object, korean: Path) -> None:
    open_view(page, korean)
    assert {"138억 년 전", "6,600만 년 전"} <= set(page.evaluate(TICKS))
    assert status(page) == "138억 년 전부터 2019까지 표시 · 사건 5개"
    page.evaluate("timelineView.set(-100, 0)")
    assert any(t.startswith("기원전 ") for t in page.evaluate(TICKS))


# Each event's start, zoomed into from the whole range, a thousand times closer each step, down to days.
SPANS = [1e10, 1e7, 1e4, 10, 0.1, 0.01, 0.004]


@pytest.mark.parametrize("slug", DEEP)
def test_zooming_from_aeons_to_days_never_draws_nan_or_infinity(page: object, english: Path, slug: str) -> None:
    open_view(page, english)
    at = page.evaluate(f"JSON.parse(document.getElementById('tv-data').textContent).events"
                       f".find(e => e.h === 'events/{slug}.html').s")  # a day number
    for span in SPANS:
        page.evaluate(f"timelineView.setDays({at} - {span} * 365.2425 / 2, {at} + {span} * 365.2425 / 2)")
        assert page.evaluate(BAD_ATTRS) == [], span
        assert page.locator(f'.tv-svg a.tv-mark[href="events/{slug}.html"]').count() >= 1, span
        assert not re.search(r"NaN|Infinity|undefined", status(page)), span
    lo, hi = page.evaluate("timelineView.range()")
    assert 0.004 < hi - lo < 0.006  # two days, no less


def test_wheel_and_keys_zoom_in_deep_time_without_nan(page: object, english: Path) -> None:
    open_view(page, english)
    mark = page.locator('.tv-svg a.tv-mark[href="events/big-bang.html"]').bounding_box()
    page.mouse.move(mark["x"] + mark["width"] / 2, mark["y"] + mark["height"] / 2)
    page.keyboard.down("Control")  # a plain wheel scrolls the page; Ctrl + wheel zooms
    for _ in range(40):
        page.mouse.wheel(0, -1500)
    page.keyboard.up("Control")
    page.wait_for_timeout(200)
    lo, hi = page.evaluate("timelineView.range()")
    assert hi - lo < 1e6 and lo < -13.7e9  # still at the Big Bang, millions of times closer
    page.locator(".tv-chart").focus()
    for key in ["-", "ArrowRight", "+", "0"]:
        page.keyboard.press(key)
        page.wait_for_timeout(300)
        assert page.evaluate(BAD_ATTRS) == [], key
    assert status(page) == "Showing 13.8 billion years ago to 2019 · 5 events"
