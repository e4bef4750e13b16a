"""Build-time SVG time axis: events proportional to time, binned when dense, eras as bands.

With `breaks`, long empty stretches shrink to a marked break (focus + context), so clusters
decades apart each get legible room; scale and ticks live in axis_scale.py.
"""
from __future__ import annotations

import hashlib
import math
import unicodedata
from dataclasses import dataclass
from typing import Callable, Sequence

from markupsafe import Markup, escape

from .axis_scale import MONTHS, Scale, Segment, domain, fmt, step, ticks, year_label  # noqa: F401 (re-exported)
from ..language.i18n import YearWords, strings, year_words

WIDTH, MARGIN = 1000.0, 30.0
MAX_MARKS = 200  # beyond this (or more than one mark per 4 px) marks are binned
MAX_BINS = 120  # ~8 px per bin at least: each bin stays a clickable target
MAX_LANES, LANE_H, BIN_H = 8, 14.0, 60.0
BAND_ROW_H, CHAR_W = 15.0, 6.3  # era label rows; ~px per character at 11 px
TICK_CHAR_W, TICK_ROW_H, TICK_ROWS = 6.9, 14.0, 3  # tick labels: ~px per character at 12 px; rows
ACCENT = "#8b1e3f"
BAND_FILLS = ("#4f7cac", "#ac7f4f")  # alternate so adjacent eras stay distinct

BinHref = Callable[[int, int], "str | None"]


@dataclass(frozen=True)
class Words:
    """The axis' words in the site language: sentences (the i18n table) and how years read."""

    t: dict[str, str]
    years: YearWords
    bc: bool  # BC years in view: AD years say so

    def year(self, year: int) -> str:
        return year_label(year, self.bc, self.years)


@dataclass(frozen=True)
class AxisMark:
    """One event on the axis; `end` None for a point event."""

    label: str  # accessible name, e.g. "28 November 1958: Kim Il Sung flies to Hanoi"
    href: str
    start: float  # fractional astronomical year (e.g. 1958.9; -43.0 for 44 BC)
    end: float | None
    fuzzy: bool = False  # approximate or uncertain: drawn faded with a dashed outline
    open_end: bool = False  # ongoing or end unknown: the bar fades out to the right
    claims: tuple[tuple[float, float, str], ...] = ()  # other dates sources give: (start, end, tooltip)


@dataclass(frozen=True)
class AxisBand:
    """A named era drawn as a translucent background band."""

    name: str
    start: float
    end: float


def time_axis_svg(marks: Sequence[AxisMark], bands: Sequence[AxisBand] = (), title: str = "Time axis",
                  bin_href: BinHref | None = None, breaks: bool = False, width: float = WIDTH,
                  language: str = "en") -> Markup:
    """Inline SVG time axis; `bin_href(first_year, last_year)` may link bins to year pages."""
    spans = [(m.start, m.end if m.end is not None else m.start) for m in marks]
    spans += [(start, end) for m in marks for start, end, _ in m.claims]  # a source's other date stays in view
    scale = domain(spans + ([] if breaks and marks else [(b.start, b.end) for b in bands]),
                   MARGIN, width - MARGIN, breaks)
    words = Words(strings(language), year_words(language), scale.lo < 1)
    dense = len(marks) > min(MAX_MARKS, (width - 2 * MARGIN) / 4)
    labels, top = _band_labels(bands, scale, width)
    if dense:
        track_h, content = BIN_H, _bins(marks, scale, top + BIN_H, words, bin_href)
    else:
        track_h, content = _lanes(marks, scale, top)
    axis_y = top + track_h + 6
    tick_svg, tick_rows = _ticks(scale, axis_y, words, width)
    body = (f'{_bands(bands, scale, axis_y, labels)}{tick_svg}'
            f'<path class="axis-line" d="{_axis_path(scale, axis_y)}" stroke="#555" stroke-width="1.5" fill="none"/>'
            f'{_breaks(scale, axis_y, words)}{content}')
    uid = "axis-" + hashlib.sha1((title + body).encode("utf-8")).hexdigest()[:10]
    desc = _description(len(marks), scale, words, bool(marks or bands))
    # role="img" would make the links inside presentational; a group keeps them reachable.
    height = axis_y + 26 + (tick_rows - 1) * TICK_ROW_H
    return Markup(
        f'<svg xmlns="http://www.w3.org/2000/svg" class="time-axis" viewBox="0 0 {width:g} {fmt(height)}"'
        f' role="group" aria-labelledby="{uid}-t" aria-describedby="{uid}-d" font-family="sans-serif">'
        f'<title id="{uid}-t">{escape(title)}</title><desc id="{uid}-d">{escape(desc)}</desc>{body}</svg>'
    )


