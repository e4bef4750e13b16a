"""Citations in bodies, in pandoc's form: `[@id]`, `[@id, p. 12]`, `[@id; @other, ch. 3]`.

Found here for link (which checks every id against the bibliography and numbers each page's
sources) and read again by the bodies stage's Markdown extension, with the same parser, so the
two never disagree about what is a citation. A bracket that does not parse whole (`[@ home]`,
a lone `[@`) is ordinary text; so is anything in code.
"""
from __future__ import annotations

import re
from typing import NamedTuple

# The bracket: no nested brackets, one line, and not a link's text (`[@x](url)`).
CITATION_PATTERN = r"\[(@[^\[\]\n]*)\](?!\()"
_CITATION_RE = re.compile(CITATION_PATTERN)
# One cited work: pandoc's id (a letter, digit or _ first; inner punctuation allowed), then a locator.
_ITEM_RE = re.compile(r"^@(?P<id>[\w](?:[\w:.#$%&+?<>~/-]*[\w])?)\s*(?:,\s*(?P<locator>[^;]*?))?\s*$")
_FENCE = re.compile(r"^[^\S\n]*(```|~~~)")
_CODE_SPAN_RE = re.compile(r"(`+)[^`\n]*?\1")


class Cite(NamedTuple):
    """One work cited at one place: its id and locator ('p. 12', or '')."""

    id: str
    locator: str


class Citation(NamedTuple):
    """One bracket in a body: the works it cites, and its line within the body (1-based)."""

    cites: tuple[Cite, ...]
    line: int


def parse_citation(inner: str) -> tuple[Cite, ...] | None:
    """'@a, p. 2; @b' as its cites; None when any part is not a citation (then it is plain text)."""
    cites = []
    for part in inner.split(";"):
        match = _ITEM_RE.match(part.strip())
        if not match:
            return None
        cites.append(Cite(match.group("id"), (match.group("locator") or "").strip()))
    return tuple(cites)


def find_citations(markdown_text: str) -> list[Citation]:
    """Every citation outside fenced code, indented code and code spans, with its line."""
    if "[@" not in markdown_text:  # most bodies: nothing to scan
        return []
    found, in_fence = [], False
    for number, line in enumerate(markdown_text.split("\n"), start=1):
        if _FENCE.match(line):
            in_fence = not in_fence
            continue
        if in_fence or line.startswith(("    ", "\t")) or "[@" not in line:
            continue
        for match in _CITATION_RE.finditer(_CODE_SPAN_RE.sub("", line)):
            cites = parse_citation(match.group(1))
            if cites:
                found.append(Citation(cites, number))
    return found
