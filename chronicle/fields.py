"""Validators for front-matter values: each returns the typed value or raises FieldError."""
from __future__ import annotations

import re
import unicodedata
from typing import Callable

from .dates import Date, DateError, parse_date

SLUG_RE = re.compile(r"^[a-z0-9]+(-[a-z0-9]+)*$")
TIME_RE = re.compile(r"^([01][0-9]|2[0-3]):[0-5][0-9]$")


class FieldError(ValueError):
    """A value of the wrong type or form; the message names the value."""


Validator = Callable[[object], object]


def suggest_slug(text: str) -> str:
    """A valid slug close to any text: 'Hà Nội' -> 'ha-noi'."""
    folded = unicodedata.normalize("NFKD", text.replace("đ", "d").replace("Đ", "D"))
    ascii_text = folded.encode("ascii", "ignore").decode().lower()
    return "-".join(re.findall(r"[a-z0-9]+", ascii_text)) or "untitled"


def text(value: object) -> str:
    """Non-empty text (numbers are accepted as their digits)."""
    if isinstance(value, bool) or value is None or isinstance(value, (list, dict)):
        raise FieldError(f"expected text, got {_kind(value)}")
    result = str(value).strip()
    if not result:
        raise FieldError("must not be empty")
    return result


def date(value: object) -> Date:
    """An EDTF date."""
    try:
        return parse_date(value)
    except DateError as exc:
        raise FieldError(f"invalid date {_show(value)}: {exc}") from None


def boolean(value: object) -> bool:
    """true or false."""
    if not isinstance(value, bool):
        raise FieldError(f"expected true or false, got {_show(value)}")
    return value


def number_in(low: float, high: float) -> Validator:
    """A number between low and high inclusive."""
    def check(value: object) -> float:
        if isinstance(value, bool) or not isinstance(value, (int, float)):
            raise FieldError(f"expected a number, got {_show(value)}")
        if not low <= value <= high:
            raise FieldError(f"{value} is outside {low:g}..{high:g}")
        return float(value)
    return check


def slug(value: object) -> str:
    """A slug such as 'kim-jong-un'."""
    result = text(value)
    if not SLUG_RE.match(result):
        raise FieldError(f"invalid slug {_show(value)} (did you mean '{suggest_slug(result)}'?)")
    return result


def tag(value: object) -> str:
    """A tag; written as words, kept as its slug."""
    return suggest_slug(text(value))


def time(value: object) -> str:
    """A local time 'HH:MM'."""
    result = text(value)
    if not TIME_RE.match(result):
        raise FieldError(f"invalid time {_show(value)}: use HH:MM, e.g. '17:05'")
    return result


def url(value: object) -> str:
    """An absolute http(s) URL: anything else (javascript:, data:) could run in a reader's browser."""
    result = text(value)
    if not re.match(r"^https?://[^\s/]+", result, re.IGNORECASE):
        raise FieldError(f"{_show(value)} is not an http:// or https:// URL")
    return result


def _kind(value: object) -> str:
    for kind, name in ((type(None), "nothing"), (bool, "true/false"), (list, "a list"), (dict, "a mapping")):
        if isinstance(value, kind):
            return name
    return type(value).__name__


def _show(value: object) -> str:
    if isinstance(value, (list, dict)) or value is None:
        return _kind(value)
    shown = str(value)
    return repr(shown[:60] + ("…" if len(shown) > 60 else ""))
