"""Image sizes from file headers (PNG, GIF, JPEG, WebP), without Pillow.

A page that knows an image's width and height reserves its space before the image loads.
The size is the one a browser shows: a JPEG's EXIF orientation 5-8 (turned a quarter) swaps
width and height, since browsers apply it by default (`image-orientation: from-image`).
"""
from __future__ import annotations

import struct
from typing import BinaryIO

_HEAD = 64  # bytes that hold the size of a PNG, GIF or WebP
# JPEG start-of-frame markers: C0-CF except DHT (C4), JPG (C8) and DAC (CC).
_SOF = frozenset(range(0xC0, 0xD0)) - {0xC4, 0xC8, 0xCC}
_STANDALONE = frozenset({0x01, *range(0xD0, 0xD8)})  # markers without a length
_EXIF_ORIENTATION = 0x0112


def image_size(path: str) -> tuple[int, int] | None:
    """Width and height of a PNG, GIF, JPEG or WebP file as shown; None for other files."""
    try:
        with open(path, "rb") as handle:
            head = handle.read(_HEAD)
            if head[:2] == b"\xff\xd8":
                # A camera's EXIF thumbnail and ICC profile can push the frame header far in.
                return _jpeg_size(handle)
    except OSError:
        return None
    if head[:8] == b"\x89PNG\r\n\x1a\n" and head[12:16] == b"IHDR":
        return struct.unpack(">II", head[16:24])
    if head[:6] in (b"GIF87a", b"GIF89a") and len(head) >= 10:
        return struct.unpack("<HH", head[6:10])
    if head[:4] == b"RIFF" and head[8:12] == b"WEBP":
        return _webp_size(head)
    return None


def _webp_size(head: bytes) -> tuple[int, int] | None:
    """Lossy (VP8), lossless (VP8L) and extended (VP8X) WebP headers."""
    chunk = head[12:16]
    if chunk == b"VP8 " and len(head) >= 30:
        width, height = struct.unpack("<HH", head[26:30])
        return width & 0x3FFF, height & 0x3FFF  # the top two bits are a scale, not size
    if chunk == b"VP8L" and len(head) >= 25:
        bits = int.from_bytes(head[21:25], "little")
        return (bits & 0x3FFF) + 1, ((bits >> 14) & 0x3FFF) + 1
    if chunk == b"VP8X" and len(head) >= 30:
        return int.from_bytes(head[24:27], "little") + 1, int.from_bytes(head[27:30], "little") + 1
    return None


def _jpeg_size(handle: BinaryIO) -> tuple[int, int] | None:
    """Walk the JPEG segments (seeking past their data) to the first start-of-frame marker."""
    handle.seek(2)
    orientation = 1
    while True:
        marker = _next_marker(handle)
        if marker is None or marker in (0xD9, 0xDA):  # end of image, or scan data before a frame
            return None
        if marker in _STANDALONE:
            continue
        raw = handle.read(2)
        if len(raw) < 2 or struct.unpack(">H", raw)[0] < 2:
            return None
        length = struct.unpack(">H", raw)[0] - 2
        if marker in _SOF:
            frame = handle.read(5)
            if len(frame) < 5:
                return None
            height, width = struct.unpack(">HH", frame[1:5])
            return (height, width) if orientation >= 5 else (width, height)
        if marker == 0xE1:
            orientation = _exif_orientation(handle.read(length)) or orientation
        else:
            handle.seek(length, 1)


def _next_marker(handle: BinaryIO) -> int | None:
    """The next marker's code; any number of 0xFF fill bytes may precede it."""
    if handle.read(1) != b"\xff":
        return None
    byte = handle.read(1)
    while byte == b"\xff":
        byte = handle.read(1)
    return byte[0] if byte else None


def _exif_orientation(segment: bytes) -> int | None:
    """The Orientation tag (1-8) of an APP1 Exif segment's first IFD, if it has one."""
    if segment[:6] != b"Exif\x00\x00" or segment[6:8] not in (b"II", b"MM"):
        return None
    tiff = segment[6:]
    order = "<" if tiff[:2] == b"II" else ">"
    try:
        (ifd,) = struct.unpack_from(order + "I", tiff, 4)
        (count,) = struct.unpack_from(order + "H", tiff, ifd)
        for entry in range(ifd + 2, ifd + 2 + 12 * count, 12):
            tag, _, _, value = struct.unpack_from(order + "HHIH", tiff, entry)
            if tag == _EXIF_ORIENTATION:
                return value if 1 <= value <= 8 else None
    except struct.error:  # a truncated or damaged Exif block: no orientation
        return None
    return None
