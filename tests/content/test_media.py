"""Media on entries: the `image:` key end to end, image headers, body assets, the feed's image."""
from __future__ import annotations

import json
import re
import struct
import zlib
from pathlib import Path

import pytest

from chronicle.content.imagesize import image_size
from chronicle.content.media import body_asset_problems
from chronicle.content.model import StandalonePage
from tests.support import build, cpu_seconds, run_cli

SITE = "title: Media\nlanguage: en\nbase_url: https://example.org/repo/\n"
SITE_WITHOUT_BASE = "title: Media\nlanguage: en\n"


# --- Real image bytes, made here (no Pillow, no ImageMagick) -------------------------------

def png(width: int, height: int) -> bytes:
    """A valid greyscale PNG of the given size."""
    def chunk(kind: bytes, data: bytes) -> bytes:
        return struct.pack(">I", len(data)) + kind + data + struct.pack(">I", zlib.crc32(kind + data))
    rows = b"".join(b"\x00" + b"\x80" * width for _ in range(height))
    return (b"\x89PNG\r\n\x1a\n" + chunk(b"IHDR", struct.pack(">IIBBBBB", width, height, 8, 0, 0, 0, 0))
            + chunk(b"IDAT", zlib.compress(rows)) + chunk(b"IEND", b""))


def gif(width: int, height: int) -> bytes:
    """A GIF89a: screen and image descriptors of the given size, one colour, LZW clear+end."""
    return (b"GIF89a" + struct.pack("<HHBBB", width, height, 0x80, 0, 0) + b"\x00\x00\x00\xff\xff\xff"
            + b"," + struct.pack("<HHHHB", 0, 0, width, height, 0) + b"\x02\x02\x44\x01\x00;")


def segment(marker: int, data: bytes) -> bytes:
    return bytes([0xFF, marker]) + struct.pack(">H", len(data) + 2) + data


def exif(orientation: int, order: str = "<") -> bytes:
    """An APP1 Exif block whose first IFD holds Orientation (and one tag before it)."""
    mark = b"II" if order == "<" else b"MM"
    ifd = struct.pack(order + "H", 2)
    ifd += struct.pack(order + "HHI", 0x010F, 2, 4) + b"Cam\x00"  # Make, ASCII, inline
    ifd += struct.pack(order + "HHIHH", 0x0112, 3, 1, orientation, 0)
    return b"Exif\x00\x00" + mark + struct.pack(order + "HI", 42, 8) + ifd + b"\x00\x00\x00\x00"


def jpeg(width: int, height: int, *, progressive: bool = False, before_frame: bytes = b"") -> bytes:
    """JPEG segments as a camera writes them: JFIF, any extra segments, tables, frame, scan."""
    quant = segment(0xDB, b"\x00" + bytes(range(1, 65)))
    huffman = segment(0xC4, b"\x00" + b"\x01" + b"\x00" * 15 + b"\x00")  # a DHT is no frame
    frame = segment(0xC2 if progressive else 0xC0,
                    struct.pack(">BHHB", 8, height, width, 1) + b"\x01\x11\x00")
    scan = segment(0xDA, b"\x01\x01\x00\x00\x3f\x00") + b"\x00" * 8
    return (b"\xff\xd8" + segment(0xE0, b"JFIF\x00\x01\x01\x00\x00\x01\x00\x01\x00\x00") + before_frame
            + quant + huffman + frame + scan + b"\xff\xd9")


def webp_vp8(width: int, height: int) -> bytes:
    """Lossy WebP: a key frame's tag, start code, then 14-bit sizes with 2 scale bits (set here)."""
    frame = b"\x30\x01\x00" + b"\x9d\x01\x2a" + struct.pack("<HH", width | 0x4000, height | 0x8000) + b"\x00" * 10
    return _riff(b"VP8 ", frame)


def webp_vp8l(width: int, height: int) -> bytes:
    """Lossless WebP: signature 0x2f, then width-1 and height-1 in 14 bits each."""
    bits = (width - 1) | ((height - 1) << 14)
    return _riff(b"VP8L", b"\x2f" + bits.to_bytes(4, "little") + b"\x00" * 8)


def webp_vp8x(width: int, height: int) -> bytes:
    """Extended WebP (alpha, animation): 24-bit canvas width-1 and height-1."""
    data = b"\x10\x00\x00\x00" + (width - 1).to_bytes(3, "little") + (height - 1).to_bytes(3, "little")
    return _riff(b"VP8X", data)


