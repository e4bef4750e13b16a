"""Turn the small HTML of TimelineJS slides into Markdown or plain text."""
from __future__ import annotations

import re
from html.parser import HTMLParser
from urllib.parse import quote, urlsplit

BLOCK_TAGS = {"p", "div", "h1", "h2", "h3", "h4", "h5", "h6", "blockquote", "section", "pre"}
SKIP_TAGS = {"script", "style", "template"}
INLINE_MARKS = {"b": "**", "strong": "**", "i": "*", "em": "*"}
SAFE_SCHEMES = {"", "http", "https", "mailto"}
BREAK = "\x00"  # stands for <br> until whitespace has been collapsed
_SPACE_RE = re.compile(r"[ \t\r\n\f\v]+")
_ENTITY_RE = re.compile(r"&(?=#?\w+;)")
_LINE_START_RE = re.compile(r"^(#|>|[-+](?=\s))")
_NUMBERED_RE = re.compile(r"^(\d+)([.)])(?=\s)")


def html_to_markdown(html: str) -> str:
    """Markdown for paragraphs, line breaks, links, bold, italics and lists."""
    converter = _Converter()
    converter.feed(html)
    converter.close()
    return converter.markdown()


def html_to_text(html: str) -> str:
    """The text of some HTML on one line, tags dropped and entities decoded."""
    converter = _Converter(plain=True)
    converter.feed(html)
    converter.close()
    return " ".join(converter.markdown().split())


def is_plain_paragraph(html: str) -> bool:
    """True when the HTML is one paragraph of text without links, lists or emphasis."""
    converter = _Converter()
    converter.feed(html)
    converter.close()
    return not converter.formatted and len(converter.blocks) <= 1


def escape_markdown(text: str) -> str:
    """Backslash-escape what Markdown would read as markup; keep '<' and entities literal.

    Braces too: `{: onfocus=... }` would otherwise become an attribute list.
    """
    text = re.sub(r"([\\`*_\[\]{}])", r"\\\1", text)
    return _ENTITY_RE.sub("&amp;", text).replace("<", "&lt;")


class _Converter(HTMLParser):
    """Collects finished blocks; inline text waits in `parts` until its block ends."""

    def __init__(self, plain: bool = False):
        super().__init__(convert_charrefs=True)
        self.plain = plain
        self.blocks: list[str] = []
        self.parts: list[str] = []
        self.spans: list[tuple[str, str, int]] = []  # (tag, href, start index in parts)
        self.lists: list[list] = []  # [kind, items so far] per open list
        self.list_lines: list[str] = []
        self.item_open = False
        self.skipping = 0
        self.formatted = False

    def handle_starttag(self, tag: str, attrs: list) -> None:
        if tag in SKIP_TAGS:
            self.skipping += 1
        elif tag in BLOCK_TAGS:
            self._end_paragraph()
        elif tag == "br":
            self.parts.append(" " if self.plain else BREAK)
            self.formatted = True
        elif tag in INLINE_MARKS or tag == "a":
            self.spans.append((tag, dict(attrs).get("href") or "", len(self.parts)))
        elif tag in ("ul", "ol"):
            self._start_list(tag)
        elif tag == "li" and self.lists:
            self._end_paragraph()
            self.lists[-1][1] += 1
            self.item_open = True

    def handle_endtag(self, tag: str) -> None:
        if tag in SKIP_TAGS:
            self.skipping = max(0, self.skipping - 1)
        elif tag in BLOCK_TAGS or tag == "li":
            self._end_paragraph()
        elif tag in INLINE_MARKS or tag == "a":
            self._end_span(tag)
        elif tag in ("ul", "ol") and self.lists:
            self._end_paragraph()
            self.lists.pop()
            if not self.lists:
                self.blocks.append("\n".join(self.list_lines))
                self.list_lines = []

    def handle_data(self, data: str) -> None:
        if not self.skipping:
            self.parts.append(data if self.plain else escape_markdown(data))

    def markdown(self) -> str:
        """All blocks, separated by blank lines."""
        self._end_paragraph()
        while self.lists:
            self.handle_endtag("ol" if self.lists[-1][0] == "ol" else "ul")
        return "\n\n".join(self.blocks)

    def _start_list(self, tag: str) -> None:
        """Open a (possibly nested) list; its items collect in list_lines."""
        self._end_paragraph()
        self.lists.append([tag, 0])
        self.formatted = True

    def _end_span(self, tag: str) -> None:
        """Wrap the text since the matching start tag; markers hug the words."""
        match = next((i for i in range(len(self.spans) - 1, -1, -1)
                      if self.spans[i][0] == tag), None)
        if match is None:
            return
        _, href, start = self.spans.pop(match)
        del self.spans[match:]
        inner = "".join(self.parts[start:])
        words = inner.strip()
        if self.plain or not words and tag != "a":
            return
        lead, trail = inner[: len(inner) - len(inner.lstrip())], inner[len(inner.rstrip()):]
        if tag == "a":
            target = safe_href(href)
            if target is None:
                return
            wrapped = f"[{words or escape_markdown(href)}]({target})"
        else:
            wrapped = f"{INLINE_MARKS[tag]}{words}{INLINE_MARKS[tag]}"
        self.parts[start:] = [lead, wrapped, trail]
        self.formatted = True

    def _end_paragraph(self) -> None:
        """Close the text collected so far as a paragraph or a list item."""
        self.spans = []
        text = _SPACE_RE.sub(" ", "".join(self.parts)).strip(" ")
        self.parts = []
        text = re.sub(f" ?{BREAK} ?", "  \n", text).strip()
        if not text:
            return
        if not self.plain:
            # A paragraph that starts like a heading, quote or list item must stay text.
            text = _NUMBERED_RE.sub(r"\1\\\2", _LINE_START_RE.sub(r"\\\1", text))
        if not self.lists:
            self.blocks.append(text)
            return
        depth = len(self.lists) - 1
        kind, count = self.lists[-1]
        marker = "" if self.plain else "- " if kind == "ul" else f"{count}. "
        indent = "    " * depth
        prefix = indent + marker if self.item_open else indent + "    "
        self.list_lines.append(prefix + text.replace("\n", "\n" + indent + "    "))
        self.item_open = False


def safe_href(href: str) -> str | None:
    """A link target Markdown can hold, or None for scripts and the like."""
    href = href.strip()
    if not href or urlsplit(href).scheme.lower() not in SAFE_SCHEMES:
        return None
    return quote(href, safe="/:?#[]@!$&'*+,;=%~-._")
