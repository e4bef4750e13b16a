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
# (An SVG link's href is an SVGAnimatedString: its baseVal, resolved, is the address.)
STAY = """() => document.addEventListener('click', event => {
  const link = event.target.closest && event.target.closest('a[href], a[*|href]');
  if (!link) return;
  const raw = typeof link.href === 'string' ? link.href : link.href.baseVal;
  const href = new URL(raw, document.baseURI).href;
  if (/^(https?|file|mailto|data):/i.test(href)) event.preventDefault();
}, true)"""
TARGETS = "a, h1, h2, h3, h4, h5, h6, img, p, li, td, details, summary, [tabindex]"


@pytest.fixture(scope="module", params=["false", "true"], ids=["allow_html-false", "allow_html-true"])
def payload_site(request, tmp_path_factory) -> Path:
    root = tmp_path_factory.mktemp("payloads")
    files = hostile_tree(request.param == "true")
    run = build(write_tree(root / "content", files), root / "site")
    assert run.code == 0, run.err
    return root / "site"


# Marks every probe target once per page load and returns, for each, what makes it what it is:
# its markup and the page's scripts. A target seen on an earlier page with the same markup under
# the same scripts (the header and footer links of fifty pages) behaves the same and is probed once.
MARK = """(selector) => {
  const scripts = Array.from(document.scripts, script => script.src.split('/').pop() || script.text).join(' ');
  const targets = Array.from(document.querySelectorAll(selector));
  targets.forEach((element, index) => { element.dataset.probe = String(index); });
  return targets.map(element => scripts + '|' + element.outerHTML);
}"""
# Focuses target i and scrolls it to the middle of the view; its centre, or null when hidden.
FOCUS = """(index) => {
  const element = document.querySelector(`[data-probe="${index}"]`);
  if (!element || !element.checkVisibility()) return null;
  element.focus();
  element.scrollIntoView({block: "center", inline: "center"});
  const box = element.getBoundingClientRect();
  if (box.width === 0 && box.height === 0) return null;
  return [box.left + box.width / 2, box.top + box.height / 2];
}"""
SHARDS = 3  # each variant's pages are split so the test runs on every core


def shard_of(pages: list[Path], shard: int) -> list[Path]:
    """Pages dealt to shards biggest first, each to the lightest shard so far: the shards take
    about as long as each other (timelinejs.html alone holds an eighth of all targets)."""
    loads, dealt = [0] * SHARDS, [[] for _ in range(SHARDS)]
    for path in sorted(pages, key=lambda p: (-p.stat().st_size, p)):
        lightest = loads.index(min(loads))
        loads[lightest] += path.stat().st_size
        dealt[lightest].append(path)
    return sorted(dealt[shard])


def open_page(page, uri: str) -> list[str]:
    """Go to uri and mark its targets; a navigation a click started on the previous page may abort the first try."""
    for attempt in range(3):
        try:
            page.goto(uri)
            break
        except PlaywrightError as error:
            if attempt == 2 or ("ERR_ABORTED" not in str(error) and "interrupted by another navigation" not in str(error)):
                raise
            page.wait_for_load_state()
    page.evaluate(STAY)
    return page.evaluate(MARK, TARGETS)


@pytest.mark.parametrize("shard", range(SHARDS))
def test_no_payload_runs_in_chromium(payload_site, context, guard, shard):
    """Each visible target is focused, then hovered and clicked with the real mouse at its centre."""
    dialogs: list[str] = []
    pwned: list[str] = []
    guard.expect_error("")  # broken payload images (src=x) log load errors; not what is tested
    page = guard.watch(context.new_page())
    page.on("dialog", lambda dialog: (dialogs.append(f"{page.url}: {dialog.message}"), dialog.dismiss()))
    pages = shard_of(sorted(payload_site.rglob("*.html")), shard)
    assert pages
    probed: set[str] = set()
    for path in pages:
        targets = open_page(page, path.as_uri())
        for index, target in enumerate(targets):
            if target in probed:
                continue
            probed.add(target)
            if page.url != path.as_uri():  # the last click left the page (a link, a hash): come back
                open_page(page, path.as_uri())
            try:
                centre = page.evaluate(FOCUS, index)
            except PlaywrightError as error:  # a navigation the last click started has just landed
                if "context was destroyed" not in str(error):
                    raise
                page.wait_for_load_state()
                open_page(page, path.as_uri())
                centre = page.evaluate(FOCUS, index)
            if centre is None:
                continue
            page.mouse.click(*centre)  # moves the mouse there first: hover handlers run too
        page.wait_for_timeout(50)
        if page.evaluate("window.__pwned"):
            pwned.append(str(path))
    assert dialogs == []
    assert pwned == []