def _riff(kind: bytes, data: bytes) -> bytes:
    body = b"WEBP" + kind + struct.pack("<I", len(data)) + data
    return b"RIFF" + struct.pack("<I", len(body)) + body


# --- The header reader on real files ---------------------------------------------------------

SIZES = [
    ("png", png(3, 2), (3, 2)),
    ("png-wide", png(1200, 1), (1200, 1)),
    ("gif", gif(17, 9), (17, 9)),
    ("gif-large", gif(640, 480), (640, 480)),
    ("jpeg-baseline", jpeg(40, 30), (40, 30)),
    ("jpeg-progressive", jpeg(41, 31, progressive=True), (41, 31)),
    ("jpeg-fill-bytes", jpeg(8, 6).replace(b"\xff\xc0", b"\xff\xff\xff\xc0", 1), (8, 6)),
    # A camera's Exif thumbnail (up to 64 KB) and an ICC profile come before the frame.
    ("jpeg-frame-after-96kb", jpeg(4000, 3000, before_frame=segment(0xE1, b"Exif\x00\x00" + b"\x00" * 65000)
                                   + segment(0xE2, b"ICC_PROFILE\x00" + b"\x00" * 30000)), (4000, 3000)),
    # Turned a quarter by its Exif orientation: browsers show it 30 wide and 40 high.
    ("jpeg-exif-rotated-le", jpeg(40, 30, before_frame=segment(0xE1, exif(6))), (30, 40)),
    ("jpeg-exif-rotated-be", jpeg(40, 30, before_frame=segment(0xE1, exif(8, ">"))), (30, 40)),
    ("jpeg-exif-upright", jpeg(40, 30, before_frame=segment(0xE1, exif(1))), (40, 30)),
    ("jpeg-exif-mirrored", jpeg(40, 30, before_frame=segment(0xE1, exif(2, ">"))), (40, 30)),
    ("jpeg-exif-truncated", jpeg(40, 30, before_frame=segment(0xE1, exif(6)[:20])), (40, 30)),
    ("webp-vp8", webp_vp8(320, 240), (320, 240)),
    ("webp-vp8l", webp_vp8l(16383, 1), (16383, 1)),
    ("webp-vp8x", webp_vp8x(5000, 70000), (5000, 70000)),
]
NOT_IMAGES = [
    ("empty", b""),
    ("text", b"hello, world\n"),
    ("png-without-ihdr", b"\x89PNG\r\n\x1a\n" + b"\x00" * 30),
    ("gif-truncated", b"GIF89a\x01"),
    ("jpeg-no-frame", b"\xff\xd8" + segment(0xE0, b"JFIF\x00") + b"\xff\xd9"),
    ("jpeg-truncated", jpeg(40, 30)[:30]),
    ("jpeg-garbage-after-soi", b"\xff\xd8garbage" * 10),
    ("jpeg-zero-length-segment", b"\xff\xd8\xff\xe0\x00\x00" + b"\x00" * 20),
    ("webp-unknown-chunk", _riff(b"ABCD", b"\x00" * 20)),
]


@pytest.mark.parametrize("name,data,size", SIZES, ids=[s[0] for s in SIZES])
def test_reads_size_from_the_header(tmp_path: Path, name: str, data: bytes, size: tuple[int, int]):
    path = tmp_path / f"{name}.img"
    path.write_bytes(data)
    assert image_size(str(path)) == size


@pytest.mark.parametrize("name,data", NOT_IMAGES, ids=[n[0] for n in NOT_IMAGES])
def test_no_size_for_other_files(tmp_path: Path, name: str, data: bytes):
    path = tmp_path / name
    path.write_bytes(data)
    assert image_size(str(path)) is None


def test_no_size_for_a_missing_file(tmp_path: Path):
    assert image_size(str(tmp_path / "gone.png")) is None


# --- The image key end to end ----------------------------------------------------------------

EVENT = """\
---
title: Arrival
date: 1958-11-28
summary: The train arrives.
people: [ho]
places: [hanoi]
image:
  src: {src}
  alt: The train at the platform
  caption: Arrival at Hanoi station
  credit: Photo by A & B
  license: CC BY 4.0
---
Body.
"""
PERSON = """\
---
name: Ho
image:
  src: https://example.org/ho.jpg
  alt: Portrait of Ho
---
"""
PLACE = """\
---
name: Hanoi
image:
  src: assets/maps/hanoi.gif
  alt: Map of Hanoi
  credit: Survey office
---
"""


