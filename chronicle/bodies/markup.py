"""Markdown bodies to safe HTML, and language tags for native-script names."""
from __future__ import annotations

import re
import unicodedata
from typing import Callable

import markdown
from markdown.extensions.attr_list import AttrListTreeprocessor, get_attrs_and_remainder
from markdown.inlinepatterns import (IMAGE_LINK_RE, IMAGE_REFERENCE_RE, LINK_RE, REFERENCE_RE,
                                     ImageInlineProcessor, ImageReferenceInlineProcessor,
                                     LinkInlineProcessor, ReferenceInlineProcessor,
                                     ShortImageReferenceInlineProcessor, ShortReferenceInlineProcessor,
                                     dequote)
from markupsafe import Markup

from ..errors import BuildFailed, Problem
from ..language.i18n import strings
from .mdlimits import MAX_BLOCKS, NestedTooDeeply, count_blocks, harden_blocks
from ..content.model import Event, Person, Place, Site, link_text
from .citations import CitationExtension
from .sanitize import SAFE_ATTRIBUTES, sanitize_body
from ..link.urls import entry_path
from ..content.wikilinks import Target, WikiLinkExtension

_VIETNAMESE = set("ăâđêôơưĂÂĐÊÔƠƯ") | set("ạảấầẩẫậắằẳẵặẹẻẽếềểễệỉịọỏốồổỗộớờởỡợụủứừửữựỳỵỷỹ")

# Python-Markdown's inline work grows with the square of a paragraph's length on hostile
# input (every unclosed '[' or '(' rescans to the end), so paragraphs and bodies are capped.
MAX_BODY_CHARS = 1_000_000
MAX_PARAGRAPH_CHARS = 50_000
_BLANK_LINE = re.compile(r"\n[ \t]*\n")


def body_html(entry: Event | Person | Place, site: Site, root: str,
              converters: Converters | None = None) -> Markup:
    """Render an entry's Markdown body to sanitized HTML; wiki-links and assets/ are relative to `root`."""
    return finish_body(convert_body(entry, site, root, converters), site.config.allow_html, root)


def finish_body(html: str, allow_html: bool, root: str) -> Markup:
    """Sanitize converted body HTML and point its assets/ links at `root`: the last step, never cached.

    The body cache sits on disk beside the output, where a pull request or another program may
    change it, so what comes out of it is markup from a stranger like any body.
    """
    return Markup(_assets_from_root(sanitize_body(html, allow_html), root))


def convert_body(entry: Event | Person | Place, site: Site, root: str,
                 converters: Converters | None = None) -> str:
    """An entry's Markdown body as HTML, NOT yet sanitized (finish_body does that)."""
    def resolve(slug: str) -> Target | None:
        found = site.entry(slug)
        return Target(root + entry_path(found), link_text(found, entry, site.config.language)) if found else None

    _check_size(entry)
    if not entry.body.strip():  # person and place bodies are often empty: Markdown would say ""
        return ""
    converter = (converters or Converters()).get(site.config.allow_html, resolve,
                                                 citation_numbers(site, entry), source_label(site))
    try:
        html = converter.convert(entry.body)
    except (RecursionError, NestedTooDeeply):  # older Python-Markdown recursed once per level
        raise BuildFailed([Problem(entry.path, entry.body_line,
                                   "body nests lists or block quotes too deeply to render")]) from None
    return html


# A start tag as nh3 writes it (attribute values always in double quotes, '"' escaped inside),
# and in it an href or src naming a file under assets/ as written in the body.
_START_TAG = re.compile(r'<[a-zA-Z][^\s>"]*(?:\s+[^\s>"=]+(?:="[^"]*")?)*\s*/?>')
# '/assets/' too: from the domain's root it misses the site under user.github.io/repo/ and on disk.
_ASSET_URL = re.compile(r'(\s(?:href|src)=")(?:\.{0,2}/)?(?=assets/)')


def _assets_from_root(html: str, root: str) -> str:
    """`assets/x.png`, `./assets/`, `../assets/` and `/assets/` in links and images, made relative to the page.

    Authors write the address as seen from content/; the page sits `root` below the site root.
    Those images load lazily, like the `image:` figures.
    """
    def rewrite(tag: re.Match) -> str:
        text, count = _ASSET_URL.subn(lambda attr: attr.group(1) + root, tag.group())
        return text.replace("<img ", '<img loading="lazy" ', 1) if count and text.startswith("<img ") else text

    return _START_TAG.sub(rewrite, html)


