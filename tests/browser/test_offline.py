"""Offline reading: the service worker precaches the site and serves it without a network."""
from __future__ import annotations

import re
from collections.abc import Callable
from pathlib import Path
from typing import TYPE_CHECKING

import pytest

if TYPE_CHECKING:
    from conftest import Server

pytestmark = pytest.mark.browser

CONTROLLED = """async () => {
  await navigator.serviceWorker.ready;
  return navigator.serviceWorker.controller !== null;
}"""
CACHES = "async () => (await caches.keys()).sort()"


def sw_version(site: Path) -> str:
    """The cache version written into a built sw.js."""
    return re.search(r'var VERSION = "([0-9a-f]+)";', (site / "sw.js").read_text()).group(1)


def never_visited(site: Path, kind: str) -> str:
    """The path of the last page of a kind, one the test has not opened."""
    return f"{kind}/{sorted((site / kind).glob('*.html'))[-1].name}"


def install(page: object, server: Server) -> None:
    """Open the home page, wait until the worker is active, and reload under its control."""
    page.goto(server.root)
    page.evaluate("navigator.serviceWorker.ready.then(() => true)")
    page.reload()
    assert page.evaluate(CONTROLLED), "the service worker does not control the page"


@pytest.fixture
def sw_context(new_context: Callable[..., object]) -> object:
    """A guarded context in which service workers run."""
    return new_context(service_workers="allow")


def test_pages_never_visited_render_offline(
        sw_context: object, served_site: Server, assert_styled: Callable[[object], None]) -> None:
    page = sw_context.new_page()
    install(page, served_site)
    sw_context.set_offline(True)
    page.reload()
    assert page.locator("main h1").first.is_visible()
    for kind in ("events", "people", "places"):
        path = never_visited(served_site.site, kind)
        page.goto(served_site.root + path)
        assert page.locator("main h1").first.inner_text().strip(), f"{path} is empty offline"
        assert_styled(page)


def test_search_and_unknown_pages_work_offline(sw_context: object, served_site: Server) -> None:
    page = sw_context.new_page()
    install(page, served_site)
    sw_context.set_offline(True)
    page.goto(f"{served_site.root}search.html?q=ha+noi")
    page.wait_for_selector("#search-results a[href='places/hanoi.html']")
    page.goto(f"{served_site.root}no/such/page.html")
    assert "not found" in page.locator("main h1").inner_text().lower()


def test_worker_precaches_under_this_sites_scope_and_version(
        sw_context: object, served_site: Server) -> None:
    page = sw_context.new_page()
    install(page, served_site)
    version = sw_version(served_site.site)
    assert page.evaluate(CACHES) == [f"chronicle:{served_site.root}:{version}"]


def test_new_build_replaces_the_worker_and_its_cache(
        sw_context: object, build: Callable[..., Path], serve: Callable[[Path], Server],
        content_copy: Path, tmp_path: Path, served_site: Server) -> None:
    server_base_url = served_site.base_url
    options = ("--content", str(content_copy), "--base-url", server_base_url)
    site = build(tmp_path / "www" / "repo-name", *options)
    server = serve(tmp_path / "www")
    page = sw_context.new_page()
    install(page, server)
    old = sw_version(site)
    event = sorted((content_copy / "events").glob("*.md"))[0]
    event.write_text(event.read_text(encoding="utf-8") + "\nA sentence added later.\n",
                     encoding="utf-8")
    build(site, *options)
    new = sw_version(site)
    assert new != old
    page.evaluate("navigator.serviceWorker.getRegistration().then(r => r.update())")
    wanted = [f"chronicle:{server.root}:{new}"]
    for _ in range(100):  # wait_for_function does not await promises: poll
        if page.evaluate(CACHES) == wanted:
            break
        page.wait_for_timeout(100)
    assert page.evaluate(CACHES) == wanted, "the new worker did not replace the old cache"
    sw_context.set_offline(True)
    page.goto(f"{server.root}events/{event.stem}.html")
    assert "A sentence added later." in page.locator("main").inner_text()
