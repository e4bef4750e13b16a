"""`build.py import timelinejs FILE`: TimelineJS JSON or CSV -> content files.

Read and check everything, plan every file, refuse if any would overwrite an existing
one, then write each through a temporary file and a rename: never a partial import.
"""
from __future__ import annotations

import os
import re
import tempfile
import unicodedata
from dataclasses import dataclass
from typing import TextIO
from urllib.parse import urlsplit

import yaml

from .dates import Date, display_range
from .errors import Problem, display_path
from .import_html import escape_markdown, html_to_markdown, html_to_text, is_plain_paragraph
from .import_timelinejs import Slide, read_slides

KINDS = ("timelinejs",)
SUMMARY_LIMIT = 300  # longer texts go to the body: a summary is one sentence
SLUG_LIMIT = 60
_FOLDS = str.maketrans({"đ": "d", "Đ": "D", "ß": "ss", "æ": "ae", "Æ": "AE", "ø": "o",
                        "Ø": "O", "ł": "l", "Ł": "L", "œ": "oe", "Œ": "OE", "þ": "th",
                        "Þ": "Th", "ı": "i"})
_CIRCA_RE = re.compile(r"^(circa|ca\.?|about|approx\.?|approximately)\s+", re.IGNORECASE)


class _Quoted(str):
    """Text that YAML must write in quotes (dates, so nobody reads them as numbers)."""


class _Dumper(yaml.SafeDumper):
    """safe_dump's dumper, plus quoted dates."""


_Dumper.add_representer(
    _Quoted, lambda dumper, value: dumper.represent_scalar("tag:yaml.org,2002:str", str(value),
                                                           style="'"))


@dataclass(frozen=True)
class Planned:
    """A file the import will create: absolute path and text."""

    path: str
    text: str


def run_import(kind: str, file: str, content_dir: str, out: TextIO,
               err: TextIO | None = None) -> int:
    """Import FILE into content_dir; print what was written; 0 on success, 1 on problems."""
    err = err or out
    if kind not in KINDS:
        print(f"error: unknown import kind {kind!r} (expected: {', '.join(KINDS)})", file=err)
        return 1
    slides, problems = check_file(file)
    if _report(problems, err):
        return 1
    planned, notes = plan_files(slides, content_dir)
    conflicts = [Problem(p.path, 0, "already exists") for p in planned if os.path.lexists(p.path)]
    if _report(conflicts, err):
        print(f"nothing was written: the import never overwrites files "
              f"({len(conflicts)} already exist)", file=err)
        return 1
    try:
        write_files(planned)
    except OSError as exc:
        print(f"error: {exc}; nothing was written", file=err)
        return 1
    for line in [f"wrote {display_path(p.path)}" for p in planned] + notes:
        print(line, file=out)
    events = sum(1 for s in slides if s.kind == "event")
    eras = sum(1 for s in slides if s.kind == "era")
    print(f"imported {events} event(s) and {eras} era(s) from {display_path(file)}", file=out)
    return 0


def check_file(file: str) -> tuple[list[Slide], list[Problem]]:
    """Read and check every slide; the problems include warnings."""
    text, problem = _read_text(file)
    if problem:
        return [], [problem]
    slides, problems = read_slides(file, text)
    for slide in slides:
        if slide.kind == "event" and not html_to_text(slide.headline):
            problems.append(slide.problem("no headline: every event needs a title"))
        if slide.media_url and not is_link(slide.media_url):
            problems.append(slide.problem("media is not a web address (an embed code?); "
                                          "only its caption and credit are kept", warning=True))
    titles = [s for s in slides if s.kind == "title"]
    problems += [s.problem("a second title slide; keep one") for s in titles[1:]]
    return slides, sorted(problems, key=lambda p: (p.line, not p.warning))


def _read_text(file: str) -> tuple[str, Problem | None]:
    """The file as text (a UTF-8 byte order mark is dropped), or the problem."""
    try:
        with open(file, encoding="utf-8-sig", newline="") as handle:
            return handle.read(), None
    except FileNotFoundError:
        return "", Problem(file, 0, "no such file")
    except UnicodeDecodeError as exc:
        return "", Problem(file, 0, f"not UTF-8 text (byte {exc.start}); save it as UTF-8")
    except OSError as exc:
        return "", Problem(file, 0, exc.strerror or str(exc))


def _report(problems: list[Problem], err: TextIO) -> bool:
    """Print problems (warnings too); True when any of them is an error."""
    for problem in problems:
        print(problem.format(), file=err)
    return any(not p.warning for p in problems)


def plan_files(slides: list[Slide], content_dir: str) -> tuple[list[Planned], list[str]]:
    """Every file to write, in order: site.yaml, eras.yaml, events; and notes."""
    planned, notes = [], []
    titles = [s for s in slides if s.kind == "title"]
    site_path = os.path.join(content_dir, "site.yaml")
    if titles and os.path.lexists(site_path):
        notes.append(f"kept {display_path(site_path)}: the title slide was not imported")
    elif titles and html_to_text(titles[0].headline):
        planned.append(Planned(site_path, site_yaml(titles[0])))
    elif titles:
        notes.append("the title slide has no headline: site.yaml not written")
    eras = [s for s in slides if s.kind == "era"]
    if eras:
        planned.append(Planned(os.path.join(content_dir, "eras.yaml"), eras_yaml(eras)))
    used: set[str] = set()
    events = [s for s in slides if s.kind == "event"]
    for slide in events:
        slug = unique_slug(slugify(html_to_text(slide.headline)), used)
        planned.append(Planned(os.path.join(content_dir, "events", f"{slug}.md"),
                               event_document(slide)))
    timed = sum(1 for s in events if s.has_time)
    if timed:
        notes.append(f"left out the time of day of {timed} event(s): events are dated to the day")
    return planned, notes


