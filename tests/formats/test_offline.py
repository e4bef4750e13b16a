"""The service worker: manifest, version and update behaviour."""
from __future__ import annotations

import base64
import hashlib
import json
import re
from urllib.parse import unquote

from chronicle.formats.offline import service_worker_js, site_version

FILES = {
    "index.html": b"<h1>Timeline</h1>",
    "events/hanoi-summit.html": b"<h1>Summit</h1>",
    "assets/style.css": b"body{}",
    "assets/My File.pdf": b"%PDF",
    "404.html": b"<h1>Not found</h1>",
    ".nojekyll": b"",
    "CNAME": b"example.org",
    "sw.js": b"old worker",
}


def manifest(worker: bytes) -> list[str]:
    """The precache list written into a generated worker."""
    body = re.search(rb"var MANIFEST = \[\n(.*?)\n\];", worker, re.S).group(1)
    return json.loads(b"[" + body + b"]")


def version(worker: bytes) -> str:
    """The cache version written into a generated worker."""
    return json.loads(re.search(rb"var VERSION = (\"[0-9a-f]+\");", worker).group(1))


def test_precaches_every_page_and_asset_sorted_and_url_encoded() -> None:
    assert manifest(service_worker_js(FILES)) == [
        "404.html", "assets/My%20File.pdf", "assets/style.css",
        "events/hanoi-summit.html", "index.html",
    ]


def test_never_precaches_itself_or_hidden_files() -> None:
    listed = manifest(service_worker_js(FILES))
    assert "sw.js" not in listed and ".nojekyll" not in listed and "CNAME" not in listed


def test_same_build_gives_identical_bytes() -> None:
    assert service_worker_js(FILES) == service_worker_js(dict(reversed(FILES.items())))


def test_changed_content_changes_the_version() -> None:
    changed = {**FILES, "events/hanoi-summit.html": b"<h1>Summit, corrected</h1>"}
    assert version(service_worker_js(changed)) != version(service_worker_js(FILES))


def test_renamed_file_changes_the_version() -> None:
    renamed = {("events/summit.html" if k == "events/hanoi-summit.html" else k): v
               for k, v in FILES.items()}
    assert site_version(renamed) != site_version(FILES)


def test_old_worker_does_not_affect_the_version() -> None:
    assert service_worker_js({**FILES, "sw.js": b"other"}) == service_worker_js(FILES)


def test_path_and_content_boundaries_cannot_collide() -> None:
    assert site_version({"a": b"bc"}) != site_version({"ab": b"c"})


def test_version_is_a_short_hex_digest() -> None:
    assert re.fullmatch(r"[0-9a-f]{12}", version(service_worker_js(FILES)))


def test_worker_installs_activates_and_serves_offline() -> None:
    text = service_worker_js(FILES).decode("utf-8")
    for needle in ('addEventListener("install"', "cache.addAll", 'addEventListener("activate"',
                   "caches.delete", "clients.claim", 'addEventListener("fetch"',
                   'NOT_FOUND = "404.html"', 'request.mode !== "navigate"'):
        assert needle in text
    assert "Date" not in text  # no wall clock


def digests(worker: bytes) -> list[str]:
    """The SHA-256 list written into a generated worker, in manifest order."""
    body = re.search(rb"var DIGESTS = \[\n(.*?)\n\];", worker, re.S).group(1)
    return json.loads(b"[" + body + b"]")


def test_lists_the_sha256_of_every_precached_file_for_the_install_and_each_answer() -> None:
    worker = service_worker_js(FILES)
    expected = [base64.b64encode(hashlib.sha256(FILES[unquote(path)]).digest()).decode() for path in manifest(worker)]
    assert digests(worker) == expected
    text = worker.decode("utf-8")
    assert 'integrity: "sha256-" + DIGESTS[i]' in text  # the install refuses other bytes
    assert 'crypto.subtle.digest("SHA-256"' in text  # and so does every answer from the cache
