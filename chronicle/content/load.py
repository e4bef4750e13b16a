"""Load stage: content files -> validated records, with every problem found.

Nothing here knows about other files: slugs are checked for form, not for
existence (that is the linker's job).
"""
from __future__ import annotations

import os
from dataclasses import dataclass

from . import fields
from .contentfiles import list_files, path_problem
from ..errors import Problem
from .media import active_asset_problems, image_from
from ..parallel import split_map
from .bibliography import load_bibliography
from .model import Content, DateClaim, Era, Event, Name, Person, Place, SiteConfig, Source, StandalonePage, Stop
from .schema import ERA, PAGE, PERSON, PLACE, SITE, event_schema, read_list, read_mapping
from .unknown import unknown_entries
from .yamlread import YamlError, read_yaml

KINDS = ("events", "people", "places", "pages")


@dataclass
class Document:
    """One Markdown file split into front matter and body."""

    path: str
    meta: dict
    body: str
    body_line: int


class LoadMemo(dict):
    """What `serve` keeps between loads: {path: (stat signature, record, its problems)}.

    A file whose size, mtime and inode are unchanged is not read again; the watcher also
    forgets the paths it saw change, so an edit is re-read even within one mtime tick.
    After `trust_events`, files the watcher did not name are reused without even a stat
    (10,000 stats cost 50 ms of an edit's 300); the next plain `forget` stats them all again.
    """

    trusted: bool = False

    def forget(self, paths) -> None:
        """Read these files again next time; stat every other file to see whether it changed."""
        self.trusted = False
        for path in paths:  # keyed as _load_kind keys them: the real folder, then the name
            self.pop(os.path.join(os.path.realpath(os.path.dirname(path)), os.path.basename(path)), None)

    def trust_events(self, paths) -> None:
        """Read these files again next time, and trust that no other file changed (the watcher said so)."""
        self.forget(paths)
        self.trusted = True


def load_content(content_dir: str, memo: LoadMemo | None = None,
                 workers: int | None = None) -> tuple[Content, list[Problem]]:
    """Read every content file; return the records and all problems. memo: records kept from before.

    workers: processes parsing at once when there is no memo (None: one per available core).
    """
    problems: list[Problem] = []
    config = load_config(os.path.join(content_dir, "site.yaml"), problems)
    records = {kind: _load_kind(content_dir, kind, problems, memo, workers) for kind in KINDS}
    eras = load_eras(os.path.join(content_dir, "eras.yaml"), problems)
    works, bibliography_path = load_bibliography(content_dir, problems)
    assets_root = os.path.join(content_dir, "assets")
    content = Content(config, records["events"], records["people"], records["places"],
                      eras, tuple(_list_assets(assets_root, problems)), assets_root,
                      pages=records["pages"], config_path=os.path.join(content_dir, "site.yaml"),
                      works=works, bibliography_path=bibliography_path)
    return content, problems + unknown_entries(content_dir)


def load_config(path: str, problems: list[Problem]) -> SiteConfig:
    """Read site.yaml; a missing file gives defaults and an error."""
    if refused := path_problem(path, os.path.dirname(path)):  # a folder, FIFO or link out of content/
        problems.append(refused)
        return SiteConfig()
    if not os.path.exists(path):
        problems.append(Problem(path, 0, "missing site.yaml (needs at least 'title')"))
        return SiteConfig()
    data = _read_yaml_file(path, problems)
    if data is None:
        return SiteConfig()
    values = read_mapping(data, SITE, path, 0, problems)
    base_url = values.get("base_url", "")
    if base_url and not base_url.endswith("/"):
        base_url += "/"  # so 'base_url + path' is always right
    return SiteConfig(**{**values, "base_url": base_url})


def load_eras(path: str, problems: list[Problem]) -> tuple[Era, ...]:
    """Read the optional eras.yaml: a list of name, start, end."""
    if refused := path_problem(path, os.path.dirname(path)):  # a folder, FIFO or link out of content/
        problems.append(refused)
        return ()
    if not os.path.exists(path):
        return ()
    data = _read_yaml_file(path, problems)
    if data is None:
        return ()
    eras = []
    for values, line in read_list(data, ERA, path, 0, problems, "eras.yaml"):
        if not {"name", "start", "end"} <= values.keys():
            continue  # read_mapping has reported what is missing or invalid
        if values["end"].end_key() < values["start"].start_key():
            problems.append(Problem(path, line, f"era '{values['name']}' ends before it starts"))
        else:
            eras.append(Era(**values))
    return tuple(eras)


