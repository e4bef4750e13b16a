"""Front-matter schemas and the one routine that checks a mapping against them."""
from __future__ import annotations

import difflib
import re
from dataclasses import dataclass
from typing import Callable

from . import fields
from ..dates import DateError, parse_interval
from ..dates.othercal import CALENDARS
from ..errors import Problem
from .model import TIMELINE_FACETS, TimelineOptions


@dataclass(frozen=True)
class Field:
    """One key: whether it is required, how to read a value, and its shape."""

    convert: Callable[[object], object] | None = None
    required: bool = False
    shape: str = "one"  # "one" value, a "list" of values, a "record" (mapping) or "records"
    schema: dict | None = None
    at_least_one: bool = False  # for records: not every key may be missing


Schema = dict[str, Field]


def _interval(value: object, calendar: str = "gregorian"):
    try:
        return parse_interval(value, calendar)
    except DateError as exc:
        raise fields.FieldError(f"invalid date {fields.show(value)}: {exc}") from None


def _interval_in(calendar: str) -> Callable[[object], object]:
    return lambda value: _interval(value, calendar)


def _lang(value: object) -> str:
    """A BCP 47 language tag such as 'ko', 'zh-Hant' or 'ar'."""
    tag = fields.text(value)
    if not _LANG_RE.match(tag):
        raise fields.FieldError(f"invalid language tag {tag!r}: use a BCP 47 tag such as 'ko' or 'zh-Hant'")
    return tag


def _menu(value: object) -> str:
    menu = fields.text(value)
    if menu not in ("header", "footer"):
        raise fields.FieldError(f"expected 'header' or 'footer', got {menu!r}")
    return menu


def _timeline(value: object) -> TimelineOptions:
    """`timeline: {lanes: people}`: the facet timeline.html starts with."""
    if not isinstance(value, dict):
        raise fields.FieldError(f"expected a mapping such as 'lanes: people', got {fields.kind_of(value)}")
    for key in value:
        if key != "lanes":
            raise fields.FieldError(f"unknown key {fields.show(key)} (expected: lanes)")
    lanes = fields.text(value.get("lanes", "people"))
    if lanes not in TIMELINE_FACETS:
        close = difflib.get_close_matches(lanes, TIMELINE_FACETS, n=1)
        hint = f" (did you mean '{close[0]}'?)" if close else f" (expected: {', '.join(TIMELINE_FACETS)})"
        raise fields.FieldError(f"unknown lanes {lanes!r}{hint}")
    return TimelineOptions(lanes)


def _words(value: object) -> str:
    """Text, where a bare number is meant as text too (`pages: 12`, `source: 2`)."""
    if isinstance(value, int) and not isinstance(value, bool):
        return str(value)
    return fields.text(value)


def _csl_file(value: object) -> str:
    """`citation_style: style.csl`: a CSL file's path under content/."""
    name = fields.text(value)
    if not name.endswith(".csl") or name.startswith(("/", "\\")) or ".." in name.replace("\\", "/").split("/"):
        raise fields.FieldError(f"expected a .csl file under content/, e.g. 'apa.csl', got {name!r}")
    return name


def _order(value: object) -> int:
    if isinstance(value, bool) or not isinstance(value, int):
        raise fields.FieldError(f"expected a whole number, got {value!r}")
    return value


_LANG_RE = re.compile(r"^[A-Za-z]{2,3}(-[A-Za-z0-9]{2,8})*$")
STOP: Schema = {
    "place": Field(fields.slug, required=True), "date": Field(fields.date),
    "time": Field(fields.time), "mode": Field(fields.tag), "note": Field(fields.text),
}
IMAGE: Schema = {
    "src": Field(fields.text, required=True), "alt": Field(fields.text, required=True),
    "caption": Field(fields.text), "credit": Field(fields.text), "license": Field(fields.text),
}
SOURCE: Schema = {
    "title": Field(fields.text), "publisher": Field(fields.text),
    "date": Field(fields.date), "url": Field(fields.url), "archive": Field(fields.url),
    "accessed": Field(fields.date), "pages": Field(_words), "quote": Field(fields.text), "ref": Field(_words),
}
DATE_CLAIM: Schema = {
    "date": Field(_interval, required=True), "source": Field(_words, required=True), "note": Field(fields.text),
}
EVENT: Schema = {
    "title": Field(fields.text, required=True), "date": Field(_interval, required=True),
    "end": Field(fields.date), "summary": Field(fields.text),
    "people": Field(fields.slug, shape="list"), "places": Field(fields.slug, shape="list"),
    "tags": Field(fields.tag, shape="list"), "related": Field(fields.slug, shape="list"),
    "route": Field(shape="records", schema=STOP),
    "sources": Field(shape="records", schema=SOURCE, at_least_one=True),
    "date_claims": Field(shape="records", schema=DATE_CLAIM),
    "draft": Field(fields.boolean), "display_date": Field(fields.text), "calendar": Field(fields.calendar),
    "image": Field(shape="record", schema=IMAGE),
}
# `calendar:` changes how the event's own dates and its route stops' dates are read (source
# dates stay Gregorian: a source is cited by its own publication date).
EVENT_IN: dict[str, Schema] = {
    calendar: {**EVENT, "date": Field(_interval_in(calendar), required=True), "end": Field(fields.date_in(calendar)),
               "route": Field(shape="records", schema={**STOP, "date": Field(fields.date_in(calendar))})}
    for calendar in CALENDARS if calendar != "gregorian"}
