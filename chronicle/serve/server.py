"""`build.py serve`: pages served from memory, made when asked for; site/ written in the background.

An edit is read, linked and shown within milliseconds (live.LiveSite), whatever the size of the
site; the server answers every request meanwhile. site/ on disk follows: a separate, lower-priority
process builds it once the edits pause (SiteWriter), so the GIL of the server is never held by it.
"""
from __future__ import annotations

import errno
import mimetypes
import os
import signal
import socket
import subprocess
import sys
import threading
import time
from typing import Callable, TextIO

from ..errors import BuildFailed, OutputError, Problem
from .live import LiveSite, request_path
from ..output.outputdir import guard_output
from .overlay import DEV_SCRIPTS, BuildStatus, with_overlay, without_policy
from ..pipeline import Options
from .guard import crash_line, guarded, host_checked_server, refuse_foreign_host, report_crash, report_thread_crashes
from .watch import EventWatcher, reload_browsers, watch_in_background

WRITE_AFTER_S = 1.0  # site/ is rebuilt once edits have paused this long


def serve(options: Options, host: str, port: int, out: TextIO, err: TextIO) -> int:
    """Serve the site from memory with live reload; update on every change to content or layouts."""
    from tornado.ioloop import IOLoop

    try:
        guard_output(options.output, options.content, options.layouts)  # never serve or replace a foreign folder
    except OutputError as failure:
        print(failure.format(), file=err)
        return 1
    if problem := port_problem(host, port):
        print(f"error: {problem}", file=err)
        return 1
    status = BuildStatus()
    report_thread_crashes(status, err)  # the last resort: any thread's exception is one line and an overlay
    live, writer = LiveSite(options), SiteWriter(options, out, err, status)
    loop = IOLoop.current()
    rebuild = on_change(live, writer, out, err, status)
    # Watching starts before the first load, so an edit made while it runs is seen afterwards.
    watching = watch_in_background([options.content, options.layouts], rebuild,
                                   guarded("reloading the browsers", lambda: loop.add_callback(reload_browsers),
                                           status, err),
                                   lambda exc: report_crash("watching for changes", exc, status, err))
    if rebuild(set()):
        threading.Thread(target=guarded("making the search index", live.warm, status, err), daemon=True,
                         name="chronicle-warm").start()
    server = host_checked_server(host, port, EventWatcher(), live_handler(live, status, host, port, err))
    if hasattr(signal, "SIGTERM"):  # stop as on Ctrl+C, so the background build is stopped too
        signal.signal(signal.SIGTERM, lambda *_: loop.add_callback_from_signal(loop.stop))
    print(f"Serving {options.content} on http://{host}:{port}/ (Ctrl+C to stop); "
          f"{options.output} is written in the background", file=out, flush=True)
    try:
        server.serve(root=options.output, host=host, port=port, open_url_delay=None)
    finally:
        watching.stop()
        writer.stop()
    return 0


def on_change(live: LiveSite, writer: SiteWriter, out: TextIO, err: TextIO,
              status: BuildStatus) -> Callable[[set[str]], bool]:
    """What the watcher runs after each burst of edits: update, then ask for site/; never raises."""
    def rebuild(changed: set[str]) -> bool:
        return update(live, changed, out, err, status) and writer.request()
    return guarded("the update after an edit", rebuild, status, err, False)


def update(live: LiveSite, changed: set[str], out: TextIO, err: TextIO, status: BuildStatus) -> bool:
    """Read the changed files, link again and make the new site current; print what happened."""
    started = time.perf_counter()
    try:
        snapshot = live.update(changed, complete=bool(changed))  # the poller reports no paths
    except (BuildFailed, OutputError) as failure:
        problems = failure.problems if isinstance(failure, BuildFailed) else []
        print_new_warnings([p for p in problems if p.warning], err, status)
        status.lines = [p.format() for p in problems if not p.warning] or [failure.format()]
        for line in status.lines:
            print(line, file=err)
        print("build failed: still serving the last good site", file=err, flush=True)
        return False
    status.lines = []
    print_new_warnings(snapshot.warnings, err, status)
    site = snapshot.site
    print(f"Updated in {(time.perf_counter() - started) * 1000:.0f} ms: {len(site.events)} events, "
          f"{len(site.people)} people, {len(site.places)} places", file=out, flush=True)
    return True


def print_new_warnings(warnings: list[Problem], err: TextIO, status: BuildStatus) -> None:
    """Print the warnings the last update did not have; one that stays is said once."""
    lines = [warning.format() for warning in warnings]
    for line in lines:
        if line not in status.warned:
            print(line, file=err)
    status.warned = set(lines)


def live_handler(live: LiveSite, status: BuildStatus, host: str, port: int, err: TextIO) -> type:
    """A tornado handler answering from live (made when asked for), with the error overlay while broken.

    Only requests naming this server in their Host header are answered (see guard.py).
    """
    from tornado import web

    class LiveHandler(web.RequestHandler):
        def initialize(self, path: str = "", default_filename: str | None = None) -> None:  # noqa: D102
            pass  # livereload passes the static handler's arguments; the files come from memory

        def prepare(self) -> None:  # noqa: D102 (tornado's API)
            refuse_foreign_host(self, host, port)

        def get(self, url_path: str, include_body: bool = True) -> None:  # noqa: D102 (tornado's API)
            try:
                code, path, data = answer(live, status, request_path(url_path))
            except Exception as exc:  # noqa: BLE001 (a bug: shown on the page and in the terminal, not a bare 500)
                line = crash_line(f"answering /{url_path[:100]}", exc)
                print(line, file=err, flush=True)
                code, path, data = 500, "500.html", with_overlay(None, [line])
            if code == 302:
                self.redirect(path)
                return
            self.set_status(code)
            self.set_header("Content-Type", _content_type(path))
            self.set_header("Cache-Control", "no-store")
            self.finish(data if include_body else b"")

        def head(self, url_path: str) -> None:  # noqa: D102 (tornado's API)
            self.get(url_path, include_body=False)

    return LiveHandler


