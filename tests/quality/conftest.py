"""Fixtures for the page-quality gates: the real timeline built and served on loopback, Chromium, tools.

The site is built once with its base URL set to the loopback server, so the
404 page's root-relative links resolve and canonical links name the pages Lighthouse reads
(Lighthouse 13 accepts a canonical on another host, so this is not needed for its score).
Fixtures are package-scoped: Chromium and the server stop when tests/quality is done, so
other packages can start their own Playwright. A missing tool (Chromium, Java, the npm
tools in tests/node_modules) skips its tests locally and fails them with CI=true.
"""
from __future__ import annotations

import functools
import os
import subprocess
import sys
import threading
from collections.abc import Iterator
from dataclasses import dataclass
from http.server import SimpleHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path

import pytest

REPO = Path(__file__).resolve().parents[2]
SHOWCASE = REPO / "tests" / "fixtures" / "showcase"  # not content/: see tests/support.py
NODE_MODULES = REPO / "tests" / "node_modules"
CHROMIUM = Path(os.environ.get("CHROMIUM", "/usr/bin/chromium"))
JAVA = Path(os.environ.get("JAVA", "/usr/bin/java"))
CHROMIUM_ARGS = ["--no-sandbox", "--disable-gpu", "--disable-background-networking",
                 "--disable-component-update", "--disable-sync", "--no-first-run",
                 "--disable-dev-shm-usage"]


def require(path: Path, fix: str) -> Path:
    """Path if it exists; otherwise skip the test locally, or fail it on CI."""
    if path.exists():
        return path
    message = f"{path} is missing: {fix}"
    if os.environ.get("CI") == "true":
        pytest.fail(message)
    pytest.skip(message)


def node_tool(relative: str) -> Path:
    """A file of the pinned npm test tools."""
    return require(NODE_MODULES / relative, "run `cd tests && npm ci`")


class QuietHandler(SimpleHTTPRequestHandler):
    """Serves a folder without logging every request."""

    def log_message(self, format: str, *args: object) -> None:
        """Keep test output quiet."""


class QuietServer(ThreadingHTTPServer):
    """A threaded server that does not print a traceback when a browser drops a connection."""

    daemon_threads = True

    def handle_error(self, request: object, client_address: object) -> None:
        """Ignore aborted requests (a page closed mid-load)."""


@dataclass(frozen=True)
class BuiltSite:
    """The built timeline: its folder and the loopback URL it is served at (ends with /)."""

    path: Path
    url: str

    def pages(self) -> list[str]:
        """Every HTML page, as paths relative to the site root, sorted."""
        return sorted(p.relative_to(self.path).as_posix() for p in self.path.rglob("*.html"))

    def read(self, relative: str) -> str:
        """One built file as text."""
        return (self.path / relative).read_text(encoding="utf-8")


@pytest.fixture(scope="package")
def site(tmp_path_factory: pytest.TempPathFactory) -> Iterator[BuiltSite]:
    """The showcase timeline (tests/fixtures/showcase), built with build.py and served from 127.0.0.1 on a free port."""
    folder = tmp_path_factory.mktemp("quality") / "site"
    handler = functools.partial(QuietHandler, directory=str(folder))
    server = QuietServer(("127.0.0.1", 0), handler)
    url = f"http://127.0.0.1:{server.server_address[1]}/"
    command = [sys.executable, "build.py", "--content", str(SHOWCASE), "--output", str(folder), "--base-url", url]
    result = subprocess.run(command, cwd=REPO, capture_output=True, text=True, check=False)
    if result.returncode != 0:
        server.server_close()
        pytest.fail(f"build failed ({result.returncode}):\n{result.stdout}\n{result.stderr}")
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    try:
        yield BuiltSite(folder, url)
    finally:
        server.shutdown()
        server.server_close()
        thread.join()


@pytest.fixture(scope="package")
def browser() -> Iterator[object]:
    """One headless Debian Chromium for the quality tests."""
    chromium = require(CHROMIUM, "apt-get install chromium")
    from playwright.sync_api import sync_playwright

    with sync_playwright() as playwright:
        launched = playwright.chromium.launch(executable_path=str(chromium), args=CHROMIUM_ARGS)
        yield launched
        launched.close()


@pytest.fixture(scope="package")
def java() -> Path:
    """A Java runtime for the Nu HTML Checker."""
    return require(JAVA, "apt-get install default-jre-headless")
