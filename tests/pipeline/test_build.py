"""Integration: build the demo content and check pages, links, determinism and safety."""
from __future__ import annotations

import difflib
import os
import re
from html.parser import HTMLParser
from pathlib import Path

import pytest

from tests.support import DEMO, ROOT, build, tree, write_tree

GOLDEN = ROOT / "tests" / "fixtures" / "demo-expected"
CONTRACT_PAGES = [
    "index.html", "events/hanoi-summit.html", "events/kim-il-sung-to-hanoi.html",
    "events/caesar-assassinated.html", "people/kim-il-sung.html", "places/hanoi.html",
    "tags/diplomacy.html", "tags/state-visits.html", "years/1958.html", "years/-0043.html",
    "people/index.html", "places/index.html", "tags/index.html", "search.html", "404.html",
    "feed.xml", "sitemap.xml", ".nojekyll", "timeline.json", "calendar.ics", "places.geojson",
    "assets/readme.txt", "assets/style.css",
]


class _Links(HTMLParser):
    def __init__(self):
        super().__init__()
        self.refs: list[str] = []

    def handle_starttag(self, tag, attrs):
        for name, value in attrs:
            if name in ("href", "src") and value:
                self.refs.append(value)


def local_refs(html: str) -> list[str]:
    """Every href/src of a page that is not absolute, a fragment or mailto."""
    parser = _Links()
    parser.feed(html)
    return [r for r in parser.refs if not re.match(r"^([a-z]+:|#|/)", r)]


@pytest.fixture
def built(demo, tmp_path) -> Path:
    output = tmp_path / "site"
    run = build(demo, output)
    assert run.code == 0, run.err
    return output


def test_builds_every_contract_page(built):
    missing = [p for p in CONTRACT_PAGES if not (built / p).is_file()]
    assert missing == []


def test_every_relative_link_resolves(built):
    broken = []
    for page in built.rglob("*.html"):
        if page.name == "404.html":
            continue  # uses root-absolute links, checked below
        for ref in local_refs(page.read_text(encoding="utf-8")):
            target = (page.parent / ref.split("#")[0].split("?")[0]).resolve()
            if not target.exists():
                broken.append(f"{page.relative_to(built)} -> {ref}")
    assert broken == []


def test_prints_a_summary_line(demo, tmp_path):
    run = build(demo, tmp_path / "site")
    last = run.out.splitlines()[-1]
    assert re.fullmatch(r"Built 27 pages \(\d+ files\) from 4 events, 3 people and 4 places in \d+\.\d\d s -> site", last), last


def test_event_page_shows_dates_route_sources_and_backlinks(built):
    html = (built / "events/kim-il-sung-to-hanoi.html").read_text(encoding="utf-8")
    assert '<p class="when">21 November 1958 – December 1958</p>' in html
    assert ('<tr data-stop="3"><td>3</td><td><a href="../places/hanoi.html">Hanoi</a></td><td>28 November 1958</td>'
            "<td></td><td>plane</td><td>On a Chinese plane</td></tr>") in html
    assert ('<a href="http://www.globaltimes.cn/content/1139952.shtml">Kim Il Sung&#39;s visit</a>, '
            '<span class="publisher">Global Times</span>, 24 February 2019') in html
    assert '<a class="wikilink" href="../places/hanoi.html">the Vietnamese capital</a>' in html
    assert '<li><a href="../events/hanoi-summit.html">Hanoi summit</a> <span class="when">27–28 February 2019</span></li>' in html
    assert '<a rel="prev" href="../events/relations-established.html">' in html
    assert '<a rel="next" href="../events/hanoi-summit.html">' in html
    assert '<sup id="fnref:1"><a class="footnote-ref" href="#fn:1">1</a></sup>' in html
    assert "<th>Leg</th>" in html


