"""Site language: UI strings and dates in Korean or English; native names' lang and dir; site warnings."""
from __future__ import annotations

import pytest

from chronicle.datetext import date_text, range_text
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
