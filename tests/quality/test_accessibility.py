"""Gate: axe-core finds no WCAG 2.2 AA or best-practice violation on any page, light or dark."""
from __future__ import annotations

import pytest

from tests.quality.conftest import BuiltSite, node_tool

TAGS = ["wcag2a", "wcag2aa", "wcag21a", "wcag21aa", "wcag22aa", "best-practice"]
RUN_AXE = """async (tags) => {
  const result = await axe.run(document, {runOnly: {type: 'tag', values: tags}});
  return result.violations.map(v => ({id: v.id, help: v.help,
    nodes: v.nodes.map(n => ({target: n.target.join(' '), summary: n.failureSummary}))}));
}"""


@pytest.mark.browser
@pytest.mark.parametrize("scheme", ["light", "dark"])
def test_no_axe_violations_on_any_page(site: BuiltSite, browser: object, scheme: str) -> None:
    axe = node_tool("axe-core/axe.min.js")
    context = browser.new_context(color_scheme=scheme, service_workers="block")
    page = context.new_page()
    found = []
    try:
        for path in site.pages():
            page.goto(site.url + path, wait_until="load")
            page.add_script_tag(path=str(axe))
            for violation in page.evaluate(RUN_AXE, TAGS):
                for node in violation["nodes"]:
                    found.append(f"{path}: {violation['id']} ({violation['help']}) at {node['target']}\n"
                                 f"    {node['summary']}".replace("\n  ", "\n      "))
    finally:
        context.close()
    assert not found, f"{len(found)} axe violation(s) in {scheme} mode:\n" + "\n".join(found)