def _description(count: int, scale: Scale, words: Words, spans: bool) -> str:
    """'3 events, 151 BC to AD 2061; no events 149 BC–AD 1957': what a screen reader hears first."""
    desc = words.t["axis_count"].format(n=f"{count:,}")
    if spans:
        desc += ", " + words.t["axis_range"].format(first=words.year(math.floor(scale.lo)),
                                                      last=words.year(math.floor(scale.hi)))
    return desc + "".join("; " + _gap_text(g, words) for g in scale.gaps)


def _gap_text(gap: Segment, words: Words) -> str:
    first, last = gap.empty or (math.ceil(gap.lo), math.floor(gap.hi))
    return words.t["axis_gap"].format(period=f"{words.year(first)}–{words.year(last)}")


def _axis_path(scale: Scale, y: float) -> str:
    """The axis line, interrupted at each break."""
    return "".join(f"M{fmt(s.x0)} {fmt(y)}H{fmt(s.x1)}" for s in scale.segments if not s.gap)


def _breaks(scale: Scale, y: float, words: Words) -> str:
    """A double slash where an empty stretch was shrunk, titled with the years left out."""
    out = []
    for g in scale.gaps:
        mid = (g.x0 + g.x1) / 2
        out.append(f'<g class="axis-break"><title>{escape(_gap_text(g, words))}</title>'
                   f'<path d="M{fmt(mid - 6)} {fmt(y + 6)}l5 -12M{fmt(mid + 1)} {fmt(y + 6)}l5 -12"'
                   f' stroke="#555" stroke-width="1.5"/></g>')
    return "".join(out)


def _ticks(scale: Scale, axis_y: float, words: Words, width: float) -> tuple[str, int]:
    """Grid lines, tick marks and year labels, and how many rows the labels take."""
    ts = ticks(scale, words.bc, words=words.years)
    xs = [fmt(scale.x(t)) for t, _ in ts]
    grid = "".join(f"M{x} 0V{fmt(axis_y)}" for x in xs)
    marks = "".join(f"M{x} {fmt(axis_y)}v6" for x in xs)
    placed = _tick_rows([(scale.x(t), text) for t, text in ts], width)
    labels = "".join(f'<text x="{fmt(x)}" y="{fmt(axis_y + 19 + row * TICK_ROW_H)}">{escape(text)}</text>'
                     for x, row, text in placed)
    return (f'<path class="axis-grid" d="{grid}" stroke="#bbb" stroke-width="0.5" stroke-dasharray="2 3"/>'
            f'<path class="axis-tick" d="{marks}" stroke="#555"/>'
            f'<g class="axis-tick-label" text-anchor="middle" font-size="12" fill="#333">{labels}</g>',
            1 + max((row for _, row, _ in placed), default=0))


def _tick_rows(labels: list[tuple[float, str]], width: float) -> list[tuple[float, int, str]]:
    """(x, row, text) per label: kept inside the axis, a row lower where it would overlap.

    Long labels ('13.8 billion years ago') beside each other go on rows below; a label with
    no free row is left out (its tick and grid line stay).
    """
    ends: list[float] = []
    out = []
    for x, text in labels:
        half = _columns(text) * TICK_CHAR_W / 2
        x = min(max(x, half + 2), width - half - 2)
        row = next((r for r, end in enumerate(ends) if end <= x - half), len(ends))
        if row == TICK_ROWS:
            continue
        if row == len(ends):
            ends.append(0.0)
        ends[row] = x + half + 4
        out.append((x, row, text))
    return out


def _columns(text: str) -> int:
    """Text width in Latin letters: a Hangul or Han character is about two ('기원전 108')."""
    return sum(2 if unicodedata.east_asian_width(c) in "WF" else 1 for c in text)


