"""Wiki-links `[[slug]]` and `[[slug|text]]`: found in sources, rendered by a Markdown extension."""
from __future__ import annotations

import re
import xml.etree.ElementTree as etree
from typing import Callable, NamedTuple

from markdown import Extension
from markdown.inlinepatterns import InlineProcessor
from markdown.util import AtomicString

WIKILINK_PATTERN = r"\[\[([^\[\]|\n]+?)(?:\|([^\[\]\n]+?))?\]\]"
_WIKILINK_RE = re.compile(WIKILINK_PATTERN)
_LINES_THAT_MATTER = re.compile(r"^(?P<fence>[^\S\n]*(?:```|~~~)).*$|^.*\[\[.*$", re.MULTILINE)
_CODE_SPAN_RE = re.compile(r"`+[^`\n]*`+")


class Target(NamedTuple):
    """Where a wiki-link goes and the text it shows by default."""

    href: str
    title: str


class WikiLink(NamedTuple):
    """One wiki-link found in a Markdown source."""

    slug: str
    line: int  # 1-based, within the text scanned


def find_wikilinks(markdown_text: str) -> list[WikiLink]:
    """Every wiki-link outside code blocks and code spans, with its line."""
    if "[[" not in markdown_text:  # most bodies of a large site: no line scan at all
        return []
    if "```" in markdown_text or "~~~" in markdown_text:  # fences to track
        return _fenced_wikilinks(markdown_text)
    found, number, counted = [], 1, 0
    start = markdown_text.find("[[")
    while start != -1:  # one step per line holding '[[', found by C-level searches
        begin = markdown_text.rfind("\n", 0, start) + 1
        end = markdown_text.find("\n", start)
        end = len(markdown_text) if end == -1 else end
        number += markdown_text.count("\n", counted, begin)
        counted = begin
        found += _links_in_line(markdown_text[begin:end], number)
        start = markdown_text.find("[[", end)
    return found


def _fenced_wikilinks(markdown_text: str) -> list[WikiLink]:
    """find_wikilinks for a text with fences: lines inside fenced code are skipped."""
    found, in_fence = [], False
    number, counted = 1, 0
    # Only fence lines and lines holding '[[' matter: one C-level scan finds them, so a body of
    # a million blank lines costs no Python loop per line.
    for match in _LINES_THAT_MATTER.finditer(markdown_text):
        number += markdown_text.count("\n", counted, match.start())
        counted = match.start()
        if match.group("fence"):
            in_fence = not in_fence
        elif not in_fence:
            found += _links_in_line(match.group(0), number)
    return found


def _links_in_line(line: str, number: int) -> list[WikiLink]:
    """The line's wiki-links outside code spans; none in an indented code line."""
    if line.startswith("    "):
        return []
    return [WikiLink(link.group(1).strip(), number) for link in _WIKILINK_RE.finditer(_CODE_SPAN_RE.sub("", line))]


class _WikiLinkProcessor(InlineProcessor):
    def __init__(self, resolve: Callable[[str], Target | None]):
        super().__init__(WIKILINK_PATTERN)
        self.resolve = resolve

    def handleMatch(self, m, data):  # noqa: N802 (Markdown's API)
        target = self.resolve(m.group(1).strip())
        text = (m.group(2) or "").strip()
        if target is None:  # e.g. a draft left out of this build: keep the words, drop the link
            span = etree.Element("span")
            span.text = text or m.group(1).strip()
            return span, m.start(0), m.end(0)
        link = etree.Element("a", {"href": target.href, "class": "wikilink"})
        # A title is text, never markup: atomic, so no inline pattern (raw HTML, entities) reads it.
        link.text = text or AtomicString(target.title)
        return link, m.start(0), m.end(0)


class WikiLinkExtension(Extension):
    """Markdown extension turning wiki-links into relative links via `resolve`."""

    def __init__(self, resolve: Callable[[str], Target | None]):
        super().__init__()
        self.resolve = resolve

    def extendMarkdown(self, md):  # noqa: N802 (Markdown's API)
        # Above 'reference' (170) and 'link' (160) so '[[x]]' is never read as a reference link.
        md.inlinePatterns.register(_WikiLinkProcessor(self.resolve), "wikilink", 175)
