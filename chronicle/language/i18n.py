"""Site UI strings in each provided language, chosen by site.yaml's `language`.

Templates hold markup only; every word a reader sees outside the content arrives as the
`t` mapping. A language without a table falls back to English, with one warning.
"""
from __future__ import annotations

import json
from dataclasses import dataclass
from pathlib import Path

from ..errors import Problem

LOCALES = Path(__file__).parent.parent / "data"  # timelinejs-<language>.json

EN: dict[str, str] = {
    "skip": "Skip to content", "main_nav": "Main", "timeline": "Timeline", "people": "People",
    "places": "Places", "tags": "Tags", "pages_nav": "Pages", "search": "Search",
    "search_label": "Search the timeline", "search_placeholder": "Search…", "site_search": "Site search",
    "interactive": "Interactive timeline", "data": "Data", "atom": "Atom feed",
    "route": "Route", "route_caption": "Route map; the table below lists every stop.",
    "itinerary": "Itinerary, stop by stop", "col_place": "Place", "col_date": "Date", "col_time": "Time",
    "col_mode": "Arrived by", "col_note": "Note", "sources": "Sources", "related": "Related events",
    "referenced_by": "Referenced by", "prev_next": "Previous and next event", "previous": "Previous",
    "next": "Next", "events": "Events", "no_events_person": "No events name this person yet.",
    "no_events_place": "No events name this place yet.",
    "no_events": "No events yet: add a Markdown file to", "event_one": "{n} event", "event_many": "{n} events",
    "tag_title": "Tag: {tag}", "people_title": "People", "places_title": "Places", "tags_title": "Tags",
    "search_title": "Search", "search_field": "Search events, people, places and tags",
    "not_found": "Page not found", "born": "born {date}", "died": "died {date}",
    "missing_stops": "{n} stops have no coordinates: {names}", "missing_stop": "1 stop has no coordinates: {names}",
    "prev_stop": "Previous stop", "next_stop": "Next stop", "whole_route": "Whole route",
    "step_stops": "Step through the stops", "stop_status": "Stop {n} of {total}: {place}, {date}",
    "stop_keys": "With the itinerary focused, the arrow keys move from stop to stop.",
    # {name} marks a link; the link words are link_<name> (see _macros.html linked).
    "not_found_body": "There is no page at this address. Try {timeline}, {search}, or the lists of {people}, "
                      "{places} and {tags}.",
    "link_timeline": "the timeline", "link_search": "search", "link_people": "people", "link_places": "places",
    "link_tags": "tags", "link_plain": "the plain timeline", "link_plain_start": "The plain timeline",
    "noscript_search": "Search needs JavaScript. Without it, browse {timeline}, {people}, {places} and {tags}.",
    "timelinejs_intro": "The same events in {timelinejs}. {plain_start} needs no JavaScript.",
    "timelinejs_noscript": "The interactive timeline needs JavaScript. Without it, read {plain}.",
    "places_map_caption": "Every place with coordinates; the list below names them all.",
    "north": "{v}° N", "south": "{v}° S", "east": "{v}° E", "west": "{v}° W",
    "map_route_title": "Route map: {title}", "map_route": "Route: {stops}", "map_no_stops": "No stops",
    "map_no_coordinates": "no coordinates for stop {stops}", "map_leg": "Leg {n}: {a} → {b} ({mode})",
    "map_mode_unknown": "unknown", "map_stop": "Stop {num}: {tip}", "map_stops": "Stops {num}: {tip}",
    "map_places": "{n} places", "map_highlighted": "; highlighted: {name}", "map_place_title": "Map: {name}",
    "map_all_places": "Map of all places", "axis_title": "{title}: time axis",
    "axis_count": "{n} events", "axis_range": "{first} to {last}", "axis_gap": "no events {period}",
    "axis_bin_one": "{n} event, {period}", "axis_bin_many": "{n} events, {period}",
    "read_more": "Read more", "ics_date": "Date: {when}",
    "source_n": "Source {n}", "archived_copy": "archived copy", "accessed": "accessed {date}",
    "in_bibliography": "in the bibliography", "sources_title": "Sources", "cited_by": "Cited by",
    "works_count": "{n} works", "work_count_one": "1 work", "sources_differ": "Sources differ",
    "sources_differ_intro": "This page gives {date}. The sources say:", "claim_source": "source {n}",
    "bibliography_json": "Bibliography (CSL-JSON)", "original": "original",
    "names": "Names", "name_from": "from {date}", "name_until": "until {date}",
}
KO: dict[str, str] = {
    "source_n": "출처 {n}", "archived_copy": "보관된 사본", "accessed": "{date} 열람",
    "in_bibliography": "참고문헌에서 보기", "sources_title": "참고문헌", "cited_by": "인용한 항목",
    "works_count": "문헌 {n}건", "work_count_one": "문헌 1건", "sources_differ": "출처마다 다름",
    "sources_differ_intro": "이 페이지는 {date}(으)로 씁니다. 출처별 기록:", "claim_source": "출처 {n}",
    "bibliography_json": "참고문헌 (CSL-JSON)", "original": "원문",
    "skip": "본문으로 건너뛰기", "main_nav": "주 메뉴", "timeline": "연표", "people": "인물",
    "places": "장소", "tags": "태그", "pages_nav": "안내", "search": "검색",
    "search_label": "연표 검색", "search_placeholder": "검색…", "site_search": "사이트 검색",
    "interactive": "인터랙티브 연표", "data": "데이터", "atom": "Atom 피드",
    "route": "경로", "route_caption": "경로 지도. 아래 표에 모든 경유지가 있습니다.",
    "itinerary": "경유지별 여정", "col_place": "장소", "col_date": "날짜", "col_time": "시각",
    "col_mode": "이동 수단", "col_note": "비고", "sources": "출처", "related": "관련 사건",
    "referenced_by": "이 항목을 언급한 글", "prev_next": "이전 사건과 다음 사건", "previous": "이전",
    "next": "다음", "events": "사건", "no_events_person": "이 인물이 나오는 사건이 아직 없습니다.",
    "no_events_place": "이 장소가 나오는 사건이 아직 없습니다.",
    "no_events": "아직 사건이 없습니다. Markdown 파일을 추가할 곳:", "event_one": "사건 {n}개",
    "event_many": "사건 {n}개", "tag_title": "태그: {tag}", "people_title": "인물", "places_title": "장소",
    "tags_title": "태그", "search_title": "검색", "search_field": "사건, 인물, 장소, 태그 검색",
    "not_found": "페이지를 찾을 수 없습니다", "born": "{date} 출생", "died": "{date} 사망",
    "missing_stops": "경유지 {n}곳의 좌표가 없습니다: {names}",
    "missing_stop": "경유지 1곳의 좌표가 없습니다: {names}",
    "prev_stop": "이전 경유지", "next_stop": "다음 경유지", "whole_route": "전체 경로",
    "step_stops": "경유지 차례로 보기", "stop_status": "경유지 {total}곳 중 {n}번째: {place}, {date}",
    "stop_keys": "여정 표에 초점을 두면 화살표 키로 경유지를 하나씩 옮겨 갈 수 있습니다.",
    "not_found_body": "이 주소에는 페이지가 없습니다. {timeline}, {search}, 또는 {people}·{places}·{tags} 목록을 "
                      "이용해 보세요.",
    "link_timeline": "연표", "link_search": "검색", "link_people": "인물", "link_places": "장소",
    "link_tags": "태그", "link_plain": "기본 연표", "link_plain_start": "기본 연표",
    "noscript_search": "검색하려면 JavaScript가 필요합니다. 대신 {timeline}나 {people}·{places}·{tags} 목록을 "
                       "둘러보세요.",
    "timelinejs_intro": "같은 사건을 {timelinejs}로 보여 줍니다. {plain_start}는 JavaScript 없이 볼 수 있습니다.",
    "timelinejs_noscript": "인터랙티브 연표를 보려면 JavaScript가 필요합니다. 대신 {plain}를 읽어 보세요.",
    "places_map_caption": "좌표가 있는 모든 장소. 아래 목록에 모든 장소가 있습니다.",
    "north": "북위 {v}°", "south": "남위 {v}°", "east": "동경 {v}°", "west": "서경 {v}°",
    "map_route_title": "경로 지도: {title}", "map_route": "경로: {stops}", "map_no_stops": "경유지 없음",
    "map_no_coordinates": "좌표가 없는 경유지: {stops}", "map_leg": "구간 {n}: {a} → {b} ({mode})",
    "map_mode_unknown": "수단 미상", "map_stop": "경유지 {num}: {tip}", "map_stops": "경유지 {num}: {tip}",
    "map_places": "장소 {n}곳", "map_highlighted": "; 강조: {name}", "map_place_title": "지도: {name}",
    "map_all_places": "모든 장소 지도", "axis_title": "{title}: 시간 축",
    "axis_count": "사건 {n}개", "axis_range": "{first}부터 {last}까지", "axis_gap": "{period} 사건 없음",
    "axis_bin_one": "사건 {n}개, {period}", "axis_bin_many": "사건 {n}개, {period}",
    "read_more": "자세히 보기", "ics_date": "날짜: {when}",
    "names": "이름", "name_from": "{date}부터", "name_until": "{date}까지",
    # search.js reads these from search.html (English is its built-in default).
    "search_words": json.dumps({
        "prompt": "사건, 인물, 장소를 검색하려면 입력하세요.", "none": "“{q}”에 대한 결과 없음.",
        "one": "결과 1개", "many": "결과 {n}개", "more": " 중 처음 {shown}개 표시, {rest}개 더 있음: 검색어를 더해 좁혀 보세요",
        "end": ".", "event": "사건", "person": "인물", "place": "장소", "page": "안내", "work": "문헌"},
        ensure_ascii=False),
}
TABLES = {"en": EN, "ko": KO}


