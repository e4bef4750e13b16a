"""Citation markers in a real browser: reached by keyboard, named for screen readers, leading to the source."""
from __future__ import annotations

from pathlib import Path

import pytest

from tests.support import MINIMAL_SITE, build, write_tree

pytestmark = pytest.mark.browser

BIBLIOGRAPHY = """\
- id: fifield2019
  type: book
  title: The Great Successor
  author: [{family: Fifield, given: Anna}]
  publisher: PublicAffairs
  issued: 2019
"""


def test_marker_is_a_named_link_reached_by_tab_that_leads_to_the_source(page: object, tmp_path: Path) -> None:
    content = write_tree(tmp_path / "content", {
        "site.yaml": MINIMAL_SITE,
        "events/e.md": "---\ntitle: Event\ndate: 2019\nsources:\n  - title: Written out\n---\n"
                       "He went by train [@fifield2019, p. 12].\n",
    })
    (content / "bibliography.yaml").write_text(BIBLIOGRAPHY, encoding="utf-8")
    assert build(content, tmp_path / "site").code == 0
    page.goto((tmp_path / "site" / "events" / "e.html").as_uri())
    marker = page.get_by_role("link", name="Source 2, p. 12")
    assert marker.count() == 1  # the accessible name a screen reader announces
    for _ in range(80):  # Tab through the page, as a keyboard user does, until the marker has focus
        page.keyboard.press("Tab")
        if page.evaluate("document.activeElement.classList.contains('cite-ref')"):
            break
    else:
        pytest.fail("Tab never reached the citation marker")
    assert page.evaluate("document.activeElement.getAttribute('aria-label')") == "Source 2, p. 12"
    page.keyboard.press("Enter")
    page.wait_for_function("location.hash === '#source-2'")
    target = page.locator("#source-2")
    assert "Fifield, A. 2019." in target.inner_text() and target.is_visible()