NAME: Schema = {
    "name": Field(fields.text, required=True), "lang": Field(_lang), "from": Field(fields.date),
    "until": Field(fields.date), "note": Field(fields.text),
}
PERSON: Schema = {
    "name": Field(fields.text, required=True), "native_name": Field(fields.text),
    "native_lang": Field(_lang), "born": Field(fields.date), "died": Field(fields.date), "summary": Field(fields.text),
    "image": Field(shape="record", schema=IMAGE), "names": Field(shape="records", schema=NAME),
    "sources": Field(shape="records", schema=SOURCE, at_least_one=True),
}
PLACE: Schema = {
    "name": Field(fields.text, required=True), "native_name": Field(fields.text),
    "native_lang": Field(_lang), "country": Field(fields.text), "lat": Field(fields.number_in(-90, 90)),
    "lon": Field(fields.number_in(-180, 180)), "summary": Field(fields.text),
    "image": Field(shape="record", schema=IMAGE), "names": Field(shape="records", schema=NAME),
    "sources": Field(shape="records", schema=SOURCE, at_least_one=True),
}
SITE: Schema = {
    "title": Field(fields.text, required=True), "description": Field(fields.text),
    "language": Field(fields.text), "base_url": Field(fields.url), "author": Field(fields.text),
    "allow_html": Field(fields.boolean), "cname": Field(fields.hostname), "timeline": Field(_timeline),
    "citation_style": Field(_csl_file),
}
PAGE: Schema = {
    "title": Field(fields.text, required=True), "summary": Field(fields.text),
    "order": Field(_order), "menu": Field(_menu),
}
ERA: Schema = {
    "name": Field(fields.text, required=True), "start": Field(fields.date, required=True),
    "end": Field(fields.date, required=True),
}


def event_schema(calendar: object) -> Schema:
    """The event schema for the calendar its front matter names."""
    return EVENT_IN.get(calendar, EVENT) if isinstance(calendar, str) else EVENT


def read_mapping(data: object, schema: Schema, path: str, offset: int,
                 problems: list[Problem], what: str = "front matter", key_path: str = "") -> dict:
    """Check a mapping against a schema; return the values that were valid.

    `offset` is added to YAML lines to give file lines (1 for front matter); `key_path`
    ('image: ') starts the messages about a nested record's own keys, which name only the key.
    """
    if not isinstance(data, dict):
        problems.append(Problem(path, getattr(data, "line", 0) + offset, f"{what} must be a mapping of keys to values"))
        return {}
    values: dict = {}
    for key, value in data.items():
        line = data.lines[key] + offset
        if key not in schema:
            problems.append(Problem(path, line, key_path + _unknown_key(key, schema), warning=True))
        elif value is not None or schema[key].required:
            _read_value(key, value, schema[key], values, (path, line, offset), problems)
    for key, spec in schema.items():
        if spec.required and key not in data:
            problems.append(Problem(path, data.line + offset, f"{key_path}missing required key '{key}'"))
    return values


def read_list(data: object, schema: Schema, path: str, offset: int,
              problems: list[Problem], what: str, key_path: str = "") -> list[tuple[dict, int]]:
    """Check a list of mappings; return (values, file line) for each item."""
    if not isinstance(data, list):
        problems.append(Problem(path, getattr(data, "line", 0) + offset or 1, f"{what} must be a list"))
        return []
    result = []
    for item, line in zip(data, data.lines):
        values = read_mapping(item, schema, path, offset, problems, f"each item of {what}", key_path)
        result.append((values, line + offset))
    return result


def _read_value(key: str, value: object, spec: Field, values: dict, where: tuple, problems: list[Problem]) -> None:
    path, line, offset = where
    if spec.shape == "record":
        values[key] = (read_mapping(value, spec.schema, path, offset, problems, f"'{key}'", f"{key}: "), line)
        return
    if spec.shape == "records":
        items = read_list(value, spec.schema, path, offset, problems, f"'{key}'", f"{key}: ")
        if spec.at_least_one:
            for values_, item_line in items:
                if not values_:
                    problems.append(Problem(path, item_line, f"each of '{key}' needs at least one of "
                                                             f"{', '.join(spec.schema)}"))
        values[key] = [(v, l) for v, l in items if not _missing_required(v, spec.schema)]
        return
    if spec.shape == "list":
        values[key] = _convert_list(key, value, spec, line, path, offset, problems)
        return
    try:
        values[key] = spec.convert(value)
    except fields.FieldError as exc:
        problems.append(Problem(path, line, f"{key}: {exc}"))


def _convert_list(key: str, value: object, spec: Field, line: int, path: str, offset: int,
                  problems: list[Problem]) -> tuple:
    if not isinstance(value, list):
        problems.append(Problem(path, line, f"{key}: expected a list, e.g. [{value}]"))
        return ()
    result = []
    for item, item_line in zip(value, value.lines):
        try:
            result.append(spec.convert(item))
        except fields.FieldError as exc:
            problems.append(Problem(path, item_line + offset, f"{key}: {exc}"))
    return tuple(result)


def _missing_required(values: dict, schema: Schema) -> bool:
    return any(spec.required and key not in values for key, spec in schema.items())


def _unknown_key(key: str, schema: Schema) -> str:
    close = difflib.get_close_matches(key, list(schema), n=1)
    hint = f" (did you mean '{close[0]}'?)" if close else f"; known keys: {', '.join(schema)}"
    return f"unknown key '{key}' ignored{hint}"