def _load_kind(content_dir: str, kind: str, problems: list[Problem], memo: LoadMemo | None = None,
               workers: int | None = None) -> tuple:
    folder = os.path.join(content_dir, kind)
    refused = path_problem(folder, content_dir, folder=True)
    if refused or not os.path.isdir(folder):
        problems.extend([refused] if refused else [])
        return ()
    readable, real_folder = [], os.path.join(os.path.realpath(folder), "")
    for entry in sorted(os.scandir(folder), key=lambda e: e.name):
        name, path = entry.name, entry.path  # entry.path: folder joined with the name, as os.path.join does
        if name.startswith("."):
            continue
        if entry.is_dir():  # not read, so say so: a nested folder's entries would vanish silently
            problems.append(Problem(path, 0, f"unknown folder '{name}' ignored: {kind}/ holds only "
                                             "'<slug>.md' files", warning=True))
            continue
        # A regular file (not a link) in this checked folder is inside content/: only links and
        # special files need path_problem, whose realpath costs more than reading the file.
        if not entry.is_file(follow_symlinks=False) and (refused := path_problem(path, content_dir)):
            problems.append(refused)  # never read a link out, a FIFO or a device
            continue
        readable.append(entry)
    if memo is None:  # a build: YAML is most of loading, so every core parses
        loaded = split_map(lambda part: [_load_alone(entry.path, kind) for entry in part], readable, workers)
    else:
        loaded = [_load_remembered(entry.path, kind, memo, real_folder + entry.name, entry) for entry in readable]
    for _, found in loaded:
        problems.extend(found)
    return tuple(record for record, _ in loaded if record is not None)


def _load_alone(path: str, kind: str) -> tuple[object, tuple[Problem, ...]]:
    """(_load_file's record, its problems): what a loading process sends back."""
    found: list[Problem] = []
    return _load_file(path, kind, found), tuple(found)


def _load_file(path: str, kind: str, problems: list[Problem]):
    name = os.path.basename(path)
    if not name.endswith(".md"):
        problems.append(Problem(path, 0, f"not a Markdown file: {kind} must be '<slug>.md'", warning=True))
        return None
    slug = name[:-3]
    if not fields.SLUG_RE.match(slug):
        problems.append(Problem(path, 0, f"invalid file name '{name}': rename it to "
                                         f"'{fields.suggest_slug(slug)}.md' (a-z, 0-9 and hyphens)"))
        return None
    document = read_document(path, problems)
    if document is None:
        return None
    return BUILDERS[kind](slug, document, problems)


def _load_remembered(path: str, kind: str, memo: LoadMemo, key: str,
                     entry: os.DirEntry) -> tuple[object, tuple[Problem, ...]]:
    """_load_alone, or what it gave last time if the file is unchanged (or trusted to be)."""
    known = memo.get(key)
    if known is not None and memo.trusted:
        return known[1], known[2]
    stat = entry.stat()
    signature = (stat.st_size, stat.st_mtime_ns, stat.st_ino)
    if known is None or known[0] != signature:
        known = memo[key] = (signature, *_load_alone(path, kind))
    return known[1], known[2]


def read_document(path: str, problems: list[Problem]) -> Document | None:
    """Split a file into YAML front matter (parsed) and Markdown body."""
    text = _read_text(path, problems)
    return None if text is None else document_from(path, text, problems)


def document_from(path: str, text: str, problems: list[Problem]) -> Document | None:
    """A file's text split into YAML front matter (parsed) and Markdown body."""
    lines = text.split("\n")
    if lines[0].rstrip() != "---":
        problems.append(Problem(path, 1, "missing front matter: the file must start with a '---' line"))
        return None
    end = next((i for i in range(1, len(lines)) if lines[i].rstrip() in ("---", "...")), None)
    if end is None:
        problems.append(Problem(path, 1, "front matter is not closed: add a '---' line after it"))
        return None
    try:
        meta = read_yaml("\n".join(lines[1:end]), first_line=2)
    except YamlError as exc:
        problems.append(Problem(path, exc.line, exc.message))
        return None
    if not isinstance(meta, dict):
        problems.append(Problem(path, 2, "front matter must be a mapping of keys to values"))
        return None
    return Document(path, meta, "\n".join(lines[end + 1:]), end + 2)


def _read_text(path: str, problems: list[Problem]) -> str | None:
    with open(path, "rb") as handle:
        raw = handle.read()
    try:
        text = raw.decode("utf-8")
    except UnicodeDecodeError as exc:
        line = raw[: exc.start].count(b"\n") + 1
        problems.append(Problem(path, line, f"not UTF-8: byte 0x{raw[exc.start]:02x} at offset "
                                            f"{exc.start}; save the file as UTF-8"))
        return None
    return text.removeprefix("\ufeff").replace("\r\n", "\n")


