"""The bibliography: content/bibliography.yaml (CSL-YAML), .json (CSL-JSON) or .bib (BibTeX) -> Works.

Every work becomes one CSL-JSON item, the form a CSL processor formats and bibliography.json
exports; BibTeX is read by bibtexparser (LaTeX accents decoded, names split) and mapped to CSL.
Problems name the file and the line of the work.
"""
from __future__ import annotations

import json
import os
import re
from dataclasses import dataclass, field

from ..errors import Problem
from .contentfiles import path_problem
from .yamlread import YamlError, read_yaml

NAMES = ("bibliography.yaml", "bibliography.yml", "bibliography.json", "bibliography.bib")


@dataclass(frozen=True)
class Work:
    """One work of the bibliography: its CSL-JSON item, and where it was written."""

    id: str
    csl: dict = field(hash=False, compare=False)
    path: str = ""
    line: int = 0
    archive: str | None = None  # the URL of an archived copy (`archive: https://...` in the item)

    @property
    def title(self) -> str:
        """The work's title as plain text (CSL titles may hold <i> and the like)."""
        return _TAGS.sub("", str(self.csl.get("title", "")))

    @property
    def url(self) -> str | None:
        """The address of the work online, if it has one."""
        value = self.csl.get("URL")
        return value if isinstance(value, str) and value else None

    def names(self) -> list[str]:
        """Authors and editors as 'Given Family', for search."""
        found = []
        for role in ("author", "editor"):
            for name in self.csl.get(role) or ():
                if isinstance(name, dict):
                    found.append(" ".join(str(name[k]) for k in ("given", "non-dropping-particle", "family", "literal")
                                          if name.get(k)))
        return found


_TAGS = re.compile(r"<[^>]*>")


def load_bibliography(content_dir: str, problems: list[Problem]) -> tuple[tuple[Work, ...], str]:
    """The works of content/bibliography.*, and that file's path ('' when there is none)."""
    present = [name for name in NAMES if os.path.lexists(os.path.join(content_dir, name))]
    if not present:
        return (), ""
    path = os.path.join(content_dir, present[0])
    for other in present[1:]:
        problems.append(Problem(os.path.join(content_dir, other), 0,
                                f"a second bibliography: keep one of {', '.join(present)}"))
    if refused := path_problem(path, content_dir):
        problems.append(refused)
        return (), path
    with open(path, "rb") as handle:
        raw = handle.read()
    try:
        text = raw.decode("utf-8").removeprefix("\ufeff").replace("\r\n", "\n")
    except UnicodeDecodeError as exc:
        problems.append(Problem(path, raw[: exc.start].count(b"\n") + 1, "not UTF-8: save the file as UTF-8"))
        return (), path
    reader = _read_bib if path.endswith(".bib") else _read_json if path.endswith(".json") else _read_yaml
    items = reader(text, path, problems)
    return _checked(items, path, problems), path


def _read_yaml(text: str, path: str, problems: list[Problem]) -> list[tuple[object, int]]:
    try:
        data = read_yaml(text)
    except YamlError as exc:
        problems.append(Problem(path, exc.line, exc.message))
        return []
    if isinstance(data, dict) and "references" in data:  # pandoc's form: `references:` holds the list
        data = data["references"]
    if data is None:
        return []
    if not isinstance(data, list):
        problems.append(Problem(path, getattr(data, "line", 1), "a CSL-YAML bibliography is a list of works"))
        return []
    return [(_plain(item), line) for item, line in zip(data, data.lines)]


def _read_json(text: str, path: str, problems: list[Problem]) -> list[tuple[object, int]]:
    try:
        data = json.loads(text)
    except json.JSONDecodeError as exc:
        problems.append(Problem(path, exc.lineno, f"invalid CSL-JSON: {exc.msg} (column {exc.colno})"))
        return []
    if isinstance(data, dict) and isinstance(data.get("items"), list):
        data = data["items"]
    if not isinstance(data, list):
        problems.append(Problem(path, 1, "a CSL-JSON bibliography is a list of works ([{...}, ...])"))
        return []
    return [(item, _json_line(text, item)) for item in data]


def _json_line(text: str, item: object) -> int:
    """The line of the item's "id" (json keeps no lines; an id is unique enough to find)."""
    if isinstance(item, dict) and isinstance(item.get("id"), (str, int)):
        found = re.search(r'"id"\s*:\s*' + re.escape(json.dumps(item["id"])), text)
        if found:
            return text.count("\n", 0, found.start()) + 1
    return 1


def _checked(items: list[tuple[object, int]], path: str, problems: list[Problem]) -> tuple[Work, ...]:
    works: dict[str, Work] = {}
    for item, line in items:
        if not isinstance(item, dict):
            problems.append(Problem(path, line, "each work must be a mapping of CSL fields"))
            continue
        ident = item.get("id", item.get("citation-key"))
        if ident is None or str(ident).strip() == "":
            problems.append(Problem(path, line, "a work without an 'id'"))
            continue
        ident = str(ident).strip()
        if ident in works:
            problems.append(Problem(path, line, f"duplicate id '{ident}' (first on line {works[ident].line})"))
            continue
        if not str(item.get("title") or "").strip():
            problems.append(Problem(path, line, f"work '{ident}' has no title"))
            continue
        works[ident] = _work(ident, item, path, line)
    return tuple(works.values())


def _work(ident: str, item: dict, path: str, line: int) -> Work:
    csl = {**item, "id": ident}
    csl.setdefault("type", "document")
    for key in ("issued", "accessed"):
        if isinstance(csl.get(key), (str, int)):  # CSL-YAML lets a date be written as text
            csl[key] = csl_date(str(csl[key]))
    archive = csl.get("archive")
    if isinstance(archive, str) and archive.startswith(("http://", "https://")):
        del csl["archive"]  # CSL's `archive` names a repository; a URL here is an archived copy
    else:
        archive = None
    return Work(ident, csl, path, line, archive)