def media_site(content, src: str = "assets/train.png", site: str = SITE) -> Path:
    return content({"events/arrival.md": EVENT.format(src=src), "people/ho.md": PERSON,
                    "places/hanoi.md": PLACE, "assets/train.png": png(30, 20),
                    "assets/maps/hanoi.gif": gif(64, 48)}, site)


@pytest.fixture
def built(content, tmp_path) -> Path:
    run = build(media_site(content), tmp_path / "site")
    assert run.code == 0, run.err
    return tmp_path / "site"


def read(site: Path, path: str) -> str:
    return (site / path).read_text(encoding="utf-8")


def jsonld(page: str) -> dict:
    return json.loads(re.search(r'<script type="application/ld\+json">(.*?)</script>', page, re.S).group(1))


def test_event_page_shows_the_figure_with_size_and_lazy_loading(built):
    page = read(built, "events/arrival.html")
    assert ('<img src="../assets/train.png" alt="The train at the platform" loading="lazy" '
            'decoding="async" width="30" height="20">') in page
    assert ('<figcaption><span class="caption">Arrival at Hanoi station</span> '
            '<span class="credit">Photo by A &amp; B</span> <span class="license">CC BY 4.0</span>'
            '</figcaption>') in page
    assert (built / "assets/train.png").read_bytes() == png(30, 20)


def test_person_and_place_pages_show_their_images(built):
    assert ('<img src="https://example.org/ho.jpg" alt="Portrait of Ho" loading="lazy" decoding="async">'
            in read(built, "people/ho.html"))
    place = read(built, "places/hanoi.html")
    assert ('<img src="../assets/maps/hanoi.gif" alt="Map of Hanoi" loading="lazy" decoding="async" '
            'width="64" height="48">') in place
    assert '<figcaption> <span class="credit">Survey office</span></figcaption>' in place


@pytest.mark.parametrize("page,src", [
    ("index.html", "assets/train.png"),
    ("years/1958.html", "../assets/train.png"),
    ("people/ho.html", "../assets/train.png"),
    ("places/hanoi.html", "../assets/train.png"),
])
def test_lists_show_a_thumbnail_relative_to_the_page(built, page: str, src: str):
    thumb = (f'<img class="thumb" src="{src}" alt="" loading="lazy" decoding="async" width="30" height="20">'
             f' <a href="{"../" if "/" in page else ""}events/arrival.html">Arrival</a>')
    assert thumb in read(built, page)


def test_timeline_json_media_has_url_caption_credit_and_alt(built):
    slide = json.loads(read(built, "timeline.json"))["events"][0]
    # Relative to timelinejs.html at the site root, which loads timeline.json; HTML-escaped
    # caption and credit (TimelineJS sets them as innerHTML), plain alt (set as a property);
    # TimelineJS has no license field, so the license follows the credit.
    assert slide["media"] == {"url": "assets/train.png", "alt": "The train at the platform",
                              "caption": "Arrival at Hanoi station",
                              "credit": "Photo by A &amp; B (CC BY 4.0)"}


def test_jsonld_image_is_an_absolute_image_object(built):
    assert jsonld(read(built, "events/arrival.html"))["image"] == {
        "@type": "ImageObject", "contentUrl": "https://example.org/repo/assets/train.png",
        "description": "The train at the platform", "caption": "Arrival at Hanoi station",
        "creditText": "Photo by A & B", "license": "CC BY 4.0"}
    assert jsonld(read(built, "people/ho.html"))["image"]["contentUrl"] == "https://example.org/ho.jpg"
    assert jsonld(read(built, "places/hanoi.html"))["image"]["contentUrl"] == \
        "https://example.org/repo/assets/maps/hanoi.gif"


def test_feed_entry_has_the_image_as_an_absolute_enclosure(built):
    feed = read(built, "feed.xml")
    assert ('<link rel="enclosure" href="https://example.org/repo/assets/train.png" type="image/png" '
            'title="The train at the platform"/>') in feed


