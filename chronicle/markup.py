"""Markdown bodies to HTML, and language tags for native-script names."""
from __future__ import annotations

import unicodedata

import markdown
from markupsafe import Markup

from .model import Site
from .urls import entry_path
from .wikilinks import Target, WikiLinkExtension

_VIETNAMESE = set("ăâđêôơưĂÂĐÊÔƠƯ") | set("ạảấầẩẫậắằẳẵặẹẻẽếềểễệỉịọỏốồổỗộớờởỡợụủứừửữựỳỵỷỹ")


def body_html(text: str, site: Site, root: str) -> Markup:
    """Render a Markdown body; wiki-links become links relative to the page at `root`."""
    def resolve(slug: str) -> Target | None:
        entry = site.events_by_slug.get(slug) or site.people.get(slug) or site.places.get(slug)
        return Target(root + entry_path(entry), entry.title) if entry else None

    converter = markdown.Markdown(
        extensions=["footnotes", "tables", "attr_list", "toc", WikiLinkExtension(resolve)],
        output_format="html",
    )
    if not site.config.allow_html:
        # Without these, raw HTML is treated as text and escaped like any other text.
        converter.preprocessors.deregister("html_block")
        converter.inlinePatterns.deregister("html")
    return Markup(converter.convert(text))


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