def answer(live: LiveSite, status: BuildStatus, path: str) -> tuple[int, str, bytes]:
    """(HTTP status, the path whose type it has, bytes) for a site path; 302's path is the new URL.

    A missing page is a 404 whether or not the build is broken; while it is, HTML carries the overlay.
    """
    try:
        data, lines = DEV_SCRIPTS.get(path) or live.file(path), status.lines
    except BuildFailed as failure:  # a template error: shown like any failed build
        lines = [problem.format() for problem in failure.problems if not problem.warning]
        return 200, "error.html", with_overlay(None, lines)
    code = 200
    if data is None and live.current is not None and live.file(path + "/index.html") is not None:
        return 302, "/" + path + "/", b""
    if data is None:
        code, path, data = 404, "404.html", _not_found_page(live)
    if path.endswith(".html"):
        if lines:
            data = with_overlay(data, lines)
        data = without_policy(data)  # live reload injects an inline script, which the page's policy forbids
    return code, path, data


def _not_found_page(live: LiveSite) -> bytes:
    """The site's 404 page, or a plain one if it has none or it cannot be made now."""
    try:
        return live.file("404.html") or b"Not found"
    except BuildFailed:
        return b"Not found"


def _content_type(path: str) -> str:
    kind = mimetypes.guess_type(path)[0] or "application/octet-stream"
    textual = kind.startswith("text/") or kind.endswith(("javascript", "json", "xml", "svg+xml"))
    return kind + "; charset=utf-8" if textual else kind


class SiteWriter:
    """Builds site/ in a separate, lower-priority process once edits pause, one build at a time.

    Mutable on purpose: the watcher thread asks for builds, this object's thread runs them.
    """

    def __init__(self, options: Options, out: TextIO, err: TextIO, status: BuildStatus) -> None:
        self._options, self._out, self._err, self._status = options, out, err, status
        self._asked, self._stopped = threading.Event(), threading.Event()
        self._last_ask = 0.0
        self._child: subprocess.Popen | None = None
        threading.Thread(target=self._run, daemon=True, name="chronicle-site-writer").start()

    def request(self) -> bool:
        """Ask for a build of site/ after the next pause in editing."""
        self._last_ask = time.monotonic()
        self._asked.set()
        return True

    def stop(self) -> None:
        """Start no further build, and stop a running one (the next build repairs what it leaves)."""
        self._stopped.set()
        self._asked.set()
        if self._child and self._child.poll() is None:
            self._child.terminate()

    def _run(self) -> None:
        while self._asked.wait() and not self._stopped.is_set():
            while time.monotonic() - self._last_ask < WRITE_AFTER_S:  # wait for a pause in the edits
                time.sleep(WRITE_AFTER_S / 4)
            self._asked.clear()
            if not self._stopped.is_set():
                guarded(f"writing {self._options.output}", self._write, self._status, self._err)()

    def _write(self) -> None:
        self._child = subprocess.Popen(build_command(self._options), stdout=subprocess.PIPE, stderr=subprocess.PIPE,
                                       text=True, env={**os.environ, "PYTHONPATH": _package_parent()})
        stdout, stderr = self._child.communicate()
        if self._stopped.is_set():
            return
        ok = self._child.returncode == 0  # its warnings were printed already, by the update
        print((stdout if ok else stderr).rstrip(), file=self._out if ok else self._err, flush=True)


def build_command(options: Options) -> list[str]:
    """`python -m chronicle build` with options, run at lower priority where the system allows."""
    args = ["build", "--content", os.path.abspath(options.content), "--layouts", os.path.abspath(options.layouts),
            "--output", os.path.abspath(options.output)]
    args += ["--drafts"] if options.drafts else []
    args += ["--base-url", options.base_url] if options.base_url is not None else []
    code = ("import os, runpy, sys\nif hasattr(os, 'nice'): os.nice(10)\n"
            "sys.argv = ['chronicle'] + sys.argv[1:]\nrunpy.run_module('chronicle', run_name='__main__')")
    return [sys.executable, "-c", code, *args]


def _package_parent() -> str:
    parent = os.path.dirname(os.path.dirname(os.path.dirname(os.path.abspath(__file__))))
    return os.pathsep.join([parent, os.environ["PYTHONPATH"]]) if os.environ.get("PYTHONPATH") else parent


def port_problem(host: str, port: int) -> str | None:
    """Why the server could not listen on host:port, or None; checked before saying "Serving"."""
    try:
        family = socket.getaddrinfo(host, port, type=socket.SOCK_STREAM)[0][0]
        with socket.socket(family, socket.SOCK_STREAM) as probe:
            probe.setsockopt(socket.SOL_SOCKET, socket.SO_REUSEADDR, 1)  # as the server does
            probe.bind((host, port))
    except OSError as exc:
        if exc.errno == errno.EADDRINUSE:
            return f"port {port} is in use; try --port {port + 1}"
        return f"cannot listen on {host}:{port}: {exc.strerror or exc}"
    return None