@pytest.mark.parametrize("src,href,kind", [
    ("https://example.org/a/photo.JPG?size=large", "https://example.org/a/photo.JPG?size=large", "image/jpeg"),
    ("HTTPS://example.org/p.webp", "https://example.org/p.webp", "image/webp"),
    ("https://example.org/render", "https://example.org/render", None),
])
def test_feed_enclosure_of_a_remote_image(content, tmp_path, src: str, href: str, kind: str | None):
    assert build(media_site(content, src), tmp_path / "site").code == 0
    link = re.search(r'<link rel="enclosure"[^>]*/>', read(tmp_path / "site", "feed.xml")).group()
    assert link == (f'<link rel="enclosure" href="{href}"' + (f' type="{kind}"' if kind else "")
                    + ' title="The train at the platform"/>')


def test_feed_leaves_out_a_local_image_without_base_url(content, tmp_path):
    assert build(media_site(content, site=SITE_WITHOUT_BASE), tmp_path / "site").code == 0
    assert "enclosure" not in read(tmp_path / "site", "feed.xml")


def test_remote_image_with_capital_scheme_is_not_taken_for_a_local_file(content, tmp_path):
    assert build(media_site(content, "HTTPS://example.org/p.png"), tmp_path / "site").code == 0
    site = tmp_path / "site"
    assert '<img src="https://example.org/p.png" alt="The train at the platform"' in read(site, "events/arrival.html")
    assert '<img class="thumb" src="https://example.org/p.png"' in read(site, "index.html")
    assert jsonld(read(site, "events/arrival.html"))["image"]["contentUrl"] == "https://example.org/p.png"
    assert json.loads(read(site, "timeline.json"))["events"][0]["media"]["url"] == "https://example.org/p.png"


IMAGE_AT = 7  # the line of `image:` in EVENT; its first key is on the next line
BAD_SOURCES = [
    ("assets/missing.png", f"content/events/arrival.md:{IMAGE_AT}: image: no file 'assets/missing.png' "
                           "in content/assets/ (add it, or fix the name)"),
    ("assets/maps", f"content/events/arrival.md:{IMAGE_AT}: image: no file 'assets/maps' "
                    "in content/assets/ (add it, or fix the name)"),
    ("javascript:alert(1)", f"content/events/arrival.md:{IMAGE_AT}: image: src 'javascript:alert(1)' must be "
                            "a file under assets/ (e.g. assets/map.png) or an http(s) URL"),
    ("data:image/png;base64,iVBORw0KGgo=", f"content/events/arrival.md:{IMAGE_AT}: image: src "
                                           "'data:image/png;base64,iVBORw0KGgo=' must be a file under assets/ "
                                           "(e.g. assets/map.png) or an http(s) URL"),
    ("//evil.example/x.png", f"content/events/arrival.md:{IMAGE_AT}: image: src '//evil.example/x.png' must be "
                             "a file under assets/ (e.g. assets/map.png) or an http(s) URL"),
    ("assets/../site.yaml", f"content/events/arrival.md:{IMAGE_AT}: image: src 'assets/../site.yaml' must be "
                            "a file under assets/ (e.g. assets/map.png) or an http(s) URL"),
    ("/etc/passwd", f"content/events/arrival.md:{IMAGE_AT}: image: src '/etc/passwd' must be "
                    "a file under assets/ (e.g. assets/map.png) or an http(s) URL"),
]


@pytest.mark.parametrize("src,error", BAD_SOURCES, ids=[b[0] for b in BAD_SOURCES])
def test_refuses_an_image_src_in_one_line(content, tmp_path, src: str, error: str):
    site = tmp_path / "site"
    site.mkdir()
    (site / "index.html").write_text("previous build")
    run = build(media_site(content, json.dumps(src)), site)
    assert (run.code, run.error_lines) == (1, [error])
    assert "Traceback" not in run.err
    assert [p.name for p in site.iterdir()] == ["index.html"]  # the previous site is untouched


def test_alt_is_required(content, tmp_path):
    root = content({"events/arrival.md": EVENT.format(src="assets/train.png").replace(
        "  alt: The train at the platform\n", ""), "assets/train.png": png(3, 2),
        "people/ho.md": PERSON, "places/hanoi.md": PLACE, "assets/maps/hanoi.gif": gif(1, 1)}, SITE)
    run = build(root, tmp_path / "site")
    assert (run.code, run.error_lines) == (1, ["content/events/arrival.md:8: image: missing required key 'alt'"])


