"""Hostile content builds into pages where nothing can run script (issue 9, 'Safe by construction').

Every payload is built into a fixture site; an allow-list walk (stdlib html.parser) over every
built .html/.xml file then checks: no on* attributes, no script URLs in href/src/action/
formaction, no <script> or <style> the clean site does not have, no style attribute except
the tables' own alignment, no frames, forms or <base>.
"""
from __future__ import annotations

import contextlib
import json
import re
import shutil
import sqlite3
from html.parser import HTMLParser
from pathlib import Path

import pytest

from chronicle.importing.html import html_to_markdown
from tests.support import MINIMAL_SITE, build, cpu_seconds, tree, write_tree

XSS = '<img src=x onerror="window.__pwned=1;alert(1)">'
# (id, Markdown body); each becomes events/<id>.html
BODIES = [
    ("attr-image", '![x](a.png){: onerror="alert(1)" }'),
    ("attr-heading", '## H {: autofocus="" onfocus="alert(2)" }'),
    ("attr-paragraph", 'Text\n{: onmouseover="alert(3)" style="position:fixed;inset:0" }'),
    ("attr-link", '[x](https://example.org){: onclick="alert(4)" href="javascript:alert(4)" }'),
    ("attr-link-src", '![x](a.png){: src="javascript:alert(5)" formaction="javascript:alert(5)" }'),
    ("attr-list-item", '- item\n{: onclick="alert(6)" }'),
    ("js-link", "[x](javascript:alert(1))"),
    ("js-mixed-case", "[x](JaVaScRiPt:alert(1))"),
    ("js-entity", "[x](j&#x61;vascript:alert(1))"),
    ("js-entity-colon", "[x](javascript&#58;alert(1))"),
    ("js-tab", "[x](java\tscript:alert(1))"),
    ("js-control", "[x](\x01javascript:alert(1))"),
    ("js-space", "[x]( javascript:alert(1))"),
    ("js-angle", "[x](<javascript:alert(1)>)"),
    ("js-title", '[x](javascript:alert(1) "t")'),
    ("js-reference", "[x][r]\n\n[r]: javascript:alert(1)"),
    ("js-short-reference", "[r]\n\n[r]: javascript:alert(1)"),
    ("js-autolink", "<javascript:alert(1)>"),
    ("js-image", "![x](javascript:alert(1))"),
    ("js-image-reference", "![x][r]\n\n[r]: javascript:alert(1)"),
    ("vbscript", "[x](vbscript:msgbox(1))"),
    ("data-html-link", "[x](data:text/html;base64,PHNjcmlwdD5hbGVydCgxKTwvc2NyaXB0Pg==)"),
    ("data-svg-image", "![x](data:image/svg+xml;base64,PHN2ZyBvbmxvYWQ9YWxlcnQoMSk+)"),
    ("js-footnote", "Claim.[^1]\n\n[^1]: See [x](javascript:alert(1)) and <img src=x onerror=alert(1)>"),
    ("js-table", "| a | b |\n| --- | --- |\n| [x](javascript:alert(1)) | ![y](vbscript:z) |"),
    ("raw-script", "<script>window.__pwned=1;alert(1)</script>"),
    ("raw-img", XSS),
    ("raw-inline", f"Text {XSS} and <a href=\"javascript:alert(1)\">x</a>"),
    ("raw-svg", '<svg onload="alert(1)"><a xlink:href="javascript:alert(1)">x</a></svg>'),
    ("raw-iframe", '<iframe src="javascript:alert(1)"></iframe><object data="x"></object>'),
    ("raw-form", '<form action="javascript:alert(1)"><button formaction="javascript:alert(1)">b</button></form>'),
    ("raw-style", '<style>body{display:none}</style><p style="color:red">x</p>'),
    ("raw-details", '<details open ontoggle="alert(1)"><summary>s</summary>x</details>'),
    ("raw-base", '<base href="javascript:alert(1)//"><meta http-equiv="refresh" content="0;url=javascript:alert(1)">'),
    ("wiki-title", "See [[hostile]]."),
]
ALLOWED_IMAGE_DATA = re.compile(r"data:image/(png|jpeg|gif|webp|avif|bmp)[;,]")
URL_ATTRIBUTES = {"href", "src", "action", "formaction", "xlink:href", "poster", "data", "cite"}
FORBIDDEN_TAGS = {"iframe", "object", "embed", "base", "frame", "frameset", "applet"}
TABLE_ALIGN = re.compile(r"text-align: (left|center|right);")


def quoted(value: str) -> str:
    return json.dumps(value)


