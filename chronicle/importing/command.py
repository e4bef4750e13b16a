"""`build.py import timelinejs FILE`: TimelineJS JSON or CSV -> content files.

The file is streamed: each event is checked, planned and written to a staging folder in
content/ as it is read, and only its slug is kept, so a 50 MB file of a million tiny slides
takes memory for one slide plus the slugs (and the few group names and media files, which
are small tables). A relative image beside the input is copied into the staging folder the
first time a slide names it, and moved into content/assets/ with the events. Anything wrong (a bad slide, a file that would be
overwritten, JSON broken at the end) and the staging folder is removed: nothing was written.
Otherwise every file is renamed into place: never a partial import.
"""
from __future__ import annotations

import codecs
import filecmp
import itertools
import os
import re
import shutil
import stat
import tempfile
import unicodedata
from collections import Counter
from collections.abc import Iterable, Iterator
from dataclasses import dataclass, field
from typing import BinaryIO, TextIO

import yaml
from anyascii import anyascii

from ..content import fields
from ..errors import Problem, display_path
from .dates import dates_from_display, with_time
from .html import html_to_markdown, html_to_text, is_plain_paragraph
from .media import IMAGE_EXTENSIONS, Media, MediaPlace, headline_from, relative_path, resolve_url, slide_media
from .reader import FileProblem, Slide, read_slides
from ..commands.written import text_problems

KINDS = ("timelinejs",)
SUMMARY_LIMIT = 300  # longer texts go to the body: a summary is one sentence
SLUG_LIMIT = 60
MAX_FILE_BYTES = 100 * 2 ** 20  # TimelineJS files are kilobytes; its own viewer chokes long before this
_FOLDS = str.maketrans({"đ": "d", "Đ": "D", "ß": "ss", "æ": "ae", "Æ": "AE", "ø": "o",
                        "Ø": "O", "ł": "l", "Ł": "L", "œ": "oe", "Œ": "OE", "þ": "th",
                        "Þ": "Th", "ı": "i"})


class _Quoted(str):
    """Text that YAML must write in quotes (dates, so nobody reads them as numbers)."""


class _Dumper(yaml.SafeDumper):
    """safe_dump's dumper, plus quoted dates."""


_Dumper.add_representer(
    _Quoted, lambda dumper, value: dumper.represent_scalar("tag:yaml.org,2002:str", str(value),
                                                           style="'"))


@dataclass(frozen=True)
class Planned:
    """A file the import will create (or, when merged, replace): absolute path and text."""

    path: str
    text: str
    merged: bool = False


@dataclass(frozen=True)
class Plan:
    """Files to write, notes for the user, problems found while planning, and tallies."""

    files: list[Planned]
    notes: list[str]
    problems: list[Problem]
    counts: Counter
    groups: dict[str, str] = field(default_factory=dict)  # group -> tag, for groups without a-z
    media: MediaPlace = field(default_factory=lambda: MediaPlace("", ""))
    copied: dict[str, str] = field(default_factory=dict)  # assets/ path -> the file copied there


@dataclass
class Reading:
    """What an import keeps while the file streams past: counts, problems, the few title and era slides.

    Each event is planned and written to the staging folder as it is read; of it only its slug is kept
    (for the de-duplication and the final renames), so memory follows the largest slide, not the file.
    The group table (events.groups) and the media copies (events.copied, copies) grow with the distinct
    groups and image files, not with the slides.
    """

    staging: str
    content_dir: str
    events: Plan  # the events' tallies, problems, group tags and media copies (its files stay empty)
    read: dict[str, list[Problem]] = field(default_factory=lambda: {k: [] for k in ("file", "title", "event", "era")})
    titles: list[Slide] = field(default_factory=list)
    eras: list[Slide] = field(default_factory=list)
    slugs: list[str] = field(default_factory=list)
    used: set[str] = field(default_factory=set)
    numbers: dict[str, int] = field(default_factory=dict)
    conflicts: list[Problem] = field(default_factory=list)
    copies: dict[str, bool] = field(default_factory=dict)  # assets/ path -> staged (False: that file is there)
    slides: int = 0
    failed: bool = False  # a read error: later events are checked, not planned
    blocked: bool = False  # an event the build would refuse, or a file already there: nothing more is staged

    @property
    def events_dir(self) -> str:
        return os.path.join(self.content_dir, "events")

    def read_problems(self) -> list[Problem]:
        """Problems found while reading, in the order a whole-file read gave them."""
        problems = [p for kind in ("file", "title", "event", "era") for p in self.read[kind]]
        problems += [s.problem("a second title slide; keep one") for s in self.titles[1:]]
        return sorted(problems, key=lambda p: (p.line, not p.warning))


