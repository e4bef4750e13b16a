"""Validators for front-matter values: each returns the typed value or raises FieldError."""
from __future__ import annotations

import difflib
import re
import unicodedata
from typing import Callable
from urllib.parse import urlsplit

from ..dates import Date, DateError, parse_date
from ..dates.othercal import CALENDARS

SLUG_MAX = 200  # characters: '<slug>.html' must stay a valid file name (255 bytes) everywhere
# \Z, not $: '$' also matches before a final newline, which would let 'a\n.md' through.
SLUG_RE = re.compile(r"^(?=.{1,%d}\Z)[a-z0-9]+(-[a-z0-9]+)*\Z" % SLUG_MAX)
TIME_RE = re.compile(r"^([01][0-9]|2[0-3]):[0-5][0-9]\Z")
# XML 1.0 forbids C0 controls (but tab, newline), surrogates and U+FFFE/U+FFFF; C1 controls and
# DEL are allowed there but never meant, and they split lines in Python and in terminals.
_FORBIDDEN_CHAR = re.compile("[\x00-\x08\x0b-\x1f\x7f-\x9f\u2028\u2029\ud800-\udfff\ufffe\uffff]")
# A URL may not contain whitespace or any control character: CR/LF in base_url could inject
# lines into calendar.ics, and no valid URL needs them.
_URL_RE = re.compile(r"^https?://[^\s/?#]+[^\s]*\Z", re.IGNORECASE)
_URL_FORBIDDEN = re.compile("[\\s\x00-\x1f\x7f-\x9f\ud800-\udfff\ufffe\uffff]")


class FieldError(ValueError):
    """A value of the wrong type or form; the message names the value."""


Validator = Callable[[object], object]


def suggest_slug(text: str) -> str:
    """A valid slug close to any text: 'Hà Nội' -> 'ha-noi'."""
    folded = unicodedata.normalize("NFKD", text.replace("đ", "d").replace("Đ", "D"))
    ascii_text = folded.encode("ascii", "ignore").decode().lower()
    return "-".join(re.findall(r"[a-z0-9]+", ascii_text))[:SLUG_MAX].strip("-") or "untitled"


def text(value: object) -> str:
    """Non-empty text (numbers are accepted as their digits)."""
    if isinstance(value, bool) or value is None or isinstance(value, (list, dict)):
        raise FieldError(f"expected text, got {kind_of(value)}")
    result = str(value).strip()
    if not result:
        raise FieldError("must not be empty")
    if bad := _FORBIDDEN_CHAR.search(result):
        raise FieldError(f"contains the control character {codepoint(bad.group(0))}, "
                         "which feeds and XML cannot carry; remove it")
    return result


def codepoint(char: str) -> str:
    """'U+0001' for a character."""
    return f"U+{ord(char):04X}"


def date(value: object) -> Date:
    """An EDTF date."""
    try:
        return parse_date(value)
    except DateError as exc:
        raise FieldError(f"invalid date {show(value)}: {exc}") from None


def calendar(value: object) -> str:
    """A calendar name: 'gregorian' (the default), 'julian' (Old Style), 'islamic', ..."""
    result = text(value)
    if result not in CALENDARS:
        close = difflib.get_close_matches(result, CALENDARS, n=1)
        hint = f" (did you mean '{close[0]}'?)" if close else f" (expected one of: {', '.join(CALENDARS)})"
        raise FieldError(f"unknown calendar {show(value)}{hint}")
    return result


def date_in(calendar_name: str) -> Validator:
    """An EDTF-shaped date written in that calendar."""
    def check(value: object) -> Date:
        try:
            return parse_date(value, calendar=calendar_name)
        except DateError as exc:
            raise FieldError(f"invalid date {show(value)}: {exc}") from None
    return check


def boolean(value: object) -> bool:
    """true or false."""
    if not isinstance(value, bool):
        raise FieldError(f"expected true or false, got {show(value)}")
    return value


def number_in(low: float, high: float) -> Validator:
    """A number between low and high inclusive."""
    def check(value: object) -> float:
        if isinstance(value, bool) or not isinstance(value, (int, float)):
            raise FieldError(f"expected a number, got {show(value)}")
        if not low <= value <= high:
            raise FieldError(f"{value} is outside {low:g}..{high:g}")
        return float(value)
    return check