@dataclass(frozen=True)
class YearWords:
    """How the time axis writes years and months (ticks, breaks, bins, its description)."""

    bc: str  # a year before AD 1, '{y}' its number: '44 BC'
    ad: str  # an AD year beside BC ones: 'AD 10'
    month_year: str  # '{m}' a short month name
    months: tuple[str, ...]
    ago: tuple[tuple[int, str], ...]  # (unit, '{v} ...'): deep time counted back, largest unit first


YEAR_WORDS = {
    "en": YearWords("{y} BC", "AD {y}", "{m} {y}",
                    ("Jan", "Feb", "Mar", "Apr", "May", "Jun", "Jul", "Aug", "Sep", "Oct", "Nov", "Dec"),
                    ((10 ** 9, "{v} billion years ago"), (10 ** 6, "{v} million years ago"))),
    # Korean counts large numbers in 만 (10^4) and 억 (10^8): 13.8 billion years is 138억 년.
    "ko": YearWords("기원전 {y}", "서기 {y}", "{y}년 {m}", tuple(f"{m}월" for m in range(1, 13)),
                    ((10 ** 8, "{v}억 년 전"), (10 ** 4, "{v}만 년 전"))),
}


def year_words(language: str) -> YearWords:
    """The axis' year and month words for a site language."""
    return YEAR_WORDS[ui_language(language)]


