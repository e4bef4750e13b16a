"""TimelineJS in headless Chromium, offline: the npm package on the built timeline.json, and
the built timelinejs.html opened from disk with its vendored copy.

Every request that is not file:// is recorded and aborted, and so is every console error;
a test fails if either list is not empty. Without Chromium or tests/node_modules (npm ci in
tests/) the tests skip, except on CI (CI=true), where they fail.
"""
from __future__ import annotations

import html
import json
import os
import subprocess
import sys
from collections.abc import Iterator
from dataclasses import dataclass, field
from pathlib import Path

import pytest

from chronicle.formats.search import script_json
from tests.support import write_tree

pytestmark = pytest.mark.browser

REPO = Path(__file__).resolve().parents[2]
CHROMIUM = Path("/usr/bin/chromium")
CHROMIUM_ARGS = ["--no-sandbox", "--disable-gpu", "--disable-background-networking",
                 "--disable-component-update", "--disable-sync", "--no-first-run"]
NPM_PACKAGE = REPO / "tests" / "node_modules" / "@knight-lab" / "timelinejs"
VENDORED = REPO / "layouts" / "static" / "vendor" / "timelinejs"
LICENSES = {"LICENSE", "js/timeline.js.LICENSE.txt"}

SMALL_SITE = {
    "site.yaml": "title: \"Kings' <Tales> & Trains\"\nlanguage: en\n",
    "eras.yaml": """
        - name: "Caesar's Rome & <Gaul>"
          start: "-0058"
          end: "-0043"
        """,
    "events/gojoseon.md": "---\ntitle: Gojoseon founded\ndate: \"-2332~\"\n---\n",
    "events/caesar.md": "---\ntitle: \"Caesar's death & <the Ides>\"\ndate: \"-0043-03-15\"\n---\n",
    "events/one-bc.md": "---\ntitle: An event in 1 BC\ndate: \"0000\"\n---\n",
    "events/trip.md": "---\ntitle: A trip of two years\ndate: \"1958\"\nend: \"1959\"\n---\n",
}

NPM_PAGE = """<!DOCTYPE html>
<html lang="en">
<head><meta charset="utf-8"><title>TimelineJS from npm</title>
<link rel="stylesheet" href="{dist}/css/timeline.css"></head>
<body>
<div id="timeline-embed" style="width: 1000px; height: 600px"></div>
<script src="{dist}/js/timeline.js"></script>
<script>window.timeline = new TL.Timeline("timeline-embed", {data}, {{font: null}});</script>
</body>
</html>
"""

SLIDES = """() => [...document.querySelectorAll('.tl-slide')].map(slide => [
  slide.querySelector('.tl-headline') ? slide.querySelector('.tl-headline').textContent : '',
  slide.querySelector('.tl-headline-date') ? slide.querySelector('.tl-headline-date').textContent : ''])"""
ERAS = "() => [...document.querySelectorAll('.tl-timeera .tl-headline')].map(e => e.textContent)"
SLIDE_COUNT = "n => document.querySelectorAll('.tl-slide').length === n"


def require(path: Path, fix: str) -> None:
    """Skip without path locally; fail without it on CI."""
    if path.exists():
        return
    message = f"{path} is missing: {fix}"
    if os.environ.get("CI") == "true":
        pytest.fail(message)
    pytest.skip(message)


def build_site(content: Path, output: Path) -> Path:
    """Build content with build.py into output; fail with its messages."""
    command = [sys.executable, "build.py", "--content", str(content), "--output", str(output)]
    result = subprocess.run(command, cwd=REPO, capture_output=True, text=True, check=False)
    assert result.returncode == 0, f"build failed:\n{result.stdout}\n{result.stderr}"
    return output


def read_timeline(site: Path) -> dict:
    """The built timeline.json, parsed."""
    return json.loads((site / "timeline.json").read_text(encoding="utf-8"))


