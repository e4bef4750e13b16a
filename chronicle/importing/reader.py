"""Read TimelineJS3 JSON or the TimelineJS spreadsheet (CSV) into checked slides.

Every problem is collected with its place (`FILE.csv:7` or `FILE.json: events[2]`),
so one run reports them all and the importer writes nothing when there are any.
"""
from __future__ import annotations

import csv
import io
import itertools
import json
from collections.abc import Iterator
from dataclasses import dataclass

from ..errors import Problem
from .dates import SlideError, TLDate, cell_time, clock_time, timelinejs_date

__all__ = ["SlideError", "Slide", "TLDate", "read_slides", "timelinejs_date"]

COLUMNS = ("Year", "Month", "Day", "Time", "End Year", "End Month", "End Day", "End Time",
           "Display Date", "Headline", "Text", "Media", "Media Credit", "Media Caption",
           "Media Thumbnail", "Type", "Group", "Background")
KINDS = {"": "event", "title": "title", "era": "era"}


@dataclass(frozen=True, slots=True)  # slots: a 50 MB file holds up to a million slides
class Slide:
    """One slide, row or era with dates already converted to EDTF."""

    path: str
    line: int  # CSV line; 0 for JSON, where `where` says which item
    where: str
    kind: str  # 'event', 'title' or 'era'
    start: TLDate | None = None
    end: TLDate | None = None
    display_date: str = ""
    headline: str = ""  # HTML, as TimelineJS allows
    text: str = ""  # HTML
    media_url: str = ""
    media_caption: str = ""
    media_credit: str = ""
    group: str = ""
    has_time: bool = False  # a time of day was given, kept or not
    background: bool = False  # a colour or image behind the slide: no place for it here
    thumbnail: bool = False  # a media thumbnail: the image itself is kept, not its thumbnail
    start_time: str = ""  # the EDTF time part, 'T17:00'; '' when none or not readable
    end_time: str = ""

    def problem(self, message: str, warning: bool = False) -> Problem:
        """A problem located at this slide."""
        prefix = f"{self.where}: " if self.where else ""
        return Problem(self.path, self.line, prefix + message, warning)


def read_slides(path: str, text: str) -> tuple[list[Slide], list[Problem]]:
    """Slides from the file's text; CSV when the name ends in .csv, else JSON."""
    if path.lower().endswith(".csv"):
        return read_csv(path, text)
    return read_json(path, text)


def check_slide(slide: Slide) -> list[Problem]:
    """Problems with a slide as a whole: missing parts, end before start."""
    problems = []
    if slide.kind == "era" and slide.start is None:
        problems.append(slide.problem("no start year: every era needs one"))
    if slide.kind == "era" and slide.end is None:
        problems.append(slide.problem("no end year: every era needs one"))
    if slide.start and slide.end and slide.end.last() < slide.start.first():
        problems.append(slide.problem(f"ends ({slide.end.iso()}) before it starts "
                                      f"({slide.start.iso()})"))
    return problems


def read_csv(path: str, text: str) -> tuple[list[Slide], list[Problem]]:
    """Rows of the TimelineJS spreadsheet template; line numbers count the header as 1."""
    rows, problem = _csv_rows(path, text)
    if problem or not rows:
        return [], [problem or Problem(path, 1, "empty file: expected the TimelineJS header row")]
    columns, problems = _csv_columns(path, rows[0][1])
    if any(not p.warning for p in problems):
        return [], problems
    slides = []
    for line, row in rows[1:]:
        if any(cell.strip() for cell in row):
            slide_or_problems = _csv_slide(path, line, dict(zip(columns, row)))
            if isinstance(slide_or_problems, Slide):
                slides.append(slide_or_problems)
            else:
                problems.extend(slide_or_problems)
    return slides, problems


def _csv_rows(path: str, text: str) -> tuple[list[tuple[int, list[str]]], Problem | None]:
    """Each row with the line it starts on; strict, so a stray quote cannot swallow rows."""
    reader = csv.reader(io.StringIO(text, newline=""), strict=True)
    rows, line = [], 1
    try:
        for row in reader:
            rows.append((line, row))
            line = reader.line_num + 1  # a quoted cell may span lines
    except csv.Error as exc:
        return [], Problem(path, line, f"not readable as CSV: {exc} (a quote left open?)")
    return rows, None


def _csv_columns(path: str, header: list[str]) -> tuple[list[str], list[Problem]]:
    """Header cells matched to template column names (case and spacing ignored)."""
    known = {" ".join(name.lower().split()): name for name in COLUMNS}
    columns, problems = [], []
    for cell in header:
        name = known.get(" ".join(cell.lower().split()))
        if name is None and cell.strip():
            problems.append(Problem(path, 1, f"column {cell.strip()!r} is not a TimelineJS "
                                             "column; ignored", warning=True))
        columns.append(name or f"ignored:{len(columns)}")
    for required in ("Year", "Headline"):
        if required not in columns:
            problems.append(Problem(path, 1, f"no {required!r} column: is this a TimelineJS "
                                             "spreadsheet saved as CSV?"))
    return columns, problems


