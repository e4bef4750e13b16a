"""`chronicle archive` and `check --links` against a local fake Wayback Machine (never the network)."""
from __future__ import annotations

import json
import threading
from collections.abc import Iterator
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path
from urllib.parse import parse_qs, urlsplit

import pytest

from tests.support import MINIMAL_SITE, run_cli, write_tree


class FakeWayback:
    """Snapshots by URL; /save/<url> captures one; /live/<n> answers 200, /gone/<n> 404."""

    def __init__(self) -> None:
        self.snapshots: dict[str, str] = {}
        self.saved: list[str] = []
        fake = self

        class Handler(BaseHTTPRequestHandler):
            def do_GET(self) -> None:  # noqa: N802
                parts = urlsplit(self.path)
                if parts.path == "/wayback/available":
                    url = parse_qs(parts.query)["url"][0]
                    snap = fake.snapshots.get(url)
                    body = {"url": url, "archived_snapshots": {"closest": {
                        "status": "200", "available": True, "url": snap, "timestamp": "20190226000000"}}
                        if snap else {}}
                    return self._send(200, json.dumps(body).encode())
                if parts.path.startswith("/save/"):
                    url = self.path[len("/save/"):]
                    fake.saved.append(url)
                    fake.snapshots[url] = f"http://web.archive.org/web/20260101000000/{url}"
                    return self._send(200, b"saved")
                return self._send(404 if parts.path.startswith("/gone/") else 200, b"page")

            def _send(self, code: int, body: bytes) -> None:
                self.send_response(code)
                self.send_header("Content-Length", str(len(body)))
                self.end_headers()
                self.wfile.write(body)

            def log_message(self, *args: object) -> None:
                pass

        self.server = ThreadingHTTPServer(("127.0.0.1", 0), Handler)  # a free port of its own
        self.base = f"http://127.0.0.1:{self.server.server_address[1]}"


@pytest.fixture
def wayback() -> Iterator[FakeWayback]:
    fake = FakeWayback()
    thread = threading.Thread(target=fake.server.serve_forever, daemon=True)
    thread.start()
    yield fake
    fake.server.shutdown()
    thread.join()
    fake.server.server_close()


EVENT = """\
---
title: Event  # a comment that must survive
date: 2019-02-26
sources:
  - title: 'Found, quoted'
    url: https://example.org/found
  - url: https://example.org/missing
    publisher: Somebody
  -   title: Already
      url: https://example.org/already
      archive: https://web.archive.org/web/2019/https://example.org/already
---
Body.
"""
BIBLIOGRAPHY = """\
# works
- id: w
  title: A work
  URL: https://example.org/work
  type: webpage
"""


def make(tmp_path: Path) -> Path:
    content = write_tree(tmp_path / "content", {"site.yaml": MINIMAL_SITE, "events/e.md": EVENT})
    (content / "bibliography.yaml").write_text(BIBLIOGRAPHY, encoding="utf-8")
    return content


def test_archive_fills_in_what_it_finds_and_changes_nothing_else(tmp_path: Path, wayback: FakeWayback) -> None:
    content = make(tmp_path)
    wayback.snapshots["https://example.org/found"] = "http://web.archive.org/web/20190226/https://example.org/found"
    wayback.snapshots["https://example.org/work"] = "http://web.archive.org/web/2020/https://example.org/work"
    run = run_cli("archive", "--content", str(content), "--endpoint", wayback.base + "/wayback/available",
                  cwd=tmp_path)
    assert run.code == 0, run.err
    assert run.out.splitlines() == [
        "content/events/e.md:5: archived copy https://web.archive.org/web/20190226/https://example.org/found",
        "content/events/e.md:7: no archived copy of https://example.org/missing (--capture asks for one)",
        "content/bibliography.yaml:2: archived copy https://web.archive.org/web/2020/https://example.org/work",
        "2 archived copies added, 1 sources without one, 1 had one already",
    ]
    expected = EVENT.replace("    url: https://example.org/found\n",
                             "    url: https://example.org/found\n"
                             "    archive: https://web.archive.org/web/20190226/https://example.org/found\n")
    assert (content / "events" / "e.md").read_text(encoding="utf-8") == expected
    assert (content / "bibliography.yaml").read_text(encoding="utf-8") == BIBLIOGRAPHY.replace(
        "  URL: https://example.org/work\n",
        "  URL: https://example.org/work\n  archive: https://web.archive.org/web/2020/https://example.org/work\n")
    build = run_cli("--content", str(content), "--output", str(tmp_path / "site"), cwd=tmp_path)
    assert build.code == 0, build.err
    page = (tmp_path / "site" / "events" / "e.html").read_text(encoding="utf-8")
    assert page.count(">archived copy</a>") == 2
    assert ">archived copy</a>" in (tmp_path / "site" / "sources.html").read_text(encoding="utf-8")


def test_archive_capture_asks_for_a_new_snapshot(tmp_path: Path, wayback: FakeWayback) -> None:
    content = make(tmp_path)
    run = run_cli("archive", "--capture", "--content", str(content),
                  "--endpoint", wayback.base + "/wayback/available", cwd=tmp_path)
    assert run.code == 0, run.err
    assert sorted(wayback.saved) == ["https://example.org/found", "https://example.org/missing",
                                     "https://example.org/work"]
    assert "3 archived copies added, 0 sources without one, 1 had one already" in run.out
    assert "archive: https://web.archive.org/web/20260101000000/https://example.org/missing\n" in (
        content / "events" / "e.md").read_text(encoding="utf-8")


def test_archive_without_an_answer_is_one_line_and_writes_nothing(tmp_path: Path) -> None:
    content = make(tmp_path)
    run = run_cli("archive", "--content", str(content), "--endpoint", "http://127.0.0.1:9/wayback/available",
                  cwd=tmp_path)
    assert run.code == 1
    assert len(run.err.splitlines()) == 1 and run.err.startswith("error: the Wayback Machine did not answer")
    assert (content / "events" / "e.md").read_text(encoding="utf-8") == EVENT


def test_check_links_reports_dead_source_urls_with_their_archived_copy(tmp_path: Path, wayback: FakeWayback) -> None:
    content = write_tree(tmp_path / "content", {"site.yaml": MINIMAL_SITE, "events/e.md": f"""\
        ---
        title: Event
        date: 2019
        sources:
          - url: {wayback.base}/live/a
          - url: {wayback.base}/gone/b
            archive: https://web.archive.org/web/2019/{wayback.base}/gone/b
          - url: {wayback.base}/gone/c
        ---
        """})
    run = run_cli("check", "--links", "--content", str(content), cwd=tmp_path)
    assert run.code == 0, run.err
    assert run.err.splitlines() == [
        f"content/events/e.md:6: warning: {wayback.base}/gone/b does not answer (HTTP 404); "
        f"archived copy: https://web.archive.org/web/2019/{wayback.base}/gone/b",
        f"content/events/e.md:8: warning: {wayback.base}/gone/c does not answer (HTTP 404); "
        "no archived copy (run `chronicle archive`)",
    ]
    assert "Links: 1 of 3 source URLs answer" in run.out
