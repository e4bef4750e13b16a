"""`build.py import timelinejs FILE`: TimelineJS JSON or CSV -> content files.

Read and check everything, plan every file, refuse if any would overwrite an existing
one, then write each through a temporary file and a rename: never a partial import.
"""
from __future__ import annotations

import os
import re
import shutil
import tempfile
import unicodedata
from collections import Counter
from dataclasses import dataclass, field
from typing import TextIO

import yaml
from anyascii import anyascii

from ..content import fields
from ..errors import Problem, display_path
from .dates import dates_from_display, with_time
from .html import html_to_markdown, html_to_text, is_plain_paragraph
from .media import IMAGE_EXTENSIONS, Media, MediaPlace, headline_from, relative_path, resolve_url, slide_media
from .reader import Slide, read_slides
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


@dataclass(frozen=True, slots=True)  # slots: one per event, and a big import has a million
class Planned:
    """A file the import will create (or, when merged, replace): absolute path and text."""

    path: str
    text: str
    merged: bool = False
    source: str = ""  # a media file copied as it is (text is then unused)


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
    slides, problems = check_file(file)
    if _report(problems, err):
        return 1
    plan = plan_files(slides, content_dir, MediaPlace(os.path.dirname(os.path.abspath(file)), media_base))
    conflicts = [Problem(p.path, 0, "already exists") for p in plan.files
                 if not p.merged and os.path.lexists(p.path)]
    if _report(plan.problems, err) or _report(conflicts, err):
        print(f"nothing was written: the import never overwrites files "
              f"({len(conflicts)} already exist)" if conflicts else "nothing was written", file=err)
        return 1
    try:
        write_files(plan.files)
    except OSError as exc:
        print(f"error: {exc}; nothing was written", file=err)
        return 1
    for line in [f"wrote {display_path(p.path)}" for p in plan.files] + plan.notes:
        print(line, file=out)
    print(summary(file, slides, problems, plan), file=out)
    return 0


def check_file(file: str) -> tuple[list[Slide], list[Problem]]:
    """Read and check every slide; the problems include warnings."""
    text, problem = _read_text(file)
    if problem:
        return [], [problem]
    slides, problems = read_slides(file, text)
    titles = [s for s in slides if s.kind == "title"]
    problems += [s.problem("a second title slide; keep one") for s in titles[1:]]
    return slides, sorted(problems, key=lambda p: (p.line, not p.warning))


def _read_text(file: str) -> tuple[str, Problem | None]:
    """The file as text (a UTF-8 byte order mark is dropped), or the problem.

    At most MAX_FILE_BYTES are read: /dev/zero or a stray disk image must not fill the memory.
    """
    try:
        raw = _read_bounded(file)
        if raw is None:
            return "", Problem(file, 0, f"larger than {MAX_FILE_BYTES // 2 ** 20} MB: not a TimelineJS file, "
                                        "or split it into smaller ones")
        return raw.decode("utf-8-sig"), None
    except FileNotFoundError:
        return "", Problem(file, 0, "no such file")
    except UnicodeDecodeError as exc:
        return "", Problem(file, 0, f"not UTF-8 text (byte {exc.start}); save it as UTF-8")
    except OSError as exc:
        return "", Problem(file, 0, exc.strerror or str(exc))


def _read_bounded(file: str) -> bytes | None:
    """The file's bytes, or None past MAX_FILE_BYTES; read in chunks, as read(limit) would allocate the limit."""
    chunks, size = [], 0
    with open(file, "rb") as handle:
        while chunk := handle.read(2 ** 20):
            size += len(chunk)
            if size > MAX_FILE_BYTES:
                return None
            chunks.append(chunk)
    return b"".join(chunks)


def _report(problems: list[Problem], err: TextIO) -> bool:
    """Print problems (warnings too); True when any of them is an error."""
    for problem in problems:
        print(problem.format(), file=err)
    return any(not p.warning for p in problems)


