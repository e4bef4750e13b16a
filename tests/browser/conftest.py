"""Fixtures for real-browser tests: Debian Chromium via Playwright, builds, a local server.

Every page opened through `guarded` may only load file:// URLs or URLs on this machine;
anything else is blocked and recorded, and so is every console error. The test fails
if either list is not empty when it ends.
"""
from __future__ import annotations

import contextlib
import functools
import os
import shutil
import subprocess
import sys
import threading
from collections.abc import Callable, Iterator
from dataclasses import dataclass, field
from http.server import SimpleHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path
from urllib.parse import urlsplit

import pytest

REPO = Path(__file__).resolve().parents[2]
SHOWCASE = REPO / "tests" / "fixtures" / "showcase"  # not content/: see tests/support.py
CHROMIUM = Path(os.environ.get("CHROMIUM", "/usr/bin/chromium"))
CHROMIUM_ARGS = ["--no-sandbox", "--disable-gpu", "--disable-background-networking",
                 "--disable-component-update", "--disable-sync", "--no-first-run",
                 "--disable-dev-shm-usage"]
LOCAL_HOSTS = {"127.0.0.1", "localhost", "::1"}
REPO_NAME = "repo-name"
BASE_URL = f"https://example.github.io/{REPO_NAME}/"


def pytest_configure(config: pytest.Config) -> None:
    """Register the marker so `-m "not browser"` deselects these tests."""
    config.addinivalue_line("markers", "browser: needs Chromium (apt-get install chromium)")


def build_site(output: Path, *options: str) -> Path:
    """Build the showcase content with build.py into output; fail with its messages."""
    command = [sys.executable, "build.py", "--content", str(SHOWCASE), "--output", str(output), *options]
    result = subprocess.run(command, cwd=REPO, capture_output=True, text=True, check=False)
    if result.returncode != 0:
        pytest.fail(f"build failed ({result.returncode}):\n{result.stdout}\n{result.stderr}")
    return output


@pytest.fixture(scope="session")
def chromium_path() -> Path:
    """Debian's Chromium: skip without it locally, fail without it on CI."""
    if CHROMIUM.exists():
        return CHROMIUM
    message = f"Chromium not installed at {CHROMIUM}: apt-get install chromium"
    if os.environ.get("CI", "").lower() == "true":
        pytest.fail(message)
    pytest.skip(message)


@pytest.fixture(scope="package")
def browser(chromium_path: Path) -> Iterator[object]:
    """One headless Chromium for this package.

    Package scope: Playwright's sync API allows one running instance per thread, so it must
    stop before another test package (tests/quality) starts its own.
    """
    from playwright.sync_api import sync_playwright

    with sync_playwright() as playwright:
        launched = playwright.chromium.launch(executable_path=str(chromium_path),
                                              args=CHROMIUM_ARGS)
        yield launched
        launched.close()


@dataclass
class Guard:
    """What a browser context tried that a static, self-contained site must not do."""

    blocked: list[str] = field(default_factory=list)
    errors: list[str] = field(default_factory=list)
    watched: set[int] = field(default_factory=set)
    expected: list[str] = field(default_factory=list)

    def expect_error(self, text: str) -> None:
        """Accept console errors containing text (e.g. the 404 status of a 404 page)."""
        self.expected.append(text)

    def record_error(self, text: str) -> None:
        """Keep a console error unless a test said to expect it."""
        if not any(part in text for part in self.expected):
            self.errors.append(text)

    def route(self, route: object) -> None:
        """Let local requests through; block and record the rest."""
        url = route.request.url
        parts = urlsplit(url)
        if parts.scheme in ("file", "data", "blob") or parts.hostname in LOCAL_HOSTS:
            route.continue_()
        else:
            self.blocked.append(url)
            route.abort()

    def watch(self, page: object) -> object:
        """Record console errors and uncaught exceptions of a page (once per page)."""
        if id(page) in self.watched:
            return page
        self.watched.add(id(page))
        page.on("console", lambda message: message.type == "error" and self.record_error(
            f"{page.url}: {message.text}"))
        page.on("pageerror", lambda error: self.record_error(f"{page.url}: {error}"))
        return page

    def check(self) -> None:
        """Fail when anything was blocked or logged as an error."""
        assert not self.blocked, f"requests to other hosts: {self.blocked}"
        assert not self.errors, f"console errors: {self.errors}"


@pytest.fixture
def guard() -> Guard:
    """A fresh record of blocked requests and console errors."""
    return Guard()