def _band_labels(bands: Sequence[AxisBand], scale: Scale, width: float) -> tuple[list[tuple[float, int]], float]:
    """(label x, row) per era, rows stacked so full names never overlap; and the height they take."""
    ends: list[float] = []
    placed = []
    for band in bands:
        text_w = _columns(band.name) * CHAR_W + 6
        # Start at the band, but never run off the right edge: the leader shows where the band is.
        x = max(2.0, min(max(scale.x(band.start), MARGIN) + 3, width - 2 - text_w))
        row = next((r for r, end in enumerate(ends) if end <= x), len(ends))
        if row == len(ends):
            ends.append(0.0)
        ends[row] = x + text_w
        placed.append((x, row))
    return placed, (len(ends) * BAND_ROW_H + 6 if ends else 6.0)


def _bands(bands: Sequence[AxisBand], scale: Scale, bottom: float, labels: list[tuple[float, int]]) -> str:
    """Eras as translucent bands; each full name sits in a row above, with a leader to its band."""
    out = []
    for i, (band, (lx, row)) in enumerate(zip(bands, labels)):
        left, right = scale.segments[0].x0, scale.segments[-1].x1
        x0, x1 = max(scale.x(band.start), left), min(scale.x(band.end), right)
        w = max(x1 - x0, 1.0)
        y = (row + 1) * BAND_ROW_H - 3
        top = len({r for _, r in labels}) * BAND_ROW_H + 2
        leader = (f'M{fmt(x0)} {fmt(y + 3)}H{fmt(x0 + w)}M{fmt(x0)} {fmt(y + 3)}V{fmt(top)}'
                  f'M{fmt(x0 + w)} {fmt(y + 3)}V{fmt(top)}')
        out.append(
            f'<g class="axis-band axis-band-{i % 2}"><title>{escape(band.name)}</title>'
            f'<rect x="{fmt(x0)}" y="{fmt(top)}" width="{fmt(w)}" height="{fmt(bottom - top)}" fill="{BAND_FILLS[i % 2]}"'
            f' fill-opacity="0.15"/><path class="axis-band-leader" d="{leader}" stroke="{BAND_FILLS[i % 2]}"'
            f' fill="none"/><text class="axis-band-label" x="{fmt(lx)}" y="{fmt(y)}" font-size="11"'
            f' fill="#333">{escape(band.name)}</text></g>'
        )
    return f'<g class="axis-bands">{"".join(out)}</g>' if out else ""


def _lanes(marks: Sequence[AxisMark], scale: Scale, top: float) -> tuple[float, str]:
    """Every mark as a link: points as circles, intervals as bars, stacked in lanes to avoid overlap."""
    order = sorted(range(len(marks)), key=lambda i: (marks[i].start, i))  # tab order follows time
    ends: list[float] = []
    placed = []
    for i in order:
        m = marks[i]
        x0 = scale.x(m.start)
        x1 = max(scale.x(m.end), x0 + 3) if m.end is not None else x0
        free = [n for n, e in enumerate(ends) if e <= x0 - 6]
        lane = free[0] if free else (len(ends) if len(ends) < MAX_LANES else ends.index(min(ends)))
        if lane == len(ends):
            ends.append(0.0)
        ends[lane] = max(ends[lane], x1 + 6)
        placed.append((m, x0, x1, lane))
    n = max(len(ends), 1)
    # Lane 0 sits just above the axis; later lanes stack upwards.
    right = scale.segments[-1].x1
    items = [_mark(m, x0, x1, top + (n - 1 - lane) * LANE_H + LANE_H / 2, right, scale) for m, x0, x1, lane in placed]
    fade = (f'<defs><linearGradient id="axis-fade-{scale.segments[-1].x1:.0f}"><stop offset="0" stop-color="' + ACCENT + '" stop-opacity="0.7"/>'
            '<stop offset="1" stop-color="' + ACCENT + '" stop-opacity="0"/></linearGradient></defs>'
            if any(m.open_end for m in marks) else "")
    return n * LANE_H, f'<g class="axis-marks">{fade}{"".join(items)}</g>'


