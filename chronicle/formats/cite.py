"""The bibliography formatted by a CSL processor (citeproc-py), and exported as CSL-JSON.

citeproc-py formats each work in the site's CSL style (Chicago author-date, shipped in
chronicle/data/csl, unless site.yaml's `citation_style` names another), sorted as the style
sorts. Its HTML output does not escape the text it was given, and CSL-JSON titles may carry
rich text (<i>, <b>, <sup>), so every entry goes through nh3 with a small allow-list.
"""
from __future__ import annotations

import hashlib
import json
import os
import warnings
from importlib import metadata

import nh3
from markupsafe import Markup

from ..bodies.cache import BodyCache, key_of
from ..content.bibliography import Work
from ..errors import BuildFailed, Problem

DEFAULT_STYLE = os.path.join(os.path.dirname(os.path.dirname(__file__)), "data", "csl", "chicago-author-date.csl")
_ENTRY_TAGS = {"i", "b", "sup", "sub", "span", "em", "strong"}


def format_works(works: dict[str, Work], style: str = "", cache: BodyCache | None = None) -> dict[str, Markup]:
    """{id: the work's bibliography entry as safe HTML}, in the style's order.

    citeproc-py takes about 5 ms a work with Chicago's 170 KB style (see cslstyle.py), so its
    output is kept: in this process for the latest bibliography (a build formats before it forks, so every render
    process shares it; `serve` keeps it between edits), and in the build's cache on disk. What
    comes back from either is cleaned again, like a body from the body cache.
    """
    if not works:
        return {}
    style_path = style or DEFAULT_STYLE
    # citeproc-py folds ids to lower case, so it is given positions, never the authors' ids.
    items = [{**work.csl, "id": f"w{n}"} for n, work in enumerate(works.values())]
    key = key_of("bibliography", processor_version(), _digest(style_path),
                 json.dumps(items, sort_keys=True, ensure_ascii=False))
    raw = _LATEST.get(key) or _from_cache(cache, key)
    if raw is None:
        try:
            raw = _bibliography(items, style_path)
        except Exception:  # noqa: BLE001 (a third-party processor: find the work it cannot format)
            raise BuildFailed([_culprit(works, style_path)]) from None
        if cache is not None:
            cache.store({key: json.dumps(raw)})
    _LATEST.clear()  # one bibliography at a time: an edited one replaces the last
    _LATEST[key] = raw
    ids = list(works)
    return {ids[int(position[1:])]: Markup(_clean(text)) for position, text in raw
            if position[1:].isdigit() and int(position[1:]) < len(ids)}


_LATEST: dict[str, list] = {}  # a cache of one pure function value (see format_works)


def _from_cache(cache: BodyCache | None, key: str) -> list | None:
    found = cache.get_many([key]).get(key) if cache is not None else None
    try:
        raw = json.loads(found) if found else None
    except ValueError:
        return None
    valid = isinstance(raw, list) and all(isinstance(p, list) and len(p) == 2 and all(isinstance(x, str) for x in p)
                                          for p in raw)
    return raw if valid else None


def processor_version() -> str:
    """The versions of what formats the works: another citeproc-py may format them differently."""
    found = []
    for library in ("citeproc-py", "lxml"):
        try:
            found.append(f"{library}={metadata.version(library)}")
        except metadata.PackageNotFoundError:
            found.append(f"{library}=?")
    return ";".join(found)


def _digest(path: str) -> str:
    with open(path, "rb") as handle:
        return hashlib.sha256(handle.read()).hexdigest()


def _bibliography(items: list[dict], style_path: str) -> list[list[str]]:
    from citeproc import Citation, CitationStylesBibliography, formatter
    from citeproc.source.json import CiteProcJSON

    from .cslstyle import Item, ParsedStyle  # imports citeproc-py: only a site with works pays for it

    with warnings.catch_warnings():  # it warns about every CSL variable it does not know
        warnings.simplefilter("ignore")
        bibliography = CitationStylesBibliography(ParsedStyle(style_path), CiteProcJSON(items), formatter.html)
        for item in items:
            bibliography.register(Citation([Item(item["id"])]))
        bibliography.sort()
        return [[str(key), str(entry)] for key, entry in zip(bibliography.keys, bibliography.bibliography())]


def _culprit(works: dict[str, Work], style_path: str) -> Problem:
    from .cslstyle import ParsedStyle

    try:
        ParsedStyle(style_path)
    except Exception as exc:  # noqa: BLE001 (lxml's and citeproc's errors alike)
        return Problem(style_path, getattr(exc, "lineno", 0) or 0,
                       f"not a CSL style citeproc-py can read: {str(exc).splitlines()[0] if str(exc) else type(exc).__name__}")
    for work in works.values():
        try:
            _bibliography([{**work.csl, "id": "w0"}], style_path)
        except Exception as exc:  # noqa: BLE001
            return Problem(work.path, work.line, f"work '{work.id}' cannot be formatted in "
                                                 f"{os.path.basename(style_path)}: {type(exc).__name__} {exc}")
    return Problem(style_path, 0, "the CSL processor could not format the bibliography with this style")


def _clean(html: str) -> str:
    return nh3.clean(html, tags=_ENTRY_TAGS, attributes={}, strip_comments=True).strip()


def bibliography_json(works: dict[str, Work]) -> bytes:
    """Every work as CSL-JSON, in the bibliography's order, with the archived copy kept as `archive_url`."""
    items = []
    for work in works.values():
        item = dict(sorted(work.csl.items()))
        if work.archive:
            item["archive_url"] = work.archive
        items.append(item)
    return (json.dumps(items, ensure_ascii=False, indent=2) + "\n").encode()
