"""`serve` never dies silently, answers only its own host names, and 404s missing pages while broken."""
from __future__ import annotations

import contextlib
import http.client
import io
import socket
import subprocess
import sys
import threading
import time
from collections.abc import Iterator
from pathlib import Path

from chronicle.serve.live import LiveSite
from chronicle.serve.overlay import OVERLAY_ID, BuildStatus
from chronicle.pipeline import Options
from chronicle.serve.server import on_change
from chronicle.serve.guard import host_allowed
from chronicle.serve.watch import watch_in_background
from tests.support import MINIMAL_SITE, ROOT, write_tree

GOOD = "---\ntitle: Summit\ndate: 2019-02-27\n---\nText.\n"
BAD_IMAGE = '---\ntitle: Summit\ndate: 2019-02-27\nimage: {src: "https://[::1/", alt: a}\n---\nText.\n'


def _free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


def _request(port: int, path: str, host: str | None = None) -> tuple[int, str]:
    """(status, body) of a GET, with the Host header given (default: the address used)."""
    connection = http.client.HTTPConnection("127.0.0.1", port, timeout=5)
    try:
        connection.putrequest("GET", path, skip_host=True)
        connection.putheader("Host", host or f"127.0.0.1:{port}")
        connection.endheaders()
        response = connection.getresponse()
        return response.status, response.read().decode("utf-8", "replace")
    finally:
        connection.close()


def _until(check, seconds: float = 20) -> bool:
    deadline = time.monotonic() + seconds
    while time.monotonic() < deadline:
        try:
            if check():
                return True
        except OSError:
            pass
        time.sleep(0.2)
    return False


@contextlib.contextmanager
def serving(tmp_path: Path) -> Iterator[tuple[int, Path, subprocess.Popen]]:
    """A `serve` process on a free port over a one-event site; yields the port, the event file, the process."""
    write_tree(tmp_path / "content", {"site.yaml": MINIMAL_SITE, "events/a.md": GOOD})
    port = _free_port()
    server = subprocess.Popen(
        [sys.executable, str(ROOT / "build.py"), "serve", "--content", "content", "--output", "site",
         "--layouts", str(ROOT / "layouts"), "--port", str(port)],
        cwd=tmp_path, stdout=subprocess.PIPE, stderr=subprocess.STDOUT, text=True)
    try:
        assert _until(lambda: _request(port, "/index.html")[0] == 200), "serve did not start"
        yield port, tmp_path / "content/events/a.md", server
    finally:
        server.terminate()
        server.wait(timeout=10)


def test_serve_shows_a_bad_image_url_and_updates_after_the_fix(tmp_path):
    """Issue 18 #4: this edit killed the watcher thread; no overlay, and the fix never showed."""
    with serving(tmp_path) as (port, source, server):
        source.write_text(BAD_IMAGE)
        assert _until(lambda: OVERLAY_ID in _request(port, "/events/a.html")[1])
        assert "image: src &#39;https://[::1/&#39; is not a valid URL" in _request(port, "/events/a.html")[1]
        source.write_text(GOOD.replace("Summit", "Summit, fixed"))
        assert _until(lambda: "<h1>Summit, fixed</h1>" in _request(port, "/events/a.html")[1])
        assert OVERLAY_ID not in _request(port, "/events/a.html")[1]
        server.terminate()
        output = server.communicate(timeout=20)[0]
    assert "Traceback" not in output
    assert "is not a valid URL: invalid IPv6 URL" in output


def test_serve_refuses_a_foreign_host_header(tmp_path):
    """DNS rebinding: a page of evil.example whose name now points here must not read the preview."""
    with serving(tmp_path) as (port, _, _):
        status, body = _request(port, "/events/a.html", host=f"evil.example:{port}")
        assert status == 403 and "Summit" not in body
        assert "this preview answers only" in body
        for name in ("127.0.0.1", "localhost", "[::1]"):
            assert _request(port, "/events/a.html", host=f"{name}:{port}")[0] == 200


def test_serve_answers_404_for_a_missing_page_while_the_build_is_broken(tmp_path):
    with serving(tmp_path) as (port, source, _):
        assert _request(port, "/no-such-page.html")[0] == 404
        source.write_text(GOOD.replace("2019-02-27", "2019-02-30"))
        assert _until(lambda: OVERLAY_ID in _request(port, "/events/a.html")[1])
        status, body = _request(port, "/no-such-page.html")
        assert status == 404 and OVERLAY_ID in body
        assert _request(port, "/events/a.html")[0] == 200


