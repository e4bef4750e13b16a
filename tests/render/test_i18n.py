"""Site language: UI strings and dates in Korean or English; native names' lang and dir; site warnings."""
from __future__ import annotations

import pytest

from chronicle.dates.text import date_text, range_text
from chronicle.dates import parse_date
from tests.support import build

EVENT = ("---\ntitle: 김일성 하노이 방문\ndate: 1958-11-28\nend: 1958-12-02\npeople: [kim]\n---\n"
         "[[kim]] 방문.\n")
PERSON = "---\nname: Kim Il Sung\nnative_name: 김일성\nborn: 1912-04-15\n---\n"
OTHER = "---\ntitle: 정상회담\ndate: 2019-02-27~\nrelated: [visit]\n---\n"
KO_SITE = "title: 연표\nlanguage: ko\nbase_url: https://example.github.io/repo/\n"


@pytest.mark.parametrize("written, language, shown", [
    ("1958-11-28", "ko", "1958년 11월 28일"),
    ("1958-11", "ko", "1958년 11월"),
    ("1958~", "ko", "1958년경"),
    ("1958?", "ko", "1958년?"),
    ("-0043", "ko", "기원전 44년"),
    ("1958-11-28", "ko-KR", "1958년 11월 28일"),
    ("1958-11-28", "en", "28 November 1958"),
    ("-0043", "fr", "44 BC"),
])
def test_shows_dates_in_the_site_language(written, language, shown):
    assert date_text(parse_date(written), language) == shown


@pytest.mark.parametrize("start, end, shown", [
    ("2019-02-23", "2019-03-05", "2019년 2월 23일 ~ 3월 5일"),
    ("1958", "1960", "1958년 ~ 1960년"),
    ("-0043", "0014", "기원전 44년 ~ 14년"),
])
def test_shows_korean_intervals(start, end, shown):
    assert range_text(parse_date(start), parse_date(end), "ko") == shown


@pytest.fixture
def korean(content, tmp_path):
    output = tmp_path / "site"
    run = build(content({"events/visit.md": EVENT, "events/summit.md": OTHER, "people/kim.md": PERSON},
                        site_yaml=KO_SITE), output)
    assert run.code == 0, run.err
    assert "warning" not in run.err
    return output


@pytest.mark.parametrize("path, fragments", [
    ("events/visit.html", ['<p class="when">1958년 11월 28일 ~ 12월 2일</p>', "<dt>인물</dt>",
                           '<h2 id="backlinks-h">이 항목을 언급한 글</h2>', 'aria-label="이전 사건과 다음 사건"',
                           '<span class="when">2019년 2월 27일경</span>', '<a class="skip-link" href="#main">본문으로 건너뛰기</a>',
                           '<li><a href="../people/index.html">인물</a></li>', '<button type="submit">검색</button>']),
    ("index.html", ['<a href="years/1958.html">1958년</a>', '<span class="when">1958년 11월 28일 ~ 12월 2일</span>']),
    ("people/kim.html", ['<p class="when">1912년 4월 15일 출생</p>', '<h2 id="events-h">사건</h2>']),
    ("people/index.html", ["<h1>인물</h1>", '<span class="count">사건 1개</span>']),
    ("years/1958.html", ["<title>1958년 · 연표</title>"]),
])
def test_korean_site_reads_in_korean(korean, path, fragments):
    html = (korean / path).read_text()
    missing = [f for f in fragments if f not in html]
    assert missing == []
    for english in ("Referenced by", "Skip to content", ">People<", "November", "Events<"):
        assert english not in html


def test_unknown_language_falls_back_to_english_with_a_warning(content, tmp_path):
    site_yaml = "title: T\nlanguage: xx\nbase_url: https://example.github.io/repo/\n"
    run = build(content({"events/visit.md": EVENT, "people/kim.md": PERSON}, site_yaml=site_yaml),
                tmp_path / "site")
    assert run.code == 0, run.err
    assert ("content/site.yaml: warning: language 'xx' has no UI strings (provided: en, ko); "
            "headings and dates are in English") in run.err.splitlines()
    html = (tmp_path / "site/events/visit.html").read_text()
    assert '<p class="when">28 November – 2 December 1958</p>' in html
    assert '<html lang="xx">' in html