def run_import(kind: str, file: str, content_dir: str, out: TextIO,
               err: TextIO | None = None, media_base: str = "") -> int:
    """Import FILE into content_dir; print what was written; 0 on success, 1 on problems.

    Relative media addresses are resolved against media_base (a URL) when given, else read as
    files beside FILE and copied into content_dir/assets/.
    """
    err = err or out
    if kind not in KINDS:
        print(f"error: unknown import kind {kind!r} (expected: {', '.join(KINDS)})", file=err)
        return 1
    if media_base and not media_base.endswith("/") and "." not in media_base.rsplit("/", 1)[-1]:
        media_base += "/"  # a folder: urljoin would drop its last name ('.../timeline' + 'a.png')
    if media_base and resolve_url("a", media_base) is None:
        print(f"error: --media-base {media_base!r} is not an http(s) address, e.g. https://example.org/timeline/",
              file=err)
        return 1
    handle, start, problem = open_checked(file)
    if problem:
        print(problem.format(), file=err)
        return 1
    media = MediaPlace(os.path.dirname(os.path.abspath(file)), media_base)
    with handle:
        try:
            return _import_file(file, handle, start, content_dir, media, out, err)
        except OSError as exc:  # content/ cannot be made or written to
            print(f"error: {exc}; nothing was written", file=err)
            return 1


def _import_file(file: str, handle: BinaryIO, start: int, content_dir: str, media: MediaPlace,
                 out: TextIO, err: TextIO) -> int:
    """Read, check and stage every file, then move them all into place, or leave nothing behind."""
    handle.seek(start)
    made = _make_folders(content_dir)
    staging = tempfile.mkdtemp(dir=content_dir, prefix=".import-")
    moved = False
    try:
        reading = Reading(staging, content_dir, Plan([], [], [], Counter(), media=media))
        try:
            for slide_kind, result in read_slides(file, handle):
                _take(reading, slide_kind, result)
        except FileProblem as failure:
            _report(failure.problems, err)
            return 1
        moved = _conclude(file, reading, content_dir, out, err) == 0
        return 0 if moved else 1
    finally:
        shutil.rmtree(staging, ignore_errors=True)
        for folder in ([] if moved else reversed(made)):
            _remove_empty(folder)


def _take(reading: Reading, kind: str, result: Slide | list[Problem]) -> None:
    """One slide (or its problems) as it is read: an event is planned and staged at once."""
    if not isinstance(result, Slide):
        reading.read[kind].extend(result)
        reading.failed = reading.failed or any(not p.warning for p in result)
        return
    reading.slides += 1
    if kind == "title":
        reading.titles.append(result)
    elif kind == "era":
        reading.eras.append(result)
    elif not reading.failed:
        _plan_event(reading, result)


def _plan_event(reading: Reading, slide: Slide) -> None:
    """Plan one event; stage its file while nothing has failed (all-or-nothing: a failed import writes none)."""
    plan = reading.events
    document, title, meta = event_document(slide, plan)
    slug = unique_slug(slugify(title), reading.used, reading.numbers)
    path = os.path.join(reading.events_dir, f"{slug}.md")
    image = meta["image"]["src"] if "image" in meta else ""
    copy = image if image in plan.copied else ""
    # Checked as the next build will read it: never exit 0 having written what it refuses
    # (except its 'no file' for the image this import is about to copy).
    refused = [slide.problem(problem.message) for problem in text_problems(path, "events", document, meta)
               if not (copy and problem.message.startswith(f"image: no file {copy!r} "))]
    plan.problems.extend(refused)
    if os.path.lexists(path):
        reading.conflicts.append(Problem(path, 0, "already exists"))
    reading.slugs.append(slug)
    reading.blocked = reading.blocked or bool(refused) or os.path.lexists(path)
    if copy and copy not in reading.copies:
        _plan_copy(reading, copy, plan.copied[copy])
    if not reading.blocked:
        with open(os.path.join(reading.staging, f"{slug}.md"), "x", encoding="utf-8", newline="\n") as stream:
            stream.write(document)


