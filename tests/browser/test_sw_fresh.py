"""The offline worker never shows a stale page: a reload after a deploy shows the new build."""
from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

import pytest

from tests.browser.conftest import Server

pytestmark = pytest.mark.browser

READY = "navigator.serviceWorker.ready.then(() => navigator.serviceWorker.controller !== null)"


def _install(page: object, url: str) -> None:
    page.goto(url)
    page.evaluate("navigator.serviceWorker.ready.then(() => true)")
    page.reload()
    assert page.evaluate(READY), "the service worker does not control the page"


def _deploy(build: Callable[..., Path], site: Path, content: Path, base_url: str, sentence: str) -> Path:
    """Change the first event's body and rebuild into the folder being served."""
    event = sorted((content / "events").glob("*.md"))[0]
    event.write_text(event.read_text(encoding="utf-8") + f"\n{sentence}\n", encoding="utf-8")
    build(site, "--content", str(content), "--base-url", base_url)
    return event


def test_a_reload_after_a_deploy_shows_the_new_page(
        new_context: Callable[..., object], build: Callable[..., Path], serve: Callable[[Path], Server],
        content_copy: Path, tmp_path: Path, served_site: Server) -> None:
    base_url = served_site.base_url
    site = build(tmp_path / "www" / "repo-name", "--content", str(content_copy), "--base-url", base_url)
    server = serve(tmp_path / "www")
    context = new_context(service_workers="allow")
    page = context.new_page()
    event = sorted((content_copy / "events").glob("*.md"))[0]
    url = f"{server.root}events/{event.stem}.html"
    _install(page, url)
    _deploy(build, site, content_copy, base_url, "A sentence from the new deploy.")
    page.reload()
    assert "A sentence from the new deploy." in page.locator("main").inner_text()
    page.goto(server.root)  # another page, then back: still the new build, never the old cache
    page.goto(url)
    assert "A sentence from the new deploy." in page.locator("main").inner_text()


def test_offline_a_page_shows_the_newest_copy_seen(
        new_context: Callable[..., object], build: Callable[..., Path], serve: Callable[[Path], Server],
        content_copy: Path, tmp_path: Path, served_site: Server) -> None:
    base_url = served_site.base_url
    site = build(tmp_path / "www" / "repo-name", "--content", str(content_copy), "--base-url", base_url)
    server = serve(tmp_path / "www")
    context = new_context(service_workers="allow")
    page = context.new_page()
    event = sorted((content_copy / "events").glob("*.md"))[0]
    url = f"{server.root}events/{event.stem}.html"
    _install(page, url)
    _deploy(build, site, content_copy, base_url, "Seen online before going offline.")
    page.reload()
    context.set_offline(True)
    page.goto(server.root)
    page.goto(url)
    assert "Seen online before going offline." in page.locator("main").inner_text()