def test_missing_base_url_warns_once_naming_site_yaml(content, tmp_path):
    run = build(content({"events/visit.md": EVENT, "people/kim.md": PERSON}, site_yaml="title: T\n"),
                tmp_path / "site")
    assert run.code == 0, run.err
    warnings = [line for line in run.err.splitlines() if "base_url" in line]
    assert warnings == ["content/site.yaml: warning: no 'base_url': feed.xml, calendar.ics and sitemap.xml "
                        "need the published address; add e.g. 'base_url: https://user.github.io/repo/'"]


@pytest.mark.parametrize("native, expected", [
    ("native_name: 김일성", '<span class="native" lang="ko">김일성</span>'),
    ("native_name: 金日成\nnative_lang: ko-Hani", '<span class="native" lang="ko-Hani">金日成</span>'),
    ("native_name: جمال عبد الناصر\nnative_lang: ar", '<span class="native" lang="ar" dir="rtl">جمال عبد الناصر</span>'),
    ("native_name: دمشق", '<span class="native" dir="rtl">دمشق</span>'),
    ("native_name: ירושלים\nnative_lang: he", '<span class="native" lang="he" dir="rtl">ירושלים</span>'),
    ("native_name: ܐܘܪܗܝ\nnative_lang: syr", '<span class="native" lang="syr" dir="rtl">ܐܘܪܗܝ</span>'),
    ("native_name: Dimashq\nnative_lang: ar-Latn", '<span class="native" lang="ar-Latn">Dimashq</span>'),
])
def test_native_names_carry_lang_and_direction(content, tmp_path, native, expected):
    files = {"events/visit.md": EVENT, "people/kim.md": PERSON,
             "places/x.md": f"---\nname: X\n{native}\n---\n"}
    run = build(content(files), tmp_path / "site")
    assert run.code == 0, run.err
    assert expected in (tmp_path / "site/places/x.html").read_text()
    assert expected in (tmp_path / "site/places/index.html").read_text()


def test_invalid_native_lang_is_an_error(content, tmp_path):
    files = {"places/x.md": "---\nname: X\nnative_name: Y\nnative_lang: not a tag\n---\n"}
    run = build(content(files), tmp_path / "site")
    assert run.code == 1
    assert run.error_lines == ["content/places/x.md:4: native_lang: invalid language tag 'not a tag': "
                               "use a BCP 47 tag such as 'ko' or 'zh-Hant'"]


# --- A whole Korean site: no English UI word anywhere a reader meets it ----------------------------

import re  # noqa: E402

from tests.content.test_media import png  # noqa: E402

