"""The shipped timeline's sources: one bibliography, citations in bodies, archived copies, a real disagreement."""
from __future__ import annotations

import re

import pytest
import yaml

from chronicle.content.load import load_content
from chronicle.link.site import link_site
from tests.support import ROOT

CONTENT = ROOT / "content"
SITE = ROOT / "site"


@pytest.fixture(scope="module")
def linked():
    content, _ = load_content(str(CONTENT))
    site, problems = link_site(content)
    return content, site, problems


def test_every_web_source_is_a_work_with_an_archived_copy(linked):
    content, _, _ = linked
    assert len(content.works) == 96
    assert [w.id for w in content.works if w.url and not (w.archive or "").startswith("https://web.archive.org/web/")] == []
    written_out = [(e.slug, s.url) for e in content.events for s in e.sources if s.url]
    assert written_out == []  # every URL lives in content/bibliography.yaml, cited by ref


def test_bodies_cite_their_claims(linked):
    content, site, _ = linked
    assert [e.slug for e in content.events if "[@" not in e.body] == []
    page = (SITE / "events" / "1958-kim-il-sung-journey-through-china.html").read_text(encoding="utf-8")
    assert re.search(r'made largely on Chinese-provided aircraft <span class="cite">\[<a aria-label="Source \d+" '
                     r'class="cite-ref" href="#source-\d+">', page)


def test_1964_visit_shows_that_sources_differ_as_the_fact_sheet_says(linked):
    facts = yaml.safe_load((ROOT.parent / "shared" / "facts.yaml").read_text(encoding="utf-8")) \
        if (ROOT.parent / "shared" / "facts.yaml").exists() else None
    if facts is not None:
        assert any(u.startswith("1964 second visit: Global Times and ANI say Oct 1964; Baoquocte says 9–16 Nov 1964")
                   for u in facts["uncertainties"])
    page = (SITE / "events" / "1964-kim-il-sung-second-vietnam-visit.html").read_text(encoding="utf-8")
    section = page.split('class="sources-differ"', 1)[1].split("</section>", 1)[0]
    claims = re.findall(r'<span class="claim-date">([^<]+)</span>: <a href="#source-\d">([^<]+) \(source \d\)</a>', section)
    assert "None" not in page.split('class="sources"', 1)[1].split("</section>", 1)[0]
    assert '<li id="source-2" value="2"><span class="publisher">Global Times</span>' in page
    assert claims == [("October 1964", "Global Times"), ("October 1964", "ANI (Asian News International)"),
                      ("9–16 November 1964", "Baoquocte"), ("23 November 1964", "VnExpress")]


def test_sources_page_and_bibliography_export_are_published():
    page = (SITE / "sources.html").read_text(encoding="utf-8")
    assert "96 works" in page
    assert page.count('class="cited-by"') == 96  # every work is cited by some page
    assert len(__import__("json").loads((SITE / "bibliography.json").read_text(encoding="utf-8"))) == 96
