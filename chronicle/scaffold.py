"""`chronicle new KIND TITLE` and `chronicle init DIR`: write skeleton files a build accepts at once.

Nothing here overwrites: `new` refuses an existing file, `init` a folder that is not empty.
Front matter is written with yaml.safe_dump so any title (quotes, colons, Korean) stays valid.
"""
from __future__ import annotations

import os
from dataclasses import dataclass
from importlib import resources
from typing import TextIO

import yaml

from .dates import DateError, parse_date
from .fields import number_in, show, suggest_slug
from .version import requirement
from .written import text_problems

KIND_FOLDERS = {"event": "events", "person": "people", "place": "places"}
EXAMPLE_EVENT_SLUG = "first-event"


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


def new_file(content_dir: str, options: NewOptions) -> str:
    """Write content/<kind>/<slug>.md; return its path. Refuse to overwrite anything."""
    matter = front_matter(options)
    folder = os.path.normpath(os.path.join(content_dir, KIND_FOLDERS[options.kind]))
    path = os.path.join(folder, suggest_slug(options.title) + ".md")
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


def site_files(title: str) -> dict[str, str]:
    """Every file of a new site, keyed by relative path."""
    # No base_url: the Pages workflow passes the published URL with --base-url.
    site_yaml = {"title": title, "description": f"A timeline: {title}.", "language": "en"}
    event = NewOptions("event", "The first event", "2000-01-01")
    return {
        "content/site.yaml": yaml.safe_dump(site_yaml, allow_unicode=True, sort_keys=False),
        f"content/events/{EXAMPLE_EVENT_SLUG}.md": render_file(front_matter(event), template("first-event.md")),
        ".github/workflows/pages.yml": template("pages.yml"),
        ".gitignore": template("gitignore"),
        "requirements.txt": f"# What the Pages workflow installs to build this site.\n{requirement()}\n",
        "README.md": template("README.md").replace("{title}", title),
    }


def init_site(folder: str, title: str) -> list[str]:
    """Create a new site in folder (absent or empty); return the paths written."""
    if os.path.exists(folder) and (not os.path.isdir(folder) or os.listdir(folder)):
        raise ScaffoldError(f"{folder} is not an empty folder; `init` only creates new sites")
    written = []
    for rel, text in site_files(title).items():
        path = os.path.join(folder, *rel.split("/"))
        os.makedirs(os.path.dirname(path), exist_ok=True)
        with open(path, "x", encoding="utf-8") as handle:
            handle.write(text)
        written.append(path)
    return written


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
        init_site(folder, title.capitalize())
    except (ScaffoldError, OSError) as exc:
        print(f"error: {exc}", file=err)
        return 1
    print(f"Created a new site in {folder}\nNext: cd {folder} && chronicle build", file=out)
    return 0