def _plan_copy(reading: Reading, src: str, source: str) -> None:
    """The first slide naming a media file beside the input: copy it into the staging folder.

    A file with the same bytes already at content/src is kept (a second import copies nothing);
    a different one is a conflict, as for events.
    """
    target = os.path.join(reading.content_dir, *src.split("/"))
    there = os.path.lexists(target)
    reading.copies[src] = not there
    if there and not _same_file_there(target, source):
        reading.conflicts.append(Problem(target, 0, "already exists"))
        reading.blocked = True
    if not there and not reading.blocked:
        staged = os.path.join(reading.staging, *src.split("/"))
        os.makedirs(os.path.dirname(staged), exist_ok=True)
        shutil.copyfile(source, staged)


def _same_file_there(target: str, source: str) -> bool:
    """True when target already holds exactly the bytes of source (compared a chunk at a time)."""
    try:
        with open(target, "rb") as old, open(source, "rb") as new:
            while (chunk := old.read(2 ** 16)) == new.read(2 ** 16):
                if not chunk:
                    return True
            return False
    except OSError:
        return False


def _conclude(file: str, reading: Reading, content_dir: str, out: TextIO, err: TextIO) -> int:
    """Report what reading found, plan site.yaml and eras.yaml, then move every file into place."""
    problems = reading.read_problems()
    if _report(problems, err):
        return 1
    plan = plan_files(reading.titles, reading.eras, content_dir)
    plan.counts.update(reading.events.counts)
    conflicts = [Problem(p.path, 0, "already exists") for p in plan.files
                 if not p.merged and os.path.lexists(p.path)] + reading.conflicts
    if _report(plan.problems + reading.events.problems, err) or _report(conflicts, err):
        print(f"nothing was written: the import never overwrites files "
              f"({len(conflicts)} already exist)" if conflicts else "nothing was written", file=err)
        return 1
    moves = _Moves(reading.slugs, [src for src, staged in reading.copies.items() if staged],
                   reading.staging, reading.content_dir)
    try:
        write_files(plan.files, moves)
    except OSError as exc:
        print(f"error: {exc}; nothing was written", file=err)
        return 1
    for path in itertools.chain((p.path for p in plan.files), (final for _, final in moves)):
        print(f"wrote {display_path(path)}", file=out)
    for line in plan.notes:
        print(line, file=out)
    print(summary(file, reading, problems, plan), file=out)
    return 0


@dataclass(frozen=True)
class _Moves:
    """(staged file, final path) of each event, made from its slug when asked (no list of a million
    paths), then of each media file copied into assets/."""

    slugs: list[str]
    copies: list[str]  # assets/ paths
    staging: str
    content_dir: str

    def __iter__(self) -> Iterator[tuple[str, str]]:
        events = os.path.join(self.content_dir, "events")
        for slug in self.slugs:
            yield os.path.join(self.staging, f"{slug}.md"), os.path.join(events, f"{slug}.md")
        for src in self.copies:
            parts = src.split("/")
            yield os.path.join(self.staging, *parts), os.path.join(self.content_dir, *parts)


