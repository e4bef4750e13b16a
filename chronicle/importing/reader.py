"""Read TimelineJS3 JSON or the TimelineJS spreadsheet (CSV) into checked slides.

Every problem is collected with its place (`FILE.csv:7` or `FILE.json: events[2]`),
so one run reports them all and the importer writes nothing when there are any.
"""
from __future__ import annotations

import csv
import io
import json
import re
from collections.abc import Iterator
from dataclasses import dataclass
from typing import BinaryIO

import ijson
from ijson.backends import python as PARSER

from ..errors import Problem
from .dates import SlideError, TLDate, cell_time, clock_time, timelinejs_date

__all__ = ["FileProblem", "SlideError", "Slide", "TLDate", "read_slides", "timelinejs_date"]

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


Item = tuple[str, "Slide | list[Problem]"]  # ('file', 'title', 'event' or 'era'; the slide or its problems)
MAX_DEPTH = 1000  # lists in lists: TimelineJS needs four; Python's json stopped at about this depth


class FileProblem(Exception):
    """The file as a whole is unreadable (not JSON, not CSV, not TimelineJS's shape): only these are reported."""

    def __init__(self, problems: list[Problem]) -> None:
        super().__init__(problems[0].format())
        self.problems = problems


def read_slides(path: str, handle: BinaryIO) -> Iterator[Item]:
    """Slides (or their problems) as the file is read; CSV when the name ends in .csv, else JSON.

    Streamed, so the memory a read takes follows the largest slide, not the file.
    """
    if path.lower().endswith(".csv"):
        return read_csv(path, handle)
    return read_json(path, handle)


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


def read_csv(path: str, handle: BinaryIO) -> Iterator[Item]:
    """Rows of the TimelineJS spreadsheet template; line numbers count the header as 1.

    Strict, so a stray quote cannot swallow rows; each row is placed at the line it starts on.
    """
    reader = csv.reader(io.TextIOWrapper(handle, encoding="utf-8", newline=""), strict=True)
    line = 1
    try:
        header = next(reader, None)
        if header is None:
            raise FileProblem([Problem(path, 1, "empty file: expected the TimelineJS header row")])
        columns, problems = _csv_columns(path, header)
        if any(not p.warning for p in problems):
            raise FileProblem(problems)
        yield "file", problems
        line = reader.line_num + 1
        for row in reader:
            if any(cell.strip() for cell in row):
                result = _csv_slide(path, line, dict(zip(columns, row)))
                yield (result.kind if isinstance(result, Slide) else "event"), result
            line = reader.line_num + 1  # a quoted cell may span lines
    except csv.Error as exc:
        raise FileProblem([Problem(path, line, f"not readable as CSV: {exc} (a quote left open?)")]) from None


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


def read_json(path: str, handle: BinaryIO) -> Iterator[Item]:
    """The title, events and eras of a TimelineJS3 JSON file, each event as it is read.

    Raises FileProblem for a file that is not JSON or not TimelineJS's shape. ijson's pure-Python
    parser reads it: it reads strings and numbers as json.loads does (its C parser, yajl, turns a
    lone surrogate into '?' and refuses integers past 2**63) and its errors say where. The time it
    takes is small beside that of writing each event (a tenth).
    """
    try:
        yield from _json_items(path, _depth_checked(PARSER.basic_parse(handle, use_float=True)))
    except ijson.JSONError as exc:
        raise FileProblem([json_problem(path, handle, exc)]) from None
    except json.JSONDecodeError as exc:  # ijson's parser reads each string with json's scanstring
        raise FileProblem([Problem(path, 0, f"not valid JSON: {exc.msg[0].lower()}{exc.msg[1:]} in a string")]) from None
    except RecursionError:  # '[[[[...': past MAX_DEPTH (or a parser's own stack)
        raise FileProblem([Problem(path, 0, "not a TimelineJS file: lists or objects nested too deeply")]) from None


def _json_items(path: str, events: Iterator[tuple[str, object]]) -> Iterator[Item]:
    """The items of the top-level object: events streamed; title and eras (a few) kept until the end."""
    event, _ = next(events)
    if event != "start_map":
        _skip(events, event)
        _finish(events)
        raise FileProblem([Problem(path, 0, "expected a TimelineJS object with an 'events' list")])
    values: dict = {"events": None}
    for event, key in events:
        if event == "end_map":
            break
        event, value = next(events)
        if key == "events" and event == "start_array":
            values["events"] = []  # read here, never kept
            yield from _json_events(path, events)
        elif key in ("events", "title", "eras"):
            values[key] = _build(events, event, value)  # the last of a key counts, as with json.loads
        else:
            _skip(events, event)
    _finish(events)
    yield from _title_and_eras(path, values)


