"""Screenshots for review: key pages at desktop and phone widths, light and dark.

Written to screenshots/ at the repository root (git-ignored), or to $SCREENSHOT_DIR.
"""
from __future__ import annotations

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
