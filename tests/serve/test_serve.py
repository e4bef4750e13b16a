"""`build.py serve`: rebuilds on change and keeps the last good site when an edit breaks the build."""
from __future__ import annotations

import io
import socket
import subprocess
import sys
import time
import urllib.request

from chronicle.serve.live import LiveSite
from chronicle.serve.overlay import BuildStatus, with_overlay
from chronicle.pipeline import Options
from chronicle.serve.server import update
from tests.support import ROOT, write_tree


def test_update_keeps_the_last_good_site_and_prints_errors(demo, tmp_path):
    options = Options(str(demo), str(ROOT / "layouts"), str(tmp_path / "site"))
    out, err, status, live = io.StringIO(), io.StringIO(), BuildStatus(), LiveSite(options)
    assert update(live, set(), out, err, status) is True
    good = live.current.all_files()
    source = demo / "events/hanoi-summit.md"
    source.write_text("---\ntitle: Broken\ndate: 2019-02-30\n---\n")
    assert update(live, {str(source)}, out, err, status) is False
    assert "events/hanoi-summit.md:3: date: invalid date '2019-02-30'" in err.getvalue()
    assert "build failed: still serving the last good site" in err.getvalue()
    assert live.current.all_files() == good
    assert any("invalid date '2019-02-30'" in line for line in status.lines)  # what the overlay shows


def test_missing_base_url_warns_once_per_session_and_not_in_the_overlay(tmp_path):
    content = write_tree(tmp_path / "content", {"site.yaml": "title: T\nlanguage: en\n",
                                                "events/a.md": "---\ntitle: A\ndate: 1958\n---\nText.\n"})
    options = Options(str(content), str(ROOT / "layouts"), str(tmp_path / "site"))
    out, err, status, live = io.StringIO(), io.StringIO(), BuildStatus(), LiveSite(options)
    event = content / "events/a.md"
    assert update(live, set(), out, err, status) is True
    event.write_text("---\ntitle: A, edited\ndate: 1958\n---\nText.\n")
    assert update(live, {str(event)}, out, err, status) is True
    event.write_text("---\ntitle: A\ndate: 1958-02-30\n---\nText.\n")
    assert update(live, {str(event)}, out, err, status) is False
    assert err.getvalue().count("no 'base_url'") == 1
    assert [line.split(": ", 1)[1] for line in status.lines] == ["date: invalid date '1958-02-30': day 30 does not "
                                                                   "exist in February 1958"]
    assert "no 'base_url'" not in with_overlay(b"<body></body>", status.lines).decode()


def _free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


def _start_serve(content, output) -> tuple[subprocess.Popen, str]:
    """A `build.py serve` process on a free port, and its base URL."""
    port = _free_port()
    server = subprocess.Popen(
        [sys.executable, str(ROOT / "build.py"), "serve", "--content", str(content), "--output", str(output),
         "--port", str(port)], stdout=subprocess.PIPE, stderr=subprocess.STDOUT, text=True)
    return server, f"http://127.0.0.1:{port}/"


def _stop(server: subprocess.Popen) -> None:
    server.terminate()
    server.wait(timeout=10)


def _until(check, seconds: float = 20) -> None:
    """Wait for check() to hold (site/ is written in the background); the caller asserts afterwards."""
    deadline = time.monotonic() + seconds
    while not check() and time.monotonic() < deadline:
        time.sleep(0.2)


def test_serve_answers_and_rebuilds_after_an_edit(demo, tmp_path):
    output = tmp_path / "site"
    server, url = _start_serve(demo, output)
    try:
        page = _get_when_ready(url + "events/hanoi-summit.html")
        assert "<h1>Hanoi summit</h1>" in page
        source = demo / "events/hanoi-summit.md"
        source.write_text(source.read_text().replace("title: Hanoi summit", "title: Hanoi summit, edited"))
        written = output / "events/hanoi-summit.html"
        _until(lambda: written.exists() and "<h1>Hanoi summit, edited</h1>" in written.read_text())
        assert "<h1>Hanoi summit, edited</h1>" in written.read_text()
        assert "<h1>Hanoi summit, edited</h1>" in _get_when_ready(url + "events/hanoi-summit.html")
    finally:
        _stop(server)


def _get_when_ready(url: str) -> str:
    deadline = time.monotonic() + 20
    while True:
        try:
            with urllib.request.urlopen(url, timeout=2) as response:
                return response.read().decode("utf-8")
        except OSError:
            if time.monotonic() > deadline:
                raise
            time.sleep(0.2)


def test_serve_registers_no_service_worker(demo, tmp_path):
    server, url = _start_serve(demo, tmp_path / "site")
    try:
        script = _get_when_ready(url + "assets/register-sw.js")
        assert "serviceWorker.register(" not in script and "unregister()" in script
        assert "caches.delete" in _get_when_ready(url + "sw.js")
        written = tmp_path / "site/assets/register-sw.js"
        _until(written.exists)
        assert "navigator.serviceWorker.register(" in written.read_text()
    finally:
        _stop(server)


def test_serve_stops_cleanly_on_sigterm_with_its_background_build(demo, tmp_path):
    """A terminated serve exits 0 (not killed by the signal) and stops the build writing site/."""
    server, url = _start_serve(demo, tmp_path / "site")
    try:
        _get_when_ready(url + "index.html")
    finally:
        server.terminate()
        output, _ = server.communicate(timeout=20)
    assert server.returncode == 0, output
    assert "Traceback" not in output