def _json_events(path: str, events: Iterator[tuple[str, object]]) -> Iterator[Item]:
    """Each item of the 'events' list, as a slide or its problems, built and dropped one at a time."""
    index = 0
    for event, value in events:
        if event == "end_array":
            return
        yield "event", _json_slide(path, f"events[{index}]", "event", _build(events, event, value))
        index += 1


def _title_and_eras(path: str, values: dict) -> Iterator[Item]:
    """The title slide and the eras, once the shape of the whole file is known to be right."""
    if not isinstance(values["events"], list):
        raise FileProblem([Problem(path, 0, "expected a TimelineJS object with an 'events' list")])
    eras = values.get("eras") or []
    if not isinstance(eras, list):
        raise FileProblem([Problem(path, 0, "'eras' must be a list")])
    title = values.get("title")
    if isinstance(title, list) and len(title) > 1:
        yield "title", [Problem(path, 0, f"title: a list of {len(title)}; "
                                         "the first is the title, the rest are left out", True)]
    for item in _title(title):
        yield "title", _json_slide(path, "title", "title", item)
    for index, item in enumerate(eras):
        yield "era", _json_slide(path, f"eras[{index}]", "era", item)


def _depth_checked(events: Iterator[tuple[str, object]]) -> Iterator[tuple[str, object]]:
    """The parser's events; RecursionError past MAX_DEPTH, before '[[[[...' costs time or memory."""
    depth = 0
    for event, value in events:
        if event in ("start_map", "start_array"):
            depth += 1
            if depth > MAX_DEPTH:
                raise RecursionError
        elif event in ("end_map", "end_array"):
            depth -= 1
        yield event, value


def _build(events: Iterator[tuple[str, object]], event: str, value: object) -> object:
    """The JSON value that starts with (event, value), from the events that follow it."""
    if event not in ("start_map", "start_array"):
        return value
    root: dict | list = {} if event == "start_map" else []
    stack, keys = [root], [""]
    for event, value in events:
        if event == "map_key":
            keys[-1] = value
            continue
        if event in ("end_map", "end_array"):
            stack.pop()
            keys.pop()
            if not stack:
                return root
            continue
        item = {} if event == "start_map" else [] if event == "start_array" else value
        if isinstance(stack[-1], dict):
            stack[-1][keys[-1]] = item
        else:
            stack[-1].append(item)
        if event in ("start_map", "start_array"):
            stack.append(item)
            keys.append("")
    return root  # not reached: the parser raises on a file that ends inside a value


def _skip(events: Iterator[tuple[str, object]], event: str) -> None:
    """Read past a value nobody needs without building it."""
    depth = 1 if event in ("start_map", "start_array") else 0
    while depth:
        event, _ = next(events)
        depth += event in ("start_map", "start_array")
        depth -= event in ("end_map", "end_array")


def _finish(events: Iterator[tuple[str, object]]) -> None:
    """Read to the end: the parser refuses anything after the top-level value."""
    for _ in events:
        pass


_SYMBOL = re.compile(r"Unexpected symbol (.*) at (\d+)$", re.DOTALL)


def json_problem(path: str, handle: BinaryIO, exc: Exception) -> Problem:
    """ijson's pure-Python parser's error as one line, with the line and column where it can say."""
    message = str(exc)
    if match := _SYMBOL.match(message):
        symbol = match.group(1)[1:-1]  # it quotes it with repr()
        if re.fullmatch(r"-?[0-9]{4301,}", symbol):  # a number int() refuses, as json.loads did
            return Problem(path, 0, "not a TimelineJS file: a number has more than 4,300 digits")
        line, column = _place(handle, int(match.group(2)))
        shown = symbol if len(symbol) <= 20 else symbol[:20] + "…"
        return Problem(path, line, f"not valid JSON: unexpected {shown!r} (column {column})")
    if isinstance(exc, ijson.IncompleteJSONError):  # the end of the file, in a value or a string
        line, column = _place(handle, None)
        return Problem(path, line, f"not valid JSON: the file ends inside a value (column {column})")
    if message.startswith("Additional data"):
        return Problem(path, 0, "not valid JSON: more text after the end of the top-level object")
    return Problem(path, 0, f"not valid JSON: {' '.join(message.split())[:100]}")


def _place(handle: BinaryIO, offset: int | None) -> tuple[int, int]:
    """(line, column) of a character offset in the file (None: its end), read again in chunks."""
    handle.seek(0)
    text = io.TextIOWrapper(handle, encoding="utf-8-sig", newline="")
    line, column, seen = 1, 1, 0
    while chunk := text.read(2 ** 20):
        if offset is not None and seen + len(chunk) > offset:
            chunk = chunk[:offset - seen]
        newlines = chunk.count("\n")
        line += newlines
        column = len(chunk) - chunk.rfind("\n") if newlines else column + len(chunk)
        seen += len(chunk)
        if offset is not None and seen >= offset:
            break
    text.detach()
    return line, column


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
