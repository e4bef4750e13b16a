"""`chronicle archive` and `chronicle check --links`: sources against the Wayback Machine, by the author.

The only commands that use the network, run by hand; a build never does. `archive` asks the
Wayback Machine's availability API for a snapshot of every source URL without an `archive`,
and writes `archive: <snapshot>` on the line after the source's `url:` line, touching no
other byte of the file (no YAML round trip: comments, quoting and order stay as written).
`check --links` asks each source URL whether it still answers, and names the archived copy
of each one that does not.
"""
from __future__ import annotations

import json
import re
import urllib.error
import urllib.parse
import urllib.request
from concurrent.futures import ThreadPoolExecutor
from dataclasses import dataclass
from typing import TextIO

from ..content.load import document_from, load_content
from ..content.yamlread import YamlError, read_yaml
from ..errors import display_path

AVAILABILITY_API = "https://archive.org/wayback/available"
SAVE_API = "https://web.archive.org/save/"
TIMEOUT = 20  # seconds per request: the Wayback Machine is often slow, rarely that slow
_AGENT = "chronicle (https://github.com/) source archiver"


@dataclass(frozen=True)
class Cited:
    """One source URL and where it is written: its file, the line its item starts, the key of its URL."""

    path: str
    line: int
    url: str
    archive: str | None
    key: str  # 'url' in front matter, 'URL' in a CSL bibliography


def source_urls(content_dir: str) -> list[Cited]:
    """Every http(s) source URL of the content: events, people and places, then the bibliography."""
    content, _ = load_content(content_dir, workers=1)
    found = [Cited(entry.path, source.line, source.url, source.archive, "url")
             for entry in (*content.events, *content.people, *content.places)
             for source in getattr(entry, "sources", ()) if source.url]
    found += [Cited(work.path, work.line, work.url, work.archive, "URL") for work in content.works if work.url]
    return [c for c in found if c.url.startswith(("http://", "https://"))]


def run_archive(content_dir: str, endpoint: str | None, capture: bool, out: TextIO, err: TextIO) -> int:
    """Fill in `archive` for every source lacking one; report what was found and what was not."""
    api = endpoint or AVAILABILITY_API
    save = urllib.parse.urljoin(api, "/save/") if endpoint else SAVE_API
    wanted = [c for c in source_urls(content_dir) if not c.archive]
    edits: dict[str, list[tuple[Cited, str]]] = {}
    missing = 0
    try:
        for cited in wanted:
            snapshot = closest_snapshot(api, cited.url)
            if snapshot is None and capture:
                request_capture(save, cited.url)
                snapshot = closest_snapshot(api, cited.url)
            where = f"{display_path(cited.path)}:{cited.line}"
            if snapshot is None:
                missing += 1
                hint = "" if capture else " (--capture asks for one)"
                print(f"{where}: no archived copy of {cited.url}{hint}", file=out)
                continue
            edits.setdefault(cited.path, []).append((cited, snapshot))
            print(f"{where}: archived copy {snapshot}", file=out)
    except OSError as exc:  # the network or the API is down: say so once, write nothing
        print(f"error: the Wayback Machine did not answer ({api}): {_reason(exc)}", file=err)
        return 1
    unwritable = [problem for path, found in edits.items() if (problem := _write(path, found))]
    for problem in unwritable:
        print(problem, file=err)
    written = sum(len(found) for found in edits.values())
    print(f"{written} archived copies added, {missing} sources without one, "
          f"{len(source_urls(content_dir)) - len(wanted)} had one already", file=out)
    return 1 if unwritable else 0


def closest_snapshot(api: str, url: str) -> str | None:
    """The URL of the Wayback Machine's closest snapshot of url, or None."""
    with _open(f"{api}?{urllib.parse.urlencode({'url': url})}") as response:
        data = json.loads(response.read().decode("utf-8"))
    closest = (data.get("archived_snapshots") or {}).get("closest") or {}
    if closest.get("available") and str(closest.get("url", "")).startswith(("http://", "https://")):
        return re.sub(r"^http://", "https://", closest["url"])  # the API answers http://; the archive serves https
    return None


def request_capture(save: str, url: str) -> None:
    """Ask the Wayback Machine to capture url now (Save Page Now)."""
    with _open(save + url):
        pass


