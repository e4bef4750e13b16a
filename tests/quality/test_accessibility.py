"""Gate: axe-core finds no WCAG 2.2 AA or best-practice violation on any page, light or dark.

One page is reused: axe loads with every document (an init script, so it is compiled, not
re-sent, per page), runs every rule in light mode, then its colour rules again after switching
the page to dark mode (the only thing dark mode changes).
"""
from __future__ import annotations

import pytest

from tests.quality.conftest import BuiltSite, node_tool

TAGS = ["wcag2a", "wcag2aa", "wcag21a", "wcag21aa", "wcag22aa", "best-practice"]
EVERY_RULE = {"type": "tag", "values": TAGS}
# Dark mode swaps colours only (the same DOM, the same layout), so after the full run in light mode
# the rules that read colours are the ones left to run: contrast, and links told apart from text.
COLOUR_RULES = {"type": "rule", "values": ["color-contrast", "link-in-text-block"]}
RUN_AXE = """async (only) => {
  const result = await axe.run(document, {runOnly: only});
  return result.violations.map(v => ({id: v.id, help: v.help,
    targets: v.nodes.map(n => n.target.join(' ')), summary: v.nodes[0].failureSummary}));
}"""
BACKGROUND = "getComputedStyle(document.body).backgroundColor"


def describe(path: str, scheme: str, violation: dict) -> str:
    """One violation: page, mode, rule, a few of the elements, and how to fix the first."""
    targets = violation["targets"]
    more = f" (+{len(targets) - 3} more)" if len(targets) > 3 else ""
    summary = violation["summary"].replace("\n", "\n      ")
    return (f"{path} [{scheme}] {violation['id']}: {violation['help']}\n    at {', '.join(targets[:3])}{more}\n"
            f"      {summary}")


@pytest.mark.browser
def test_no_axe_violations_on_any_page_in_light_or_dark_mode(site: BuiltSite, browser: object) -> None:
    context = browser.new_context(color_scheme="light", service_workers="block")
    context.add_init_script(path=str(node_tool("axe-core/axe.min.js")))
    page = context.new_page()
    found = []
    try:
        for path in site.pages():
            page.goto(site.url + path, wait_until="load")
            light = page.evaluate(BACKGROUND)
            found += [describe(path, "light", v) for v in page.evaluate(RUN_AXE, EVERY_RULE)]
            page.emulate_media(color_scheme="dark")
            assert page.evaluate(BACKGROUND) != light, f"{path}: dark mode did not change the page"
            found += [describe(path, "dark", v) for v in page.evaluate(RUN_AXE, COLOUR_RULES)]
            page.emulate_media(color_scheme="light")
    finally:
        context.close()
    assert not found, f"{len(found)} axe violation(s):\n" + "\n".join(found)