@pytest.fixture
def new_context(browser: object, guard: Guard) -> Iterator[Callable[..., object]]:
    """Make guarded browser contexts (Playwright options allowed); close and check them after."""
    made = []

    def make(**options: object) -> object:
        ctx = browser.new_context(**options)
        ctx.set_default_timeout(10_000)
        ctx.route("**/*", guard.route)
        ctx.on("page", guard.watch)
        made.append(ctx)
        return ctx

    yield make
    for ctx in made:
        ctx.close()
    guard.check()


@pytest.fixture
def context(new_context: Callable[..., object]) -> object:
    """A fresh guarded context with service workers blocked: the network is what is tested."""
    return new_context(service_workers="block")


@pytest.fixture
def page(context: object, guard: Guard) -> object:
    """A watched page in the guarded context."""
    return guard.watch(context.new_page())


STYLE_FINGERPRINT = """() => {
  const s = getComputedStyle(document.body);
  return [s.fontFamily, s.margin, s.color, s.backgroundColor, s.lineHeight, s.maxWidth].join('|');
}"""


@pytest.fixture(scope="package")
def assert_styled(browser: object) -> Callable[[object], None]:
    """A check that a page's stylesheets loaded and changed how its body looks."""
    blank = browser.new_page()
    blank.set_content("<!DOCTYPE html><html><body><p>x</p></body></html>")
    unstyled = blank.evaluate(STYLE_FINGERPRINT)
    blank.close()

    def check(page: object) -> None:
        sheets = page.evaluate("[...document.querySelectorAll('link[rel=stylesheet]')]"
                               ".map(link => link.sheet !== null)")
        assert sheets and all(sheets), f"{page.url}: a stylesheet did not load"
        assert page.evaluate(STYLE_FINGERPRINT) != unstyled, f"{page.url} looks unstyled"

    return check


@pytest.fixture(scope="session")
def file_site(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """The showcase timeline built for opening from disk."""
    return build_site(tmp_path_factory.mktemp("file") / "site")


class PagesHandler(SimpleHTTPRequestHandler):
    """Serves a folder like GitHub Pages: a project's 404.html for unknown paths."""

    def log_message(self, format: str, *args: object) -> None:
        """Keep test output quiet."""

    def send_error(self, code: int, message: str | None = None, explain: str | None = None) -> None:
        """Answer a 404 below /<repo>/ with that project's 404.html, as GitHub Pages does."""
        page = Path(self.directory) / REPO_NAME / "404.html"
        if code != 404 or not self.path.startswith(f"/{REPO_NAME}/") or not page.exists():
            super().send_error(code, message, explain)
            return
        body = page.read_bytes()
        self.send_response(404)
        self.send_header("Content-Type", "text/html; charset=utf-8")
        self.send_header("Content-Length", str(len(body)))
        self.end_headers()
        if self.command != "HEAD":
            self.wfile.write(body)


@dataclass(frozen=True)
class Server:
    """A running local server; `root` is the site's URL, ending in /<repo>/."""

    origin: str
    root: str
    site: Path
    base_url: str = BASE_URL


@contextlib.contextmanager
def serving(parent: Path) -> Iterator[Server]:
    """Serve parent on a free port of 127.0.0.1 in a thread; the site is parent/<repo>/."""
    handler = functools.partial(PagesHandler, directory=str(parent))
    server = ThreadingHTTPServer(("127.0.0.1", 0), handler)
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    origin = f"http://127.0.0.1:{server.server_address[1]}"
    try:
        yield Server(origin, f"{origin}/{REPO_NAME}/", parent / REPO_NAME)
    finally:
        server.shutdown()
        server.server_close()
        thread.join()


@pytest.fixture(scope="session")
def served_site(tmp_path_factory: pytest.TempPathFactory) -> Iterator[Server]:
    """The showcase timeline built for a project subpath and served at /<repo>/ on 127.0.0.1."""
    parent = tmp_path_factory.mktemp("served")
    build_site(parent / REPO_NAME, "--base-url", BASE_URL)
    with serving(parent) as server:
        yield server


@pytest.fixture
def build() -> Callable[..., Path]:
    """build.py on the repository's content (or --content DIR) into a folder."""
    return build_site


@pytest.fixture
def serve() -> Iterator[Callable[[Path], Server]]:
    """Start servers for parent folders; all stop when the test ends."""
    with contextlib.ExitStack() as stack:
        yield lambda parent: stack.enter_context(serving(parent))


@pytest.fixture
def content_copy(tmp_path: Path) -> Path:
    """A copy of the showcase content that a test may change."""
    return Path(shutil.copytree(SHOWCASE, tmp_path / "content"))
