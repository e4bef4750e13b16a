"""Standalone pages: content/pages/<slug>.md built, linked from the menus, wiki-linkable, searchable."""
from __future__ import annotations

import pytest

from tests.support import build

EVENT = "---\ntitle: Summit\ndate: 2019-02-27\n---\nSee [[about]] and [[method|how we work]].\n"
PAGES = {
    "events/summit.md": EVENT,
    "pages/about.md": "---\ntitle: About this timeline\nsummary: Who made it.\nmenu: header\n---\nBy us. See [[summit]].\n",
    "pages/method.md": "---\ntitle: Method\norder: 2\n---\nSources first.\n",
    "pages/bibliography.md": "---\ntitle: Bibliography\norder: 1\n---\n- A book\n",
}


@pytest.fixture
def site(content, tmp_path):
    output = tmp_path / "site"
    run = build(content(PAGES), output)
    assert run.code == 0, run.err
    return output


def test_builds_each_page_with_title_summary_and_body(site):
    html = (site / "pages/about.html").read_text()
    assert "<h1>About this timeline</h1>" in html
    assert '<p class="lede">Who made it.</p>' in html
    assert '<p>By us. See <a class="wikilink" href="../events/summit.html">Summit</a>.</p>' in html
    assert "<title>About this timeline · Test timeline</title>" in html


def test_header_and_footer_menus_link_pages_in_order(site):
    for path, root in (("index.html", ""), ("events/summit.html", "../"), ("pages/method.html", "../")):
        html = (site / path).read_text()
        header = html.split('<header class="site-header">')[1].split("</header>")[0]
        footer = html.split('<footer class="site-footer">')[1]
        assert f'<li><a href="{root}pages/about.html">About this timeline</a></li>' in header
        assert "pages/method.html" not in header
        assert (f'<a href="{root}pages/bibliography.html">Bibliography</a> · '
                f'<a href="{root}pages/method.html">Method</a></p>') in footer


def test_wiki_links_name_pages(site):
    html = (site / "events/summit.html").read_text()
    assert ('See <a class="wikilink" href="../pages/about.html">About this timeline</a> and '
            '<a class="wikilink" href="../pages/method.html">how we work</a>.') in html


def test_pages_are_in_search_and_sitemap(site):
    index = (site / "assets/search-index.js").read_text()
    assert '"url":"pages/about.html","title":"About this timeline"' in index
    assert '"kind":"page"' in index
    sitemap = (site / "sitemap.xml").read_text()
    for slug in ("about", "method", "bibliography"):
        assert f"<loc>https://example.github.io/repo/pages/{slug}.html</loc>" in sitemap


@pytest.mark.parametrize("files, expected", [
    ({"pages/about.md": "---\nsummary: x\n---\n"}, "content/pages/about.md:2: missing required key 'title'"),
    ({"pages/about.md": "---\ntitle: A\nmenu: sidebar\n---\n"},
     "content/pages/about.md:3: menu: expected 'header' or 'footer', got 'sidebar'"),
    ({"pages/about.md": "---\ntitle: A\norder: first\n---\n"},
     "content/pages/about.md:3: order: expected a whole number, got 'first'"),
    ({"pages/about.md": "---\ntitle: A\n---\n[[nowhere]]\n"},
     "content/pages/about.md:4: unknown wiki-link target 'nowhere'"),
    ({"pages/summit.md": "---\ntitle: A\n---\n", "events/summit.md": EVENT},
     "content/pages/summit.md: slug 'summit' is already used by content/events/summit.md; "
     "slugs must be unique across events, people, places and pages"),
])
def test_page_errors_name_file_and_line(content, tmp_path, files, expected):
    run = build(content(files), tmp_path / "site")
    assert run.code == 1
    assert expected in run.error_lines
