"""timeline.json text is HTML to TimelineJS: escaped exactly once, apostrophes left as they are."""
from __future__ import annotations

import html

import pytest

from chronicle.dates import parse_date
from chronicle.content.model import Era
from tests.formats.test_exports import event, make_site, timeline


def test_era_headline_is_escaped_once_and_keeps_its_apostrophe():
    site = make_site([event("a", "2018")], eras=[Era("Donald Trump's first presidency",
                                                     parse_date("2017"), parse_date("2021"))])
    assert timeline(site)["eras"][0]["text"]["headline"] == "Donald Trump's first presidency"


@pytest.mark.parametrize("title, expected", [
    ("Kim Jong Un's train", "Kim Jong Un's train"),
    ('The "armoured" train', 'The "armoured" train'),
    ("Kim & Trump <b>", "Kim &amp; Trump &lt;b&gt;"),
    ("Already &amp; escaped?", "Already &amp;amp; escaped?"),
])
def test_headlines_escape_only_what_html_text_needs(title, expected):
    headline = timeline(make_site([event("a", "2019", title=title)]))["events"][0]["text"]["headline"]
    assert headline == expected
    assert html.unescape(headline) == title


def test_summary_and_site_texts_keep_apostrophes():
    site = make_site([event("a", "2019", summary="Xi Jinping's invitation & a train")])
    data = timeline(site)
    assert data["events"][0]["text"]["text"].startswith("<p>Xi Jinping's invitation &amp; a train</p>")
    assert data["title"]["text"]["headline"] == "Trains &lt;&amp; Summits&gt;"
