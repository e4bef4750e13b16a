"""The Content-Security-Policy every page carries, in Chromium: from disk and over http, every
kind of page works under it (search, the timeline view, maps, TimelineJS, the service worker)
and the browser reports no violation (issue 18, point 1)."""
from __future__ import annotations

from collections.abc import Callable
from pathlib import Path
from typing import TYPE_CHECKING

import pytest

if TYPE_CHECKING:
    from conftest import Guard, Server

pytestmark = pytest.mark.browser

# Playwright's init scripts run outside the page's policy, so this listener sees every report.
RECORD_VIOLATIONS = """
window.__violations = [];
document.addEventListener("securitypolicyviolation", event => window.__violations.push(
  `${event.violatedDirective} blocked ${event.blockedURI || "inline"} (${event.sourceFile}:${event.lineNumber})`));
"""
POLICY = "meta[http-equiv='Content-Security-Policy']"


def first(site: Path, kind: str, containing: str = "") -> str:
    """The first page of a kind (by name) whose HTML contains the text."""
    for path in sorted((site / kind).glob("*.html")):
        if path.name != "index.html" and containing in path.read_text(encoding="utf-8"):
            return f"{kind}/{path.name}"
    raise AssertionError(f"no {kind} page contains {containing!r}")


def page_kinds(site: Path) -> dict[str, tuple[str, str]]:
    """{kind: (path, selector that shows the page's script ran)}; '' where a page has no script."""
    return {
        "index": ("index.html", ""),
        "event with a journey map": (first(site, "events", "data-journey"), "button.journey-next"),
        "person": (first(site, "people"), ""),
        "place": (first(site, "places"), ""),
        "tag": (first(site, "tags"), ""),
        "year": (first(site, "years"), ""),
        "people index": ("people/index.html", ""),
        "search": ("search.html?q=hanoi", "#search-results a"),
        "timeline view": ("timeline.html", ".tv-svg a.tv-mark"),
        "TimelineJS": ("timelinejs.html", ".tl-timeline"),
        "not found": ("404.html", ""),
    }


@pytest.fixture
def csp_page(new_context: Callable[..., object], guard: Guard) -> object:
    """A watched page (console errors fail the test) that records policy violations."""
    context = new_context(service_workers="block")
    context.add_init_script(RECORD_VIOLATIONS)
    guard.expect_error("404")  # the 404 page's own status, over http
    return guard.watch(context.new_page())


def visit(page: object, url: str, ready: str) -> None:
    """Open url, wait for its script's work to show, and check the policy held without a report."""
    page.goto(url)
    page.wait_for_load_state("load")
    if ready:
        page.wait_for_selector(ready, state="attached")
    assert page.locator(POLICY).count() == 1, f"{url} has no Content-Security-Policy"
    page.wait_for_timeout(100)  # reports are dispatched as tasks
    assert page.evaluate("window.__violations") == [], url


@pytest.mark.parametrize("kind", ["index", "event with a journey map", "person", "place", "tag", "year",
                                  "people index", "search", "timeline view", "TimelineJS", "not found"])
def test_every_page_kind_works_from_disk_without_a_violation(csp_page: object, file_site: Path, kind: str) -> None:
    path, ready = page_kinds(file_site)[kind]
    visit(csp_page, (file_site / path.split("?")[0]).as_uri() + path[len(path.split("?")[0]):], ready)


@pytest.mark.parametrize("kind", ["index", "event with a journey map", "search", "timeline view", "TimelineJS"])
def test_every_scripted_page_works_over_http_without_a_violation(
        csp_page: object, served_site: Server, kind: str) -> None:
    path, ready = page_kinds(served_site.site)[kind]
    visit(csp_page, served_site.root + path, ready)


def test_the_service_worker_registers_under_the_policy(
        new_context: Callable[..., object], served_site: Server) -> None:
    context = new_context(service_workers="allow")
    context.add_init_script(RECORD_VIOLATIONS)
    page = context.new_page()
    page.goto(served_site.root)
    page.evaluate("navigator.serviceWorker.ready.then(() => true)")
    page.reload()
    assert page.evaluate("navigator.serviceWorker.controller !== null")
    assert page.evaluate("window.__violations") == []


def test_the_policy_blocks_inline_script_and_plugins(csp_page: object, guard: Guard, file_site: Path) -> None:
    guard.expect_error("Content Security Policy")  # the refusals below are what is tested
    guard.expect_error("ERR_FILE_NOT_FOUND")  # the missing image whose onerror must not run
    csp_page.goto((file_site / "index.html").as_uri())
    csp_page.evaluate("""() => {
      const script = document.createElement("script");
      script.textContent = "window.__ran = 1";
      document.body.append(script);
      document.body.insertAdjacentHTML("beforeend", '<object data="x.swf"></object><img src=x onerror="window.__ran=2">');
    }""")
    csp_page.wait_for_timeout(200)
    assert csp_page.evaluate("window.__ran") is None
    blocked = " ".join(csp_page.evaluate("window.__violations"))
    assert "script-src" in blocked and "object-src" in blocked