_ISO = re.compile(r"^(-?\d{1,4})(?:-(\d{1,2}))?(?:-(\d{1,2}))?$")


def csl_date(text: str) -> dict:
    """'2019-02-26', '2019-02' or '2019' as CSL date-parts; anything else as a literal date."""
    match = _ISO.match(text.strip())
    if not match:
        return {"literal": text}
    return {"date-parts": [[int(part) for part in match.groups() if part is not None]]}


def _plain(value: object) -> object:
    """Lined YAML containers as plain dicts and lists (what json writes and citeproc reads)."""
    if isinstance(value, dict):
        return {str(k): _plain(v) for k, v in value.items()}
    if isinstance(value, list):
        return [_plain(v) for v in value]
    return value


# BibTeX --------------------------------------------------------------------------------------

_BIB_TYPES = {"article": "article-journal", "book": "book", "inbook": "chapter", "incollection": "chapter",
              "inproceedings": "paper-conference", "conference": "paper-conference", "phdthesis": "thesis",
              "mastersthesis": "thesis", "thesis": "thesis", "techreport": "report", "report": "report",
              "online": "webpage", "manual": "book", "booklet": "pamphlet", "unpublished": "manuscript",
              "newspaper": "article-newspaper"}
_BIB_FIELDS = {"title": "title", "journal": "container-title", "journaltitle": "container-title",
               "booktitle": "container-title", "publisher": "publisher", "address": "publisher-place",
               "location": "publisher-place", "volume": "volume", "edition": "edition", "doi": "DOI",
               "url": "URL", "isbn": "ISBN", "issn": "ISSN", "note": "note", "series": "collection-title",
               "school": "publisher", "institution": "publisher", "abstract": "abstract", "language": "language",
               "langid": "language", "shorttitle": "title-short"}
_MONTHS = {name: number for number, name in enumerate(
    ("jan", "feb", "mar", "apr", "may", "jun", "jul", "aug", "sep", "oct", "nov", "dec"), start=1)}
_URL_MACRO = re.compile(r"\\url\{([^}]*)\}")


def _read_bib(text: str, path: str, problems: list[Problem]) -> list[tuple[object, int]]:
    import bibtexparser  # only a site with a .bib pays for the import
    from bibtexparser import middlewares as mw

    library = bibtexparser.parse_string(text, append_middleware=[
        mw.LatexDecodingMiddleware(), mw.SeparateCoAuthors(), mw.SplitNameParts()])
    for block in library.failed_blocks:
        problems.append(Problem(path, block.start_line + 1, _bib_failure(block)))
    return [(_bib_item(entry), entry.start_line + 1) for entry in library.entries]


def _bib_failure(block) -> str:
    key = getattr(block, "key", None)
    if type(block).__name__ == "DuplicateBlockKeyBlock":
        return f"duplicate id '{key}'"
    first = (block.raw or "").strip().split("\n", 1)[0][:60]
    reason = str(getattr(block, "error", "") or "").split("\n", 1)[0]
    return f"malformed BibTeX entry {first!r}" + (f": {reason}" if reason else "")


def _bib_item(entry) -> dict:
    fields = {key.lower(): item.value for key, item in entry.fields_dict.items()}
    kind = entry.entry_type.lower()
    item: dict = {"id": entry.key, "type": _BIB_TYPES.get(kind, "webpage" if "url" in fields else "document")}
    for key, value in fields.items():
        if key in ("author", "editor"):
            item[key] = [_bib_name(name) for name in value] if isinstance(value, list) else [{"literal": str(value)}]
        elif key in _BIB_FIELDS and not isinstance(value, list):
            item.setdefault(_BIB_FIELDS[key], _untex(str(value)))
    if "pages" in fields:
        item["page"] = str(fields["pages"]).replace("--", "\u2013")
    if "number" in fields:
        item["issue" if kind == "article" else "number"] = str(fields["number"])
    if "howpublished" in fields and "URL" not in item:
        found = _URL_MACRO.search(str(fields["howpublished"]))
        if found:
            item["URL"] = found.group(1)
    if issued := _bib_issued(fields):
        item["issued"] = issued
    if "urldate" in fields:
        item["accessed"] = csl_date(str(fields["urldate"]))
    return item


def _bib_name(name) -> dict:
    """A bibtexparser NameParts as a CSL name; a braced corporate name stays whole."""
    if not hasattr(name, "last"):
        return {"literal": _untex(str(name))}
    result = {"family": _untex(" ".join(name.last)), "given": _untex(" ".join(name.first)),
              "non-dropping-particle": _untex(" ".join(name.von)), "suffix": _untex(" ".join(name.jr))}
    if not result["given"] and " " in result["family"]:
        return {"literal": result["family"]}
    return {key: value for key, value in result.items() if value}


def _bib_issued(fields: dict) -> dict | None:
    if "date" in fields:
        return csl_date(str(fields["date"]))
    year = str(fields.get("year", "")).strip()
    if not year.lstrip("-").isdigit():
        return None
    parts = [int(year)]
    month = str(fields.get("month", "")).strip().lower()[:3]
    if month in _MONTHS or month.isdigit():
        parts.append(_MONTHS.get(month) or int(month))
    return {"date-parts": [parts]}


def _untex(text: str) -> str:
    """Braces that protect capitals, and the odd math-mode `$\\cdot$`, are not part of the words."""
    return " ".join(text.replace("{", "").replace("}", "").replace("$\\cdot$", "\u00b7").split())