def site_yaml(title: Slide) -> str:
    """site.yaml from the title slide."""
    data = {"title": html_to_text(title.headline)}
    description = html_to_text(title.text)
    if description:
        data["description"] = description
    return _dump(data)


def eras_yaml(eras: list[Slide]) -> str:
    """eras.yaml: a list of name, start and end."""
    return _dump([{"name": html_to_text(era.headline) or era.start.iso(),
                   "start": _Quoted(era.start.iso()), "end": _Quoted(era.end.iso())}
                  for era in eras])


def event_document(slide: Slide) -> str:
    """An event file: YAML front matter, then the text as Markdown."""
    start, end, note = qualified_dates(slide.start, slide.end, slide.display_date)
    meta: dict = {"title": html_to_text(slide.headline), "date": _Quoted(start.iso())}
    if end is not None and end != start:
        meta["end"] = _Quoted(end.iso())
    body = ""
    if is_plain_paragraph(slide.text) and len(html_to_text(slide.text)) <= SUMMARY_LIMIT:
        if html_to_text(slide.text):
            meta["summary"] = html_to_text(slide.text)
    else:
        body = html_to_markdown(slide.text)
    if slide.group and slugify(slide.group, fallback=""):
        meta["tags"] = [slugify(slide.group, fallback="")]
    source = {key: value for key, value in (
        ("title", html_to_text(slide.media_caption)), ("publisher", html_to_text(slide.media_credit)),
        ("url", slide.media_url if is_link(slide.media_url) else "")) if value}
    if source:
        meta["sources"] = [source]
    if note:
        body += ("\n\n" if body else "") + f"Date as shown in the imported timeline: {escape_markdown(note)}"
    return f"---\n{_dump(meta)}---\n" + (f"\n{body}\n" if body else "")


def qualified_dates(start: Date, end: Date | None,
                    display: str) -> tuple[Date, Date | None, str | None]:
    """Dates marked ~/?/% when the display text says so; else the text as a note."""
    wanted = _normal(display)
    if not wanted:
        return start, end, None
    for start_marks in _MARKS:
        for end_marks in _MARKS if end is not None else [(False, False)]:
            new_start = _marked(start, start_marks)
            new_end = _marked(end, end_marks) if end is not None else None
            shown = {_normal(display_range(new_start, new_end))}
            if new_end is not None and new_end == new_start:
                shown.add(_normal(new_start.display()))
            if wanted in shown:
                return new_start, new_end, None
    return start, end, display


_MARKS = [(False, False), (True, False), (False, True), (True, True)]


def _marked(date: Date, marks: tuple[bool, bool]) -> Date:
    """The date with approximate/uncertain set as given."""
    return Date(date.year, date.month, date.day, approximate=marks[0], uncertain=marks[1])


def _normal(text: str) -> str:
    """Display text compared loosely: case, spacing, dashes and 'circa' spellings."""
    text = " ".join(text.replace("—", "–").replace(" - ", " – ").split()).casefold()
    return _CIRCA_RE.sub("c. ", text)


def is_link(url: str) -> bool:
    """True for a web address or a relative path; False for embed codes and scripts."""
    if not url or any(char.isspace() or char in "<>\"" for char in url):
        return False
    return urlsplit(url).scheme.lower() in ("", "http", "https")


def slugify(text: str, fallback: str = "event") -> str:
    """A slug from a headline: accents folded to ASCII, lowercase, hyphens."""
    folded = unicodedata.normalize("NFKD", text.translate(_FOLDS))
    words = re.findall(r"[a-z0-9]+", folded.encode("ascii", "ignore").decode().lower())
    slug = "-".join(words)
    if len(slug) > SLUG_LIMIT:
        slug = slug[:SLUG_LIMIT].rsplit("-", 1)[0] if "-" in slug[:SLUG_LIMIT] else slug[:SLUG_LIMIT]
    return slug or fallback


def unique_slug(slug: str, used: set[str]) -> str:
    """The slug, or slug-2, slug-3, ... if it is taken; remembers it as taken."""
    candidate, number = slug, 2
    while candidate in used:
        candidate, number = f"{slug}-{number}", number + 1
    used.add(candidate)
    return candidate


def _dump(data: object) -> str:
    """Safe YAML; strings that look like dates or numbers come out quoted."""
    return yaml.dump(data, Dumper=_Dumper, allow_unicode=True, sort_keys=False, width=4096,
                     default_flow_style=False)


def write_files(planned: list[Planned]) -> None:
    """Write every file to a temporary name first, then rename them all into place."""
    staged: list[tuple[str, str]] = []
    try:
        for item in planned:
            folder = os.path.dirname(item.path)
            os.makedirs(folder, exist_ok=True)
            handle, temp = tempfile.mkstemp(dir=folder, prefix=".import-", suffix=".tmp")
            staged.append((temp, item.path))
            with os.fdopen(handle, "w", encoding="utf-8", newline="\n") as stream:
                stream.write(item.text)
        for index, (temp, final) in enumerate(staged):
            os.replace(temp, final)
            staged[index] = (final, final)  # from now on, undoing means removing it
    except OSError:
        for path, _ in staged:
            _remove(path)
        raise


def _remove(path: str) -> None:
    """Delete a file this import created, ignoring one that is already gone."""
    try:
        os.remove(path)
    except FileNotFoundError:
        pass