class Converters:
    """One hardened Markdown converter per allow_html setting, reset and reused for every body.

    Building a converter with its extensions cost more than converting a typical body, so a
    build keeps one per setting (and each worker process its own); only the wiki-link resolver
    changes between bodies.
    """

    def __init__(self) -> None:
        self._made: dict[bool, markdown.Markdown] = {}

    def get(self, allow_html: bool, resolve: Callable[[str], Target | None],
            numbers: dict[str, int] | None = None, label: str = "Source {n}") -> markdown.Markdown:
        """The converter for allow_html, reset, resolving wiki-links with `resolve` and numbering citations."""
        if allow_html not in self._made:
            self._made[allow_html] = _new_converter(allow_html)
        converter = self._made[allow_html]
        converter.reset()
        converter.inlinePatterns["wikilink"].resolve = resolve
        citations = converter.inlinePatterns["citation"]
        citations.numbers, citations.label = numbers or {}, label
        for pattern in converter.inlinePatterns:
            if isinstance(pattern, _LinearBrackets):
                pattern.fallbacks = 0  # the limit is per body
        return converter


def _new_converter(allow_html: bool) -> markdown.Markdown:
    converter = markdown.Markdown(extensions=["footnotes", "tables", "attr_list", "toc",
                                              WikiLinkExtension(lambda slug: None), CitationExtension()],
                                  output_format="html")
    _harden(converter)
    if not allow_html:
        # Without these, raw HTML is treated as text and escaped like any other text.
        converter.preprocessors.deregister("html_block")
        converter.inlinePatterns.deregister("html")
    return converter


def citation_numbers(site: Site, entry) -> dict[str, int]:
    """{work id: its number in the entry's list of sources}: what the body's markers show."""
    return {row.ref: row.number for row in site.cited.get(entry.slug, ()) if row.ref is not None}


def source_label(site: Site) -> str:
    """A citation marker's accessible name, e.g. 'Source {n}', in the site's language."""
    return strings(site.config.language).get("source_n", "Source {n}")


def native_lang(text: str | None) -> str | None:
    """Guess the BCP 47 language of a native-script name from its first script."""
    for char in text or "":
        if "\uac00" <= char <= "\ud7af" or "\u1100" <= char <= "\u11ff":
            return "ko"
        if "\u0400" <= char <= "\u04ff":
            return "ru"
        if char in _VIETNAMESE:
            return "vi"
        if "\u4e00" <= char <= "\u9fff":
            return "zh"
        if "\u0b80" <= char <= "\u0bff":
            return "ta"
    return None


def plain_text(text: str) -> str:
    """Collapse white space; used for meta descriptions."""
    return " ".join(unicodedata.normalize("NFC", text).split())


def _check_size(entry: Event | Person | Place) -> None:
    """Refuse bodies too big to render in reasonable time, naming the limit."""
    if len(entry.body) > MAX_BODY_CHARS:
        raise BuildFailed([Problem(entry.path, entry.body_line,
                                   f"body has {len(entry.body):,} characters; the limit is {MAX_BODY_CHARS:,}")])
    start = 0
    for gap in [*_BLANK_LINE.finditer(entry.body), None]:
        end = gap.start() if gap else len(entry.body)
        if end - start > MAX_PARAGRAPH_CHARS:
            line = entry.body_line + entry.body.count("\n", 0, start)
            raise BuildFailed([Problem(entry.path, line, (
                f"paragraph of {end - start:,} characters; the limit is {MAX_PARAGRAPH_CHARS:,} "
                "(split it with a blank line)"))])
        start = gap.end() if gap else end
    blocks = count_blocks(entry.body)
    if blocks > MAX_BLOCKS:
        raise BuildFailed([Problem(entry.path, entry.body_line, (
            f"body has {blocks:,} paragraphs or other blank-line-separated blocks; "
            f"the limit is {MAX_BLOCKS:,} (split it into several entries)"))])