KO_FILES = {
    "events/trip.md": (
        "---\ntitle: 하노이 방문\ndate: 1958-11-28\nend: 1958-12-02\nsummary: 기차로 간 방문.\n"
        "people: [kim]\nplaces: [hanoi]\ntags: [diplomacy]\n"
        "route:\n  - {place: pyongyang, date: 1958-11-28, time: '08:15', mode: train}\n"
        "  - {place: lost, date: 1958-11-29}\n  - {place: beijing, date: 1958-11-30, mode: plane}\n"
        "  - {place: hanoi, date: 1958-12-01, mode: car}\n"
        "sources:\n  - {title: 로동신문, publisher: 로동신문사, date: 1958-12-03}\n"
        "image: {src: assets/train.png, alt: 열차, caption: 평양역}\n---\n[[kim]]의 방문. [[about]]\n"),
    "events/old.md": "---\ntitle: 고조선\ndate: '-0107~'\n---\n옛날.\n",
    "events/later.md": "---\ntitle: 회담\ndate: 2019-02-27/..\nrelated: [trip]\n---\n",
    "people/kim.md": "---\nname: Kim Il Sung\nnative_name: 김일성\nborn: 1912-04-15\ndied: 1994-07-08\n---\n",
    "places/pyongyang.md": "---\nname: 평양\nnative_name: 평양\ncountry: 조선\nlat: 39.03\nlon: 125.75\n---\n",
    "places/beijing.md": "---\nname: 베이징\nlat: 39.9\nlon: 116.4\n---\n",
    "places/hanoi.md": "---\nname: 하노이\nlat: 21.03\nlon: 105.85\n---\n",
    "places/lima.md": "---\nname: 리마\nlat: -12.05\nlon: -77.04\n---\n",
    "places/lost.md": "---\nname: 어딘가\n---\n",
    "pages/about.md": "---\ntitle: 소개\n---\n이 연표에 대하여.\n",
    "assets/train.png": png(4, 3),
}
# Words of the generator's own English UI (not the author's text): none may reach a Korean reader.
ENGLISH_UI = [
    "BC",
    "no events", "February", "c. ", "ongoing", "Read more",
    "Previous stop", "Next stop", "Whole route", "Step through", "Stop {n}", "arrow keys", "Route map",
    "Route:", "Map of all places", "Map:", " places;", "Leg ", "Every place with coordinates",
    "There is no page", "the timeline", "Search needs JavaScript", "The same events", "needs JavaScript",
    "No results", " results", "Type to search", "° N", "° S", "° E", "° W", "Train", "Plane", "Car<",
    "Other / unknown", "an event on one day", "an event over days", "known only to", "approximate",
    "uncertain", "end unknown", "Showing", "{n} events", "Drag, scroll", "Key<",
    "January", "March", "April", "November", "December", '"Jan"', '"Nov"',
    "Referenced by", "Skip to content", "Sources", "Itinerary", "Arrived by", ">train<", ">plane<",
    "born ", "died ", "b. ", "d. ", "Date:", "Person", "Event", "Page",
]


@pytest.fixture(scope="module")
def korean_site(tmp_path_factory):
    from tests.support import write_tree
    root = tmp_path_factory.mktemp("ko")
    write_tree(root / "content", {"site.yaml": KO_SITE, **KO_FILES})
    run = build(root / "content", root / "site")
    assert run.code == 0, run.err
    return root / "site"


def _reader_files(site) -> list:
    """Every built page and generated text a reader meets; theme code (assets/*.js, css) is language-free."""
    return [p for p in sorted(site.rglob("*")) if p.is_file() and (
        p.suffix in (".html", ".xml", ".ics") or p.name == "search-index.js")]


def _reader_text(path) -> str:
    """The text of a file without schema.org JSON-LD (machine vocabulary) and JSON keys (identifiers)."""
    text = re.sub(r'<script type="application/ld\+json">.*?</script>', "", path.read_text(encoding="utf-8"), flags=re.S)
    return re.sub(r'"[a-z_]+":', "", text)


def test_korean_site_has_every_page_kind(korean_site):
    names = {p.relative_to(korean_site).as_posix() for p in _reader_files(korean_site)}
    assert {"events/trip.html", "people/kim.html", "places/hanoi.html", "pages/about.html", "tags/diplomacy.html",
            "years/1958.html", "people/index.html", "places/index.html", "tags/index.html", "search.html",
            "404.html", "timeline.html", "timelinejs.html", "index.html", "feed.xml", "calendar.ics",
            "assets/search-index.js"} <= names


@pytest.mark.parametrize("english", ENGLISH_UI)
def test_korean_site_shows_no_english_ui_word(korean_site, english):
    found = [p.relative_to(korean_site).as_posix() for p in _reader_files(korean_site)
             if english in _reader_text(p)]
    assert found == []


# --- The time axis, TimelineJS and the calendar in Korean (issue 13) ------------------------------

import json  # noqa: E402
import xml.etree.ElementTree as ET  # noqa: E402

from chronicle.figures.axis import AxisMark, time_axis_svg  # noqa: E402
from chronicle.figures.axis_scale import year_label  # noqa: E402
from chronicle.language.i18n import year_words  # noqa: E402
from tests.figures.test_axis import by_class, parse, tick_labels  # noqa: E402