def plan_files(slides: list[Slide], content_dir: str, media: MediaPlace | None = None) -> Plan:
    """Every file to write, in order: site.yaml, eras.yaml, events, media copies; notes and problems."""
    plan = Plan([], [], [], Counter(), media=media or MediaPlace("", ""))
    titles = [s for s in slides if s.kind == "title"]
    site_path = os.path.join(content_dir, "site.yaml")
    if titles and os.path.lexists(site_path):
        plan.notes.append(f"kept {display_path(site_path)}: the title slide was not imported")
    elif titles and html_to_text(titles[0].headline):
        plan.files.append(Planned(site_path, site_yaml(titles[0])))
        site = yaml.safe_load(plan.files[-1].text)
        plan.problems.extend(_text_problems(titles[0], {f"site.yaml {key}": site[key] for key in site}))
    elif titles:
        plan.notes.append("the title slide has no headline: site.yaml not written")
    eras = [s for s in slides if s.kind == "era"]
    for era, record in zip(eras, era_records(eras)):
        plan.problems.extend(_text_problems(era, {"eras.yaml name": record["name"]}))
    if eras:
        merge_eras(eras, os.path.join(content_dir, "eras.yaml"), plan)
    used: set[str] = set()
    numbers: dict[str, int] = {}
    for slide in (s for s in slides if s.kind == "event"):
        document, title, meta = event_document(slide, plan)
        path = os.path.join(content_dir, "events", f"{unique_slug(slugify(title), used, numbers)}.md")
        # Checked as the next build will read it: never exit 0 having written what it refuses.
        plan.problems.extend(slide.problem(problem.message) for problem in text_problems(path, "events", document, meta)
                             if not _copied_later(problem.message, plan))
        plan.files.append(Planned(path, document))
    for src, source in plan.copied.items():
        target = os.path.join(content_dir, *src.split("/"))
        if not _same_file_there(target, source):  # a second import of the same file copies nothing
            plan.files.append(Planned(target, "", source=source))
    return plan


def _copied_later(message: str, plan: Plan) -> bool:
    """True for the build's 'no file' error about an image this import is about to copy."""
    return any(message.startswith(f"image: no file {src!r} ") for src in plan.copied)


def _same_file_there(target: str, source: str) -> bool:
    """True when target already holds exactly the bytes of source."""
    try:
        with open(target, "rb") as old, open(source, "rb") as new:
            return old.read() == new.read()
    except OSError:
        return False


def summary(file: str, slides: list[Slide], problems: list[Problem], plan: Plan) -> str:
    """What the import did, in counts: slides read, events written, skipped, lost."""
    events = sum(1 for s in slides if s.kind == "event")
    eras = sum(1 for s in slides if s.kind == "era")
    skipped = sum(1 for p in problems if p.warning and "skipped" in p.message)
    lines = [f"imported {events} event(s) and {eras} era(s) from {display_path(file)}",
             f"slides: {len(slides) + skipped} read, "
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
    '??') its transliteration with the name as written, else a numbered group, so none vanishes."""
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
    take linear time, not quadratic.
    """
    numbers = {} if next_number is None else next_number
    candidate, number = slug, numbers.get(slug, 2)
    while candidate in used:
        candidate, number = f"{slug}-{number}", number + 1
    used.add(candidate)
    numbers[slug] = number
    return candidate


def _dump(data: object) -> str:
    """Safe YAML; strings that look like dates or numbers come out quoted."""
    return yaml.dump(data, Dumper=_Dumper, allow_unicode=True, sort_keys=False, width=4096,
                     default_flow_style=False)


def write_files(planned: list[Planned]) -> None:
    """Write every file to a temporary name first, then rename them all into place.

    On failure every new file is removed and a merged file gets its old text back.
    """
    staged: list[tuple[str, str]] = []
    replaced: list[tuple[str, str]] = []  # (path, old text) of merged files already swapped
    try:
        for item in planned:
            staged.append((_stage(item.path, item.text, item.source), item.path))
        for index, (temp, final) in enumerate(staged):
            item = planned[index]
            old = _read_old(final) if item.merged else None
            os.replace(temp, final)
            if old is not None:
                replaced.append((final, old))
            staged[index] = (final, final) if old is None else ("", final)
    except OSError:
        for path, _ in staged:
            if path:
                _remove(path)
        for path, old in replaced:
            os.replace(_stage(path, old), path)
        raise


def _stage(path: str, text: str, source: str = "") -> str:
    """Write text (or copy the file source) to a temporary file beside path; return its name."""
    folder = os.path.dirname(path)
    os.makedirs(folder, exist_ok=True)
    handle, temp = tempfile.mkstemp(dir=folder, prefix=".import-", suffix=".tmp")
    if source:
        with os.fdopen(handle, "wb") as stream, open(source, "rb") as original:
            shutil.copyfileobj(original, stream)
        return temp
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
