"""Citations `[@id, p. 12]` as numbered markers linking to the page's list of sources.

A Python-Markdown inline pattern: Markdown already leaves code blocks and code spans alone, and
the bracket is read by the same parser link used (content.citations), so a body shows a marker
exactly where link counted a citation. Each marker is a link (keyboard-reachable) whose
accessible name says what it is: "Source 2, p. 12", not a bare "2".
"""
from __future__ import annotations

import xml.etree.ElementTree as etree

from markdown import Extension
from markdown.inlinepatterns import InlineProcessor
from markdown.util import AtomicString

from ..content.citations import CITATION_PATTERN, parse_citation


class CitationProcessor(InlineProcessor):
    """`[@a; @b, p. 2]` -> <span class="cite">[<a href="#source-1" ...>1</a>; <a ...>2</a>, p. 2]</span>."""

    def __init__(self) -> None:
        super().__init__(CITATION_PATTERN)
        self.numbers: dict[str, int] = {}  # work id -> its number in this page's list
        self.label = "Source {n}"  # the marker's accessible name, in the site's language

    def handleMatch(self, m, data):  # noqa: N802 (Markdown's API)
        cites = parse_citation(m.group(1))
        if cites is None or any(cite.id not in self.numbers for cite in cites):
            return None, None, None  # not a citation, or one link reported: the words stay as written
        span = etree.Element("span", {"class": "cite"})
        span.text = "["
        last = None
        for index, cite in enumerate(cites):
            if last is not None:
                last.tail = (last.tail or "") + "; "
            number = self.numbers[cite.id]
            name = self.label.format(n=number) + (f", {cite.locator}" if cite.locator else "")
            link = etree.SubElement(span, "a", {"href": f"#source-{number}", "class": "cite-ref",
                                                "aria-label": name})
            link.text = AtomicString(str(number))
            link.tail = AtomicString(f", {cite.locator}") if cite.locator else None
            last = link
        last.tail = (last.tail or "") + "]"
        return span, m.start(0), m.end(0)


class CitationExtension(Extension):
    """Registers the citation pattern; Converters sets its numbers and label for each body."""

    def extendMarkdown(self, md):  # noqa: N802 (Markdown's API)
        # Above 'wikilink' (175), 'reference' (170) and 'link' (160): '[@x]' is never a reference link.
        md.inlinePatterns.register(CitationProcessor(), "citation", 176)
