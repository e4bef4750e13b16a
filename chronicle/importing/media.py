"""TimelineJS media and headlines: what an imported event shows besides its text.

Media follow TimelineJS's own order of tests (src/js/media/MediaType.js): Wikipedia
and Commons pages are web pages even when they name a .jpg, so they become links.
"""
from __future__ import annotations

import re
from dataclasses import dataclass
from urllib.parse import unquote, urljoin, urlsplit

from .html import escape_markdown, html_to_markdown, html_to_text

HEADLINE_LIMIT = 80
IMAGE_EXTENSIONS = (".jpg", ".jpeg", ".png", ".gif", ".webp", ".svg")
IMAGE_HOSTS = ("i.imgur.com", "images.unsplash.com", "live.staticflickr.com",
               "farm1.staticflickr.com", "pbs.twimg.com")
_PAGE_HOSTS_RE = re.compile(r"(^|\.)(wikipedia\.org|wikimedia\.org)$")
_SENTENCE_RE = re.compile(r"^(.+?[.!?])(\s|$)")


@dataclass(frozen=True)
class Media:
    """What became of a slide's media: an image, a link for the body, or nothing."""

    image: dict | None = None  # front matter for `image:`
    link: str = ""  # a Markdown line for the body
    problem: str = ""  # why it was left out, for a warning

    def with_src(self, src: str) -> Media:
        """The same image at another address (a file copied into assets/)."""
        return Media({**self.image, "src": src}, self.link, self.problem) if self.image else self


@dataclass(frozen=True)
class MediaPlace:
    """Where relative media addresses point: the input's folder, and --media-base if given."""

    folder: str
    base: str


def relative_path(url: str) -> str | None:
    """The file path a relative media address names ('images/a%20b.png' -> 'images/a b.png'), else None.

    None for an address with a scheme or host, a root-relative one, or HTML (an embed code).
    """
    url = url.strip()
    if not url or url.startswith(("/", "\\")) or "<" in url or re.match(r"[a-zA-Z][a-zA-Z0-9+.-]*:", url):
        return None
    path = unquote(urlsplit(url).path) if "?" in url or "#" in url or "%" in url else url
    return path or None


def resolve_url(url: str, base: str) -> str | None:
    """An absolute http(s) URL: protocol-relative gets https, relative joins base; else None."""
    url = url.strip()
    if not url or any(char.isspace() or char in "<>\"" for char in url):
        return None
    try:
        if url.startswith("//"):
            url = "https:" + url
        elif not urlsplit(url).scheme and base:
            url = urljoin(base, url)
        parts = urlsplit(url)
    except ValueError:  # 'https://[::1/': urllib cannot read its host; no browser could either
        return None
    return url if parts.scheme.lower() in ("http", "https") and parts.netloc else None


def is_image_url(url: str) -> bool:
    """True when a browser can show the address in an <img>."""
    parts = urlsplit(url)
    host = (parts.hostname or "").lower()
    if _PAGE_HOSTS_RE.search(host) and host != "upload.wikimedia.org":
        return False
    return parts.path.lower().endswith(IMAGE_EXTENSIONS) or host in IMAGE_HOSTS


def slide_media(url: str, caption_html: str, credit_html: str, title: str,
                base: str = "") -> Media:
    """The event's image, a body link, or why the media was left out."""
    if not url.strip():
        return Media()
    absolute = resolve_url(url, base)
    caption, credit = html_to_text(caption_html), html_to_text(credit_html)
    if absolute is None and url.strip().lower().startswith("<blockquote"):
        # TimelineJS shows a blockquote as a quotation: so does the body.
        quote = html_to_markdown(url)
        return Media(link="\n".join(f"> {line}" if line else ">" for line in quote.split("\n")))
    if absolute is None:
        why = ("is a relative address with no page to resolve it against (copy the file to "
               "content/assets/ and add an image: key)"
               if not re.match(r"\s*[a-zA-Z][a-zA-Z0-9+.-]*:", url) and "<" not in url  # no scheme
               else "is not a web address (an embed code?)")
        return Media(problem=f"media {why}; left out")
    if is_image_url(absolute):
        image = {"src": absolute, "alt": caption or f"Image for {title}"}
        image.update({key: value for key, value in (("caption", caption), ("credit", credit))
                      if value})
        return Media(image=image)
    shown = escape_markdown(caption or urlsplit(absolute).hostname or absolute)
    target = absolute.replace("(", "%28").replace(")", "%29").replace(" ", "%20")
    credit_text = f" ({escape_markdown(credit)})" if credit else ""
    return Media(link=f"Media: [{shown}]({target}){credit_text}")


def headline_from(text_html: str, date_text: str) -> str:
    """A title for a slide without one: its text's first sentence, else its date."""
    text = html_to_text(text_html)
    match = _SENTENCE_RE.match(text)
    sentence = (match.group(1) if match else text).strip()
    if len(sentence) > HEADLINE_LIMIT:
        cut = sentence[:HEADLINE_LIMIT - 1]
        sentence = (cut.rsplit(" ", 1)[0] if " " in cut else cut).rstrip(" ,;:") + "…"
    return sentence or date_text
