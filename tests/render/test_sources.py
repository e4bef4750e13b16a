"""sources.html, archived copies, 'Sources differ', search and JSON-LD for works."""
from __future__ import annotations

import json
import re
from pathlib import Path

from tests.support import MINIMAL_SITE, build, write_tree

BIBLIOGRAPHY = """\
- id: baoquocte-1964
  type: webpage
  title: Kim Il Sung's second visit
  author: [{literal: Baoquocte}]
  URL: https://baoquocte.vn/visit.html
  archive: https://web.archive.org/web/2019/https://baoquocte.vn/visit.html
- id: globaltimes-2019
  type: webpage
  title: Kim Jong Un's Vietnam trip
  author: [{literal: Global Times}]
  URL: https://www.globaltimes.cn/trip.shtml
"""
EVENT = """\
---
title: Second visit
date: 1964-11~
sources:
  - ref: baoquocte-1964
  - title: Written out
    publisher: Somebody
    url: https://example.org/page
    archive: https://web.archive.org/web/2020/https://example.org/page
    accessed: 2024-05-01
date_claims:
{claims}
---
Body.
"""


def make(tmp_path: Path, claims: str = "  - date: 1964-10\n    source: globaltimes-2019\n    note: and ANI\n"
                                       "  - date: 1964-11-09/1964-11-16\n    source: baoquocte-1964\n"):
    content = write_tree(tmp_path / "content", {"site.yaml": MINIMAL_SITE, "events/visit.md": EVENT.format(claims=claims)})
    (content / "bibliography.yaml").write_text(BIBLIOGRAPHY, encoding="utf-8")
    return build(content, tmp_path / "site"), tmp_path / "site"


def test_sources_differ_lists_each_claim_with_its_source(tmp_path: Path) -> None:
    run, site = make(tmp_path)
    assert run.code == 0, run.err
    html = (site / "events" / "visit.html").read_text(encoding="utf-8")
    section = html.split('class="sources-differ"', 1)[1].split("</section>", 1)[0]
    assert "Sources differ" in section and "This page gives c. November 1964." in section
    assert ('<span class="claim-date">October 1964</span>: <a href="../sources.html#work-globaltimes-2019">'
            "Kim Jong Un&#39;s Vietnam trip</a> <span class=\"claim-note\">(and ANI)</span>") in section
    assert '9–16 November 1964</span>: <a href="#source-1">Kim Il Sung&#39;s second visit (source 1)</a>' in section
    # the timeline's own exports keep `date`
    timeline = json.loads((site / "timeline.json").read_text(encoding="utf-8"))
    assert str(timeline["events"][0]["start_date"]["month"]) == "11"


def test_archived_copy_and_accessed_date_beside_the_original(tmp_path: Path) -> None:
    run, site = make(tmp_path)
    html = (site / "events" / "visit.html").read_text(encoding="utf-8")
    first = html.split('<li id="source-1"', 1)[1].split("</li>", 1)[0]
    assert '<a href="https://baoquocte.vn/visit.html" rel="external">original</a>' in first
    assert '<a class="archived" href="https://web.archive.org/web/2019/https://baoquocte.vn/visit.html">archived copy</a>' in first
    second = html.split('<li id="source-2"', 1)[1].split("</li>", 1)[0]
    assert '<a href="https://example.org/page">Written out</a>' in second
    assert 'href="https://web.archive.org/web/2020/https://example.org/page">archived copy</a>' in second
    assert "accessed 1 May 2024" in second
    assert ">Written out</a>, <span class=\"publisher\">Somebody</span>" in second
    data = json.loads(re.search(r'<script type="application/ld\+json">(.*?)</script>', html, re.S).group(1))
    assert [c.get("archivedAt") for c in data["citation"]] == [
        "https://web.archive.org/web/2019/https://baoquocte.vn/visit.html",
        "https://web.archive.org/web/2020/https://example.org/page"]
    assert data["citation"][0]["name"] == "Kim Il Sung's second visit"


def test_sources_page_lists_every_work_with_count_and_citing_pages(tmp_path: Path) -> None:
    run, site = make(tmp_path)
    html = (site / "sources.html").read_text(encoding="utf-8")
    assert "2 works" in html
    assert html.index('id="work-baoquocte-1964"') < html.index('id="work-globaltimes-2019"')  # the style's order
    cited = html.split('id="work-baoquocte-1964"', 1)[1].split("</li>", 1)[0]
    assert 'Cited by: <a href="events/visit.html">Second visit</a>' in cited
    assert 'href="sources.html">Sources</a>' in (site / "index.html").read_text(encoding="utf-8")
    index = (site / "assets" / "search-index.js").read_text(encoding="utf-8")
    record = next(json.loads(line.rstrip(",")) for line in index.splitlines() if '"kind":"work"' in line
                  and "globaltimes" in line)
    assert record["url"] == "sources.html#work-globaltimes-2019"
    assert "global times" in record["h"] and "vietnam trip" in record["h"]


def test_claim_with_unknown_source_or_the_events_own_date_is_an_error(tmp_path: Path) -> None:
    run, _ = make(tmp_path, "  - date: 1964-10\n    source: globaltimes2019\n"
                            "  - date: 1964-11~\n    source: 2\n  - date: 1965\n    source: 3\n")
    assert run.code == 1
    assert run.error_lines == [
        "content/events/visit.md:12: date claim: unknown source 'globaltimes2019' (did you mean 'globaltimes-2019'?)",
        "content/events/visit.md:14: date claim 1964-11~ is the event's own date: list only the dates sources give instead",
        "content/events/visit.md:16: date claim: unknown source '3'; give a bibliography id or a source number 1-2",
    ]


def test_index_axis_draws_each_claimed_date_faintly_with_its_source(tmp_path: Path) -> None:
    run, site = make(tmp_path)
    index = (site / "index.html").read_text(encoding="utf-8")
    claims = re.findall(r'<g class="axis-claim"><title>([^<]+)</title><line ', index)
    # the wide and the narrow axis each draw both claims; the event page lists them for screen readers
    assert claims == ["October 1964: Kim Jong Un&#39;s Vietnam trip",
                      "9–16 November 1964: Kim Il Sung&#39;s second visit"] * 2
    assert '<g class="axis-claims" aria-hidden="true">' in index