def test_host_check_allows_the_bound_host_local_names_and_its_port_only():
    assert host_allowed("127.0.0.1:8000", "127.0.0.1", 8000)
    assert host_allowed("LOCALHOST:8000", "127.0.0.1", 8000)
    assert host_allowed("[::1]:8000", "127.0.0.1", 8000)
    assert host_allowed("box.lan:8000", "box.lan", 8000)
    assert host_allowed("192.168.1.5:8000", "0.0.0.0", 8000)  # every interface: any address, never a name
    assert not host_allowed("evil.example:8000", "0.0.0.0", 8000)
    assert not host_allowed("evil.example:8000", "127.0.0.1", 8000)
    assert not host_allowed("127.0.0.1:8001", "127.0.0.1", 8000)
    assert not host_allowed("127.0.0.1", "127.0.0.1", 8000)
    assert not host_allowed("[::1", "::1", 8000)
    assert not host_allowed("", "127.0.0.1", 8000)


def test_an_unexpected_exception_in_the_update_is_reported_and_the_next_edit_works(tmp_path, monkeypatch):
    content = write_tree(tmp_path / "content", {"site.yaml": MINIMAL_SITE, "events/a.md": GOOD})
    live, status, out, err = LiveSite(Options(str(content), str(ROOT / "layouts"), str(tmp_path / "site"))), \
        BuildStatus(), io.StringIO(), io.StringIO()
    writer = type("Writer", (), {"request": lambda self: True})()
    rebuild = on_change(live, writer, out, err, status)
    real = live.update
    monkeypatch.setattr(live, "update", lambda *args, **kwargs: (_ for _ in ()).throw(RuntimeError("boom\nagain")))
    assert rebuild({str(content / "events/a.md")}) is False
    line = "error: serve: the update after an edit failed (RuntimeError: boom again); still watching; please report this"
    assert status.lines == [line]  # what the overlay shows
    assert err.getvalue() == line + "\n"
    monkeypatch.setattr(live, "update", real)
    assert rebuild({str(content / "events/a.md")}) is True
    assert status.lines == []


def test_the_watcher_goes_on_after_its_rebuild_raised(tmp_path):
    folder = tmp_path / "watched"
    folder.mkdir()
    calls, failures, done = [], [], threading.Event()

    def rebuild(changed: set[str]) -> bool:
        calls.append(changed)
        if len(calls) == 1:
            raise RuntimeError("first edit")
        done.set()
        return True

    stop = watch_in_background([str(folder)], rebuild, lambda: None, failures.append)
    try:
        time.sleep(0.5)  # the watcher is ready
        (folder / "a.md").write_text("one")
        assert _until(lambda: failures, 10)
        time.sleep(0.5)
        (folder / "b.md").write_text("two")
        assert done.wait(10), "the watcher stopped after the first exception"
    finally:
        stop.set()
    assert [str(failure) for failure in failures] == ["first edit"]


def test_the_background_build_reports_an_exception_and_builds_again_when_asked(tmp_path, monkeypatch):
    from chronicle.serve import server as serve

    status, err, calls = BuildStatus(), io.StringIO(), []

    def popen(*args, **kwargs):
        calls.append(args)
        raise OSError(24, "Too many open files")

    monkeypatch.setattr(serve.subprocess, "Popen", popen)
    monkeypatch.setattr(serve, "WRITE_AFTER_S", 0.05)
    writer = serve.SiteWriter(Options("content", str(ROOT / "layouts"), "site"), io.StringIO(), err, status)
    try:
        writer.request()
        assert _until(lambda: status.lines, 10)
        line = ("error: serve: writing site failed (OSError: [Errno 24] Too many open files); still watching; "
                "please report this")
        assert status.lines == [line] and err.getvalue() == line + "\n"
        writer.request()
        assert _until(lambda: len(calls) == 2, 10), "the writer thread ended after the exception"
    finally:
        writer.stop()


def _websocket_handshake(port: int, host: str) -> bytes:
    """The raw answer to a websocket upgrade of /livereload sent with the given Host header."""
    request = (f"GET /livereload HTTP/1.1\r\nHost: {host}\r\nUpgrade: websocket\r\nConnection: Upgrade\r\n"
               f"Sec-WebSocket-Key: dGhlIHNhbXBsZSBub25jZQ==\r\nSec-WebSocket-Version: 13\r\n"
               f"Origin: http://{host}\r\n\r\n").encode()
    with socket.create_connection(("127.0.0.1", port), timeout=5) as sock:
        sock.sendall(request)
        answer = b""
        while b"\r\n\r\n" not in answer:
            chunk = sock.recv(4096)
            if not chunk:
                break
            answer += chunk
        return answer


def test_serve_refuses_a_foreign_host_on_livereloads_own_endpoints_too(tmp_path):
    """DNS rebinding: livereload's script, its force-reload URL and its websocket answered any Host."""
    with serving(tmp_path) as (port, _, _):
        assert _websocket_handshake(port, f"127.0.0.1:{port}").startswith(b"HTTP/1.1 101 ")  # its own name: works
        for path in ("/livereload.js", "/forcereload", "/forcereload?path=x", "/livereload"):
            assert _request(port, path, host=f"evil.example:{port}")[0] == 403, path
        answer = _websocket_handshake(port, f"evil.example:{port}")
        assert answer.startswith(b"HTTP/1.1 403 "), answer[:200]
        assert _request(port, "/livereload.js")[0] == 200