def _read_yaml_file(path: str, problems: list[Problem]):
    text = _read_text(path, problems)
    if text is None:
        return None
    try:
        return read_yaml(text)
    except YamlError as exc:
        problems.append(Problem(path, exc.line, exc.message))
        return None


def _build_event(slug: str, doc: Document, problems: list[Problem]) -> Event | None:
    values = read_mapping(doc.meta, event_schema(doc.meta.get("calendar")), doc.path, 0, problems)
    values.pop("calendar", None)  # already applied: the dates are Gregorian now
    if "title" not in values or "date" not in values:
        return None
    start, end = values.pop("date")
    if "end" in values and end is not None:
        problems.append(Problem(doc.path, doc.meta.lines["end"],
                                "give either an interval 'date: A/B' or 'end', not both"))
    end = values.pop("end", end)
    if end is not None and end.end_key() < start.start_key():
        key = "end" if "end" in doc.meta else "date"
        problems.append(Problem(doc.path, doc.meta.lines[key],
                                f"end {end.iso()} is before the start {start.iso()}"))
        end = None  # keep the event so its references are still checked
    values["route"] = tuple(Stop(**stop, line=line) for stop, line in values.get("route", ()))
    _read_sources(values)
    values["date_claims"] = tuple(DateClaim(claim["date"][0], claim["date"][1], claim["source"], claim.get("note"),
                                            line) for claim, line in values.get("date_claims", ()))
    _read_image(values, doc.path, problems)
    return Event(slug=slug, start=start, end=end, body=doc.body, path=doc.path,
                 lines=_file_lines(doc.meta), body_line=doc.body_line, **values)


def _build_person(slug: str, doc: Document, problems: list[Problem]) -> Person | None:
    values = read_mapping(doc.meta, PERSON, doc.path, 0, problems)
    if "name" not in values:
        return None
    _read_sources(values)
    _read_image(values, doc.path, problems)
    _read_names(values, doc.path, problems)
    return Person(slug=slug, body=doc.body, path=doc.path, lines=_file_lines(doc.meta),
                  body_line=doc.body_line, **values)


def _build_place(slug: str, doc: Document, problems: list[Problem]) -> Place | None:
    values = read_mapping(doc.meta, PLACE, doc.path, 0, problems)
    if ("lat" in doc.meta) != ("lon" in doc.meta):
        missing = "lon" if "lat" in doc.meta else "lat"
        problems.append(Problem(doc.path, doc.meta.line, f"'lat' and 'lon' go together: add '{missing}'"))
        return None
    if "name" not in values:
        return None
    _read_sources(values)
    _read_image(values, doc.path, problems)
    _read_names(values, doc.path, problems)
    return Place(slug=slug, body=doc.body, path=doc.path, lines=_file_lines(doc.meta),
                 body_line=doc.body_line, **values)


def _build_page(slug: str, doc: Document, problems: list[Problem]) -> StandalonePage | None:
    values = read_mapping(doc.meta, PAGE, doc.path, 0, problems)
    if "title" not in values:
        return None
    return StandalonePage(slug=slug, body=doc.body, path=doc.path, lines=_file_lines(doc.meta),
                          body_line=doc.body_line, **values)


def _read_sources(values: dict) -> None:
    """The checked `sources:` records as Sources, each knowing its line (for `chronicle archive`)."""
    if "sources" in values:
        values["sources"] = tuple(Source(**source, line=line) for source, line in values["sources"])


def _read_image(values: dict, path: str, problems: list[Problem]) -> None:
    """Replace the checked `image:` mapping by an Image (local files must exist)."""
    if "image" in values:
        record, line = values["image"]
        values["image"] = image_from(record, path, line, problems)


def _read_names(values: dict, path: str, problems: list[Problem]) -> None:
    """Replace the checked `names:` records by Names; an `until` before its `from` is an error."""
    names = []
    for record, line in values.get("names", ()):
        start, until = record.pop("from", None), record.get("until")
        if start is not None and until is not None and until.last_day() < start.first_day():
            problems.append(Problem(path, line, f"names: until {until.iso()} is before from {start.iso()} "
                                                f"for '{record['name']}'"))
            continue
        names.append(Name(start=start, **record))
    values["names"] = tuple(names)


def _file_lines(meta) -> dict[str, int]:
    return dict(meta.lines)


def _list_assets(root: str, problems: list[Problem]) -> list[str]:
    """Every file of content/assets (links to them are checked); link_site leaves out the active ones."""
    files = list_files(root, os.path.dirname(root), problems)
    problems.extend(active_asset_problems(files))
    return files


BUILDERS = {"events": _build_event, "people": _build_person, "places": _build_place, "pages": _build_page}
