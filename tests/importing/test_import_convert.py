"""Importer conversions: slugs, TimelineJS dates to EDTF, display dates, HTML to Markdown."""
from __future__ import annotations

import markdown
import pytest

from chronicle.importing.html import html_to_markdown, html_to_text, is_plain_paragraph
from chronicle.importing.dates import dates_from_display
from chronicle.importing.reader import SlideError, timelinejs_date
from chronicle.importing.command import slugify, unique_slug

NAMES = ("Year", "Month", "Day")


@pytest.mark.parametrize("headline, slug", [
    ("Kim Il Sung in Hà Nội", "kim-il-sung-in-ha-noi"),
    ("Đồng Đăng: arrival!", "dong-dang-arrival"),
    ("Straße & Æsir  -- ØL", "strasse-aesir-ol"),
    ("  Summit (2nd)  ", "summit-2nd"),
    ("김정은", "event"),
    ("a" * 70, "a" * 60),
    ("word " * 20, "-".join(["word"] * 12)),
])
def test_slugify_folds_accents_and_falls_back(headline, slug):
    assert slugify(headline) == slug


def test_unique_slug_counts_from_two_and_skips_taken_names():
    used: set[str] = set()
    assert [unique_slug(s, used) for s in ("a", "a", "a-2", "a")] == ["a", "a-2", "a-2-2", "a-3"]


@pytest.mark.parametrize("parts, iso", [
    (("1958", "11", "28"), "1958-11-28"),
    ((1958, 11, None), "1958-11"),
    (("1958", "", ""), "1958"),
    (("-2333", "", ""), "-2332"),
    ((-44, 3, 15), "-0043-03-15"),
    (("-1", None, None), "0000"),
    (("+12", "1", "1"), "0012-01-01"),
    ((2020.0, 2, 29), "2020-02-29"),
    ((-10000, None, None), "-9999"),
    (("-5", "2", "29"), "-0004-02-29"),  # ISO -4 is a leap year, like 4 and 2020
])
def test_timelinejs_dates_become_edtf_without_year_zero(parts, iso):
    assert timelinejs_date(*parts, NAMES).iso() == iso


def test_blank_date_is_none():
    assert timelinejs_date("", " ", None, NAMES) is None


@pytest.mark.parametrize("parts, message", [
    (("abc", "", ""), "Year 'abc' is not a number"),
    (("1958.5", "", ""), "Year '1958.5' is not a number"),
    ((1958.5, None, None), "Year '1958.5' is not a whole number"),
    ((True, None, None), "Year True is not a number"),
    (("0", "", ""), "Year '0' does not exist in TimelineJS (1 BC is -1)"),
    (("1958", "0", ""), "Month '0' is not 1-12"),
    (("2019", "2", "29"), "Day '29' does not exist in February 2019"),
    (("-6", "2", "29"), "Day '29' does not exist in February 6 BC"),  # ISO -5
    (("", "3", ""), "Month is given without Year"),
    (("1958", "", "3"), "Day is given without Month"),
])
def test_bad_timelinejs_dates_say_what_is_wrong(parts, message):
    with pytest.raises(SlideError) as caught:
        timelinejs_date(*parts, NAMES)
    assert str(caught.value) == message


@pytest.mark.parametrize("start, end, display, expected", [
    ("1958", None, "", ("1958", None, None)),
    ("1958", None, "1958", ("1958", None, None)),
    ("-2332", None, "c. 2333 BC", ("-2332~", None, None)),
    ("1958", None, "Circa 1958", ("1958~", None, None)),
    ("1958", None, "1958?", ("1958?", None, None)),
    ("1958", None, "ca. 1958?", ("1958%", None, None)),
    ("1950", "1953", "c. 1950 - 1953?", ("1950~", "1953?", None)),
    ("2019-02-27", "2019-02-28", "27–28 February 2019", ("2019-02-27", "2019-02-28", None)),
    ("1958", None, "Spring 1958", ("1958-21", None, None)),
    ("1958", None, "Frühjahr 1958", ("1958", None, "Frühjahr 1958")),
])
def test_display_dates_set_qualifiers_or_become_display_dates(start, end, display, expected):
    assert dates_from_display(display, _tl(start), _tl(end) if end else None) == expected


def _tl(text: str):
    """A TimelineJS date from EDTF-like text such as '-2332' or '2019-02-27'."""
    sign = -1 if text.startswith("-") else 1
    parts = [int(p) for p in text.lstrip("-").split("-")] + [None, None]
    year = sign * parts[0]
    return timelinejs_date(year - 1 if year <= 0 else year, parts[1], parts[2], NAMES)


@pytest.mark.parametrize("html, md", [
    ("Plain text", "Plain text"),
    ("<p>One</p><p>Two</p>", "One\n\nTwo"),
    ("<p>Line<br>break</p>", "Line  \nbreak"),
    ("<b>bold</b> <strong>strong</strong> <i>it</i> <em> em </em>!", "**bold** **strong** *it* *em* !"),
    ('<a href="https://example.org/a b">site</a>', "[site](https://example.org/a%20b)"),
    ('<a href="javascript:alert(1)">click</a>', "click"),
    ('<a href="https://example.org"></a>', "[https://example.org](https://example.org)"),
    ("<ul><li>a</li><li>b<ul><li>c</li></ul></li></ul>", "- a\n- b\n    - c"),
    ("<ol><li>first</li><li>second</li></ol>", "1. first\n2. second"),
    ("<p>x</p><script>alert(1)</script><style>p{}</style>", "x"),
    ("2 * 3 = [six] and a_b", "2 \\* 3 = \\[six\\] and a\\_b"),
    ("&lt;script&gt; &amp;amp; AT&amp;T", "&lt;script> &amp;amp; AT&T"),
    ("<p># not a heading</p><p>1. not a list</p>", "\\# not a heading\n\n1\\. not a list"),
    ("<p>unclosed <b>bold", "unclosed bold"),
])
def test_html_becomes_markdown(html, md):
    assert html_to_markdown(html) == md


def test_markdown_renders_back_to_the_same_text():
    html = "<p>AT&amp;T &lt;b&gt; 2 * 3 [x] <a href='https://e.org/?a=1&amp;b=2'>link</a></p>"
    rendered = markdown.markdown(html_to_markdown(html))
    assert rendered == ('<p>AT&amp;T &lt;b&gt; 2 * 3 [x] '
                        '<a href="https://e.org/?a=1&amp;b=2">link</a></p>')


@pytest.mark.parametrize("html, text, plain", [
    ("Rails &amp; <i>Rulers</i>", "Rails & Rulers", False),
    ("<p> Many\n  spaces </p>", "Many spaces", True),
    ("<ul><li>a</li><li>b</li></ul>", "a b", False),
    ("<p>a</p><p>b</p>", "a b", False),
    ("", "", True),
])
def test_html_to_text_and_plain_paragraph_detection(html, text, plain):
    assert (html_to_text(html), is_plain_paragraph(html)) == (text, plain)