def _csv_slide(path: str, line: int, row: dict[str, str]) -> Slide | list[Problem]:
    """One row as a slide, or the problems that stop it."""
    cell = {name: (row.get(name) or "").strip() for name in COLUMNS}
    kind = KINDS.get(cell["Type"].lower())
    errors = []
    if kind is None:
        errors.append(Problem(path, line, f"Type {cell['Type']!r} is not blank, 'title' or 'era'"))
    dates = []
    for prefix in ("", "End "):
        try:
            dates.append(timelinejs_date(cell[prefix + "Year"], cell[prefix + "Month"],
                                         cell[prefix + "Day"], (prefix + "Year", prefix + "Month",
                                                                prefix + "Day")))
        except SlideError as exc:
            errors.append(Problem(path, line, str(exc)))
    if errors:
        return errors
    slide = Slide(path, line, "", kind, dates[0], dates[1], cell["Display Date"],
                  cell["Headline"], cell["Text"], cell["Media"], cell["Media Caption"],
                  cell["Media Credit"], cell["Group"], bool(cell["Time"] or cell["End Time"]),
                  bool(cell["Background"]), bool(cell["Media Thumbnail"]),
                  cell_time(cell["Time"]), cell_time(cell["End Time"]))
    return checked(slide)


def checked(slide: Slide) -> Slide | list[Problem]:
    """The slide, or its problems; an event without a start year is dropped with a warning.

    TimelineJS itself skips such an event (TimelineConfig.addEvent), so the rest still imports.
    """
    if slide.kind == "event" and slide.start is None:
        return [slide.problem("no start year: skipped, as TimelineJS skips it", warning=True)]
    return check_slide(slide) or slide


def read_json(path: str, text: str) -> tuple[list[Slide], list[Problem]]:
    """The title, events and eras of a TimelineJS3 JSON file."""
    try:
        data = json.loads(text)
    except json.JSONDecodeError as exc:
        return [], [Problem(path, exc.lineno, f"not valid JSON: {exc.msg} (column {exc.colno})")]
    except ValueError:  # json reads a number of more than 4,300 digits as int() would: it refuses
        return [], [Problem(path, 0, "not a TimelineJS file: a number has more than 4,300 digits")]
    except RecursionError:  # '[[[[...': deeper than Python's stack
        return [], [Problem(path, 0, "not a TimelineJS file: lists or objects nested too deeply")]
    if not isinstance(data, dict) or not isinstance(data.get("events"), list):
        return [], [Problem(path, 0, "expected a TimelineJS object with an 'events' list")]
    eras = data.get("eras") or []
    if not isinstance(eras, list):
        return [], [Problem(path, 0, "'eras' must be a list")]
    items = itertools.chain([("title", "title", title) for title in _title(data.get("title"))],
                            ((f"events[{i}]", "event", item) for i, item in _released(data["events"])),
                            ((f"eras[{i}]", "era", item) for i, item in _released(eras)))
    slides, problems = [], []
    if isinstance(data.get("title"), list) and len(data["title"]) > 1:
        problems.append(Problem(path, 0, f"title: a list of {len(data['title'])}; "
                                         "the first is the title, the rest are left out", True))
    for where, kind, item in items:
        result = _json_slide(path, where, kind, item)
        if isinstance(result, Slide):
            slides.append(result)
        else:
            problems.extend(result)
    return slides, problems


def _released(values: list) -> Iterator[tuple[int, object]]:
    """Each item with its index, dropped from the list as it is read: each parsed slide is freed once it
    is made into a Slide, so a big file never holds both at once (a third less memory at its peak)."""
    for index in range(len(values)):
        item, values[index] = values[index], None
        yield index, item


def _json_slide(path: str, where: str, kind: str, item: object) -> Slide | list[Problem]:
    """One slide or era object, or the problems that stop it."""
    def problem(message: str) -> list[Problem]:
        return [Problem(path, 0, f"{where}: {message}")]

    if not isinstance(item, dict):
        return problem("expected an object")
    dates, has_time, times = [], False, []
    for key in ("start_date", "end_date"):
        part = item.get(key) or {}
        if not isinstance(part, dict):
            return problem(f"{key} must be an object with a year")
        has_time = has_time or any(part.get(k) not in (None, "") for k in ("hour", "minute"))
        times.append(clock_time(part.get("hour"), part.get("minute"), part.get("second")))
        try:
            names = (f"{key}.year", f"{key}.month", f"{key}.day")
            dates.append(timelinejs_date(part.get("year"), part.get("month"), part.get("day"), names))
        except SlideError as exc:
            return problem(str(exc))
    text, media = _mapping(item.get("text")), _mapping(item.get("media"))
    headline = text.get("headline")
    if isinstance(headline, list):  # seen in exports: a headline split into parts
        text = {**text, "headline": " ".join(_string(part) for part in headline)}
    display = item.get("display_date") or _joined_display(item)
    fields = {name: _string(value) for name, value in (
        ("display_date", display), ("headline", text.get("headline")), ("text", text.get("text")),
        ("media_url", media.get("url")), ("media_caption", media.get("caption")),
        ("media_credit", media.get("credit")), ("group", item.get("group")))}
    slide = Slide(path, 0, where, kind, dates[0], dates[1], has_time=has_time,
                  start_time=times[0], end_time=times[1],
                  background=bool(item.get("background")), thumbnail=bool(media.get("thumbnail")),
                  **fields)
    return checked(slide)


def _title(value: object) -> list:
    """The title slide: an object, or (as some exporters write) the first of a list.

    TimelineJS reads a list as an object without text and shows an empty title slide;
    the first item is what its author meant.
    """
    if isinstance(value, list):
        return value[:1]
    return [] if value is None else [value]


def _joined_display(item: dict) -> str:
    """Display dates set on the start and end date objects, joined like a range."""
    parts = [_string(_mapping(item.get(key)).get("display_date"))
             for key in ("start_date", "end_date")]
    return " – ".join(part for part in parts if part)


def _mapping(value: object) -> dict:
    """The value if it is an object, else an empty one."""
    return value if isinstance(value, dict) else {}


def _string(value: object) -> str:
    """Text of a scalar; nothing for missing values."""
    if value is None or isinstance(value, (dict, list)):
        return ""
    return str(value).strip()
