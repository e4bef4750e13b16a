"""`chronicle new KIND TITLE` and `chronicle init DIR`: write skeleton files a build accepts at once.

Nothing here overwrites: `new` refuses an existing file, `init` a folder that holds more than
a fresh repository's `.git`, README and LICENSE. Front matter is written with yaml.safe_dump
so any title (quotes, colons, Korean) stays valid.
"""
from __future__ import annotations

import os
from dataclasses import dataclass
from importlib import resources
from typing import TextIO

import yaml
from anyascii import anyascii

from ..dates import DateError, parse_date
from ..content.fields import FieldError, number_in, show, slug, suggest_slug
from .vendor import VendorError, vendor_wheel
from .version import DISTRIBUTION, Origin, origin, version
from .written import text_problems

KIND_FOLDERS = {"event": "events", "person": "people", "place": "places", "page": "pages"}
EXAMPLE_EVENT_SLUG = "first-event"
# What a repository made on GitHub may hold before `init .`: its .git and the README and
# licence GitHub offers to create (compared upper-case, without the extension).
FRESH_REPOSITORY = {".GIT", "README", "LICENSE", "LICENCE", "COPYING"}


class ScaffoldError(Exception):
    """A refusal, printed as one line."""


@dataclass(frozen=True)
class NewOptions:
    """What `new` was asked for."""

    kind: str
    title: str
    date: str | None = None
    lat: str | None = None
    lon: str | None = None
    slug: str | None = None


def front_matter(options: NewOptions) -> dict[str, object]:
    """The front matter of a new file: required keys filled, dates and coordinates checked."""
    title = options.title.strip()
    if not title:
        raise ScaffoldError("the title must not be empty")
    if options.kind == "event":
        return {"title": title, "date": checked_date(options.date)}
    if options.date is not None:
        raise ScaffoldError(f"--date is for events, not a {options.kind}")
    if options.kind == "person":
        return {"name": title}
    if options.kind == "page":
        return {"title": title}
    return {"name": title, **coordinates(options.lat, options.lon)}


def checked_date(date: str | None) -> str:
    """The --date, checked by the same parser the build uses."""
    if date is None:
        raise ScaffoldError("an event needs --date, e.g. --date 1958-11-28")
    try:
        parse_date(date)
    except DateError as exc:
        raise ScaffoldError(f"--date {date!r}: {exc}") from None
    return date


def coordinates(lat: str | None, lon: str | None) -> dict[str, float]:
    """lat and lon as numbers, both or neither, in range."""
    if (lat is None) != (lon is None):
        raise ScaffoldError("give both --lat and --lon, or neither")
    if lat is None or lon is None:
        return {}
    return {"lat": _coordinate(lat, "--lat", 90), "lon": _coordinate(lon, "--lon", 180)}


def _coordinate(text: str, flag: str, limit: float) -> float:
    """A decimal number from the command line, within -limit..limit."""
    try:
        return number_in(-limit, limit)(float(text))
    except ValueError:  # FieldError is a ValueError too
        raise ScaffoldError(f"{flag} {text!r} is not a number between {-limit:g} and {limit:g}") from None


def render_file(matter: dict[str, object], body: str) -> str:
    """A content file: front matter between --- lines, then the body."""
    dumped = yaml.safe_dump(matter, allow_unicode=True, sort_keys=False, default_flow_style=False)
    return f"---\n{quote_dates(dumped)}---\n{body}"


def quote_dates(dumped: str) -> str:
    """Write `date:` as a quoted string, so nobody reads it as a YAML date or number."""
    lines = []
    for line in dumped.splitlines(keepends=True):
        if line.startswith("date: ") and not line.startswith(("date: '", 'date: "')):
            line = f"date: '{line[6:].rstrip()}'\n"
        lines.append(line)
    return "".join(lines)


def file_slug(options: NewOptions) -> str:
    """--slug as given (checked), else the title transliterated to a-z: '판문점' -> 'panmunjeom'."""
    if options.slug is None:
        return suggest_slug(anyascii(options.title))
    try:
        return slug(options.slug)
    except FieldError as exc:
        raise ScaffoldError(f"--slug: {exc}") from None


def new_file(content_dir: str, options: NewOptions) -> str:
    """Write content/<kind>/<slug>.md; return its path. Refuse to overwrite anything."""
    matter = front_matter(options)
    folder = os.path.normpath(os.path.join(content_dir, KIND_FOLDERS[options.kind]))
    path = os.path.join(folder, file_slug(options) + ".md")
    text = render_file(matter, "Write the text here.\n")
    if problems := text_problems(path, KIND_FOLDERS[options.kind], text, matter):  # as the next build would
        raise ScaffoldError(f"{show(options.title)}: {problems[0].message}")
    os.makedirs(folder, exist_ok=True)
    try:
        with open(path, "x", encoding="utf-8") as handle:  # "x": never replace a file
            handle.write(text)
    except FileExistsError:
        raise ScaffoldError(f"{path} already exists; choose another title or edit that file") from None
    return path


