"""`build.py serve`: rebuilds on change and keeps the last good site when an edit breaks the build."""
from __future__ import annotations

import io
import socket
import subprocess
import sys
import time
import urllib.request

from chronicle.live import LiveSite
from chronicle.overlay import BuildStatus
from chronicle.pipeline import Options
from chronicle.serve import update
from tests.support import ROOT


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


def _free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


def test_serve_answers_and_rebuilds_after_an_edit(demo, tmp_path):
    port = _free_port()
    output = tmp_path / "site"
    server = subprocess.Popen(
        [sys.executable, str(ROOT / "build.py"), "serve", "--content", str(demo), "--output", str(output),
         "--port", str(port)], stdout=subprocess.PIPE, stderr=subprocess.STDOUT, text=True)
    try:
        page = _get_when_ready(f"http://127.0.0.1:{port}/events/hanoi-summit.html")
        assert "<h1>Hanoi summit</h1>" in page
        source = demo / "events/hanoi-summit.md"
        source.write_text(source.read_text().replace("title: Hanoi summit", "title: Hanoi summit, edited"))
        written = output / "events/hanoi-summit.html"  # site/ follows in the background
        deadline = time.monotonic() + 20
        while time.monotonic() < deadline:
            if written.exists() and "<h1>Hanoi summit, edited</h1>" in written.read_text():
                break
            time.sleep(0.3)
        assert "<h1>Hanoi summit, edited</h1>" in written.read_text()
        assert "<h1>Hanoi summit, edited</h1>" in _get_when_ready(f"http://127.0.0.1:{port}/events/hanoi-summit.html")
    finally:
        server.terminate()
        server.wait(timeout=10)


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
    port = _free_port()
    server = subprocess.Popen(
        [sys.executable, str(ROOT / "build.py"), "serve", "--content", str(demo), "--output",
         str(tmp_path / "site"), "--port", str(port)], stdout=subprocess.PIPE, stderr=subprocess.STDOUT, text=True)
    try:
        script = _get_when_ready(f"http://127.0.0.1:{port}/assets/register-sw.js")
        assert "serviceWorker.register(" not in script and "unregister()" in script
        assert "caches.delete" in _get_when_ready(f"http://127.0.0.1:{port}/sw.js")
        written = tmp_path / "site/assets/register-sw.js"  # site/ is written in the background
        deadline = time.monotonic() + 20
        while not written.exists() and time.monotonic() < deadline:
            time.sleep(0.2)
        assert "navigator.serviceWorker.register(" in written.read_text()
    finally:
        server.terminate()
        server.wait(timeout=10)


def test_serve_stops_cleanly_on_sigterm_with_its_background_build(demo, tmp_path):
    """A terminated serve exits 0 (not killed by the signal) and stops the build writing site/."""
    port = _free_port()
    server = subprocess.Popen(
        [sys.executable, str(ROOT / "build.py"), "serve", "--content", str(demo), "--output",
         str(tmp_path / "site"), "--port", str(port)], stdout=subprocess.PIPE, stderr=subprocess.STDOUT, text=True)
    try:
        _get_when_ready(f"http://127.0.0.1:{port}/index.html")
    finally:
        server.terminate()
        output, _ = server.communicate(timeout=20)
    assert server.returncode == 0, output
    assert "Traceback" not in output
