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
CAPTIONS = {"ours": "chronicle timeline.html", "timelinejs": "TimelineJS", "vis": "vis-timeline (editorial)"}
VIS = REPO / "tests" / "node_modules" / "vis-timeline" / "standalone" / "umd" / "vis-timeline-graph2d.min.js"
# The same showcase events in vis-timeline, one group per first person named, as an editorial desk would set it.
VIS_PAGE = """<!DOCTYPE html><html><head><meta charset="utf-8"><style>
body { margin: 0; padding: 12px; font: 14px system-ui, sans-serif; }
@media (prefers-color-scheme: dark) {
  body { background: #161614; color: #ecebe6; }
  .vis-timeline, .vis-panel, .vis-labelset .vis-label { border-color: #3b3a36 !important; color: #ecebe6; }
  .vis-time-axis .vis-text, .vis-labelset .vis-label { color: #ecebe6; }
  .vis-item.vis-box, .vis-item.vis-range { background: #2c2b27 !important; border-color: #f0a07e !important;
    color: #ecebe6 !important; }
}
</style></head><body><h1 style="font-size:20px">Rails and Summits</h1><div id="vis"></div></body></html>"""
VIS_DRAW = """data => {
  const at = d => new Date(d * 864e5);  // the page gives day numbers: days since 1970-01-01
  const lanes = data.facets.people;
  const items = data.events.map((e, i) => ({ id: i, content: e.t, start: at(e.s),
    end: e.e != null && e.k !== 'p' ? at(e.e) : undefined, type: e.e != null && e.k !== 'p' ? 'range' : 'box',
    group: (e.l.people || [lanes.length - 1])[0] }));
  const groups = lanes.map((lane, i) => ({ id: i, content: lane.name }));
  const first = Math.min(...items.map(i => +i.start)), last = Math.max(...items.map(i => +(i.end || i.start)));
  const pad = (last - first) * 0.03;
  window.visView = new vis.Timeline(document.getElementById('vis'), items, groups,
    { stack: true, zoomMin: 864e5, orientation: 'top', margin: { item: 6 },
      start: new Date(first - pad), end: new Date(last + pad) });
}"""


def side_by_side(browser: object, shots: dict[str, bytes], width: int, target: Path) -> None:
    """One image of the screenshots side by side, drawn by the browser itself (no imaging library).

    Wide shots are shown at half size so the committed comparison stays small.
    """
    shown = width if width < 640 else width // 2
    images = "".join(f'<figure><figcaption>{CAPTIONS[name]}</figcaption><img src="data:image/png;base64,'
                     f'{base64.b64encode(data).decode()}" width="{shown}"></figure>' for name, data in shots.items())
    context = browser.new_context(viewport={"width": len(shots) * (shown + 16) + 16, "height": 400})
    page = context.new_page()
    page.set_content(f"<body style='margin:0;display:flex;gap:16px;padding:8px;background:#888;font:14px sans-serif'>"
                     f"{images}</body>".replace("<figure>", "<figure style='margin:0'>"))
    page.screenshot(path=str(target), full_page=True)
    context.close()


def vis_timeline_shot(context: object, site: BuiltSite) -> bytes:
    """The showcase in vis-timeline, loaded from tests/node_modules (never a CDN), from our page's own data."""
    if not VIS.exists():
        pytest.skip("vis-timeline not installed: npm ci --prefix tests")
    page = context.new_page()
    page.goto(site.url + "timeline.html", wait_until="load")
    data = page.evaluate("JSON.parse(document.getElementById('tv-data').textContent)")
    page.goto("about:blank")  # a document of its own: our pages' CSP forbids the inline vis-timeline script
    page.set_content(VIS_PAGE)
    page.add_script_tag(path=str(VIS))
    page.evaluate(VIS_DRAW, data)
    page.wait_for_selector(".vis-item")
    page.wait_for_timeout(300)
    shot = page.screenshot()
    page.close()
    return shot


@pytest.mark.browser
def test_compares_our_timeline_with_timelinejs_and_vis_timeline(site: BuiltSite, browser: object) -> None:
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
            shots["vis"] = vis_timeline_shot(context, site)
            context.close()
            target = folder / f"compare-{width}-{scheme}.png"
            side_by_side(browser, shots, width, target)
            written.append(target)
    assert len(written) == 4 and all(0 < p.stat().st_size < 400_000 for p in written)
