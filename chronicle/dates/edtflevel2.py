"""Recognise EDTF level 2 forms and name the closest level 1 form, for the error message.

Only the error path imports this: a level 2 text is never accepted, but the author is
told what to write instead ('2004?-06' -> '2004-06?', '{1667,1668}' -> '1667/1668').
"""
from __future__ import annotations

import re
from typing import Callable

_SET_RE = re.compile(r"^[\[{](.+)[\]}]\Z")
_EXPONENT_RE = re.compile(r"^Y(-?)([0-9]+)E([0-9]+)(?:S[0-9]+)?\Z")
_SIGNIFICANT_RE = re.compile(r"^(Y?-?[0-9]{4,})S[0-9]+\Z")
_QUALIFIED_PART_RE = re.compile(r"^[~?%]?-?[0-9X]{4}[~?%]?(-[~?%]?[0-9X]{2}[~?%]?){0,2}\Z")
_UNSPECIFIED_RE = re.compile(r"^(-?)([0-9X]{4})(-[0-9X]{2}){0,2}\Z")


def closest_level1(text: str, is_level1: Callable[[str], bool]) -> str | None:
    """The level 1 text of the same meaning as a level 2 form; '' for a level 2 form that has
    none (a set of far-apart dates); None when the text is no EDTF at all.

    `is_level1` is edtf.py's own check, passed in so that this error-path module needs
    nothing from the parser that imports it.
    """
    for rule in (_set, _exponent, _significant, _qualified_parts, _unspecified):
        closest = rule(text)
        if closest == "" or (closest and is_level1(closest)):
            return closest
    return None


def _set(text: str) -> str | None:
    """'{1667,1668}' (all of) and '[1760..1770]' (one of): the interval they span.

    '[..1984]' (1984 or earlier) is '../1984'. Dates of different precisions, or far apart
    ('[-1667,1760-12]'), are no span: an interval would claim the years between.
    """
    match = _SET_RE.match(text)
    if not match:
        return None
    inner = match.group(1).strip()
    items = [p.strip() for part in inner.split(",") for p in part.split("..")]
    items = [item for item in items if item]
    if len(items) == 1 and inner.startswith(".."):
        return f"../{items[0]}"
    if len(items) == 1 and inner.endswith(".."):
        return f"{items[0]}/.."
    if not items:
        return None
    if inner.startswith("..") or inner.endswith(".."):
        return ""
    if len(items) == 1:
        return items[0]
    return f"{items[0]}/{items[-1]}" if _mostly_covered(inner) else ""


def _mostly_covered(inner: str) -> bool:
    """True when the set's dates share one precision and cover at least half of their span."""
    units = []
    for part in inner.split(","):
        ends = [_ordinal(p.strip()) for p in part.split("..")]
        if None in ends or len(ends) > 2:
            return False
        units.append((ends[0][0], ends[0][1], ends[-1][1]))
    if len({precision for precision, _, _ in units}) != 1:
        return False
    covered = sum(last - first + 1 for _, first, last in units)
    span = max(last for _, _, last in units) - min(first for _, first, _ in units) + 1
    return covered * 2 >= span > 0


def _ordinal(text: str) -> tuple[int, int] | None:
    """(precision, a count of years, months or days) of a plain date, to measure a set's gaps."""
    match = re.match(r"^(-?[0-9]{4})(?:-([0-9]{2})(?:-([0-9]{2}))?)?\Z", text)
    if not match:
        return None
    year, month, day = (int(g) if g else None for g in match.groups())
    if month is None:
        return 0, year
    if day is None:
        return 1, year * 12 + month
    return 2, year * 372 + month * 31 + day  # gaps of a day or two at month ends do not matter here


def _exponent(text: str) -> str | None:
    """'Y17E7' -> 'Y170000000'."""
    match = _EXPONENT_RE.match(text)
    if not match or int(match.group(3)) > 12:
        return None
    value = int(match.group(2)) * 10 ** int(match.group(3))
    return f"{match.group(1)}{value:04d}" if value < 10000 else f"Y{match.group(1)}{value}"


def _significant(text: str) -> str | None:
    """'1950S2' -> '1950'; 'Y171010000S3' -> 'Y171010000'."""
    match = _SIGNIFICANT_RE.match(text)
    return match.group(1) if match else None


def _qualified_parts(text: str) -> str | None:
    """'2004?-06' or '2004-06-~01': the qualifiers moved to the end of the date."""
    if not _QUALIFIED_PART_RE.match(text):
        return None
    marks = set(re.findall(r"[~?%]", text))
    bare = re.sub(r"[~?%]", "", text)
    approximate = bool(marks & {"~", "%"})
    uncertain = bool(marks & {"?", "%"})
    return bare + ("%" if approximate and uncertain else "~" if approximate else "?" if uncertain else "")


def _unspecified(text: str) -> str | None:
    """'156X-1X' -> '156X', '1X85' -> '1XXX', '2004-XX-11' -> '2004-XX-XX'."""
    match = _UNSPECIFIED_RE.match(text)
    if not match or "X" not in text:
        return None
    sign, year = match.group(1), match.group(2)
    if "X" in year:
        first = year.index("X")
        return sign + year[:first] + "X" * (4 - first) if first else None
    parts = text[len(sign) + 5:].split("-")
    if "X" in parts[0]:
        return f"{sign}{year}-XX" + ("-XX" if len(parts) > 1 else "")
    return f"{sign}{year}-{parts[0]}-XX"

