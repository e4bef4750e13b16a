"""Gate: axe-core finds no violation on pages while a reader uses their scripts.

The page-wide gate (test_accessibility.py) sees pages as they load; journey.js adds buttons, a
live status, aria-current rows and a focusable itinerary only once the reader uses them, and
timeline.js redraws its chart (labels, leaders, clusters) on every zoom, filter and facet change.
"""
from __future__ import annotations

import pytest

from tests.quality.conftest import BuiltSite, node_tool
from tests.quality.test_accessibility import EVERY_RULE, RUN_AXE, describe

EVENT = "events/2019-02-train-to-dong-dang.html"


@pytest.mark.browser
@pytest.mark.parametrize("scheme", ["light", "dark"])
def test_no_axe_violations_while_stepping_through_a_journey(site: BuiltSite, browser: object, scheme: str) -> None:
    context = browser.new_context(color_scheme=scheme, service_workers="block", reduced_motion="reduce")
    context.add_init_script(path=str(node_tool("axe-core/axe.min.js")))
    page = context.new_page()
    found = []
    try:
        page.goto(site.url + EVENT, wait_until="load")
        page.get_by_role("button", name="Next stop").click()
        page.get_by_role("button", name="Next stop").click()
        found += [describe(EVENT, f"{scheme}, stop 2", v) for v in page.evaluate(RUN_AXE, EVERY_RULE)]
        page.locator("table.itinerary").focus()
        page.keyboard.press("End")
        assert "aria-disabled" in page.locator(".journey-next").evaluate("b => b.outerHTML")
        found += [describe(EVENT, f"{scheme}, last stop, itinerary focused", v) for v in page.evaluate(RUN_AXE, EVERY_RULE)]
        page.get_by_role("button", name="Whole route").click()
        found += [describe(EVENT, f"{scheme}, whole route", v) for v in page.evaluate(RUN_AXE, EVERY_RULE)]
    finally:
        context.close()
    assert not found, f"{len(found)} axe violation(s):\n" + "\n".join(found)


TIMELINE_STEPS = {  # what the reader does before each run of axe
    "phone, whole": (375, ""),
    "phone, 2018-19 zoomed": (375, "timelineView.set(2017.8, 2019.9)"),
    "desktop, countries": (1280, "document.getElementById('tv-facet').value = 'countries';"
                                 "document.getElementById('tv-facet').dispatchEvent(new Event('change'))"),
    "desktop, days": (1280, "timelineView.set(2019.15, 2019.17)"),
}


@pytest.mark.browser
@pytest.mark.parametrize("scheme", ["light", "dark"])
def test_no_axe_violations_on_the_timeline_as_it_is_used(site: BuiltSite, browser: object, scheme: str) -> None:
    found = []
    for name, (width, script) in TIMELINE_STEPS.items():
        context = browser.new_context(color_scheme=scheme, service_workers="block", reduced_motion="reduce",
                                      viewport={"width": width, "height": 800})
        context.add_init_script(path=str(node_tool("axe-core/axe.min.js")))
        page = context.new_page()
        try:
            page.goto(site.url + "timeline.html", wait_until="load")
            page.wait_for_selector(".tv-svg a")
            if script:
                page.evaluate(script)
            page.wait_for_timeout(400)  # the status line is announced once the view settles
            found += [describe("timeline.html", f"{scheme}, {name}", v) for v in page.evaluate(RUN_AXE, EVERY_RULE)]
        finally:
            context.close()
    assert not found, f"{len(found)} axe violation(s):\n" + "\n".join(found)
