"""Images on entries and files named by bodies, checked against content/assets.

`image:` must name a file below content/assets (whose size is read, see imagesize) or an
http(s) URL. Bodies may link `assets/x.png` from any page (markup rewrites it to the page's
root); a link to a file that is not there is a warning, found here from the Markdown source
so that `check` reports it and a cached body cannot hide it.
"""
from __future__ import annotations

import os
import posixpath
import re
from typing import NamedTuple
from urllib.parse import unquote, urlsplit

from . import fields
from ..errors import Problem, display_path
from .imagesize import image_size
from .model import Event, Image, Person, Place, StandalonePage

# An `assets/...` address in a Markdown link or image `](...)`, a reference definition
# `[r]: ...`, or a raw HTML src/href; written as `assets/`, `./assets/`, `../assets/` or `/assets/`.
_ASSET_REF = re.compile(r"""(?:\]\(\s*<?|^[ ]{0,3}\[[^\]\n]+\]:[ \t]*<?|\b(?:src|href)[ \t]*=[ \t]*["']?)"""
                        r"""(?:\.{0,2}/)?(assets/[^\s)"'<>?#]+)""", re.MULTILINE | re.IGNORECASE)
# A URL's scheme as urlsplit finds it: letters first, then letters, digits, '+', '-', '.'.
_SCHEME = re.compile(r"(?:([a-zA-Z][a-zA-Z0-9+.-]*):)?")
# Code shows addresses rather than linking them: fenced blocks and inline code spans.
_CODE = re.compile(r"^[ ]{0,3}(`{3,}|~{3,}).*?(?:^[ ]{0,3}\1[ \t]*$|\Z)|(`+)[^\n]*?\2",
                   re.MULTILINE | re.DOTALL)


def image_from(values: dict | None, path: str, line: int, problems: list[Problem]) -> Image | None:
    """The entry's Image, or None; a local src must name a file below content/assets."""
    if not values or "alt" not in values or "src" not in values:
        return None  # the schema has reported the missing key
    src = values["src"]
    scheme = _SCHEME.match(src).group(1) or ""  # not urlsplit: it raises on 'https://[::1/', url() reports that
    width = height = None
    if scheme.lower() in ("http", "https"):
        try:
            fields.url(src)
        except fields.FieldError as exc:
            problems.append(Problem(path, line, f"image: src {exc}"))
            return None
        src = scheme.lower() + src[len(scheme):]  # 'HTTPS://' is no local file name
    else:
        local = _local_file(src, path, line, problems)
        if local is None:
            return None
        width, height = image_size(local) or (None, None)
    return Image(src=src, alt=values["alt"], caption=values.get("caption"),
                 credit=values.get("credit"), license=values.get("license"),
                 width=width, height=height)


def _local_file(src: str, path: str, line: int, problems: list[Problem]) -> str | None:
    """The file an `assets/...` src names, or None with a problem."""
    content_dir = os.path.dirname(os.path.dirname(os.path.abspath(path)))
    assets = os.path.join(content_dir, "assets")
    local = os.path.normpath(os.path.join(content_dir, src))
    if not src.startswith("assets/") or not local.startswith(assets + os.sep):
        problems.append(Problem(path, line, f"image: src {src!r} must be a file under "
                                            "assets/ (e.g. assets/map.png) or an http(s) URL"))
        return None
    if not os.path.isfile(local):
        problems.append(Problem(path, line, f"image: no file {src!r} in {display_path(assets)}{os.sep} "
                                            "(add it, or fix the name)"))
        return None
    return local


def image_src(image: Image | None, root: str) -> str:
    """The image's address from a page at `root`: local files are relative to the site root."""
    if image is None:
        return ""
    return root + image.src if image.local else image.src


def asset_names(assets: tuple[str, ...], assets_root: str) -> frozenset[str]:
    """Site paths ('assets/x.png') of the files below content/assets."""
    return frozenset("assets/" + os.path.relpath(p, assets_root).replace(os.sep, "/") for p in assets)


class AssetRef(NamedTuple):
    """An `assets/...` address in a body, as written, with the site path it names."""

    written: str
    name: str  # normalized: 'assets/x.png'
    line: int  # 0-based, within the body


def body_asset_refs(body: str) -> tuple[AssetRef, ...]:
    """Every `assets/...` link or image address in the body, outside code."""
    # Most bodies name no asset: skip the code-blanking pass. Every text the IGNORECASE pattern
    # matches ('ASSETS/', long s 'ſ') casefolds to 'assets/'.
    if "/" not in body or "assets/" not in body.casefold():
        return ()
    body = _CODE.sub(lambda m: re.sub(r"[^\n]", " ", m.group()), body)  # offsets kept
    return tuple(AssetRef(match.group(1), posixpath.normpath(unquote(match.group(1))),
                          body.count("\n", 0, match.start(1)))
                 for match in _ASSET_REF.finditer(body))


def body_asset_problems(entry: Event | Person | Place | StandalonePage, assets: frozenset[str],
                        refs: tuple[AssetRef, ...] | None = None) -> list[Problem]:
    """A warning for each `assets/...` link or image in the body that names no file; refs: scanned already."""
    return [Problem(entry.path, entry.body_line + ref.line, f"body links to {ref.written}, which is not "
                                                            "in content/assets/", warning=True)
            for ref in (body_asset_refs(entry.body) if refs is None else refs) if ref.name not in assets]


# Files a browser runs as part of the site when opened from it: a page, an SVG or an XML
# document can hold <script>, which would run in the site's origin (read and rewrite every page
# and the service worker's cache); scripts and WebAssembly run wherever a page loads them.
_ACTIVE_KINDS = {
    **dict.fromkeys((".html", ".htm", ".shtml", ".xhtml", ".xht", ".xml", ".xsl", ".xslt"),
                    "turn it into a page in content/pages/ or link a copy hosted elsewhere"),
    **dict.fromkeys((".svg", ".svgz"), "convert it to PNG or WebP, or link a copy hosted elsewhere"),
    **dict.fromkeys((".js", ".mjs", ".wasm"), "the site's own scripts belong in layouts/static/"),
}


def active_asset_problems(paths: list[str]) -> list[Problem]:
    """An error for each file of content/assets that could run script in the site's origin."""
    return [Problem(path, 0, f"a {_kind(path)} file in assets/ could run script as part of the site, so it is "
                             f"not published: {_ACTIVE_KINDS[_kind(path)]}")
            for path in paths if is_active(path)]


def is_active(path: str) -> bool:
    """True for a file a browser would run (a page, SVG, XML or script): never published."""
    return _kind(path) in _ACTIVE_KINDS


def _kind(path: str) -> str:
    return os.path.splitext(path)[1].lower()