def _open(url: str):
    request = urllib.request.Request(url, headers={"User-Agent": _AGENT})
    return urllib.request.urlopen(request, timeout=TIMEOUT)  # noqa: S310 (http(s) only, built above)


def _reason(exc: OSError) -> str:
    return str(getattr(exc, "reason", None) or exc)


def _write(path: str, found: list[tuple[Cited, str]]) -> str | None:
    """Insert each `archive:` line after its source's URL line; the rest of the file is kept byte for byte."""
    if not path.endswith((".md", ".yaml", ".yml")):
        names = ", ".join(snapshot for _, snapshot in found)
        return f"{display_path(path)}: not changed (only Markdown and YAML files are edited): add by hand {names}"
    with open(path, "rb") as handle:
        lines = handle.read().decode("utf-8").splitlines(keepends=True)
    for cited, snapshot in sorted(found, key=lambda item: -item[0].line):  # bottom up: earlier lines stay put
        at = _url_line(lines, cited)
        if at is None:
            return f"{display_path(path)}:{cited.line}: not changed: no '{cited.key}:' line found for {cited.url}"
        line = lines[at]
        indent = len(line) - len(line.lstrip(" -"))  # the column of the key, after any '- '
        ending = "\r\n" if line.endswith("\r\n") else "\n"
        lines.insert(at + 1, " " * indent + f"archive: {_yaml_url(snapshot)}{ending}")
    text = "".join(lines)
    if problem := _still_loads(path, text):
        return f"{display_path(path)}: not changed: {problem}"
    with open(path, "wb") as handle:
        handle.write(text.encode("utf-8"))
    return None


def _still_loads(path: str, text: str) -> str | None:
    """Why the edited text would not load as it did, or None: the file is written only when it does."""
    body = text.replace("\r\n", "\n")
    if path.endswith(".md"):
        problems: list = []
        return None if document_from(path, body, problems) else "; ".join(p.message for p in problems)
    try:
        read_yaml(body)
    except YamlError as exc:
        return exc.message
    return None


def _url_line(lines: list[str], cited: Cited) -> int | None:
    """The index of the `url:` line of the list item that starts at cited.line (1-based)."""
    start = cited.line - 1
    if start >= len(lines):
        return None
    item_indent = len(lines[start]) - len(lines[start].lstrip(" "))
    key = re.compile(rf"^[ ]*(?:-[ ]+)?{cited.key}:[ ]")
    for index in range(start, len(lines)):
        text = lines[index]
        if index > start and text.strip() and len(text) - len(text.lstrip(" ")) <= item_indent:
            break  # the next item, or the end of the list
        if text.rstrip() in ("---", "..."):
            break
        if key.match(text):
            return index
    return None


def _yaml_url(url: str) -> str:
    """A URL as a YAML value: plain where YAML reads it back unchanged, else double-quoted."""
    if re.fullmatch(r"[A-Za-z0-9:/._~%?&=+\-@!$'()*,;]+", url) and ": " not in url and " #" not in url:
        return url
    return json.dumps(url)


def run_link_check(content_dir: str, out: TextIO, err: TextIO) -> int:
    """Ask each source URL whether it still answers; name the archived copy of each one that does not."""
    cited = source_urls(content_dir)
    urls = sorted({c.url for c in cited})
    with ThreadPoolExecutor(max_workers=8) as pool:  # waiting on servers, not computing
        answers = dict(zip(urls, pool.map(_answer, urls)))
    dead = [c for c in cited if answers[c.url] is not None]
    for c in sorted(dead, key=lambda c: (display_path(c.path), c.line)):
        copy = f"archived copy: {c.archive}" if c.archive else "no archived copy (run `chronicle archive`)"
        print(f"{display_path(c.path)}:{c.line}: warning: {c.url} does not answer ({answers[c.url]}); {copy}",
              file=err)
    print(f"Links: {len(urls) - len({c.url for c in dead})} of {len(urls)} source URLs answer", file=out)
    return 0


def _answer(url: str) -> str | None:
    """None when url answers with a page; else why not ('HTTP 404', 'timed out', ...)."""
    try:
        with _open(url) as response:
            return None if response.status < 400 else f"HTTP {response.status}"
    except urllib.error.HTTPError as exc:
        return f"HTTP {exc.code}"
    except (OSError, ValueError) as exc:
        return _reason(exc) if not isinstance(exc, ValueError) else str(exc)
