"""Optional quality gates on a built site: the Nu HTML Checker and axe (WCAG 2.2 AA).

Used only by `python -m chronicle.publish` when QUALITY_GATES is "true". The tools are not
dependencies of chronicle: the workflow installs them (vnu-jar and axe-core from npm, Python
playwright with Chromium) and passes their paths in VNU_JAR and AXE_JS.
"""
from __future__ import annotations

import functools
import os
import shutil
import subprocess
import threading
from http.server import SimpleHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path
from typing import Mapping, TextIO
from urllib.parse import urlsplit

AXE_TAGS = ["wcag2a", "wcag2aa", "wcag21a", "wcag21aa", "wcag22aa"]
RUN_AXE = """async (tags) => {
  const result = await axe.run(document, {runOnly: {type: 'tag', values: tags}});
  return result.violations.map(v => `${v.id}: ${v.help} (${v.nodes.length}x, e.g. ${v.nodes[0].target.join(' ')})`);
}"""


class GateError(Exception):
    """A missing tool: one line, exit 1."""


def run_gates(site: str, base_url: str, out: TextIO, err: TextIO, env: Mapping[str, str]) -> int:
    """Run both gates; print every finding; return 1 if any gate failed or could not run."""
    failed = False
    for name, gate in (("Nu HTML Checker", nu_check), ("axe", axe_check)):
        print(f"== {name}", file=out, flush=True)
        try:
            findings = gate(site, base_url, env)
        except GateError as exc:
            print(f"error: quality gates: {exc}", file=err)
            return 1
        for finding in findings:
            print(finding, file=err)
        failed = failed or bool(findings)
    return 1 if failed else 0


def tool(env: Mapping[str, str], key: str, what: str) -> str:
    """The file a gate needs, named by an environment variable."""
    path = env.get(key, "")
    if not path or not os.path.isfile(path):
        raise GateError(f"{what} not found: set {key} to its path ({path or 'unset'})")
    return path


def nu_check(site: str, base_url: str, env: Mapping[str, str]) -> list[str]:
    """Nu HTML Checker errors on every page, one per line."""
    jar = tool(env, "VNU_JAR", "the Nu HTML Checker (npm vnu-jar)")
    java = shutil.which("java", path=env.get("PATH"))
    if not java:
        raise GateError("java not found on PATH: install a Java runtime (11 or later)")
    command = [java, "-jar", jar, "--errors-only", "--skip-non-html", site]
    result = subprocess.run(command, capture_output=True, text=True, check=False, timeout=600)
    return [line for line in (result.stdout + result.stderr).splitlines() if line.strip()]


def axe_check(site: str, base_url: str, env: Mapping[str, str]) -> list[str]:
    """axe violations on every page in light and dark mode, one per line."""
    axe = tool(env, "AXE_JS", "axe-core (npm axe-core)")
    try:
        from playwright.sync_api import sync_playwright
    except ImportError:
        raise GateError("playwright not installed: pip install playwright") from None
    pages = sorted(p.relative_to(site).as_posix() for p in Path(site).rglob("*.html"))
    # Served under the published path, as on Pages: 404.html links its styles from the site root.
    with serving(site, urlsplit(base_url).path) as url, sync_playwright() as playwright:
        browser = playwright.chromium.launch(executable_path=env.get("CHROMIUM") or None)
        try:
            return audit(browser, axe, url, pages)
        finally:
            browser.close()


def audit(browser: object, axe: str, url: str, pages: list[str]) -> list[str]:
    """Run axe on each page, light then dark."""
    context = browser.new_context(service_workers="block")
    context.add_init_script(path=axe)
    page = context.new_page()
    found = []
    for path in pages:
        page.goto(url + path, wait_until="load")
        for scheme in ("light", "dark"):
            page.emulate_media(color_scheme=scheme)
            found += [f"{path} [{scheme}] {v}" for v in page.evaluate(RUN_AXE, AXE_TAGS)]
    context.close()
    return found


class _Handler(SimpleHTTPRequestHandler):
    """Serves the site below a path prefix (/repo/), quietly."""

    prefix = "/"

    def translate_path(self, path: str) -> str:
        """Map /repo/x to the folder's x; anything outside the prefix is not found."""
        if not path.startswith(self.prefix):
            return os.path.join(self.directory, "-missing-")
        return super().translate_path("/" + path[len(self.prefix):])

    def log_message(self, format: str, *args: object) -> None:
        """Keep the publishing log short."""


class serving:
    """Serve a folder at http://127.0.0.1:PORT/PREFIX/ for the duration of a with block."""

    def __init__(self, folder: str, prefix: str) -> None:
        prefix = "/" + prefix.strip("/") + "/" if prefix.strip("/") else "/"
        handler = type("Handler", (_Handler,), {"prefix": prefix})
        self.prefix = prefix
        self.server = ThreadingHTTPServer(("127.0.0.1", 0), functools.partial(handler, directory=folder))
        self.thread = threading.Thread(target=self.server.serve_forever, daemon=True)

    def __enter__(self) -> str:
        self.thread.start()
        return f"http://127.0.0.1:{self.server.server_address[1]}{self.prefix}"

    def __exit__(self, *exc: object) -> None:
        self.server.shutdown()
        self.server.server_close()