def template(name: str) -> str:
    """A file shipped for new sites (chronicle/data/newsite/)."""
    return resources.files("chronicle").joinpath("data", "newsite", name).read_text(encoding="utf-8")


def site_files(title: str, requirements: str) -> dict[str, str]:
    """Every file of a new site, keyed by relative path (vendor/ aside)."""
    # No base_url: the Pages workflow passes the published URL with --base-url.
    site_yaml = {"title": title, "description": f"A timeline: {title}.", "language": "en"}
    event = NewOptions("event", "The first event", "2000-01-01")
    return {
        "content/site.yaml": yaml.safe_dump(site_yaml, allow_unicode=True, sort_keys=False),
        f"content/events/{EXAMPLE_EVENT_SLUG}.md": render_file(front_matter(event), template("first-event.md")),
        ".github/workflows/pages.yml": template("pages.yml"),
        ".gitignore": template("gitignore"),
        "requirements.txt": requirements,
        "README.md": template("README.md").replace("{title}", title),
    }


def requirements_text(source: Origin, wheel: str | None) -> str:
    """requirements.txt: the requirement, or the vendored wheel plus the version it stands for."""
    head = "# What the Pages workflow installs to build this site.\n"
    if wheel is None:
        return f"{head}{source.requirement}\n"
    # The named version stays so that switching to the released package is deleting one line;
    # while the wheel is listed, pip takes chronicle from it and never asks an index.
    return (f"{head}# chronicle was installed from a local folder: its wheel is in vendor/. Once\n"
            f"# {DISTRIBUTION} {version()} is released, delete vendor/ and the next line (see README.md).\n"
            f"./{wheel}\n{DISTRIBUTION}=={version()}\n")


def check_folder(folder: str) -> list[str]:
    """Refuse a folder that holds a site or anything else; return what it already holds."""
    if os.path.exists(folder) and not os.path.isdir(folder):
        raise ScaffoldError(f"{folder} is not an empty folder; `init` only creates new sites")
    held = os.listdir(folder) if os.path.isdir(folder) else []
    if any(os.path.splitext(name)[0].upper() not in FRESH_REPOSITORY for name in held):
        raise ScaffoldError(f"{folder} is not an empty folder; `init` only creates new sites")
    return held


def init_site(folder: str, title: str, source: Origin, out: TextIO) -> list[str]:
    """Create a new site in folder (absent, empty, or a fresh repository); return the paths written."""
    held = check_folder(folder)
    wheel = vendor_wheel(source.local_path, folder, out) if source.local_path else None
    written = [os.path.join(folder, *wheel.split("/"))] if wheel else []
    for rel, text in site_files(title, requirements_text(source, wheel)).items():
        if rel in held:  # the repository's own README stays
            print(f"Kept your {rel}; chronicle's version is not written", file=out)
            continue
        path = os.path.join(folder, *rel.split("/"))
        os.makedirs(os.path.dirname(path), exist_ok=True)
        with open(path, "x", encoding="utf-8") as handle:
            handle.write(text + (vendor_note() if wheel and rel == "README.md" else ""))
        written.append(path)
    return written


def vendor_note() -> str:
    """The README section of a site with a vendored wheel: how to switch to the released package."""
    return template("README-vendor.md").replace("{version}", version())


def run_new(content_dir: str, options: NewOptions, out: TextIO, err: TextIO) -> int:
    """`new`: print the path written, or one error line."""
    try:
        path = new_file(content_dir, options)
    except (ScaffoldError, OSError) as exc:
        print(f"error: {exc}", file=err)
        return 1
    print(f"Wrote {path}", file=out)
    return 0


def run_init(folder: str, out: TextIO, err: TextIO) -> int:
    """`init DIR`: create the site and say what to do next."""
    title = os.path.basename(os.path.abspath(folder)).replace("-", " ").replace("_", " ").strip() or "My timeline"
    try:
        init_site(folder, title.capitalize(), origin(), out)
    except (ScaffoldError, VendorError, OSError) as exc:
        print(f"error: {exc}", file=err)
        return 1
    here = os.path.abspath(folder) == os.path.abspath(os.curdir)
    print(f"Created a new site in {folder}\nNext: {'' if here else f'cd {folder} && '}chronicle build", file=out)
    return 0