def hostile_tree(allow_html: bool) -> dict[str, str]:
    """A content tree with a payload in every body and every text field."""
    site = (f"title: {quoted('Site ' + XSS)}\ndescription: {quoted('Desc ' + XSS)}\n"
            f"author: {quoted('Author ' + XSS)}\nlanguage: en\nbase_url: https://example.github.io/repo/\n"
            f"allow_html: {'true' if allow_html else 'false'}\n")
    files = {"site.yaml": site,
             "people/p.md": f"---\nname: {quoted('P ' + XSS)}\nnative_name: {quoted('金 ' + XSS)}\n"
                            f"summary: {quoted('S ' + XSS)}\n---\nBody {XSS}\n",
             "places/a.md": f"---\nname: {quoted('A ' + XSS)}\nnative_name: {quoted('하 ' + XSS)}\n"
                            f"country: {quoted('C ' + XSS)}\nlat: 1\nlon: 2\n---\n",
             "places/b.md": "---\nname: B\nlat: 3\nlon: 4\n---\n",
             "events/hostile.md": (
                 f"---\ntitle: {quoted('T </script><script>alert(1)</script> ' + XSS)}\ndate: 2000-01-01\n"
                 f"summary: {quoted('Sum ' + XSS)}\npeople: [p]\nplaces: [a]\ntags: [x-onerror]\n"
                 f"route:\n  - place: a\n    note: {quoted('N ' + XSS)}\n  - place: b\n"
                 f"sources:\n  - title: {quoted('ST ' + XSS)}\n    publisher: {quoted('SP ' + XSS)}\n"
                 f"    url: https://example.org/?q=%3Cscript%3E\n---\n[[p]] [[a|{XSS}]] [[hostile]]\n")}
    for number, (name, body) in enumerate(BODIES):
        files[f"events/{name}.md"] = f"---\ntitle: {name}\ndate: 2001-01-{number % 28 + 1:02d}\n---\n{body}\n"
    return files


class Walker(HTMLParser):
    """Collects what a page must not contain, and its scripts and style sheets."""

    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.bad: list[str] = []
        self.scripts: list[tuple] = []
        self.open: tuple | None = None
        self.text: list[str] = []

    def handle_starttag(self, tag: str, attrs: list) -> None:
        values = dict(attrs)
        for name, value in attrs:
            self._check(tag, name, value or "")
        if tag in FORBIDDEN_TAGS or (tag == "meta" and "http-equiv" in values
                                     and values["http-equiv"].lower() == "refresh"):
            self.bad.append(f"<{tag}>")
        if tag == "form":  # the site's own search form only
            self.scripts.append((tag, values.get("action"), None, ""))
        if tag in ("script", "style"):
            self.open, self.text = (tag, values.get("type"), values.get("src")), []

    def handle_data(self, data: str) -> None:
        if self.open:
            self.text.append(data)

    def handle_endtag(self, tag: str) -> None:
        if self.open and tag == self.open[0]:
            body = "".join(self.text)
            if self.open[1] in ("application/ld+json", "application/json"):
                json.loads(body)  # content must stay data inside JSON
                body = "json"
            self.scripts.append((*self.open, body))
            self.open = None

    def _check(self, tag: str, name: str, value: str) -> None:
        if name.startswith("on"):
            self.bad.append(f"<{tag} {name}>")
        if name == "style" and not (tag in ("td", "th") and TABLE_ALIGN.fullmatch(value)):
            self.bad.append(f"<{tag} style={value!r}>")
        if name in URL_ATTRIBUTES:
            bare = re.sub(r"[\x00-\x20]+", "", value).lower()
            image_data = tag == "img" and name == "src" and ALLOWED_IMAGE_DATA.match(bare)
            if bare.startswith(("javascript:", "vbscript:")) or bare.startswith("data:") and not image_data:
                self.bad.append(f"<{tag} {name}={value!r}>")


def walk(text: str) -> Walker:
    walker = Walker()
    walker.feed(text)
    walker.close()
    return walker


def pages_of(site: dict[str, bytes]) -> dict[str, Walker]:
    """Every .html/.xml file walked (the feed's title and summary are Atom text, not HTML)."""
    walked = {}
    for path, data in site.items():
        if path.endswith((".html", ".xml")):
            text = data.decode("utf-8")
            walked[path] = walk(text)
    return walked


def build_tree(root: Path, files: dict[str, str]) -> dict[str, bytes]:
    content = write_tree(root / "content", files)
    run = build(content, root / "site")
    assert run.code == 0, run.err
    return tree(root / "site")