def open_checked(file: str) -> tuple[BinaryIO | None, int, Problem | None]:
    """The file open for reading, where its text starts (after a UTF-8 byte order mark), or the problem.

    The whole file is checked first, a chunk at a time: at most MAX_FILE_BYTES (/dev/zero or a stray
    disk image must not run for ever) and UTF-8 throughout. A pipe or device is copied to a temporary
    file on the way, so it can be read again.
    """
    try:
        handle = open(file, "rb")
    except FileNotFoundError:
        return None, 0, Problem(file, 0, "no such file")
    except OSError as exc:
        return None, 0, Problem(file, 0, exc.strerror or str(exc))
    try:
        if not stat.S_ISREG(os.fstat(handle.fileno()).st_mode):
            handle = _copied(handle)
        problem = _checked_text(file, handle)
        if problem is None and handle.read(3) == codecs.BOM_UTF8:
            return handle, 3, None
    except OSError as exc:
        problem = Problem(file, 0, exc.strerror or str(exc))
    if problem:
        handle.close()
        return None, 0, problem
    return handle, 0, None


def _copied(source: BinaryIO) -> BinaryIO:
    """A temporary copy of a pipe or device, at most one byte past MAX_FILE_BYTES."""
    copy = tempfile.TemporaryFile()
    with source:
        while (room := MAX_FILE_BYTES + 1 - copy.tell()) > 0 and (chunk := source.read(min(2 ** 20, room))):
            copy.write(chunk)
    return copy


def _checked_text(file: str, handle: BinaryIO) -> Problem | None:
    """None if the file is UTF-8 and within MAX_FILE_BYTES; else the problem. Leaves it at its start."""
    handle.seek(0)
    decoder, size = codecs.getincrementaldecoder("utf-8")(), 0
    while chunk := handle.read(2 ** 20):
        if size + len(chunk) > MAX_FILE_BYTES:
            return Problem(file, 0, f"larger than {MAX_FILE_BYTES // 2 ** 20} MB: not a TimelineJS file, "
                                    "or split it into smaller ones")
        try:
            decoder.decode(chunk)
        except UnicodeDecodeError as exc:
            return Problem(file, 0, f"not UTF-8 text (byte {size + exc.start}); save it as UTF-8")
        size += len(chunk)
    try:
        decoder.decode(b"", final=True)
    except UnicodeDecodeError as exc:
        return Problem(file, 0, f"not UTF-8 text (byte {size + exc.start}); save it as UTF-8")
    handle.seek(0)
    return None


def _make_folders(folder: str) -> list[str]:
    """Make folder and missing parents; the ones made, outermost first (removed again if the import fails)."""
    missing = []
    while folder and not os.path.lexists(folder):
        missing.append(folder)
        folder = os.path.dirname(folder)
    for made in reversed(missing):
        os.mkdir(made)
    return list(reversed(missing))


def _remove_empty(folder: str) -> None:
    """Remove a folder this import made, if nothing else was put in it."""
    try:
        os.rmdir(folder)
    except OSError:
        pass


def _report(problems: list[Problem], err: TextIO) -> bool:
    """Print problems (warnings too); True when any of them is an error."""
    for problem in problems:
        print(problem.format(), file=err)
    return any(not p.warning for p in problems)


def plan_files(titles: list[Slide], eras: list[Slide], content_dir: str) -> Plan:
    """site.yaml and eras.yaml, in that order, with notes and problems (the events are planned as read)."""
    plan = Plan([], [], [], Counter())
    site_path = os.path.join(content_dir, "site.yaml")
    if titles and os.path.lexists(site_path):
        plan.notes.append(f"kept {display_path(site_path)}: the title slide was not imported")
    elif titles and html_to_text(titles[0].headline):
        plan.files.append(Planned(site_path, site_yaml(titles[0])))
        site = yaml.safe_load(plan.files[-1].text)
        plan.problems.extend(_text_problems(titles[0], {f"site.yaml {key}": site[key] for key in site}))
    elif titles:
        plan.notes.append("the title slide has no headline: site.yaml not written")
    for era, record in zip(eras, era_records(eras)):
        plan.problems.extend(_text_problems(era, {"eras.yaml name": record["name"]}))
    if eras:
        merge_eras(eras, os.path.join(content_dir, "eras.yaml"), plan)
    return plan


