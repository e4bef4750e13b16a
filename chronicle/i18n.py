"""Site UI strings in each provided language, chosen by site.yaml's `language`.

Templates hold markup only; every word a reader sees outside the content arrives as the
`t` mapping. A language without a table falls back to English, with one warning.
"""
from __future__ import annotations

from .errors import Problem

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
}
KO: dict[str, str] = {
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
}
TABLES = {"en": EN, "ko": KO}


def ui_language(language: str) -> str:
    """The table for a BCP 47 tag: 'ko-KR' uses 'ko'; unknown languages use 'en'."""
    primary = (language or "en").split("-")[0].lower()
    return primary if primary in TABLES else "en"


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