@pytest.fixture(scope="module")
def clean_scripts(tmp_path_factory) -> set[tuple]:
    """The site's own scripts and style sheets, from a build of harmless content."""
    root = tmp_path_factory.mktemp("clean")
    files = {"site.yaml": MINIMAL_SITE, "people/p.md": "---\nname: P\n---\n",
             "places/a.md": "---\nname: A\nlat: 1\nlon: 2\n---\n", "places/b.md": "---\nname: B\nlat: 3\nlon: 4\n---\n",
             "events/e.md": "---\ntitle: E\ndate: 2000-01-01\npeople: [p]\nplaces: [a]\ntags: [t]\n"
                            "route:\n  - place: a\n  - place: b\nsources:\n  - title: S\n---\nBody [[p]]\n"}
    return {s for w in pages_of(build_tree(root, files)).values() for s in w.scripts}


@pytest.fixture(scope="module", params=[False, True], ids=["allow_html-false", "allow_html-true"])
def hostile(request, tmp_path_factory) -> dict[str, Walker]:
    return pages_of(build_tree(tmp_path_factory.mktemp("hostile"), hostile_tree(request.param)))


@pytest.mark.parametrize("name", [name for name, _ in BODIES])
def test_body_payload_is_inert(hostile, clean_scripts, name):
    page = hostile[f"events/{name}.html"]
    assert page.bad == []
    assert set(page.scripts) <= clean_scripts


def test_no_built_file_runs_content(hostile, clean_scripts):
    assert {path: w.bad for path, w in hostile.items() if w.bad} == {}
    assert {path: s for path, w in hostile.items() for s in w.scripts if s not in clean_scripts} == {}


@pytest.mark.parametrize("allow_html", ["false", "true"])
def test_wiki_link_to_hostile_title_is_escaped(tmp_path, allow_html):
    files = {"site.yaml": MINIMAL_SITE + f"allow_html: {allow_html}\n",
             "events/bad.md": '---\ntitle: "<img src=x onerror=alert(1)>"\ndate: 2000-01-01\n---\n',
             "events/e.md": "---\ntitle: E\ndate: 2000-01-02\n---\nSee [[bad]].\n"}
    page = build_tree(tmp_path, files)["events/e.html"].decode()
    assert '<a class="wikilink" href="../events/bad.html">&lt;img src=x onerror=alert(1)&gt;</a>' in page


def test_allow_html_keeps_harmless_author_markup(tmp_path):
    files = hostile_tree(True)
    files["events/figure.md"] = ("---\ntitle: F\ndate: 2002-01-01\n---\n"
                                 '<figure><img src="assets/a.png" alt="A"><figcaption>Cap</figcaption></figure>\n')
    page = build_tree(tmp_path, files)["events/figure.html"].decode()
    # assets/ is made relative to the page (see tests/test_media.py), the markup kept as it is
    assert '<figure><img loading="lazy" src="../assets/a.png" alt="A"><figcaption>Cap</figcaption></figure>' in page


def test_safe_attributes_and_urls_survive(tmp_path):
    body = ('## Heading {: #h2 .wide lang="fr" }\n\n![a](assets/a.png){: width="20" height="10" }\n\n'
            '![b](data:image/png;base64,iVBORw0KGgo=)\n\n[m](mailto:a@example.org) [r](../people/p.html) '
            '[h](https://example.org/a_(b))\n')
    files = {"site.yaml": MINIMAL_SITE, "events/e.md": f"---\ntitle: E\ndate: 2000-01-01\n---\n{body}"}
    page = build_tree(tmp_path, files)["events/e.html"].decode()
    for kept in ('<h2 class="wide" id="h2" lang="fr">Heading</h2>',
                 '<img loading="lazy" alt="a" height="10" src="../assets/a.png" width="20">',
                 '<img alt="b" src="data:image/png;base64,iVBORw0KGgo=">', '<a href="mailto:a@example.org">m</a>',
                 '<a href="../people/p.html">r</a>', '<a href="https://example.org/a_(b)">h</a>'):
        assert kept in page


def test_imported_attribute_list_and_html_stay_text():
    body = html_to_markdown('<p>Hi {: onfocus="alert(1)" autofocus } &lt;img src=x onerror=alert(1)&gt;</p>')
    assert body == 'Hi \\{: onfocus="alert(1)" autofocus \\} &lt;img src=x onerror=alert(1)>'


def test_imported_timeline_builds_inert(tmp_path):
    from tests.importing.test_import import run, write_csv
    sheet = write_csv(tmp_path, '2019,2,26,,,,,,{: onfocus="alert(1)" },"T","<p>A</p><p>Hi<br>{: autofocus onfocus=""alert(1)"" }</p>",,,,,,,\n')
    write_tree(tmp_path / "content", {"site.yaml": MINIMAL_SITE})
    code, _, err = run("timelinejs", sheet, tmp_path / "content")
    assert code == 0, err
    run_ = build(tmp_path / "content", tmp_path / "site")
    assert run_.code == 0, run_.err
    walked = pages_of(tree(tmp_path / "site"))
    assert {p: w.bad for p, w in walked.items() if w.bad} == {}
    page = next(v for k, v in tree(tmp_path / "site").items() if k.startswith("events/t")).decode()
    assert 'Hi<br>\n{: autofocus onfocus="alert(1)" }' in page