def summary(file: str, reading: Reading, problems: list[Problem], plan: Plan) -> str:
    """What the import did, in counts: slides read, events written, skipped, lost."""
    events, eras = len(reading.slugs), len(reading.eras)
    skipped = sum(1 for p in problems if p.warning and "skipped" in p.message)
    lines = [f"imported {events} event(s) and {eras} era(s) from {display_path(file)}",
             f"slides: {reading.slides + skipped} read, "
             f"{events} event(s) written, {skipped} skipped"]
    made = [f"{label} ({plan.counts[key]})" for key, label in MADE if plan.counts[key]]
    titles_left = sum(int(n) - 1 for p in problems if p.warning
                      for n in re.findall(r"^title: a list of ([0-9]+);", p.message))
    lost = [f"{label} ({plan.counts[key]})" for key, label in LOST if plan.counts[key]]
    lost += [f"title slides after the first ({titles_left})"] if titles_left else []
    lines += [f"made: {', '.join(made)}"] if made else []
    lines.append(f"lost: {', '.join(lost)}" if lost else "lost: nothing")
    return "\n".join(lines)


MADE = (("headline", "titles from text or date"), ("image", "images"), ("link", "media links"),
        ("quote", "quotations"), ("edtf", "dates read from display dates"),
        ("display_date", "display dates kept as written"), ("time_kept", "times of day kept"),
        ("group_named", "groups named in letters a-z"), ("copied", "media files copied into assets/"),
        ("merged", "eras merged"))
LOST = (("time", "time of day"), ("background", "slide backgrounds"),
        ("thumbnail", "media thumbnails"), ("media", "media that cannot be shown"))


def site_yaml(title: Slide) -> str:
    """site.yaml from the title slide."""
    data = {"title": html_to_text(title.headline)}
    description = html_to_text(title.text)
    if description:
        data["description"] = description
    return _dump(data)


def _text_problems(slide: Slide, values: dict) -> list[Problem]:
    """The slide's problems with text the build refuses in site.yaml or eras.yaml (a control character)."""
    problems = []
    for key, value in values.items():
        try:
            fields.text(value)
        except fields.FieldError as exc:
            problems.append(slide.problem(f"{key}: {exc}"))
    return problems


def era_records(eras: list[Slide]) -> list[dict]:
    """eras.yaml items: name, start and end."""
    return [{"name": html_to_text(era.headline) or era.start.iso(),
             "start": _Quoted(era.start.iso()), "end": _Quoted(era.end.iso())} for era in eras]


def merge_eras(eras: list[Slide], path: str, plan: Plan) -> None:
    """Plan eras.yaml: new eras appended to an existing file; a clash is a problem."""
    new = era_records(eras)
    if not os.path.lexists(path):
        plan.files.append(Planned(path, _dump(new)))
        return
    try:
        with open(path, encoding="utf-8") as handle:
            text = handle.read()
        old = yaml.safe_load(text) or []
    except (OSError, UnicodeDecodeError, yaml.YAMLError) as exc:
        plan.problems.append(Problem(path, 0, f"cannot merge eras into it: {exc}".splitlines()[0]))
        return
    if not isinstance(old, list) or not all(isinstance(e, dict) for e in old):
        plan.problems.append(Problem(path, 0, "cannot merge eras into it: not a list of eras"))
        return
    ranges = {str(e.get("name")): (str(e.get("start")), str(e.get("end"))) for e in old}
    added = []
    for era, record in zip(eras, new):
        known = ranges.get(record["name"])
        if known and known != (record["start"], record["end"]):
            plan.problems.append(era.problem(
                f"era '{record['name']}' is already in {display_path(path)} as "
                f"{known[0]}..{known[1]}, not {record['start']}..{record['end']}"))
        elif not known:
            added.append(record)
            ranges[record["name"]] = (record["start"], record["end"])
    plan.counts["merged"] += len(added) if old else 0
    if added:
        plan.files.append(Planned(path, _appended(text, old, added), merged=True))


def _appended(text: str, old: list, added: list[dict]) -> str:
    """The file with the new eras after the old; comments kept when the YAML allows."""
    tail = _dump(added)
    joined = text + ("" if text.endswith("\n") or not text else "\n") + tail
    try:
        if yaml.safe_load(joined) == old + [dict(e) for e in yaml.safe_load(tail)]:
            return joined
    except yaml.YAMLError:
        pass
    return _dump(old + added)  # e.g. '[]' written inline: rewrite the list


