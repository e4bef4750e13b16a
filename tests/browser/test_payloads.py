"""Hostile content in real Chromium: no page of the built payload site runs its script.

Every page of the payload tree (tests/test_security_html.py) is opened from file://; every
link, heading and image is focused, hovered and clicked. Payloads call alert() or set
window.__pwned: no dialog may open and the marker must stay unset.
"""
from __future__ import annotations

from pathlib import Path

import pytest

from tests.support import build, write_tree
from tests.bodies.test_security_html import hostile_tree

PlaywrightError = pytest.importorskip("playwright.sync_api").Error

pytestmark = pytest.mark.browser

# Ordinary navigation is cancelled so one page can be probed; javascript: URLs are not.
STAY = """() => document.addEventListener('click', event => {
  const link = event.target.closest && event.target.closest('a[href]');
  if (link && /^(https?|file|mailto|data):/i.test(link.href)) event.preventDefault();
}, true)"""
TARGETS = "a, h1, h2, h3, h4, h5, h6, img, p, li, td, details, summary, [tabindex]"


@pytest.fixture(scope="module", params=["false", "true"], ids=["allow_html-false", "allow_html-true"])
def payload_site(request, tmp_path_factory) -> Path:
    root = tmp_path_factory.mktemp("payloads")
    files = hostile_tree(request.param == "true")
    run = build(write_tree(root / "content", files), root / "site")
    assert run.code == 0, run.err
    return root / "site"


def open_page(page, uri: str) -> None:
    """Go to uri; a navigation a forced click started on the previous page may abort the first try."""
    try:
        page.goto(uri)
    except PlaywrightError as error:
        if "ERR_ABORTED" not in str(error):
            raise
        page.wait_for_load_state()
        page.goto(uri)
    page.evaluate(STAY)


def test_no_payload_runs_in_chromium(payload_site, context, guard):
    dialogs: list[str] = []
    pwned: list[str] = []
    guard.expect_error("")  # broken payload images (src=x) log load errors; not what is tested
    page = guard.watch(context.new_page())
    page.on("dialog", lambda dialog: (dialogs.append(f"{page.url}: {dialog.message}"), dialog.dismiss()))
    for path in sorted(payload_site.rglob("*.html")):
        open_page(page, path.as_uri())
        count = page.locator(TARGETS).count()
        for index in range(count):
            element = page.locator(TARGETS).nth(index)
            if not element.is_visible():
                continue
            element.focus()
            element.hover(timeout=2_000, force=True)
            element.click(timeout=2_000, force=True, no_wait_after=True)
            if page.url != path.as_uri():  # a real link slipped through: come back
                open_page(page, path.as_uri())
        page.wait_for_timeout(50)
        if page.evaluate("window.__pwned"):
            pwned.append(str(path))
    assert dialogs == []
    assert pwned == []