# --- Body links to assets/ -------------------------------------------------------------------

BODY = """\
---
title: Arrival
date: 1958-11-28
---
The train ![Train](assets/train.png) and the [timetable](assets/docs/timetable.pdf).

Old style ![Old](../assets/train.png), dotted ![Dot](./assets/train.png), [ref][t].

[t]: assets/docs/timetable.pdf
"""
BODY_FILES = {"assets/train.png": png(30, 20), "assets/docs/timetable.pdf": b"%PDF-1.4\n"}
BODY_EXPECTED = ('<p>The train <img loading="lazy" alt="Train" src="../assets/train.png"> and the '
                 '<a href="../assets/docs/timetable.pdf">timetable</a>.</p>\n'
                 '<p>Old style <img loading="lazy" alt="Old" src="../assets/train.png">, dotted '
                 '<img loading="lazy" alt="Dot" src="../assets/train.png">, '
                 '<a href="../assets/docs/timetable.pdf">ref</a>.</p>')


@pytest.mark.parametrize("folder,front", [
    ("events", "title: Arrival\ndate: 1958-11-28\n"),
    ("people", "name: Ho\n"),
    ("places", "name: Hanoi\n"),
    ("pages", "title: About\n"),
])
def test_body_assets_resolve_from_every_page(content, tmp_path, folder: str, front: str):
    body = BODY.replace("title: Arrival\ndate: 1958-11-28\n", front)
    run = build(content({f"{folder}/entry.md": body, **BODY_FILES}), tmp_path / "site")
    assert run.code == 0, run.err
    assert BODY_EXPECTED in read(tmp_path / "site", f"{folder}/entry.html")
    assert "warning" not in run.err


def test_root_absolute_asset_links_become_relative_to_the_page(content, tmp_path):
    body = ("---\ntitle: A\ndate: 1958\n---\n![x](/assets/train.png) [a](/assets/docs/timetable.pdf) "
            "![gone](/assets/gone.png) [host](//assets/x.pdf)\n")
    run = build(content({"events/a.md": body, **BODY_FILES}), tmp_path / "site")
    assert run.code == 0, run.err
    assert ('<p><img loading="lazy" alt="x" src="../assets/train.png"> <a href="../assets/docs/timetable.pdf">a</a> '
            '<img loading="lazy" alt="gone" src="../assets/gone.png"> <a href="//assets/x.pdf">host</a></p>'
            ) in read(tmp_path / "site", "events/a.html")
    assert run.err == "content/events/a.md:5: warning: body links to assets/gone.png, which is not in content/assets/\n"


def test_raw_html_assets_resolve_too(content, tmp_path):
    body = '---\ntitle: A\ndate: 1958\n---\n<p><img src="assets/train.png" alt="T"> <a href="assets/docs/timetable.pdf">pdf</a></p>\n'
    site = SITE + "allow_html: true\n"
    assert build(content({"events/a.md": body, **BODY_FILES}, site), tmp_path / "site").code == 0
    assert ('<p><img loading="lazy" src="../assets/train.png" alt="T"> <a href="../assets/docs/timetable.pdf">'
            'pdf</a></p>') in read(tmp_path / "site", "events/a.html")


def test_code_and_other_links_are_left_as_written(content, tmp_path):
    body = ('---\ntitle: A\ndate: 1958\n---\nWrite `![x](assets/train.png)` or `src="assets/x.png"`. '
            'See [x](https://example.org/assets/x.png), [y](notassets/y.png), [z](../../assets/z.png), '
            '![d](data:image/png;base64,iVBORw0KGgo=).\n\n    <img src="assets/train.png">\n')
    assert build(content({"events/a.md": body, **BODY_FILES}), tmp_path / "site").code == 0
    page = read(tmp_path / "site", "events/a.html")
    assert ('<code>![x](assets/train.png)</code> or <code>src="assets/x.png"</code>. See '
            '<a href="https://example.org/assets/x.png">x</a>, <a href="notassets/y.png">y</a>, '
            '<a href="../../assets/z.png">z</a>, <img alt="d" src="data:image/png;base64,iVBORw0KGgo=">.') in page
    assert '<pre><code>&lt;img src="assets/train.png"&gt;\n</code></pre>' in page


