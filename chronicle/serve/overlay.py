"""`serve`'s error overlay: while the last build failed, every page shows its errors on top.

The overlay is added as pages are served, never written into the site folder, so a failed build
still leaves site/ exactly as the last good build wrote it. livereload reloads open pages after
every rebuild, so the overlay appears on a broken edit and is gone after the next good build.
"""
from __future__ import annotations

import os
import re
from dataclasses import dataclass, field

from markupsafe import escape

OVERLAY_ID = "chronicle-build-errors"
_STYLE = ("position:fixed;inset:0;z-index:2147483647;overflow:auto;margin:0;padding:1.5rem;"
          "background:rgba(20,20,20,.94);color:#fff;font:14px/1.5 ui-monospace,monospace")


# What `serve` answers for sw.js: the site's offline worker answers from its cache first, so a
# live reload would show the cached page, never the new build or the overlay. This one takes over
# from it, drops its caches and lets every request reach the server.
DEV_SERVICE_WORKER = b"""/* chronicle serve: no offline cache while serving, so live reload shows each build. */
self.addEventListener("install", function () { self.skipWaiting(); });
self.addEventListener("activate", function (event) {
  event.waitUntil(caches.keys().then(function (names) {
    return Promise.all(names.map(function (name) { return caches.delete(name); }));
  }).then(function () { return self.clients.claim(); }));
});
"""

# What `serve` answers for assets/register-sw.js: no worker is registered while serving, and one
# a published copy of the site registered on this origin is removed.
DEV_REGISTER_SCRIPT = b"""/* chronicle serve: no service worker while serving. */
if ("serviceWorker" in navigator) {
  navigator.serviceWorker.getRegistrations().then(function (registrations) {
    registrations.forEach(function (registration) { registration.unregister(); });
  });
}
"""
DEV_SCRIPTS = {"sw.js": DEV_SERVICE_WORKER, "assets/register-sw.js": DEV_REGISTER_SCRIPT}


@dataclass
class BuildStatus:
    """The errors of the last build, as the lines the terminal showed; empty after a good build.

    Mutable on purpose: the watcher's rebuild writes it and the request handler reads it.
    Warnings are not among the lines (the overlay lists what broke the build) but in `warned`:
    the ones the terminal has shown, so a warning that stays (no base_url) is printed once, not
    after every edit.
    """

    lines: list[str] = field(default_factory=list)
    warned: set[str] = field(default_factory=set)


def overlay_html(lines: list[str]) -> str:
    """The overlay element listing each `path:line: message`."""
    items = "".join(f"<li>{escape(line)}</li>" for line in lines)
    return (f'<div id="{OVERLAY_ID}" role="alert" style="{_STYLE}"><h2 style="margin:0 0 .5rem;color:#ff8a80">'
            f"Build failed: still serving the last good site</h2><ol style=\"margin:0;padding-left:1.5rem\">{items}</ol>"
            "<p>Fix the files; this page reloads by itself when the build succeeds.</p></div>")


# The page's Content-Security-Policy meta element (layouts/base.html writes exactly one).
_POLICY = re.compile(rb'<meta http-equiv="Content-Security-Policy"[^>]*>\n?', re.IGNORECASE)


def without_policy(page: bytes) -> bytes:
    """The page without its Content-Security-Policy: serve's live reload is an inline script it forbids.

    Only `serve` does this, on pages it answers from memory on this machine; site/ keeps the policy.
    """
    return _POLICY.sub(b"", page, count=1)


def with_overlay(page: bytes | None, lines: list[str]) -> bytes:
    """The page with the overlay before </body>, or a bare page holding only the overlay."""
    overlay = overlay_html(lines).encode("utf-8")
    if page is None:
        return (b'<!DOCTYPE html><html lang="en"><head><meta charset="utf-8"><title>Build failed</title></head>'
                b"<body>" + overlay + b"</body></html>")
    at = page.rfind(b"</body>")
    return page[:at] + overlay + page[at:] if at >= 0 else page + overlay


def overlay_handler(base: type, status: BuildStatus) -> type:
    """A subclass of livereload's static file handler that adds the overlay while status has lines."""
    class OverlayHandler(base):  # type: ignore[misc, valid-type]
        async def get(self, path: str, include_body: bool = True) -> None:  # noqa: D102 (tornado's API)
            if path in DEV_SCRIPTS:
                self.overlaid = True
                self.set_header("Content-Type", "text/javascript; charset=utf-8")
                self.set_header("Cache-Control", "no-store")
                self.finish(DEV_SCRIPTS[path] if include_body else b"")
                return
            page = _html_page(self.root, path, self.default_filename) if status.lines else False
            if page is False:
                await super().get(path, include_body)
                return
            self.overlaid = True
            self.set_header("Content-Type", "text/html; charset=utf-8")
            self.set_header("Cache-Control", "no-store")
            self.finish(with_overlay(page, status.lines) if include_body else b"")

        def compute_etag(self) -> str | None:  # noqa: D102 (tornado's API)
            # The page changes with the build status, not with the file: no validator.
            return None if getattr(self, "overlaid", False) else super().compute_etag()

    return OverlayHandler


def _html_page(root: str, path: str, default: str | None) -> bytes | None | bool:
    """The HTML file's bytes for a request path, None if missing, False if not an HTML page."""
    full = os.path.realpath(os.path.join(root, path))
    if not full.startswith(os.path.realpath(root)):
        return False  # let the base handler refuse it
    if os.path.isdir(full) and default:
        full = os.path.join(full, default)
    if not os.path.exists(full):
        return None if not os.path.splitext(path)[1] or path.endswith(".html") else False
    if not full.endswith(".html"):
        return False
    with open(full, "rb") as handle:
        return handle.read()
