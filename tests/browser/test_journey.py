"""Stepping through a journey on its event page in real Chromium: buttons, keys, map and announcements."""
from __future__ import annotations

from pathlib import Path

import pytest

pytestmark = pytest.mark.browser

TRAIN = "events/2019-02-train-to-dong-dang.html"
CURRENT_ROW = "document.querySelector('.itinerary tr[aria-current=step]')?.dataset.stop ?? null"
MARKED = """() => ({
  stop: Array.from(document.querySelectorAll('.route-map .stop.is-current')).map(a => a.dataset.stops),
  leg: Array.from(document.querySelectorAll('.route-map .leg.is-current')).map(g => g.dataset.to),
  ring: (() => { const d = document.querySelector('.route-map .stop.is-current .stop-dot');
                 return d ? d.getBoundingClientRect().width : 0; })(),
})"""
# Is the current marker inside the map's drawn area (not cropped away by the viewBox)?
IN_VIEW = """() => {
  const svg = document.querySelector('svg.route-map'), dot = document.querySelector('.stop.is-current .stop-dot');
  const a = svg.getBoundingClientRect(), b = dot.getBoundingClientRect();
  return b.left >= a.left && b.right <= a.right && b.top >= a.top && b.bottom <= a.bottom;
}"""


def status(page: object) -> str:
    return page.locator(".journey-status").inner_text()


def open_journey(page: object, site: Path) -> object:
    page.emulate_media(reduced_motion="reduce")  # the map jumps instead of gliding: no waiting
    page.goto((site / TRAIN).as_uri())
    page.wait_for_selector(".journey-controls")
    return page


def test_buttons_step_through_the_stops_and_announce_each(page: object, file_site: Path) -> None:
    open_journey(page, file_site)
    assert page.evaluate(CURRENT_ROW) is None and status(page) == ""
    assert page.locator(".journey-status").get_attribute("aria-live") == "polite"
    plain_width = page.evaluate("document.querySelector('.route-map .stop-dot').getBoundingClientRect().width")
    nxt = page.get_by_role("button", name="Next stop")
    for _ in range(3):
        nxt.click()
    assert page.evaluate(CURRENT_ROW) == "3"
    assert status(page) == "Stop 3 of 11: Dandong, 23 February 2019"
    marked = page.evaluate(MARKED)
    assert marked["stop"] == ["3"] and marked["leg"] == ["3"]  # the marker and the leg from Sinuiju
    assert marked["ring"] > plain_width * 1.3  # enlarged
    page.get_by_role("button", name="Previous stop").click()
    assert page.evaluate(CURRENT_ROW) == "2" and status(page).startswith("Stop 2 of 11: Sinuiju")
    assert page.evaluate(MARKED)["leg"] == ["2"]


def test_the_first_stop_has_no_previous_and_the_last_no_next(page: object, file_site: Path) -> None:
    open_journey(page, file_site)
    prev, nxt = page.locator(".journey-prev"), page.locator(".journey-next")
    nxt.click()
    assert prev.get_attribute("aria-disabled") == "true" and page.evaluate(MARKED)["leg"] == ["2"]
    prev.click(force=True)  # Playwright itself treats aria-disabled as disabled
    assert page.evaluate(CURRENT_ROW) == "1"
    for _ in range(10):
        nxt.click()
    assert page.evaluate(CURRENT_ROW) == "11" and nxt.get_attribute("aria-disabled") == "true"
    nxt.click(force=True)
    assert page.evaluate(CURRENT_ROW) == "11"
    assert status(page) == "Stop 11 of 11: Hanoi, 26 February 2019"


def test_arrow_keys_step_when_the_itinerary_has_focus(page: object, file_site: Path) -> None:
    open_journey(page, file_site)
    page.locator("table.itinerary").focus()
    for key in ("ArrowDown", "ArrowRight", "ArrowDown", "ArrowUp"):
        page.keyboard.press(key)
    assert page.evaluate(CURRENT_ROW) == "2"
    page.keyboard.press("End")
    assert page.evaluate(CURRENT_ROW) == "11"
    page.keyboard.press("Home")
    assert page.evaluate(CURRENT_ROW) == "1" and status(page).startswith("Stop 1 of 11: Pyongyang")
    page.evaluate("document.activeElement.blur()")
    page.keyboard.press("ArrowDown")  # elsewhere the arrow keys keep scrolling the page
    assert page.evaluate(CURRENT_ROW) == "1"


@pytest.mark.parametrize("width", [375, 1280])
def test_the_map_follows_the_current_stop(new_context: object, guard: object, file_site: Path, width: int) -> None:
    page = guard.watch(new_context(viewport={"width": width, "height": 900}, reduced_motion="reduce").new_page())
    open_journey(page, file_site)
    whole = page.evaluate("document.querySelector('svg.route-map').getAttribute('viewBox')")
    seen = set()
    for stop in range(1, 12):
        page.locator(".journey-next").click()
        assert page.evaluate(IN_VIEW), f"stop {stop} is outside the map at {width} px"
        seen.add(page.evaluate("document.querySelector('svg.route-map').getAttribute('viewBox')"))
    assert whole not in seen and len(seen) > 3  # the view moved with the journey
    page.get_by_role("button", name="Whole route").click()
    box = [float(v) for v in page.evaluate("document.querySelector('svg.route-map').getAttribute('viewBox')").split()]
    assert box == pytest.approx([float(v) for v in whole.split()])


def test_the_map_glides_when_motion_is_welcome(page: object, file_site: Path) -> None:
    page.goto((file_site / TRAIN).as_uri())
    page.locator(".journey-next").click()
    page.locator(".journey-next").click()
    page.wait_for_timeout(600)
    box = page.evaluate("document.querySelector('svg.route-map').getAttribute('viewBox')")
    assert page.evaluate(IN_VIEW) and not box.startswith("0 0 800")


def test_clicking_a_row_selects_that_stop(page: object, file_site: Path) -> None:
    open_journey(page, file_site)
    page.locator(".itinerary tr[data-stop='7'] td").first.click()
    assert page.evaluate(CURRENT_ROW) == "7" and page.evaluate(MARKED)["stop"] == ["7"]


def test_without_javascript_the_route_is_unchanged(browser: object, file_site: Path) -> None:
    context = browser.new_context(java_script_enabled=False)
    try:
        page = context.new_page()
        page.goto((file_site / TRAIN).as_uri())
        assert page.locator(".journey-controls").count() == 0
        assert page.locator(".itinerary tr[data-stop]").count() == 11
        assert page.locator(".route-map .stop").count() >= 10
    finally:
        context.close()
