"""Allow-list sanitizing of rendered bodies: no markup from content may run script.

Bodies arrive by pull request from strangers, so the FINAL HTML of each body (after
Markdown, attribute lists, footnotes, wiki-links) goes through nh3 (the Rust sanitizer
ammonia): only listed tags, attributes and URL schemes survive, whatever spelling
(entities, mixed case, control characters) a payload used to get there.
"""
from __future__ import annotations

import re

import nh3

# Attributes an attribute list `{: ...}` may set, and any body element may carry.
SAFE_ATTRIBUTES = frozenset({"id", "class", "lang", "dir", "title", "width", "height", "alt",
                             "colspan", "rowspan", "scope"})

# What Python-Markdown with footnotes, tables, attr_list, toc and wiki-links emits.
_MARKDOWN_TAGS = {
    "p", "br", "hr", "em", "strong", "code", "pre", "blockquote", "ul", "ol", "li",
    "h1", "h2", "h3", "h4", "h5", "h6", "a", "img", "table", "thead", "tbody", "tr", "th", "td",
    "sup", "div", "span",
}
# With `allow_html: true` an author may also write these; never script, style, forms or frames.
_AUTHOR_TAGS = {
    "figure", "figcaption", "caption", "colgroup", "col", "tfoot", "sub", "small", "mark",
    "del", "ins", "s", "u", "b", "i", "abbr", "cite", "q", "kbd", "samp", "var", "dfn", "time",
    "details", "summary", "dl", "dt", "dd", "ruby", "rt", "rp", "bdi", "bdo", "wbr",
    "section", "article", "aside", "header", "footer", "address",
}
_TAG_ATTRIBUTES = {
    "*": set(SAFE_ATTRIBUTES - {"colspan", "rowspan", "scope"}),
    "a": {"href", "aria-label"}, "img": {"src"}, "ol": {"start"}, "li": {"value"},
    "td": {"colspan", "rowspan", "style"}, "th": {"colspan", "rowspan", "scope", "style"},
    "time": {"datetime"}, "del": {"datetime"}, "ins": {"datetime"}, "abbr": set(), "col": {"span"},
    "colgroup": {"span"},
}
# Relative URLs (wiki-links, assets/) always pass; of absolute ones only these.
_SCHEMES = {"http", "https", "mailto", "data"}
# Python-Markdown's tables write alignment as exactly this style; nothing else gets one.
_TABLE_ALIGN = re.compile(r"text-align: (left|center|right);")
_IMAGE_DATA = re.compile(r"data:image/(png|jpeg|gif|webp|avif|bmp)[;,]", re.IGNORECASE)
_IGNORED_IN_URL = re.compile(r"[\x00-\x20\x7f]+")
_SCHEME = re.compile(r"([a-z][a-z0-9+.-]*):")
_SCRIPT_CONTENT = {"script", "style", "template", "noscript", "iframe", "object", "textarea", "title"}


def sanitize_body(html: str, allow_html: bool) -> str:
    """Keep only allow-listed tags, attributes and URLs of a rendered body."""
    tags = _MARKDOWN_TAGS | _AUTHOR_TAGS if allow_html else _MARKDOWN_TAGS
    return nh3.clean(
        html, tags=tags, attributes={k: set(v) for k, v in _TAG_ATTRIBUTES.items()},
        url_schemes=set(_SCHEMES), attribute_filter=_filter_attribute,
        clean_content_tags=_SCRIPT_CONTENT - tags, strip_comments=True,
        link_rel=None,  # the generator's own links need no rel; external ones are plain links
    )


def _filter_attribute(tag: str, name: str, value: str) -> str | None:
    """Drop what a scheme list cannot express: data: only for images, style only table alignment."""
    if name == "style":
        return value if _TABLE_ALIGN.fullmatch(value) else None
    if name not in ("href", "src"):
        return value
    # Browsers drop tabs and newlines anywhere in a URL and controls/spaces around it.
    bare = _IGNORED_IN_URL.sub("", value).lower()
    scheme = _SCHEME.match(bare)
    if scheme and scheme.group(1) not in _SCHEMES:
        return None
    if bare.startswith("data:"):
        return value if tag == "img" and name == "src" and _IMAGE_DATA.match(bare) else None
    return value