def event_document(slide: Slide, plan: Plan) -> tuple[str, str, dict]:
    """An event file (YAML front matter, then the text as Markdown), its title and front matter."""
    date, end, shown = dates_from_display(html_to_text(slide.display_date), slide.start, slide.end)
    date, lost_start = with_time(date, slide.start, slide.start_time)
    if end is not None:
        end, lost_end = with_time(end, slide.end, slide.end_time)
    else:
        lost_end = bool(slide.end_time)
    plan.counts["time"] += lost_start or lost_end or (slide.has_time and not (slide.start_time or slide.end_time))
    plan.counts["time_kept"] += "T" in date or "T" in (end or "")
    title = html_to_text(slide.headline)
    if not title:
        title = headline_from(slide.text, shown or date)
        plan.problems.append(slide.problem(f"no headline: titled {title!r}", warning=True))
        plan.counts["headline"] += 1
    meta: dict = {"title": title, "date": _Quoted(date)}
    if end is not None and end != date:
        meta["end"] = _Quoted(end)
    if shown:
        meta["display_date"] = shown
    _count_dates(slide, shown, date, plan)
    body = ""
    if is_plain_paragraph(slide.text) and len(html_to_text(slide.text)) <= SUMMARY_LIMIT:
        if html_to_text(slide.text):
            meta["summary"] = html_to_text(slide.text)
    else:
        body = html_to_markdown(slide.text)
    if slide.group.strip():
        meta["tags"] = [group_tag(slide.group.strip(), plan)]
    body = _add_media(slide, title, meta, body, plan)
    return f"---\n{_dump(meta)}---\n" + (f"\n{body}\n" if body else ""), title, meta


def _count_dates(slide: Slide, shown: str | None, date: str, plan: Plan) -> None:
    """Tally what the summary reports about dates and slide parts left out."""
    plan.counts["display_date"] += bool(shown)
    plan.counts["edtf"] += bool(slide.display_date and not shown)
    plan.counts["background"] += slide.background
    plan.counts["thumbnail"] += slide.thumbnail


def _add_media(slide: Slide, title: str, meta: dict, body: str, plan: Plan) -> str:
    """The slide's media as `image:`, or a link or quotation after the body."""
    media = slide_media(slide.media_url, slide.media_caption, slide.media_credit, title, plan.media.base)
    if media.problem and relative_path(slide.media_url) is not None and not plan.media.base:
        media = _media_beside_input(slide, title, plan)
    if media.problem:
        plan.problems.append(slide.problem(media.problem, warning=True))
        plan.counts["media"] += 1
    if media.image:
        meta["image"] = media.image
        plan.counts["image"] += 1
    if media.link:
        plan.counts["quote" if media.link.startswith(">") else "link"] += 1
        body += ("\n\n" if body else "") + media.link
    return body


def _media_beside_input(slide: Slide, title: str, plan: Plan) -> Media:
    """A relative image found beside the input, planned as a copy into assets/; else why not."""
    relative = relative_path(slide.media_url)
    shown = slide.media_url.strip()
    source = os.path.normpath(os.path.join(plan.media.folder, *relative.split("/")))
    inside = source.startswith(os.path.join(plan.media.folder, ""))
    if not inside or not os.path.isfile(source):
        return Media(problem=f"media {shown!r} is a relative address: no such file beside the input, "
                             "and no --media-base URL to resolve it against; left out")
    if not relative.lower().endswith(IMAGE_EXTENSIONS):
        return Media(problem=f"media {shown!r} beside the input is not an image; "
                             "copy it to content/assets/ and link it from the body; left out")
    src = "assets/" + os.path.relpath(source, plan.media.folder).replace(os.sep, "/")
    plan.copied[src] = source
    plan.counts["copied"] += 1
    return slide_media("https://local.invalid/" + src, slide.media_caption, slide.media_credit, title
                       ).with_src(src)


