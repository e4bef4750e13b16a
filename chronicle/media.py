"""Images on entries: the `image:` key checked against content/assets, and image sizes.

Sizes come from the first bytes of PNG, GIF, JPEG and WebP files (no Pillow), so a
page reserves the image's space before it loads.
"""
from __future__ import annotations

import os
import struct
from urllib.parse import urlsplit

from . import fields
from .errors import Problem
from .model import Image


def image_from(values: dict | None, path: str, line: int, problems: list[Problem]) -> Image | None:
    """The entry's Image, or None; a local src must name a file below content/assets."""
    if not values or "alt" not in values or "src" not in values:
        return None
    src = values["src"]
    width = height = None
    if urlsplit(src).scheme.lower() in ("http", "https"):
        try:
            fields.url(src)
        except fields.FieldError as exc:
            problems.append(Problem(path, line, f"image: src {exc}"))
            return None
    else:
        content_dir = os.path.dirname(os.path.dirname(os.path.abspath(path)))
        local = os.path.normpath(os.path.join(content_dir, src))
        assets = os.path.join(content_dir, "assets") + os.sep
        if src.startswith("/") or not src.startswith("assets/") or not local.startswith(assets):
            problems.append(Problem(path, line, f"image: src {src!r} must be a file under "
                                                "assets/ (e.g. assets/map.png) or an http(s) URL"))
            return None
        if not os.path.isfile(local):
            problems.append(Problem(path, line, f"image: no file {src!r} in {content_dir}"
                                    f"{os.sep}assets (add it, or fix the name)"))
            return None
        width, height = image_size(local) or (None, None)
    return Image(src=src, alt=values["alt"], caption=values.get("caption"),
                 credit=values.get("credit"), license=values.get("license"),
                 width=width, height=height)


def image_src(image: Image | None, root: str) -> str:
    """The image's address from a page at `root`: local files are relative to the site root."""
    if image is None:
        return ""
    return root + image.src if image.local else image.src


def image_size(path: str) -> tuple[int, int] | None:
    """Width and height of a PNG, GIF, JPEG or WebP file; None for other files."""
    try:
        with open(path, "rb") as handle:
            head = handle.read(64 * 1024)
    except OSError:
        return None
    if head[:8] == b"\x89PNG\r\n\x1a\n" and head[12:16] == b"IHDR":
        return struct.unpack(">II", head[16:24])
    if head[:6] in (b"GIF87a", b"GIF89a"):
        return struct.unpack("<HH", head[6:10])
    if head[:4] == b"RIFF" and head[8:12] == b"WEBP":
        return _webp_size(head)
    if head[:2] == b"\xff\xd8":
        return _jpeg_size(head)
    return None


def _webp_size(head: bytes) -> tuple[int, int] | None:
    """Lossy (VP8), lossless (VP8L) and extended (VP8X) WebP headers."""
    chunk = head[12:16]
    if chunk == b"VP8 " and len(head) >= 30:
        width, height = struct.unpack("<HH", head[26:30])
        return width & 0x3FFF, height & 0x3FFF
    if chunk == b"VP8L" and len(head) >= 25:
        bits = int.from_bytes(head[21:25], "little")
        return (bits & 0x3FFF) + 1, ((bits >> 14) & 0x3FFF) + 1
    if chunk == b"VP8X" and len(head) >= 30:
        return int.from_bytes(head[24:27], "little") + 1, int.from_bytes(head[27:30], "little") + 1
    return None


def _jpeg_size(head: bytes) -> tuple[int, int] | None:
    """Walk the JPEG segments to the first start-of-frame marker."""
    index = 2
    while index + 9 < len(head):
        if head[index] != 0xFF:
            return None
        marker = head[index + 1]
        if marker in (0xD8, 0x01) or 0xD0 <= marker <= 0xD7:
            index += 2
            continue
        length = struct.unpack(">H", head[index + 2:index + 4])[0]
        if 0xC0 <= marker <= 0xCF and marker not in (0xC4, 0xC8, 0xCC):
            height, width = struct.unpack(">HH", head[index + 5:index + 9])
            return width, height
        index += 2 + length
    return None