def _mark(m: AxisMark, x0: float, x1: float, y: float, right: float, scale: Scale) -> str:
    """One event link with its accessible name; fuzzy dates faded and dashed, open ends fading out."""
    style = ' stroke-dasharray="2 2"' if m.fuzzy else ""
    opacity = "0.3" if m.fuzzy else "0.7"
    if m.open_end:
        shape = (f'<rect class="axis-interval axis-open" x="{fmt(x0)}" y="{fmt(y - 4)}" width="{fmt(max(right - x0, 3))}"'
                 f' height="8" fill="url(#axis-fade-{right:.0f})" stroke="{ACCENT}" stroke-dasharray="4 3"/>')
    elif m.end is None:
        shape = (f'<circle class="axis-point{" axis-fuzzy" if m.fuzzy else ""}" cx="{fmt(x0)}" cy="{fmt(y)}" r="5"'
                 f' fill="#fff" fill-opacity="{opacity}" stroke="{ACCENT}" stroke-width="2"{style}/>')
    else:
        shape = (f'<rect class="axis-interval{" axis-fuzzy" if m.fuzzy else ""}" x="{fmt(x0)}" y="{fmt(y - 4)}"'
                 f' width="{fmt(x1 - x0)}" height="8" rx="2" fill="{ACCENT}" fill-opacity="{opacity}" stroke="{ACCENT}"{style}/>')
    label = escape(m.label)
    return (_claims(m, x0, y, scale) + f'<a class="axis-mark" href="{escape(m.href)}" aria-label="{label}">'
            f'<title>{label}</title>{shape}</a>')


def _claims(m: AxisMark, x0: float, y: float, scale: Scale) -> str:
    """Each other date a source gives: a faint mark joined to the event by a dotted line, its source as tooltip.

    Hidden from screen readers: the event page lists the same dates under "Sources differ".
    """
    if not m.claims:
        return ""
    parts = []
    for start, end, text in m.claims:
        c0, c1 = scale.x(start), scale.x(end)
        cx = (c0 + c1) / 2
        parts.append(f'<g class="axis-claim"><title>{escape(text)}</title>'
                     f'<line x1="{fmt(x0)}" y1="{fmt(y)}" x2="{fmt(cx)}" y2="{fmt(y)}" stroke="{ACCENT}"'
                     f' stroke-opacity="0.35" stroke-dasharray="1 2"/>'
                     f'<rect x="{fmt(min(c0, cx - 2))}" y="{fmt(y - 3)}" width="{fmt(max(c1 - c0, 4))}" height="6"'
                     f' rx="2" fill="{ACCENT}" fill-opacity="0.18" stroke="{ACCENT}" stroke-opacity="0.4"/></g>')
    return f'<g class="axis-claims" aria-hidden="true">{"".join(parts)}</g>'


def _bins(marks: Sequence[AxisMark], scale: Scale, base: float, words: Words, bin_href: BinHref | None) -> str:
    """Dense marks grouped into calendar bins; bar height grows with the square root of the count."""
    stride = step(scale.hi - scale.lo, MAX_BINS, months=(1,))
    per = 12 if stride < 1 else 1 / stride  # bins per year
    bins: dict[int, list[AxisMark]] = {}
    for m in sorted(marks, key=lambda m: m.start):  # stable: ties keep input order
        bins.setdefault(math.floor(m.start * per + 1e-6), []).append(m)
    biggest = max(len(b) for b in bins.values())
    out = []
    for k, group in sorted(bins.items()):
        x0, x1 = scale.x(k / per), scale.x((k + 1) / per)
        h = max(3.0, math.sqrt(len(group) / biggest) * BIN_H)
        first, last, period = _bin_period(k, stride, words)
        href = (bin_href(first, last) if bin_href else None) or group[0].href
        label = escape(words.t["axis_bin_one" if len(group) == 1 else "axis_bin_many"].format(
            n=f"{len(group):,}", period=period))
        out.append(
            f'<a class="axis-bin" href="{escape(href)}" aria-label="{label}"><title>{label}</title>'
            f'<rect x="{fmt(x0 + 0.5)}" y="{fmt(base - h)}" width="{fmt(max(x1 - x0 - 1, 1.5))}" height="{fmt(h)}"'
            f' fill="{ACCENT}" fill-opacity="0.75"/></a>'
        )
    return f'<g class="axis-bins">{"".join(out)}</g>'


def _bin_period(k: int, stride: float, words: Words) -> tuple[int, int, str]:
    """First and last astronomical year of bin k and its label ('Nov 1958', '1958', '1950–1959')."""
    if stride < 1:
        year, month = divmod(k, 12)
        return year, year, words.years.month_year.format(m=words.years.months[month], y=words.year(year))
    first = k * int(stride)
    last = first + int(stride) - 1
    text = words.year(first) if first == last else f"{words.year(first)}–{words.year(last)}"
    return first, last, text
