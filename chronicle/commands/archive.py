"""`chronicle archive` and `chronicle check --links`: sources against the Wayback Machine, by the author.

The only commands that use the network, run by hand; a build never does. `archive` asks the
Wayback Machine's availability API for a snapshot of every source URL without an `archive`,
and writes it on a new line after the source's URL line, touching no other byte of the file
(no YAML, JSON or BibTeX round trip: comments, quoting, order and layout stay as written):
`archive: <snapshot>` in Markdown and CSL-YAML, `"archive": "<snapshot>"` in CSL-JSON and
`archive = {<snapshot>}` in BibTeX, the keys the bibliography loader reads. The edited text is
read back with the build's own loader first; a file it would not load as before is left alone.
`check --links` asks each source URL whether it still answers, and names the archived copy
of each one that does not.
"""
from __future__ import annotations

import json
import os
import re
import urllib.error
import urllib.parse
import urllib.request
from concurrent.futures import ThreadPoolExecutor
from dataclasses import dataclass
from typing import TextIO

from ..content.bibliography import NAMES as BIBLIOGRAPHIES, read_works
from ..content.load import document_from, load_content
from ..content.yamlread import YamlError, read_yaml
from ..errors import Problem, display_path

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
    work: str = ""  # the id of a bibliography's work


def source_urls(content_dir: str) -> list[Cited]:
    """Every http(s) source URL of the content: events, people and places, then the bibliography."""
    content, _ = load_content(content_dir, workers=1)
    found = [Cited(entry.path, source.line, source.url, source.archive, "url")
             for entry in (*content.events, *content.people, *content.places)
             for source in getattr(entry, "sources", ()) if source.url]
    found += [Cited(work.path, work.line, work.url, work.archive, "URL", work.id)
              for work in content.works if work.url]
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
    problems = {path: problem for path, found in edits.items() if (problem := _write(path, found))}
    unwritable = list(problems.values())
    for problem in unwritable:
        print(problem, file=err)
    written = sum(len(found) for path, found in edits.items() if path not in problems)  # a file is all or nothing
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
    """Insert each archived copy after its source's URL line; the rest of the file is kept byte for byte."""
    with open(path, "rb") as handle:
        original = handle.read().decode("utf-8")
    if path.endswith(".json"):
        text = _json_edited(original, found)
    elif path.endswith(".bib"):
        text = _bib_edited(original, found)
    else:
        text = _yaml_edited(original, found)
    if isinstance(text, tuple):  # (line, why): no place to write one of them
        return f"{display_path(path)}:{text[0]}: not changed: {text[1]}"
    if problem := _still_loads(path, original, text, found):
        return f"{display_path(path)}: not changed: {problem}"
    with open(path, "wb") as handle:
        handle.write(text.encode("utf-8"))
    return None


def _yaml_edited(original: str, found: list[tuple[Cited, str]]) -> str | tuple[int, str]:
    """Markdown front matter or CSL-YAML with `archive: <snapshot>` under each URL line."""
    lines = original.splitlines(keepends=True)
    for cited, snapshot in sorted(found, key=lambda item: -item[0].line):  # bottom up: earlier lines stay put
        at = _url_line(lines, cited)
        if at is None:
            return cited.line, f"no '{cited.key}:' line found for {cited.url}"
        line = lines[at]
        indent = len(line) - len(line.lstrip(" -"))  # the column of the key, after any '- '
        lines.insert(at + 1, " " * indent + f"archive: {_yaml_url(snapshot)}{_ending(line)}")
    return "".join(lines)


def _ending(line: str) -> str:
    return "\r\n" if line.endswith("\r\n") else "\n"


def _still_loads(path: str, original: str, text: str, found: list[tuple[Cited, str]]) -> str | None:
    """Why the edited text would not load as it did, or None: the file is written only when it does.

    A bibliography is read with the build's own reader, before and after: the edited text must
    give every work as before, plus the archived copies just added, and no problem."""
    body = text.replace("\r\n", "\n").removeprefix("\ufeff")
    problems: list[Problem] = []
    if path.endswith(".md"):
        return None if document_from(path, body, problems) else "; ".join(p.message for p in problems)
    if os.path.basename(path) not in BIBLIOGRAPHIES:
        try:
            read_yaml(body)
        except YamlError as exc:
            return exc.message
        return None
    after = {work.id: work for work in read_works(path, body, problems)}
    if errors := [p for p in problems if not p.warning]:
        return f"line {errors[0].line}: {errors[0].message}"
    before = {work.id: work for work in read_works(path, original.replace("\r\n", "\n").removeprefix("\ufeff"), [])}
    added = {cited.work: snapshot for cited, snapshot in found}
    for ident, work in before.items():
        new = after.get(ident)
        wanted = added.get(ident, work.archive)
        if new is None or new.csl != work.csl or new.archive != wanted:
            return f"work '{ident}' would not read back as before with archive {wanted}"
    return None if after.keys() == before.keys() else "the works would change"