def slug(value: object) -> str:
    """A slug such as 'kim-jong-un'."""
    result = text(value)
    if not SLUG_RE.match(result):
        raise FieldError(f"invalid slug {show(value)} (did you mean '{suggest_slug(result)}'?)")
    return result


class Tag(str):
    """A tag's slug (its page is 'tags/<slug>.html') that remembers how it was written."""

    written: str

    def __new__(cls, slug: str, written: str) -> "Tag":
        made = super().__new__(cls, slug)
        made.written = written
        return made

    def __reduce__(self):  # keep `written` through pickling (caches, worker processes)
        return (Tag, (str(self), self.written))

    def spelling(self) -> str:
        """How it was written, up to case and the separator between words."""
        return re.sub(r"[\s_-]+", " ", self.written.casefold()).strip()


def tag(value: object) -> str:
    """A tag; written as words, kept as its slug (its page is 'tags/<slug>.html')."""
    words = text(value)
    result = suggest_slug(words)
    if result == "untitled" and words.casefold() != "untitled":
        # 'untitled' is only the fallback: two such tags ('北京', '上海') would share one page.
        raise FieldError(f"tag {show(value)} has no letters a-z or digits to name its page "
                         "tags/<tag>.html; add a Latin-letter spelling")
    if result == "index":
        raise FieldError(f"tag {show(value)} would replace the list of all tags, tags/index.html; "
                         "choose another word")
    return Tag(result, words)


def time(value: object) -> str:
    """A local time 'HH:MM'."""
    result = text(value)
    if not TIME_RE.match(result):
        raise FieldError(f"invalid time {show(value)}: use HH:MM, e.g. '17:05'")
    return result


def url(value: object) -> str:
    """An absolute http(s) URL: anything else (javascript:, data:) could run in a reader's browser."""
    if isinstance(value, str) and (bad := _URL_FORBIDDEN.search(value)):  # raw: a stripped copy is not what is used
        char = "a space" if bad.group(0) == " " else codepoint(bad.group(0))
        raise FieldError(f"{show(value)} contains {char}: a URL cannot; encode it (%20) or remove it")
    result = text(value)
    if not _URL_RE.match(result):
        raise FieldError(f"{show(value)} is not an http:// or https:// URL")
    if problem := url_problem(result):
        raise FieldError(f"{show(value)} is not a valid URL: {problem}")
    return result


def url_problem(value: str) -> str | None:
    """Why urllib cannot read the URL's host or port ('https://[::1/'), or None; render reads both."""
    try:
        parts = urlsplit(value)
        parts.port  # noqa: B018 (raises for a port out of range)
    except ValueError as exc:
        message = str(exc)  # 'Invalid IPv6 URL', 'Port out of range 0-65535'
        return message[:1].lower() + message[1:] if len(message) < 60 else "its host or port cannot be read"
    return None if parts.hostname else "no host name"


# A host name as DNS allows it: labels of letters, digits and inner hyphens, joined by dots.
_HOSTNAME_RE = re.compile(r"^(?=.{1,253}\Z)([a-z0-9]([a-z0-9-]{0,61}[a-z0-9])?\.)*"
                          r"[a-z0-9]([a-z0-9-]{0,61}[a-z0-9])?\Z", re.IGNORECASE)


def hostname(value: object) -> str:
    """A host name only, as the CNAME file holds it ('history.example.org'): no scheme, path or line break."""
    result = text(value)
    if not isinstance(value, str) or result != value or not _HOSTNAME_RE.match(result):
        raise FieldError(f"{show(value)} is not a host name like 'history.example.org'")
    return result


_KINDS = ((type(None), "nothing"), (bool, "true/false"), (list, "a list"), (dict, "a mapping"),
          (int, "a whole number"), (float, "a number"), (str, "text"))


def kind_of(value: object) -> str:
    """What a YAML value is, in the words of the docs (never a Python class name)."""
    return next((name for kind, name in _KINDS if isinstance(value, kind)), "a value")



def show(value: object) -> str:
    """A value quoted for a message, at most 60 characters ('…' marks the cut)."""
    if isinstance(value, (list, dict, bool)) or value is None:
        return kind_of(value)
    try:
        shown = str(value)
    except ValueError:  # an int past sys.get_int_max_str_digits()
        return "a very long number"
    return repr(shown[:60] + ("…" if len(shown) > 60 else ""))