def body_file(tmp_path: Path, body: str) -> Path:
    return write_tree(tmp_path / "content", {"site.yaml": MINIMAL_SITE,
                                             "events/big.md": f"---\ntitle: Big\ndate: 2000-01-01\n---\n{body}"})


@pytest.mark.parametrize("name, body", [
    ("unclosed-brackets", "[a" * 10_000),
    ("unclosed-images", "![a" * 10_000),
    ("unclosed-parens", "[a](" * 10_000),
    ("unclosed-titles", '[a](x "' * 7_000),
    ("nested-parens", "[a]((x)" * 5_000),
    ("links-then-bracket", "[a](b)[" * 5_000),
    ("footnote-markers", ("[^" * 20_000 + "\n\n") * 10),
    ("reference-lines", "[a]:\n" * 9_000),
    ("blank-lines", "\n" * 900_000 + "End."),
], ids=lambda value: value if len(value) < 30 else "")
def test_hostile_brackets_build_fast(tmp_path, name, body):
    started = cpu_seconds()
    run = build(body_file(tmp_path, body + "\n"), tmp_path / "site")
    seconds = cpu_seconds() - started
    assert run.code == 0, run.err
    assert seconds < 2 + 2 * len(body) / 1e6  # the whole build, with its fixed cost


def test_a_body_of_too_many_blocks_is_one_line_error(tmp_path):
    run = build(body_file(tmp_path, "x\n\n" * 20_000), tmp_path / "site")
    assert (run.code, run.error_lines) == (1, [
        "content/events/big.md:5: body has 20,000 paragraphs or other blank-line-separated blocks; "
        "the limit is 10,000 (split it into several entries)"])


DEEP = "body nests lists or block quotes too deeply to render"
NESTED_LISTS = "\n".join("  " * i + "- x" for i in range(1000))
NESTED_QUOTES = "\n".join("> " * i + "x" for i in range(1, 1000))


@pytest.mark.parametrize("body, message", [
    ("* " * 800 + "x", DEEP),
    ("* " * 60 + "x", DEEP),  # 120 elements deep: refused by every Python-Markdown version alike
    ("1. " * 800 + "x", DEEP),
    (NESTED_LISTS, f"body has {len(NESTED_LISTS) + 1:,} characters; the limit is 1,000,000"),
    (NESTED_QUOTES, f"body has {len(NESTED_QUOTES) + 1:,} characters; the limit is 1,000,000"),
], ids=["list-markers", "list-markers-60", "numbered-markers", "nested-lists", "nested-quotes"])
def test_too_deep_nesting_is_one_line_error(tmp_path, body, message):
    run = build(body_file(tmp_path, body + "\n"), tmp_path / "site")
    assert (run.code, run.error_lines) == (1, [f"content/events/big.md:5: {message}"])
    assert not (tmp_path / "site").exists()


@pytest.mark.parametrize("body, line, message", [
    ("x" * 1_000_001, 5, "body has 1,000,001 characters; the limit is 1,000,000"),
    ("intro\n\n" + "word " * 10_001, 7,
     "paragraph of 50,005 characters; the limit is 50,000 (split it with a blank line)"),
], ids=["body", "paragraph"])
def test_oversized_bodies_are_refused(tmp_path, body, line, message):
    run = build(body_file(tmp_path, body), tmp_path / "site")
    assert (run.code, run.error_lines) == (1, [f"content/events/big.md:{line}: {message}"])


def test_poisoned_body_cache_is_sanitized(tmp_path):
    """A cache file carried in by a pull request (issue 18, point 3) cannot put markup on a page."""
    files = {"site.yaml": MINIMAL_SITE, "events/e.md": "---\ntitle: E\ndate: 2000-01-01\n---\nA plain body.\n"}
    build_tree(tmp_path, files)
    cache = tmp_path / ".chronicle-cache" / "site.sqlite"
    with contextlib.closing(sqlite3.connect(cache)) as db, db:
        assert db.execute("UPDATE bodies SET html = ?", (XSS,)).rowcount > 0
    shutil.rmtree(tmp_path / "site")  # a fresh checkout: no site yet, only the cache it carried
    run = build(tmp_path / "content", tmp_path / "site")
    assert run.code == 0, run.err
    page = (tmp_path / "site" / "events" / "e.html").read_text(encoding="utf-8")
    assert "onerror" not in page
    assert walk(page).bad == []