def test_escapes_raw_html_in_bodies_unless_allowed(demo, tmp_path):
    build(demo, tmp_path / "a")
    assert "Raw &lt;b&gt;HTML&lt;/b&gt; is shown as text." in (tmp_path / "a/events/kim-il-sung-to-hanoi.html").read_text()
    site_yaml = demo / "site.yaml"
    site_yaml.write_text(site_yaml.read_text() + "allow_html: true\n")
    build(demo, tmp_path / "b")
    assert "Raw <b>HTML</b> is shown as text." in (tmp_path / "b/events/kim-il-sung-to-hanoi.html").read_text()


def test_index_groups_events_by_year_in_order(built):
    html = (built / "index.html").read_text(encoding="utf-8")
    years = re.findall(r'<h2 id="y-\d+"><a href="([^"]+)">([^<]+)</a></h2>', html)
    assert years == [("years/-0043.html", "44 BC"), ("years/1950.html", "1950"),
                     ("years/1958.html", "1958"), ("years/2019.html", "2019")]
    titles = re.findall(r'<li><a href="events/[^"]+">([^<]+)</a>', html)
    assert titles == ["Julius Caesar is assassinated", "Relations established",
                      "Kim Il Sung flies to Hanoi", "Hanoi summit"]


def test_person_and_place_pages_list_their_events_and_native_names(built):
    person = (built / "people/kim-il-sung.html").read_text(encoding="utf-8")
    assert '<span class="native" lang="ko">김일성 (金日成)</span>' in person
    assert '<a href="../events/kim-il-sung-to-hanoi.html">Kim Il Sung flies to Hanoi</a>' in person
    place = (built / "places/pyongyang.html").read_text(encoding="utf-8")
    assert '<a href="../events/kim-il-sung-to-hanoi.html">' in place  # only on the route
    hanoi = (built / "places/hanoi.html").read_text(encoding="utf-8")
    assert hanoi.index("kim-il-sung-to-hanoi.html") < hanoi.index("hanoi-summit.html")
    assert '<span class="native" lang="vi">Hà Nội</span>' in hanoi


def test_drafts_are_left_out_unless_asked_for(demo, tmp_path):
    build(demo, tmp_path / "a")
    assert not (tmp_path / "a/events/hidden-draft.html").exists()
    build(demo, tmp_path / "b", "--drafts")
    assert (tmp_path / "b/events/hidden-draft.html").exists()


def test_two_builds_are_byte_identical(demo, tmp_path):
    build(demo, tmp_path / "a")
    build(demo, tmp_path / "b")
    assert tree(tmp_path / "a") == tree(tmp_path / "b")


def test_output_does_not_depend_on_time_zone_or_locale(demo, tmp_path, monkeypatch):
    build(demo, tmp_path / "a")
    monkeypatch.setenv("TZ", "Asia/Pyongyang")
    monkeypatch.setenv("LC_ALL", "C")
    build(demo, tmp_path / "b")
    assert tree(tmp_path / "a") == tree(tmp_path / "b")


def test_feed_updated_comes_from_content_or_source_date_epoch(demo, tmp_path, monkeypatch):
    build(demo, tmp_path / "a")
    feed = (tmp_path / "a/feed.xml").read_text()
    assert "<updated>2019-02-28T00:00:00Z</updated>" in feed
    assert "<id>https://example.github.io/demo/events/hanoi-summit.html</id>" in feed
    monkeypatch.setenv("SOURCE_DATE_EPOCH", "1700000000")
    build(demo, tmp_path / "b")
    assert "<updated>2023-11-14T22:13:20Z</updated>" in (tmp_path / "b/feed.xml").read_text()


def test_sitemap_and_canonical_use_base_url_and_cli_overrides_it(demo, tmp_path):
    build(demo, tmp_path / "a", "--base-url", "https://me.example.org/tl")
    sitemap = (tmp_path / "a/sitemap.xml").read_text()
    assert "<loc>https://me.example.org/tl/</loc>" in sitemap
    assert "<loc>https://me.example.org/tl/events/hanoi-summit.html</loc>" in sitemap
    assert "404.html" not in sitemap
    html = (tmp_path / "a/events/hanoi-summit.html").read_text()
    assert '<link rel="canonical" href="https://me.example.org/tl/events/hanoi-summit.html">' in html
    assert 'href="/tl/assets/style.css"' in (tmp_path / "a/404.html").read_text()