@pytest.fixture(scope="module")
def npm_dist() -> Path:
    """The dist folder of the npm package installed in tests/node_modules."""
    require(NPM_PACKAGE / "dist" / "js" / "timeline.js", "run `npm ci` in tests/")
    return NPM_PACKAGE / "dist"


@pytest.fixture(scope="module")
def browser() -> Iterator[object]:
    """One headless Chromium for this module."""
    require(CHROMIUM, "apt-get install chromium")
    from playwright.sync_api import sync_playwright

    with sync_playwright() as playwright:
        launched = playwright.chromium.launch(executable_path=str(CHROMIUM), args=CHROMIUM_ARGS)
        yield launched
        launched.close()


@pytest.fixture(scope="module")
def real_site(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """The repository's timeline, built."""
    return build_site(REPO / "tests" / "fixtures" / "showcase", tmp_path_factory.mktemp("real") / "site")


@pytest.fixture(scope="module")
def small_site(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """A small timeline with BC dates, a year-only range and an era, built into a folder
    whose path has a space, as any folder a reader copies the site to may."""
    parent = tmp_path_factory.mktemp("small")
    return build_site(write_tree(parent / "content", SMALL_SITE), parent / "sub folder" / "site")


@dataclass
class Guarded:
    """A page whose non-file requests are aborted and recorded, with its console errors."""

    page: object
    requests: list[str] = field(default_factory=list)
    blocked: list[str] = field(default_factory=list)
    errors: list[str] = field(default_factory=list)

    def route(self, route: object) -> None:
        """Let file:// through; abort and record anything else."""
        url = route.request.url
        self.requests.append(url)
        if url.startswith("file://"):
            route.continue_()
        else:
            self.blocked.append(url)
            route.abort()

    def check(self) -> None:
        """Fail on network requests or console errors."""
        assert not self.blocked, f"requests other than file://: {self.blocked}"
        assert not self.errors, f"console errors: {self.errors}"


@pytest.fixture
def guarded(browser: object) -> Iterator[Guarded]:
    """A fresh guarded page; checked when the test ends."""
    context = browser.new_context(viewport={"width": 1200, "height": 900}, service_workers="block")
    context.set_default_timeout(15_000)
    guarded = Guarded(context.new_page())
    context.route("**/*", guarded.route)
    guarded.page.on("console", lambda m: m.type == "error" and guarded.errors.append(m.text))
    guarded.page.on("pageerror", lambda error: guarded.errors.append(str(error)))
    yield guarded
    context.close()
    guarded.check()


def open_with_npm_timelinejs(guarded: Guarded, npm_dist: Path, site: Path, folder: Path) -> dict:
    """Write a page that shows site's timeline.json with the npm package; open it; return the data."""
    data = read_timeline(site)
    page_file = folder / "npm-timelinejs.html"
    page_file.write_text(NPM_PAGE.format(dist=npm_dist.as_uri(), data=script_json(data)), encoding="utf-8")
    guarded.page.goto(page_file.as_uri())
    guarded.page.wait_for_function("() => window.timeline && window.timeline.ready")
    return data


@pytest.mark.parametrize("site_name", ["real_site", "small_site"])
def test_npm_timelinejs_shows_one_slide_per_event_and_a_title(
        guarded: Guarded, npm_dist: Path, site_name: str, request: pytest.FixtureRequest,
        tmp_path: Path) -> None:
    site = request.getfixturevalue(site_name)
    data = open_with_npm_timelinejs(guarded, npm_dist, site, tmp_path)
    page = guarded.page
    expected = len(data["events"]) + 1
    assert page.evaluate("timeline.config.events.length + (timeline.config.title ? 1 : 0)") == expected
    page.wait_for_function(SLIDE_COUNT, arg=expected)
    assert page.locator(".tl-timemarker").count() == len(data["events"])
    assert page.locator(".tl-timeera").count() == len(data.get("eras", []))


def test_npm_timelinejs_shows_bc_years_year_only_dates_and_eras_as_we_mean_them(
        guarded: Guarded, npm_dist: Path, small_site: Path, tmp_path: Path) -> None:
    open_with_npm_timelinejs(guarded, npm_dist, small_site, tmp_path)
    assert guarded.page.evaluate(SLIDES) == [
        ["Kings' <Tales> & Trains", ""],
        ["Gojoseon founded", "c. 2333 BC"],  # display_date: TimelineJS has no "about"
        ["Caesar's death & <the Ides>", "March 15, 44 BCE"],  # ISO -0043 is 44 BC
        ["An event in 1 BC", "1 BCE"],  # ISO 0000 is 1 BC
        ["A trip of two years", "1958 — 1959"],  # year-only: no invented month or day
    ]
    assert guarded.page.evaluate(ERAS) == ["Caesar's Rome & <Gaul>"]


def test_timeline_page_shows_timeline_json_from_disk_with_the_vendored_copy(
        guarded: Guarded, real_site: Path) -> None:
    data = read_timeline(real_site)
    page = guarded.page
    page.goto((real_site / "timelinejs.html").as_uri())
    assert page.evaluate("JSON.parse(document.getElementById('timeline-data').textContent)") == data
    page.wait_for_function(SLIDE_COUNT, arg=len(data["events"]) + 1)
    assert page.locator("#timeline-embed .tl-timemarker").count() == len(data["events"])
    assert page.evaluate(ERAS) == [html.unescape(era["text"]["headline"]) for era in data["eras"]]
    page.evaluate("document.fonts.ready.then(() => true)")
    vendor = (real_site / "assets" / "vendor" / "timelinejs").as_uri() + "/"
    loaded = {url.removeprefix(vendor) for url in guarded.requests if url.startswith(vendor)}
    shipped = {p.relative_to(VENDORED).as_posix() for p in VENDORED.rglob("*") if p.is_file()}
    assert loaded == shipped - LICENSES, "vendored files and the files TimelineJS loads differ"


def test_timeline_page_names_slides_with_apostrophes_not_entities(
        guarded: Guarded, small_site: Path) -> None:
    page = guarded.page
    page.goto((small_site / "timelinejs.html").as_uri())
    page.wait_for_function(SLIDE_COUNT, arg=5)
    page.locator(".tl-slidenav-next").first.click()
    previous = page.locator(".tl-slidenav-previous").first
    page.wait_for_function("e => /Kings/.test(e.getAttribute('aria-label'))", arg=previous.element_handle())
    # TimelineJS copies the title slide's headline HTML into this label as it is.
    label = previous.get_attribute("aria-label")
    assert "Kings' " in label and "&#x27;" not in label, label


def test_vendored_files_are_the_npm_package_files(npm_dist: Path) -> None:
    for path in VENDORED.rglob("*"):
        rel = path.relative_to(VENDORED).as_posix()
        source = NPM_PACKAGE / rel if rel == "LICENSE" else npm_dist / rel
        if path.is_file():
            assert path.read_bytes() == source.read_bytes(), f"{rel} differs from {source}"


def test_timeline_page_speaks_the_site_language_from_disk(guarded: Guarded, tmp_path: Path) -> None:
    content = write_tree(tmp_path / "content", {
        "site.yaml": "title: 연표\nlanguage: ko\n",
        "events/visit.md": "---\ntitle: 하노이 방문\ndate: \"1958-11-28\"\n---\n",
        "events/return.md": "---\ntitle: 귀국\ndate: \"1960-01-02\"\n---\n"})
    site = build_site(content, tmp_path / "site")
    page = guarded.page
    page.goto((site / "timelinejs.html").as_uri())
    page.wait_for_function(SLIDE_COUNT, arg=3)
    axis = page.locator("#timeline-embed .tl-timeaxis").inner_text().split()
    # TimelineJS's Korean locale names the months on its time axis 01..12; English says Jan..Dec.
    assert "11" in axis and "01" in axis and not {"Nov", "Jan", "November", "January"} & set(axis), axis
