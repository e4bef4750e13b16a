"""The data and context of timeline.html: events as drawable spans, lanes per facet, UI words.

The page works without JavaScript (the server-rendered axis and the list); timeline.js reads
the same facts from one inline JSON block, so the view opens from file:// with no fetch.
"""
from __future__ import annotations

import math
from dataclasses import dataclass

from markupsafe import Markup

from .axis_scale import domain, step, year_label
from ..dates.text import event_when, range_text
from ..dates import Date
from ..dates.calendars import day_number
from ..language.i18n import YearWords, ui_language, year_words
from ..content.model import TIMELINE_FACETS as FACETS, Event, Site
from ..formats.search import script_json
from ..link.sources import claim_source_name
from ..link.urls import entry_path

EN = {
    "view_title": "Timeline by lanes", "facet_label": "Lanes by", "people": "People", "places": "Places",
    "countries": "Countries", "tags": "Tags", "other": "None named", "filter": "Show lanes",
    "all": "All", "none": "None", "zoom_in": "Zoom in", "zoom_out": "Zoom out", "reset": "Whole timeline",
    "earlier": "Earlier", "later": "Later", "legend": "Key", "point": "an event on one day",
    "span": "an event over days or longer", "imprecise": "known only to the month or year",
    "fuzzy": "approximate or uncertain date", "open": "still going on, or end unknown",
    "cluster": "several events: select to zoom in", "approximate": "approximate", "uncertain": "uncertain",
    "ongoing": "ongoing", "end_unknown": "end unknown", "showing": "Showing {from} to {to}",
    "events_n": "{n} events", "help": "Drag or use the arrow keys to move; zoom with Ctrl (⌘ on a Mac) + scroll, a pinch, the buttons or the + and − keys.",
    "skip_chart": "Skip to the timeline chart", "wheel_hint": "Use Ctrl + scroll to zoom the timeline", "wheel_hint_mac": "Use ⌘ + scroll to zoom the timeline",
    "chart": "Zoomable timeline", "list": "Every event", "print_list": "Every event, by lane", "gap": "no events {period}", "decade": "{year}s",
}
KO = {**EN, "view_title": "갈래별 연표", "facet_label": "갈래 기준", "people": "인물", "places": "장소",
      "countries": "나라", "tags": "태그", "other": "지정 없음", "filter": "표시할 갈래", "all": "모두",
      "none": "없음", "zoom_in": "확대", "zoom_out": "축소", "reset": "전체 연표", "earlier": "이전",
      "later": "이후", "legend": "범례", "chart": "확대 가능한 연표", "list": "모든 사건", "print_list": "갈래별 모든 사건",
      "decade": "{year}년대", "point": "하루에 일어난 사건", "span": "며칠 이상 이어진 사건",
      "imprecise": "월이나 연도까지만 알려진 사건", "fuzzy": "대략적이거나 불확실한 날짜",
      "open": "아직 진행 중이거나 끝을 모름", "cluster": "여러 사건: 선택하면 확대", "approximate": "대략",
      "uncertain": "불확실", "ongoing": "진행 중", "end_unknown": "끝 미상", "showing": "{from}부터 {to}까지 표시",
      "events_n": "사건 {n}개", "gap": "{period} 사건 없음",
      "help": "끌거나 화살표 키로 이동합니다. Ctrl(Mac은 ⌘) + 스크롤, 두 손가락 오므리기, 버튼, + 와 − 키로 확대·축소합니다.",
      "skip_chart": "연표 차트로 건너뛰기", "wheel_hint": "Ctrl + 스크롤로 연표를 확대·축소합니다", "wheel_hint_mac": "⌘ + 스크롤로 연표를 확대·축소합니다",
      # Only timeline.js reads these (English is built into it): axis ticks and the status line.
      "months": [f"{m}월" for m in range(1, 13)], "bc": "기원전 {y}", "ym": "{y}년 {m}", "dm": "{m} {d}일",
      # Deep time counts in 억 (10^8) and 만 (10^4): '138억 년 전', '6,600만 년 전'.
      "ago": [[10 ** 8, "{n}억 년 전"], [10 ** 4, "{n}만 년 전"]]}


@dataclass(frozen=True)
class Span:
    """Where an event is drawn: from `start` to `end` (fractional years) and how sure that is."""

    start: float
    end: float | None  # None: a point (a day or less); math.inf: runs on (open end)
    kind: str  # "point", "span" (an interval), "imprecise" (a month, a year, 201X)
    fuzzy: bool  # approximate or uncertain
    open_end: bool  # '..' or an unknown end


@dataclass(frozen=True)
class Drawn:
    """Each event's span and spoken date, in site.events order: what the axes and the lanes all draw."""

    spans: tuple[Span, ...]
    spoken: tuple[str, ...]


def drawn_events(site: Site) -> Drawn:
    """The spans and spoken dates of every event, made once for the several figures a page set shows."""
    lang = site.config.language
    return Drawn(tuple(map(event_span, site.events)), tuple(spoken_when(e, lang) for e in site.events))