def test_rebuild_removes_pages_of_deleted_entries(demo, tmp_path):
    build(demo, tmp_path / "site")
    (demo / "events/hanoi-summit.md").unlink()
    (demo / "events/kim-il-sung-to-hanoi.md").write_text(
        (demo / "events/kim-il-sung-to-hanoi.md").read_text().replace("related: [hanoi-summit]\n", ""))
    assert build(demo, tmp_path / "site").code == 0
    assert not (tmp_path / "site/events/hanoi-summit.html").exists()
    assert not (tmp_path / "site/tags/summits.html").exists()


def test_content_never_reaches_a_page_unescaped(content, tmp_path):
    evil = '</script><script>alert(1)</script>"\'<b>'
    folder = content({
        "events/x.md": f"---\ntitle: '{evil.replace(chr(39), chr(39) * 2)}'\ndate: 1958\n"
                       f"summary: '{evil.replace(chr(39), chr(39) * 2)}'\ntags: [a]\n"
                       f"sources:\n  - title: x\n    url: 'https://example.org/?q=<b>'\n---\n{evil}\n",
    })
    assert build(folder, tmp_path / "site").code == 0
    for page in (tmp_path / "site").rglob("*"):
        if page.suffix in (".html", ".js", ".xml"):
            text = page.read_text(encoding="utf-8")
            assert "<script>alert(1)" not in text, page
            assert "<b>" not in text, page


def test_unquoted_dates_and_years_are_read_as_dates(content, tmp_path):
    folder = content({
        "events/a.md": "---\ntitle: A\ndate: 0000-01-01\nend: 0001\n---\n",
        "events/b.md": "---\ntitle: B\ndate: 1958-11-28\nroute:\n  - place: p\n    time: 17:05\n---\n",
        "places/p.md": "---\nname: NO\n---\n",
    })
    run = build(folder, tmp_path / "site")
    assert run.code == 0, run.err
    assert '<p class="when">1 January 1 BC – AD 1</p>' in (tmp_path / "site/events/a.html").read_text()
    assert "<td>17:05</td>" in (tmp_path / "site/events/b.html").read_text()
    assert "<h1>NO</h1>" in (tmp_path / "site/places/p.html").read_text()


def test_a_user_layout_overrides_one_template_only(demo, tmp_path):
    layouts = write_tree(tmp_path / "mylayouts", {
        "list.html": "{% extends 'base.html' %}{% block main %}<p class=mine>{{ page.title }}</p>{% endblock %}\n",
        "static/style.css": "body { color: red }\n",
    })
    assert build(demo, tmp_path / "site", "--layouts", str(layouts)).code == 0
    assert "<p class=mine>Tag: diplomacy</p>" in (tmp_path / "site/tags/diplomacy.html").read_text()
    assert '<nav aria-label="Main">' in (tmp_path / "site/tags/diplomacy.html").read_text()
    assert (tmp_path / "site/assets/style.css").read_text() == "body { color: red }\n"
    assert (tmp_path / "site/assets/favicon.svg").exists()


def test_matches_the_golden_example(demo, tmp_path):
    build(demo, tmp_path / "site")
    actual, expected = tree(tmp_path / "site"), tree(GOLDEN)
    diffs = []
    for path in sorted(set(actual) | set(expected)):
        if actual.get(path) != expected.get(path):
            a = expected.get(path, b"").decode("utf-8", "replace").splitlines()
            b = actual.get(path, b"").decode("utf-8", "replace").splitlines()
            diffs += list(difflib.unified_diff(a, b, f"expected/{path}", f"actual/{path}", lineterm="", n=1))[:40]
    assert not diffs, "site differs from tests/fixtures/demo-expected (regenerate with " \
                      "`python tests/update_golden.py` if the change is intended):\n" + "\n".join(diffs)