def ui_language(language: str) -> str:
    """The table for a BCP 47 tag: 'ko-KR' uses 'ko'; unknown languages use 'en'."""
    primary = (language or "en").split("-")[0].lower()
    return primary if primary in TABLES else "en"


def timelinejs_locale(language: str) -> tuple[str, dict | None]:
    """TimelineJS's language for the site, and its locale table unless it is English (built in).

    The tables are TimelineJS 3.9.11's own (dist/js/locale/, MPL-2.0 like the vendored script),
    one per language with UI strings here, so the TimelineJS page speaks the site's language.
    """
    code = ui_language(language)
    if code == "en":
        return code, None
    return code, json.loads(LOCALES.joinpath(f"timelinejs-{code}.json").read_text(encoding="utf-8"))


def strings(language: str) -> dict[str, str]:
    """The UI strings for a site language."""
    return TABLES[ui_language(language)]


def language_problem(language: str, config_path: str, line: int) -> Problem | None:
    """A warning when site.yaml names a language that has no UI strings."""
    if not language or ui_language(language) != "en" or language.split("-")[0].lower() == "en":
        return None
    provided = ", ".join(sorted(TABLES))
    return Problem(config_path, line, f"language '{language}' has no UI strings (provided: {provided}); "
                                      "headings and dates are in English", warning=True)