def strings(language: str) -> dict[str, str]:
    """The view's UI words in the site's language (English where a table has no entry)."""
    return KO if ui_language(language) == "ko" else EN


def event_span(event: Event) -> Span:
    """The drawable extent of an event: the whole span its dates may mean."""
    start, end = event.start, event.end
    fuzzy = start.qualified or bool(end and end.qualified) or start.unspecified
    first = _earliest(start)
    if end is None:
        last = _latest(start)
        day_or_less = start.precision == "day" and not start.unspecified
        return Span(first, None if day_or_less else last, "point" if day_or_less else "imprecise", fuzzy, False)
    open_end = end.edge in ("open_end", "unknown_end")
    return Span(first, math.inf if open_end else _latest(end), "span", fuzzy, open_end)


def spoken_when(event: Event, language: str) -> str:
    """The date as a screen reader should hear it, uncertainty written out ('c. 1958, approximate').

    An author's display_date is said as written: it is what the page shows.
    """
    t = strings(language)
    words = [event_when(event, language)]
    dates = [d for d in (event.start, event.end) if d is not None]
    if any(d.approximate for d in dates):
        words.append(t["approximate"])
    if any(d.uncertain for d in dates):
        words.append(t["uncertain"])
    edge = event.end.edge if event.end else ""
    if edge == "open_end":
        words.append(t["ongoing"])
    elif edge == "unknown_end":
        words.append(t["end_unknown"])
    return ", ".join(words)


def lanes(site: Site, facet: str) -> tuple[list[tuple[str, str]], list[list[int]]]:
    """The facet's lanes as (id, name) in order of first appearance, and each event's lane numbers.

    An event with no value for the facet goes in one last lane with id ''.
    """
    order: dict[str, str] = {}
    keys = [_keys(site, event, facet) for event in site.events]
    for found in keys:
        for key, name in found:
            order.setdefault(key, name)
    if any(not found for found in keys):
        order[""] = strings(site.config.language)["other"]
    index = {key: n for n, key in enumerate(order)}
    members = [[index[k] for k, _ in found] or [index[""]] for found in keys]
    return list(order.items()), members


def view_data(site: Site, drawn: Drawn | None = None) -> dict:
    """Everything timeline.js draws: events in timeline order, lanes per facet, eras, words."""
    lang, drawn = site.config.language, drawn or drawn_events(site)
    facets = {}
    per_event: list[dict[str, list[int]]] = [{} for _ in site.events]
    for facet in FACETS:
        named, members = lanes(site, facet)
        facets[facet] = [{"id": key, "name": name} for key, name in named]
        for slot, lane_list in zip(per_event, members):
            slot[facet] = lane_list
    events = [_event_json(site, e, per_event[i], drawn.spans[i], drawn.spoken[i]) for i, e in enumerate(site.events)]
    eras = [{"name": era.name, "s": s, "e": e} for era, (s, e) in zip(site.eras, era_days(site.eras))]
    return {"facet": site.config.timeline.lanes, "facets": facets, "events": events, "eras": eras,
            "t": strings(lang)}


def view_context(site: Site, drawn: Drawn | None = None) -> dict:
    """The context timeline.html receives."""
    drawn = drawn or drawn_events(site)
    data = view_data(site, drawn)
    starts = period_starts(site, drawn)
    heads = {}
    for i, event in enumerate(site.events):  # the first event of each period in the list carries its name
        heads.setdefault(starts.get(event.start.year, ""), i)
    return {"view_json": Markup(script_json(data)), "v": data["t"], "facets": FACETS,
            "facet": data["facet"], "facet_lanes": data["facets"][data["facet"]],
            "period_heads": {i: name for name, i in heads.items() if name},
            "print_lanes": print_lanes(data)}


def print_lanes(data: dict) -> list[dict]:
    """What print gives: each lane of the first facet as a heading, its events (indices) in date order.

    An event in two lanes is listed under both, as the chart draws it in both.
    """
    facet = data["facet"]
    found: list[dict] = [{"name": lane["name"], "events": []} for lane in data["facets"][facet]]
    for i, event in enumerate(data["events"]):
        for lane in event["l"][facet]:
            found[lane]["events"].append(i)
    return [lane for lane in found if lane["events"]]


def period_starts(site: Site, drawn: Drawn | None = None) -> dict[int, str]:
    """{first year with events of a print period: its name}, in time order.

    A period is one of the broken axis' clusters, cut at round steps: decades for a cluster of a
    few decades, centuries or more for long ones, so a printed page holds one legible stretch.
    """
    spans = [(span.start, span.start if span.end is None or math.isinf(span.end) else span.end)
             for span in (drawn.spans if drawn else map(event_span, site.events))]
    if not spans:
        return {}
    clusters = [seg for seg in domain(spans, 0.0, 1.0, breaks=True).segments if not seg.gap]
    decade = strings(site.config.language)["decade"]
    words = year_words(site.config.language)
    found: dict[int, str] = {}
    for year in sorted({event.start.year for event in site.events}):
        cluster = next((c for c in clusters if year <= c.hi), clusters[-1])
        name = _period_name(year, max(10, int(step(cluster.hi - cluster.lo, 4))), decade, words)
        if name not in found.values():
            found[year] = name
    return found