def group_tag(group: str, plan: Plan) -> str:
    """The tag of a TimelineJS group: its slug; for a group without letters a-z ('Революция',
    '??') its transliteration with the name as written, else a numbered group, so none vanishes.

    Decided when the group is first seen (a streamed import never needs the later slides):
    plan.groups is the small table of such groups, and 'Group N' counts the ones before it.
    """
    slug = slugify(group, fallback="")
    if slug:
        return slug
    if group not in plan.groups:
        latin = " ".join(re.findall(r"[A-Za-z0-9]+", anyascii(group)))
        words = latin if latin else f"Group {sum(1 for t in plan.groups.values() if t.startswith('Group ')) + 1}"
        plan.groups[group] = f"{words} ({group})"
        plan.counts["group_named"] += 1
    return plan.groups[group]


def slugify(text: str, fallback: str = "event") -> str:
    """A slug from a headline: accents folded to ASCII, lowercase, hyphens."""
    folded = unicodedata.normalize("NFKD", text.translate(_FOLDS))
    words = re.findall(r"[a-z0-9]+", folded.encode("ascii", "ignore").decode().lower())
    slug = "-".join(words)
    if len(slug) > SLUG_LIMIT:
        slug = slug[:SLUG_LIMIT].rsplit("-", 1)[0] if "-" in slug[:SLUG_LIMIT] else slug[:SLUG_LIMIT]
    return slug or fallback


def unique_slug(slug: str, used: set[str], next_number: dict[str, int] | None = None) -> str:
    """The slug, or slug-2, slug-3, ... if it is taken; remembers it as taken.

    next_number remembers where the search for each slug stopped, so 16,000 equal headlines
    take linear time, not quadratic; only slugs that were taken get an entry (memory: a big
    import has a million slugs).
    """
    numbers = {} if next_number is None else next_number
    candidate, number = slug, numbers.get(slug, 2)
    while candidate in used:
        candidate, number = f"{slug}-{number}", number + 1
    used.add(candidate)
    if candidate != slug:
        numbers[slug] = number
    return candidate


def _dump(data: object) -> str:
    """Safe YAML; strings that look like dates or numbers come out quoted."""
    return yaml.dump(data, Dumper=_Dumper, allow_unicode=True, sort_keys=False, width=4096,
                     default_flow_style=False)


def write_files(planned: list[Planned], moves: Iterable[tuple[str, str]] = ()) -> None:
    """Write every planned file to a temporary name, then rename them, then the staged events, into place.

    On failure every new file is removed and a merged file gets its old text back.
    """
    staged: list[tuple[str, str]] = []
    replaced: list[tuple[str, str]] = []  # (path, old text) of merged files already swapped
    moved = 0
    try:
        for item in planned:
            staged.append((_stage(item.path, item.text), item.path))
        for index, (temp, final) in enumerate(staged):
            item = planned[index]
            old = _read_old(final) if item.merged else None
            os.replace(temp, final)
            if old is not None:
                replaced.append((final, old))
            staged[index] = (final, final) if old is None else ("", final)
        for temp, final in moves:
            os.makedirs(os.path.dirname(final), exist_ok=True)
            os.replace(temp, final)
            moved += 1
    except OSError:
        for path, _ in staged:
            if path:
                _remove(path)
        for _, final in itertools.islice(moves, moved):
            _remove(final)
        for path, old in replaced:
            os.replace(_stage(path, old), path)
        raise


def _stage(path: str, text: str) -> str:
    """Write text to a temporary file beside path; return its name."""
    folder = os.path.dirname(path)
    os.makedirs(folder, exist_ok=True)
    handle, temp = tempfile.mkstemp(dir=folder, prefix=".import-", suffix=".tmp")
    with os.fdopen(handle, "w", encoding="utf-8", newline="\n") as stream:
        stream.write(text)
    return temp


def _read_old(path: str) -> str:
    """The text a merge is about to replace."""
    with open(path, encoding="utf-8", newline="") as handle:
        return handle.read()


def _remove(path: str) -> None:
    """Delete a file this import created, ignoring one that is already gone."""
    try:
        os.remove(path)
    except FileNotFoundError:
        pass
