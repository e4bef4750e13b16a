"""`serve` shows build errors in the browser as an overlay, and clears it on the next good build."""
from __future__ import annotations

import contextlib
import socket
import subprocess
import sys
import time
import urllib.request
from collections.abc import Iterator
from pathlib import Path

import pytest

from chronicle.serve.overlay import OVERLAY_ID, with_overlay
from tests.support import MINIMAL_SITE, ROOT, write_tree

GOOD = "---\ntitle: Summit\ndate: 2019-02-27\n---\nText.\n"
BROKEN = "---\ntitle: Summit\ndate: 2019-02-30\n---\nText.\n"
ERROR = ("content/events/a.md:3: date: invalid date '2019-02-30': day 30 does not exist in "
         "February 2019")


def _free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


def _get(url: str) -> str:
    deadline = time.monotonic() + 20
    while True:
        try:
            with urllib.request.urlopen(url, timeout=2) as response:
                return response.read().decode("utf-8")
        except OSError:
            if time.monotonic() > deadline:
                raise
            time.sleep(0.2)


def _until(check, seconds: float = 20) -> None:
    deadline = time.monotonic() + seconds
    while not check():
        assert time.monotonic() < deadline, "timed out"
        time.sleep(0.3)


@contextlib.contextmanager
def serving(tmp_path: Path) -> Iterator[tuple[str, Path]]:
    """A `serve` process on a small site in tmp_path; yields its URL and the event file."""
    write_tree(tmp_path / "content", {"site.yaml": MINIMAL_SITE, "events/a.md": GOOD})
    port = _free_port()
    server = subprocess.Popen(
        [sys.executable, str(ROOT / "build.py"), "serve", "--content", "content", "--output", "site",
         "--layouts", str(ROOT / "layouts"), "--port", str(port)],
        cwd=tmp_path, stdout=subprocess.PIPE, stderr=subprocess.STDOUT, text=True)
    try:
        _get(f"http://127.0.0.1:{port}/index.html")
        _until(lambda: (tmp_path / "site/index.html").exists())  # site/ is written in the background
        yield f"http://127.0.0.1:{port}/", tmp_path / "content/events/a.md"
    finally:
        server.terminate()
        server.wait(timeout=10)


def test_overlay_lists_errors_and_goes_away_after_a_good_build(tmp_path):
    with serving(tmp_path) as (url, source):
        assert OVERLAY_ID not in _get(url + "events/a.html")
        good_site = (tmp_path / "site/events/a.html").read_bytes()
        source.write_text(BROKEN)
        _until(lambda: OVERLAY_ID in _get(url + "events/a.html"))
        page = _get(url + "events/a.html")
        assert f"<li>{ERROR.replace(chr(39), '&#39;')}</li>" in page
        assert "<h1>Summit</h1>" in page  # the last good page stays under the overlay
        assert OVERLAY_ID in _get(url)  # every page, folder URLs too
        assert (tmp_path / "site/events/a.html").read_bytes() == good_site  # never written into site/
        source.write_text(GOOD.replace("Summit", "Summit, fixed"))
        _until(lambda: OVERLAY_ID not in _get(url + "events/a.html"))
        assert "<h1>Summit, fixed</h1>" in _get(url + "events/a.html")


def test_assets_are_served_unchanged_while_the_build_is_broken(tmp_path):
    with serving(tmp_path) as (url, source):
        css = _get(url + "assets/style.css")
        source.write_text(BROKEN)
        _until(lambda: OVERLAY_ID in _get(url + "index.html"))
        assert _get(url + "assets/style.css") == css


def test_serve_replaces_the_offline_worker_so_reloads_reach_the_server(tmp_path):
    with serving(tmp_path) as (url, _):
        worker = _get(url + "sw.js")
        assert "no offline cache while serving" in worker and "respondWith" not in worker
        assert "respondWith" in (tmp_path / "site/sw.js").read_text()  # the built site keeps its own


def test_overlay_escapes_messages_and_goes_before_body_end():
    page = with_overlay(b"<html><body><p>x</p></body></html>", ["a.md:1: bad <script>"])
    assert page.endswith(b"</div></body></html>")
    assert b"<li>a.md:1: bad &lt;script&gt;</li>" in page


@pytest.mark.browser
def test_browser_shows_the_overlay_and_clears_it_without_a_manual_reload(tmp_path):
    from tests.browser.conftest import CHROMIUM, CHROMIUM_ARGS
    if not CHROMIUM.exists():
        pytest.skip(f"Chromium not installed at {CHROMIUM}")
    from playwright.sync_api import sync_playwright

    with serving(tmp_path) as (url, source), sync_playwright() as playwright:
        browser = playwright.chromium.launch(executable_path=str(CHROMIUM), args=CHROMIUM_ARGS)
        page = browser.new_page()
        page.goto(url + "events/a.html")
        page.wait_for_function("() => window.LiveReload !== undefined", timeout=10_000)
        time.sleep(3.5)  # livereload rebuilds but does not reload pages within 3 s of its last reload
        source.write_text(BROKEN)
        overlay = page.wait_for_selector(f"#{OVERLAY_ID}", timeout=20_000)
        assert ERROR in overlay.inner_text()
        assert overlay.get_attribute("role") == "alert"
        time.sleep(3.5)
        source.write_text(GOOD.replace("Summit", "Summit, fixed"))
        page.wait_for_selector(f"#{OVERLAY_ID}", state="detached", timeout=20_000)
        assert page.inner_text("h1") == "Summit, fixed"
        browser.close()


def test_serve_leaves_out_the_pages_policy_so_live_reload_can_run(tmp_path):
    with serving(tmp_path) as (url, _):
        assert "Content-Security-Policy" not in _get(url + "events/a.html")
        assert "Content-Security-Policy" in (tmp_path / "site/events/a.html").read_text()  # site/ keeps it