MISSING_BODY = """\
---
title: Arrival
date: 1958-11-28
---
Here ![Gone](assets/gone.png) and ![Here](assets/train.png).

A [letter](../assets/letters/1958%20march.pdf) and `![in code](assets/code.png)`.

```
![fenced](assets/fenced.png)
```

[r]: <assets/ref.pdf>
<img src='assets/raw.png'>
Case matters on the web: ![x](assets/Train.png)
"""


def test_warns_about_each_body_link_to_a_missing_asset(content, tmp_path):
    run = build(content({"events/arrival.md": MISSING_BODY, **BODY_FILES}), tmp_path / "site")
    assert run.code == 0, run.err
    warnings = [line for line in run.err.splitlines() if "warning" in line]
    assert warnings == [
        "content/events/arrival.md:5: warning: body links to assets/gone.png, which is not in content/assets/",
        "content/events/arrival.md:7: warning: body links to assets/letters/1958%20march.pdf, which is not in "
        "content/assets/",
        "content/events/arrival.md:13: warning: body links to assets/ref.pdf, which is not in content/assets/",
        "content/events/arrival.md:14: warning: body links to assets/raw.png, which is not in content/assets/",
        "content/events/arrival.md:15: warning: body links to assets/Train.png, which is not in content/assets/",
    ]


def test_an_encoded_name_of_an_existing_asset_is_no_warning(content, tmp_path):
    files = {"events/a.md": "---\ntitle: A\ndate: 1958\n---\n[l](assets/letters/1958%20march.pdf)\n",
             "assets/letters/1958 march.pdf": b"%PDF-1.4\n"}
    run = build(content(files), tmp_path / "site")
    assert (run.code, "warning" in run.err) == (0, False)
    assert '<a href="../assets/letters/1958%20march.pdf">l</a>' in read(tmp_path / "site", "events/a.html")


def test_missing_asset_warning_comes_from_check_and_from_every_cached_build(content, tmp_path):
    root = content({"events/arrival.md": MISSING_BODY.split("\n\n")[0] + "\n", **BODY_FILES})
    line = "content/events/arrival.md:5: warning: body links to assets/gone.png, which is not in content/assets/"
    checked = run_cli("check", "--content", str(root), cwd=root.parent)
    assert (checked.code, line in checked.err.splitlines()) == (0, True)
    for _ in range(2):  # the second build takes the body from the cache
        run = build(root, tmp_path / "site")
        assert (run.code, line in run.err.splitlines()) == (0, True)


HOSTILE_BODIES = {
    "backtick-runs": "".join("`" * k + " " for k in range(300, 0, -1)),
    "unclosed-fences": "```\n" * 20_000,
    "reference-lines": "[a]: " * 10_000,
    "asset-links": "](assets/" * 50_000,
}


@pytest.mark.parametrize("name", HOSTILE_BODIES)
def test_asset_check_stays_linear_on_hostile_bodies(name: str):
    paragraph = HOSTILE_BODIES[name]
    body = "\n\n".join([paragraph] * (1_000_000 // (len(paragraph) + 2)))
    entry = StandalonePage(slug="p", title="P", body=body, path="content/pages/p.md", body_line=4)
    started = cpu_seconds()
    body_asset_problems(entry, frozenset())
    assert cpu_seconds() - started < 5  # about 0.3 s here


def test_every_image_and_asset_link_of_a_media_site_resolves(content, tmp_path):
    files = {"events/arrival.md": EVENT.format(src="assets/train.png") + "\n![T](assets/train.png)\n",
             "people/ho.md": PERSON + "[Timetable](assets/docs/timetable.pdf)\n",
             "places/hanoi.md": PLACE + "![Map](./assets/maps/hanoi.gif)\n",
             "pages/about.md": "---\ntitle: About\n---\n![Train](../assets/train.png)\n",
             "assets/maps/hanoi.gif": gif(64, 48), **BODY_FILES}
    site = tmp_path / "site"
    assert build(content(files), site).code == 0
    broken = []
    for page in sorted(set(site.rglob("*.html")) - {site / "404.html"}):  # 404: root-absolute
        for ref in re.findall(r'(?:src|href)="([^"#?]*assets/[^"#?]+)"', page.read_text(encoding="utf-8")):
            if not ref.startswith("https:") and not (page.parent / ref).resolve().is_file():
                broken.append(f"{page.relative_to(site)} -> {ref}")
    assert broken == []