def _harden(converter: markdown.Markdown) -> None:
    """Swap in the safe attribute list and the linear-time link, block and footnote handling."""
    converter.treeprocessors.register(_SafeAttrList(converter), "attr_list", 8)
    harden_blocks(converter)
    patterns = converter.inlinePatterns
    for name, cls, pattern, priority in (
        ("reference", ReferenceInlineProcessor, REFERENCE_RE, 170),
        ("link", LinkInlineProcessor, LINK_RE, 160),
        ("image_link", ImageInlineProcessor, IMAGE_LINK_RE, 150),
        ("image_reference", ImageReferenceInlineProcessor, IMAGE_REFERENCE_RE, 140),
        ("short_reference", ShortReferenceInlineProcessor, REFERENCE_RE, 130),
        ("short_image_ref", ShortImageReferenceInlineProcessor, IMAGE_REFERENCE_RE, 125),
    ):
        patterns.register(type(cls.__name__, (_LinearBrackets, cls), {})(pattern, converter), name, priority)


def _atomic_run(name: str, chars: str) -> str:
    """One or more of `chars`, never given back: Python 3.10 has no possessive `++`, but a
    lookahead is atomic, so the run it captured is matched whole or not at all."""
    return rf"(?=(?P<{name}>[{chars}]+))(?P={name})"


# Link text: brackets nest at most four deep; each run atomic, so a failed match costs its length.
_TEXT_RUN = r"^\[\]"
_LINK_TEXT = re.compile(rf"(?P<text>(?:{_atomic_run('a', _TEXT_RUN)}|\[(?:{_atomic_run('b', _TEXT_RUN)}"
                        rf"|\[(?:{_atomic_run('c', _TEXT_RUN)}|\[[{_TEXT_RUN}]*\])*\])*\])*)\]")
# The usual `(url)` and `(url "title")`, parentheses in the URL nesting at most two deep.
_HREF_RUN, _INNER_RUN = r"""^\s()"'<""", r"""^\s()"'"""
_LINK_DEST = re.compile(rf"\(\s*(?P<href>(?:{_atomic_run('d', _HREF_RUN)}"
                        rf"|\((?:{_atomic_run('e', _INNER_RUN)}|\([{_INNER_RUN}]*\))*\))*)"
                        r"""(?:\s+(?:"(?P<t1>[^"]*)"|'(?P<t2>[^']*)'))?\s*\)""")
_FALLBACKS = 200  # per body: links in rarer forms, each read by Python-Markdown in a window
_FALLBACK_WINDOW = 2_000


class _LinearBrackets:
    """Link, image and reference patterns whose cost stays linear in the paragraph."""

    fallbacks = 0

    def getText(self, data: str, index: int) -> tuple[str, int, bool]:  # noqa: N802 (Markdown's API)
        """The text up to the matching ']', found by one regular expression."""
        match = _LINK_TEXT.match(data, index)
        return (match.group("text"), match.end(), True) if match else ("", index, False)

    def getLink(self, data: str, index: int) -> tuple[str, str | None, int, bool]:  # noqa: N802
        """`(url "title")` by a regular expression; other forms by Python-Markdown, within limits."""
        match = _LINK_DEST.match(data, index)
        if match:
            title = match.group("t1") if match.group("t1") is not None else match.group("t2")
            if title is not None:
                title = self.RE_TITLE_CLEAN.sub(" ", dequote(self.unescape(title.strip())))
            return self.unescape(match.group("href")).strip(), title, match.end(), True
        if self.fallbacks >= _FALLBACKS or not data.startswith("(", index):
            return "", None, index, False
        self.fallbacks += 1
        return super().getLink(data[:index + _FALLBACK_WINDOW], index)


class _SafeAttrList(AttrListTreeprocessor):
    """`{: ...}` may set only harmless attributes: never on*, style, href or src."""

    def assign_attrs(self, elem, attrs_string: str, *, strict: bool = False) -> str:  # noqa: D102
        attrs, remainder = get_attrs_and_remainder(attrs_string)
        if strict and remainder:
            return remainder
        for key, value in attrs:
            name = "class" if key == "." else self.sanitize_name(key)
            if name.lower() not in SAFE_ATTRIBUTES:
                continue  # dropped silently, like any other markup a body may not use
            if name == "class" and key == "." and elem.get("class"):
                value = f"{elem.get('class')} {value}"
            elem.set(name, value)
        return remainder
