"""Screenshots for review: key pages at desktop and phone widths, light and dark.

Written to screenshots/ at the repository root, or to $SCREENSHOT_DIR. The comparison of our
timeline.html with the TimelineJS page (compare-<width>-<scheme>.png) is kept in the repository.
"""
from __future__ import annotations

import base64
import os
from pathlib import Path

import pytest

from tests.quality.conftest import REPO, BuiltSite

PAGES = {"index": "index.html", "event-map": "events/2019-02-train-to-dong-dang.html",
         "person": "people/kim-jong-un.html"}
WIDTHS = (1280, 375)
SCHEMES = ("light", "dark")


@pytest.mark.browser
def test_writes_screenshots_of_key_pages(site: BuiltSite, browser: object) -> None:
    folder = Path(os.environ.get("SCREENSHOT_DIR") or REPO / "screenshots")
    folder.mkdir(parents=True, exist_ok=True)
    written = []
    for scheme in SCHEMES:
        for width in WIDTHS:
            context = browser.new_context(viewport={"width": width, "height": 800}, color_scheme=scheme,
                                          service_workers="block")
            page = context.new_page()
            for name, path in PAGES.items():
                page.goto(site.url + path, wait_until="load")
                overflow = page.evaluate("document.documentElement.scrollWidth - window.innerWidth")
                assert overflow <= 0, f"{path} at {width} px scrolls sideways by {overflow} px"
                target = folder / f"{name}-{width}-{scheme}.png"
                page.screenshot(path=str(target), full_page=True)
                written.append(target)
            context.close()
    assert all(p.stat().st_size > 0 for p in written) and len(written) == 12


COMPARE = {"ours": "timeline.html", "timelinejs": "timelinejs.html"}


def side_by_side(browser: object, left: bytes, right: bytes, width: int, target: Path) -> None:
    """One image of two screenshots side by side, drawn by the browser itself (no imaging library)."""
    images = "".join(f'<figure><figcaption>{name}</figcaption><img src="data:image/png;base64,'
                     f'{base64.b64encode(data).decode()}" width="{width}"></figure>'
                     for name, data in (("chronicle timeline.html", left), ("TimelineJS", right)))
    context = browser.new_context(viewport={"width": 2 * width + 48, "height": 400})
    page = context.new_page()
    page.set_content(f"<body style='margin:0;display:flex;gap:16px;padding:8px;background:#888;font:14px sans-serif'>"
                     f"{images}</body>".replace("<figure>", "<figure style='margin:0'>"))
    page.screenshot(path=str(target), full_page=True)
    context.close()


@pytest.mark.browser
def test_compares_our_timeline_with_timelinejs_side_by_side(site: BuiltSite, browser: object) -> None:
    folder = Path(os.environ.get("SCREENSHOT_DIR") or REPO / "screenshots")
    folder.mkdir(parents=True, exist_ok=True)
    written = []
    for scheme in SCHEMES:
        for width in WIDTHS:
            context = browser.new_context(viewport={"width": width, "height": 800}, color_scheme=scheme,
                                          service_workers="block")
            page = context.new_page()
            shots = {}
            for name, path in COMPARE.items():
                page.goto(site.url + path, wait_until="load")
                page.wait_for_timeout(600)  # TimelineJS lays out after load
                if name == "ours":
                    # The chart, not the page top: scroll it into view as a reader would.
                    page.locator(".tv-status").scroll_into_view_if_needed()
                    page.evaluate("window.scrollBy(0, document.querySelector('.tv-status').getBoundingClientRect().top - 8)")
                    overflow = page.evaluate("document.documentElement.scrollWidth - window.innerWidth")
                    assert overflow <= 0, f"{path} at {width} px scrolls sideways by {overflow} px"
                shots[name] = page.screenshot()
            context.close()
            target = folder / f"compare-{width}-{scheme}.png"
            side_by_side(browser, shots["ours"], shots["timelinejs"], width, target)
            written.append(target)
    assert len(written) == 4 and all(p.stat().st_size > 0 for p in written)
