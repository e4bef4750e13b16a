"""[@id] citations in bodies: numbered, labelled markers linking to the page's list of sources."""
from __future__ import annotations

import re
from pathlib import Path

from tests.support import MINIMAL_SITE, build, write_tree

BIBLIOGRAPHY = """\
- id: fifield2019
  type: book
  title: The Great Successor
  author: [{family: Fifield, given: Anna}]
  publisher: PublicAffairs
  issued: 2019
- id: vnexpress-arrives
  type: webpage
  title: Kim Jong Un arrives in Vietnam
  author: [{literal: VnExpress International}]
  issued: 2019-02-26
  URL: https://e.vnexpress.net/news/arrives.html
"""


def make(tmp_path: Path, body: str, front: str = "") -> tuple[int, str, str]:
    content = write_tree(tmp_path / "content", {
        "site.yaml": MINIMAL_SITE,
        "events/e.md": f"---\ntitle: Event\ndate: 2019-02-26\n{front}---\n{body}\n",
    })
    (content / "bibliography.yaml").write_text(BIBLIOGRAPHY, encoding="utf-8")
    run = build(content, tmp_path / "site")
    page = tmp_path / "site" / "events" / "e.html"
    return run.code, run.err, page.read_text(encoding="utf-8") if page.exists() else ""


def body_of(html: str) -> str:
    return html.split('<div class="body">', 1)[1].split("</div>", 1)[0]


def test_citations_become_numbered_markers_and_each_work_is_listed_once(tmp_path: Path) -> None:
    code, err, html = make(tmp_path, "He came [@vnexpress-arrives; @fifield2019, p. 12] and went "
                                     "[@fifield2019, pp. 40-41].",
                           "sources:\n  - title: Written out\n    url: https://example.org/a\n")
    assert code == 0, err
    body = body_of(html)
    assert ('<a aria-label="Source 2" class="cite-ref" href="#source-2">2</a>; '
            '<a aria-label="Source 3, p. 12" class="cite-ref" href="#source-3">3</a>, p. 12]') in body
    assert 'href="#source-3">3</a>, pp. 40-41]' in body
    items = re.findall(r'<li id="source-(\d+)"', html)
    assert items == ["1", "2", "3"]  # front matter first, then works in order of first citation
    third = html.split('<li id="source-3"', 1)[1].split("</li>", 1)[0]
    assert "Fifield, A. 2019. <i>The Great Successor</i>. PublicAffairs." in third
    assert ": p. 12; pp. 40-41" in third


def test_a_work_named_in_front_matter_and_cited_keeps_one_number(tmp_path: Path) -> None:
    code, err, html = make(tmp_path, "See [@fifield2019, p. 3].", "sources:\n  - ref: fifield2019\n    pages: 1\n")
    assert code == 0, err
    assert re.findall(r'<li id="source-(\d+)"', html) == ["1"]
    assert ": 1; p. 3" in html
    assert 'href="#source-1">1</a>, p. 3]' in body_of(html)


def test_unknown_citation_is_an_error_with_a_suggestion(tmp_path: Path) -> None:
    code, err, _ = make(tmp_path, "First line.\n\nSee [@fifeld2019, p. 3].")
    assert code == 1
    assert "content/events/e.md:7: unknown citation '@fifeld2019' (did you mean 'fifield2019'?)" in err


def test_code_lone_brackets_and_footnotes_stay_as_they_are(tmp_path: Path) -> None:
    body = ("In code `[@nobody]` and a lone [@ here, [@ not one] either, mail me [at] x@y.org.\n\n"
            "```\n[@nobody]\n```\n\n    [@nobody]\n\nA note[^1] and [@fifield2019].\n\n[^1]: The note.")
    code, err, html = make(tmp_path, body)
    assert code == 0, err
    body_html = body_of(html)
    assert "<code>[@nobody]</code>" in body_html
    assert "a lone [@ here, [@ not one] either" in body_html
    assert body_html.count("[@nobody]") == 3
    assert 'class="footnote-ref" href="#fn:1"' in body_html and "The note." in body_html
    assert 'href="#source-1">1</a>]' in body_html


def test_citation_in_a_person_body_gives_the_person_a_source_list(tmp_path: Path) -> None:
    content = write_tree(tmp_path / "content", {
        "site.yaml": MINIMAL_SITE,
        "events/e.md": "---\ntitle: Event\ndate: 2019\n---\n",
        "people/kim.md": "---\nname: Kim\n---\nBorn in 1984 by one account [@fifield2019, p. 20].\n",
    })
    (content / "bibliography.yaml").write_text(BIBLIOGRAPHY, encoding="utf-8")
    assert build(content, tmp_path / "site").code == 0
    html = (tmp_path / "site" / "people" / "kim.html").read_text(encoding="utf-8")
    assert '<li id="source-1"' in html and 'href="../sources.html#work-fifield2019"' in html
    sources = (tmp_path / "site" / "sources.html").read_text(encoding="utf-8")
    assert 'href="people/kim.html">Kim</a>' in sources