@pytest.mark.parametrize("year, ad_prefix, shown", [
    (-43, False, "기원전 44"),
    (0, False, "기원전 1"),
    (1958, False, "1958"),
    (10, True, "서기 10"),
    (-12_000, False, "기원전 12,001"),
    (-65_999_999, False, "6600만 년 전"),
    (-13_799_999_999, False, "138억 년 전"),
    (-1_499_999, False, "150만 년 전"),
])
def test_axis_years_read_in_korean(year, ad_prefix, shown):
    assert year_label(year, ad_prefix, year_words("ko")) == shown


def _ko_axis(*marks: AxisMark) -> ET.Element:
    return parse(time_axis_svg(marks, title="연표", breaks=True, language="ko"))


def test_korean_axis_describes_itself_and_its_breaks_in_korean():
    root = _ko_axis(AxisMark("a", "a.html", -107.0, None), AxisMark("b", "b.html", 1958.9, None),
                    AxisMark("c", "c.html", 2019.2, None))
    desc = root.find("{http://www.w3.org/2000/svg}desc").text
    assert desc == "사건 3개, 기원전 109부터 서기 2061까지; 기원전 108–서기 1957 사건 없음"
    breaks = [g.find("{http://www.w3.org/2000/svg}title").text for g in by_class(root, "axis-break")]
    assert breaks == ["기원전 108–서기 1957 사건 없음"]
    assert tick_labels(root)[0].startswith("기원전 ") and "서기 2000" in tick_labels(root)


def test_korean_axis_ticks_name_months_in_korean():
    root = _ko_axis(AxisMark("a", "a.html", 1958 + 10 / 12, None), AxisMark("b", "b.html", 1959 + 1 / 12, None))
    assert tick_labels(root) == ["1958년 7월", "9월", "11월", "1959", "3월", "5월"]


def test_korean_axis_bins_count_events_in_korean():
    marks = [AxisMark(f"e{i}", f"e{i}.html", 1900 + i / 3, None) for i in range(300)]
    root = parse(time_axis_svg(marks, title="연표", language="ko"))
    labels = [a.get("aria-label") for a in by_class(root, "axis-bin")]
    assert labels[0] == "사건 3개, 1900" and all(label.startswith("사건 ") for label in labels)


def test_korean_timelinejs_slides_show_korean_dates_and_links(korean_site):
    slides = json.loads((korean_site / "timeline.json").read_text(encoding="utf-8"))["events"]
    shown = {slide["unique_id"]: slide.get("display_date") for slide in slides}
    assert shown == {"old": "기원전 108년경", "trip": None, "later": "2019년 2월 27일부터 (진행 중)"}
    assert all('">자세히 보기</a></p>' in slide["text"]["text"] for slide in slides)
    inline = (korean_site / "timelinejs.html").read_text(encoding="utf-8")
    assert "기원전 108년경" in inline and "Read more" not in inline


def test_korean_calendar_names_approximate_dates_in_korean(korean):
    calendar = (korean / "calendar.ics").read_text(encoding="utf-8")
    assert "DESCRIPTION:날짜: 2019년 2월 27일경" in calendar.splitlines()
    assert "Date:" not in calendar


@pytest.mark.parametrize("site_yaml, language, locale", [
    (KO_SITE, "ko", "타임라인을 불러오고 있습니다"),
    (KO_SITE.replace("language: ko", "language: ko-KR"), "ko", "타임라인을 불러오고 있습니다"),
    (KO_SITE.replace("language: ko", "language: en"), "en", None),
])
def test_timelinejs_page_follows_the_site_language(content, tmp_path, site_yaml, language, locale):
    run = build(content({"events/visit.md": EVENT, "people/kim.md": PERSON}, site_yaml), tmp_path / "site")
    assert run.code == 0, run.err
    page = (tmp_path / "site/timelinejs.html").read_text(encoding="utf-8")
    assert f'<div id="timeline-embed" data-language="{language}"></div>' in page
    assert ('<script type="application/json" id="timeline-locale">' in page) == (locale is not None)
    assert locale is None or locale in page
    script = (tmp_path / "site/assets/timeline-init.js").read_text(encoding="utf-8")
    assert 'language: "en"' not in script and "language: language()," in script