def _json_edited(original: str, found: list[tuple[Cited, str]]) -> str | tuple[int, str]:
    """CSL-JSON with `"archive": "<snapshot>"` after each work's "URL", on a line of its own
    with the same indentation (inline when the URL shares its line with more)."""
    objects = _json_objects(original)
    inserts: list[tuple[int, str]] = []
    for cited, snapshot in found:
        spot = min((item for item in objects if _json_id(original, item[1]) == cited.work),
                   default=(0, None), key=lambda item: item[0])[1]  # the work, not an object inside one
        if spot is None or "URL" not in spot:
            return cited.line, f"no \"URL\" found for work '{cited.work}'"
        if "archive" in spot:
            return cited.line, f"work '{cited.work}' has an \"archive\" that is no URL: add {snapshot} by hand"
        key_at, _, end = spot["URL"]
        value = f'"archive": {json.dumps(snapshot, ensure_ascii=False)}'
        start = original.rfind("\n", 0, key_at) + 1
        indent = original[start:key_at]
        after = re.match(r"[ \t]*(,?)[ \t]*(\r?\n)", original[end:])
        if after is None or indent.strip():  # more on the URL's line: stay on it
            inserts.append((end, ", " + value))
        elif after.group(1):  # "URL": "...",  -> the new line ends with a comma too
            inserts.append((end + after.end(), f"{indent}{value},{after.group(2)}"))
        else:  # the URL was the last key: it gains the comma, the new line is last
            inserts += [(end, ","), (end + after.end(), f"{indent}{value}{after.group(2)}")]
    text = original
    for at, piece in sorted(inserts, key=lambda item: -item[0]):  # from the end: earlier offsets stay put
        text = text[:at] + piece + text[at:]
    return text


def _json_objects(text: str) -> list[tuple[int, dict[str, tuple[int, int, int]]]]:
    """Every JSON object of text as (depth, {key: (key offset, value offset, value end)}): json keeps no offsets."""
    decoder = json.JSONDecoder()
    found: list[tuple[int, dict[str, tuple[int, int, int]]]] = []

    def skip(at: int) -> int:
        while at < len(text) and text[at] in " \t\r\n\ufeff":
            at += 1
        return at

    def value(at: int, depth: int = 0) -> int:
        at = skip(at)
        if text[at] == "{":
            keys: dict[str, tuple[int, int, int]] = {}
            at = skip(at + 1)
            while text[at] != "}":
                key, after = json.decoder.scanstring(text, at + 1)
                start = skip(skip(after) + 1)  # past the ':'
                end = value(start, depth + 1)
                keys[key] = (at, start, end)
                at = skip(end)
                at = skip(at + 1) if text[at] == "," else at
            found.append((depth, keys))
            return at + 1
        if text[at] == "[":
            at = skip(at + 1)
            while text[at] != "]":
                at = skip(value(at, depth + 1))
                at = skip(at + 1) if text[at] == "," else at
            return at + 1
        return decoder.raw_decode(text, at)[1]

    value(0)
    return found


def _json_id(text: str, keys: dict[str, tuple[int, int, int]]) -> str | None:
    """The work id of a JSON object, as the loader reads it ('id', else 'citation-key')."""
    spot = keys.get("id") or keys.get("citation-key")
    if spot is None:
        return None
    ident = json.loads(text[spot[1]:spot[2]])
    return str(ident).strip() if isinstance(ident, (str, int)) else None


_BIB_URL = re.compile(r"^([ \t]*)url(\s*=\s*)(\{[^{}\n]*\}|\"[^\"\n]*\")[ \t]*(,?)[ \t]*(\r?\n)", re.I | re.M)
_BIB_ENTRY = re.compile(r"^[ \t]*@", re.M)


def _bib_edited(original: str, found: list[tuple[Cited, str]]) -> str | tuple[int, str]:
    """BibTeX with `archive = {<snapshot>}` after each entry's `url` field line, indented alike."""
    starts = [0] + [m.end() for m in re.finditer(r"\n", original)]  # the offset of each line
    inserts: list[tuple[int, str]] = []
    for cited, snapshot in found:
        begin = starts[cited.line - 1] if cited.line - 1 < len(starts) else len(original)
        following = _BIB_ENTRY.search(original, begin + 1)
        entry = original[begin:following.start() if following else len(original)]
        url = _BIB_URL.search(entry)
        if url is None:
            return cited.line, f"no one-line 'url = {{...}}' field found for entry '{cited.work}'"
        if re.search(r"^[ \t]*archive\s*=", entry, re.I | re.M):
            return cited.line, f"entry '{cited.work}' has an 'archive' that is no URL: add {snapshot} by hand"
        if re.search(r"[{}\s]", snapshot):
            return cited.line, f"the archived copy {snapshot} cannot be written in braces: add it by hand"
        field = f"{url.group(1)}archive{url.group(2)}{{{snapshot}}}"
        line_end = begin + url.end()
        if url.group(4):
            inserts.append((line_end, f"{field},{url.group(5)}"))
        else:  # url was the last field: it gains the comma
            inserts += [(begin + url.end(3), ","), (line_end, f"{field}{url.group(5)}")]
    text = original
    for at, piece in sorted(inserts, key=lambda item: -item[0]):
        text = text[:at] + piece + text[at:]
    return text


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