def _period_name(year: int, stride: int, decade: str, words: YearWords) -> str:
    """'1950s', '1900–1949', or '500 BC–476 BC': BC periods are round in BC years, as readers count them."""
    if year > 0:
        first = year // stride * stride
        if stride == 10 and first > 0:
            return decade.format(year=first)
        return f"{year_label(max(first, 1), words=words)}–{year_label(first + stride - 1, words=words)}"
    top = -(-(1 - year) // stride) * stride  # the period's earliest year, in BC numbering
    first, last = year_label(1 - top, words=words), year_label(1 - (top - stride + 1), words=words)
    return first if first == last else f"{first}–{last}"  # deep time: '13.8 billion years ago' alone


def _event_json(site: Site, event: Event, lane_map: dict[str, list[int]], span: Span, spoken: str) -> dict:
    item = {"t": event.title, "h": entry_path(event), "w": event_when(event, site.config.language),
            "a": spoken, "s": _first_day(event.start), "k": span.kind[0],
            "l": lane_map}
    if span.end is not None:
        item["e"] = None if math.isinf(span.end) else _after_day(event.end or event.start)
    if span.fuzzy:
        item["f"] = 1
    if span.open_end:
        item["o"] = 1
    claims = claim_days(site, event)
    if claims:
        item["c"] = claims
    return item


def claim_days(site: Site, event: Event) -> list[list]:
    """The other dates sources give (date_claims), as [first day, day after the last, 'October 1964: Global Times'].

    A claim with an open end has no place to mark and is left out, as on the index axis.
    """
    found = []
    for claim in event.date_claims:
        last = claim.end or claim.date
        if claim.date.edge or last.edge:
            continue
        when = range_text(claim.date, claim.end, site.config.language)
        name = claim_source_name(site.works, event, claim.source)
        found.append([_first_day(claim.date), _after_day(last), f"{when}: {name}" if name else when])
    return found


def _keys(site: Site, event: Event, facet: str) -> list[tuple[str, str]]:
    """(lane id, lane name) of an event for a facet, without repeats."""
    if facet == "people":
        found = [(s, site.people[s].name) for s in event.people if s in site.people]
    elif facet == "places":
        slugs = list(dict.fromkeys([*event.places, *(stop.place for stop in event.route)]))
        found = [(s, site.places[s].name) for s in slugs if s in site.places]
    elif facet == "countries":
        slugs = [*event.places, *(stop.place for stop in event.route)]
        found = [(c, c) for c in (site.places[s].country for s in slugs if s in site.places) if c]
    else:
        found = [(tag, tag.replace("-", " ")) for tag in event.tags]
    return list(dict.fromkeys(found))


def era_spans(eras) -> list[tuple[float, float]]:
    """(start, end) of each era as drawn, in fractional years.

    '600/650' then '650/700' is how eras are written, not a year both share: an era ends
    where another begins inside its last year, month or day, so the bands meet at 650.
    """
    spans = []
    for era in eras:
        end = _latest(era.end)
        last = (era.end.first_day(), era.end.last_day())
        for other in eras:
            begins = other.start.first_day()
            if other is not era and era.start.first_day() < begins and last[0] <= begins <= last[1]:
                end = min(end, _earliest(other.start))
        spans.append((_earliest(era.start), end))
    return spans


def era_days(eras) -> list[tuple[int, int]]:
    """(first day, day after the last) of each era as the lanes view draws it, in day numbers.

    The same rule as era_spans: '600/650' then '650/700' meet on the first day of 650.
    """
    spans = []
    for era in eras:
        end = _after_day(era.end)
        last = (era.end.first_day(), era.end.last_day())
        for other in eras:
            begins = other.start.first_day()
            if other is not era and era.start.first_day() < begins and last[0] <= begins <= last[1]:
                end = min(end, _first_day(other.start))
        spans.append((_first_day(era.start), end))
    return spans


def _earliest(date: Date) -> float:
    """The first moment a date may mean; its start for an open start, so it still has a place."""
    value = date.earliest()
    return date.fractional_year() if math.isinf(value) else value


def _latest(date: Date) -> float:
    """The end of the last day a date may mean (inf when it runs on)."""
    return date.latest()


def _first_day(date: Date) -> int:
    """The day number (days since 1970-01-01, proleptic Gregorian) a date's span begins on.

    timeline.js places everything by day number, so a day is a day at every zoom: fractional
    years make 28 February to 1 March wider than other days and put months on twelfths of a year.
    An open start still gets a place: its written day.
    """
    return day_number(date.earliest_day() or date.first_day())


def _after_day(date: Date) -> int:
    """The day number just after the last day a (bounded) date may mean: where its span ends."""
    return day_number(date.latest_day() or date.last_day()) + 1
