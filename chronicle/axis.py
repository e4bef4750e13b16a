"""Build-time SVG time axis: events proportional to time, binned when dense, eras as bands."""
from __future__ import annotations

import hashlib
import math
from dataclasses import dataclass
from typing import Callable, Sequence

from markupsafe import Markup, escape

WIDTH, LEFT, RIGHT = 1000.0, 30.0, 970.0
MAX_MARKS = 200  # beyond this (or more than one mark per 4 px) marks are binned
MAX_BINS = 120  # ~8 px per bin at least: each bin stays a clickable target
MAX_LANES, LANE_H, BIN_H = 8, 14.0, 60.0
MONTHS = ("Jan", "Feb", "Mar", "Apr", "May", "Jun", "Jul", "Aug", "Sep", "Oct", "Nov", "Dec")
SUB_YEAR_STEPS = (1, 2, 3, 6)  # tick steps in months
ACCENT = "#8b1e3f"
BAND_FILLS = ("#4f7cac", "#ac7f4f")  # alternate so adjacent eras stay distinct

BinHref = Callable[[int, int], "str | None"]


@dataclass(frozen=True)
class AxisMark:
    """One event on the axis; `end` None for a point event."""

    label: str  # accessible name, e.g. "28 November 1958: Kim Il Sung flies to Hanoi"
    href: str
    start: float  # fractional astronomical year (e.g. 1958.9; -43.0 for 44 BC)
    end: float | None


@dataclass(frozen=True)
class AxisBand:
    """A named era drawn as a translucent background band."""

    name: str
    start: float
    end: float


@dataclass(frozen=True)
class Scale:
    """Linear map from fractional years to x in the viewBox."""

    lo: float
    hi: float

    def x(self, t: float) -> float:
        """x of a time; proportional, so gaps in time are gaps on screen."""
        return LEFT + (t - self.lo) / (self.hi - self.lo) * (RIGHT - LEFT)


def time_axis_svg(marks: Sequence[AxisMark], bands: Sequence[AxisBand] = (), title: str = "Time axis",
                  bin_href: BinHref | None = None) -> Markup:
    """Inline SVG time axis; `bin_href(first_year, last_year)` may link bins to year pages."""
    scale = _domain(marks, bands)
    bc = scale.lo < 1
    dense = len(marks) > min(MAX_MARKS, (RIGHT - LEFT) / 4)
    top = 20.0 if bands else 6.0  # room for era names
    if dense:
        track_h, content = BIN_H, _bins(marks, scale, top + BIN_H, bc, bin_href)
    else:
        track_h, content = _lanes(marks, scale, top)
    axis_y = top + track_h + 6
    body = (f'{_bands(bands, scale, axis_y)}{_ticks(scale, axis_y, bc)}'
            f'<line class="axis-line" x1="{LEFT:g}" y1="{fmt(axis_y)}" x2="{RIGHT:g}" y2="{fmt(axis_y)}"'
            f' stroke="#555" stroke-width="1.5"/>{content}')
    uid = "axis-" + hashlib.sha1((title + body).encode("utf-8")).hexdigest()[:10]
    desc = f"{len(marks):,} events" + (f", {year_label(math.floor(scale.lo), bc)} to "
                                       f"{year_label(math.floor(scale.hi), bc)}" if marks or bands else "")
    # role="img" would make the links inside presentational; a group keeps them reachable.
    return Markup(
        f'<svg xmlns="http://www.w3.org/2000/svg" class="time-axis" viewBox="0 0 {WIDTH:g} {fmt(axis_y + 26)}"'
        f' role="group" aria-labelledby="{uid}-t" aria-describedby="{uid}-d" font-family="sans-serif">'
        f'<title id="{uid}-t">{escape(title)}</title><desc id="{uid}-d">{escape(desc)}</desc>{body}</svg>'
    )


def fmt(v: float) -> str:
    """A coordinate rounded to one decimal, without a useless '.0' or '-0'."""
    s = f"{v:.1f}".removesuffix(".0")
    return "0" if s == "-0" else s


def year_label(year: int, ad_prefix: bool = False) -> str:
    """'1958', 'AD 10' (when BC years are in view) or '44 BC'; there is no year 0."""
    n = year if year > 0 else 1 - year
    text = f"{n:,}" if n >= 10000 else str(n)
    if year <= 0:
        return f"{text} BC"
    return f"AD {text}" if ad_prefix else text


def _domain(marks: Sequence[AxisMark], bands: Sequence[AxisBand]) -> Scale:
    """Time range covering all marks and bands, padded so edge marks are not cut."""
    times = [m.start for m in marks] + [m.end for m in marks if m.end is not None]
    times += [t for b in bands for t in (b.start, b.end)]
    if not times:
        return Scale(2000.0, 2001.0)
    lo, hi = min(times), max(times)
    widen = max(1.0 - (hi - lo), 0.0) / 2  # at least a year in view, so a lone event has context
    pad = (hi - lo + 2 * widen) * 0.02 + widen
    return Scale(lo - pad, hi + pad)


def _step(span: float, target: int, months: Sequence[int] = SUB_YEAR_STEPS) -> float:
    """Smallest nice step (months, then 1, 2, 5 x 10^n years) giving at most `target` steps."""
    for m in months:
        if span * 12 / m <= target:
            return m / 12
    step = 1
    while True:
        # 2.5 only from 25 up (25, 250...): it keeps the step ratio <= 2, hence >= target/2 ticks.
        for s in (step, 2 * step, step * 5 // 2 if step >= 10 else step, 5 * step):
            if span / s <= target:
                return float(s)
        step *= 10


def _tick_times(scale: Scale, step: float, bc: bool) -> list[tuple[float, str]]:
    """Tick positions and labels; BC ticks fall on round BC years, AD ticks on round AD years."""
    if step < 1:
        n = round(step * 12)
        first, last = math.ceil(scale.lo * 12 / n), math.floor(scale.hi * 12 / n)
        ticks = []
        for k in range(first, last + 1):
            year, month = divmod(k * n, 12)
            # January shows the year alone; the first tick names its year too.
            text = MONTHS[month] if month and k != first else (
                f"{MONTHS[month]} {year_label(year, bc)}" if month else year_label(year, bc))
            ticks.append((year + month / 12, text))
        return ticks
    s = int(step)
    ad = [(float(k * s), year_label(k * s, bc)) for k in range(max(1, math.ceil(scale.lo / s)), math.floor(scale.hi / s) + 1)]
    # Astronomical year t is (1 - t) BC, so BC multiples of the step sit at t = 1 - k*s.
    bce = [(float(1 - k * s), year_label(1 - k * s)) for k in range(max(1, math.ceil((1 - min(scale.hi, 0)) / s)),
                                                                     math.floor((1 - scale.lo) / s) + 1)]
    # Without a year 0 the ticks either side of it are 2*step - 1 apart; AD 1 fills the hole.
    first_ad = [(1.0, year_label(1, bc))] if bce and ad and s >= 5 else []
    return sorted(bce + first_ad + ad)


def _ticks(scale: Scale, axis_y: float, bc: bool) -> str:
    """Grid lines, tick marks and year labels."""
    ticks = _tick_times(scale, _step(scale.hi - scale.lo, 12), bc)
    xs = [fmt(scale.x(t)) for t, _ in ticks]
    grid = "".join(f"M{x} 0V{fmt(axis_y)}" for x in xs)
    marks = "".join(f"M{x} {fmt(axis_y)}v6" for x in xs)
    labels = "".join(f'<text x="{x}" y="{fmt(axis_y + 19)}">{escape(text)}</text>' for x, (_, text) in zip(xs, ticks))
    return (f'<path class="axis-grid" d="{grid}" stroke="#bbb" stroke-width="0.5" stroke-dasharray="2 3"/>'
            f'<path class="axis-tick" d="{marks}" stroke="#555"/>'
            f'<g class="axis-tick-label" text-anchor="middle" font-size="12" fill="#333">{labels}</g>')


def _bands(bands: Sequence[AxisBand], scale: Scale, bottom: float) -> str:
    """Eras as translucent full-height bands with their (truncated) names on top."""
    out = []
    for i, band in enumerate(bands):
        x0, x1 = scale.x(band.start), scale.x(band.end)
        w = max(x1 - x0, 1.0)
        room = int((w - 6) / 6.5)  # ~6.5 px per character at 11 px
        name = band.name if len(band.name) <= room else (band.name[: room - 1] + "…" if room > 1 else "")
        out.append(
            f'<g class="axis-band axis-band-{i % 2}"><title>{escape(band.name)}</title>'
            f'<rect x="{fmt(x0)}" y="0" width="{fmt(w)}" height="{fmt(bottom)}" fill="{BAND_FILLS[i % 2]}"'
            f' fill-opacity="0.15"/><text class="axis-band-label" x="{fmt(x0 + 3)}" y="13" font-size="11"'
            f' fill="#333">{escape(name)}</text></g>'
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
    items = [_mark(m, x0, x1, top + (n - 1 - lane) * LANE_H + LANE_H / 2) for m, x0, x1, lane in placed]
    return n * LANE_H, f'<g class="axis-marks">{"".join(items)}</g>'


def _mark(m: AxisMark, x0: float, x1: float, y: float) -> str:
    """One event link with its accessible name."""
    if m.end is None:
        shape = (f'<circle class="axis-point" cx="{fmt(x0)}" cy="{fmt(y)}" r="5" fill="#fff" stroke="{ACCENT}"'
                 f' stroke-width="2"/>')
    else:
        shape = (f'<rect class="axis-interval" x="{fmt(x0)}" y="{fmt(y - 4)}" width="{fmt(x1 - x0)}" height="8"'
                 f' rx="2" fill="{ACCENT}" fill-opacity="0.7" stroke="{ACCENT}"/>')
    label = escape(m.label)
    return f'<a class="axis-mark" href="{escape(m.href)}" aria-label="{label}"><title>{label}</title>{shape}</a>'


def _bins(marks: Sequence[AxisMark], scale: Scale, base: float, bc: bool, bin_href: BinHref | None) -> str:
    """Dense marks grouped into calendar bins; bar height grows with the square root of the count."""
    step = _step(scale.hi - scale.lo, MAX_BINS, months=(1,))
    per = 12 if step < 1 else 1 / step  # bins per year
    bins: dict[int, list[AxisMark]] = {}
    for m in sorted(marks, key=lambda m: m.start):  # stable: ties keep input order
        bins.setdefault(math.floor(m.start * per + 1e-6), []).append(m)
    biggest = max(len(b) for b in bins.values())
    out = []
    for k, group in sorted(bins.items()):
        x0, x1 = scale.x(k / per), scale.x((k + 1) / per)
        h = max(3.0, math.sqrt(len(group) / biggest) * BIN_H)
        first, last, period = _bin_period(k, step, bc)
        href = (bin_href(first, last) if bin_href else None) or group[0].href
        label = escape(f"{len(group):,} event{'' if len(group) == 1 else 's'}, {period}")
        out.append(
            f'<a class="axis-bin" href="{escape(href)}" aria-label="{label}"><title>{label}</title>'
            f'<rect x="{fmt(x0 + 0.5)}" y="{fmt(base - h)}" width="{fmt(max(x1 - x0 - 1, 1.5))}" height="{fmt(h)}"'
            f' fill="{ACCENT}" fill-opacity="0.75"/></a>'
        )
    return f'<g class="axis-bins">{"".join(out)}</g>'


def _bin_period(k: int, step: float, bc: bool) -> tuple[int, int, str]:
    """First and last astronomical year of bin k and its label ('Nov 1958', '1958', '1950–1959')."""
    if step < 1:
        year, month = divmod(k, 12)
        return year, year, f"{MONTHS[month]} {year_label(year, bc)}"
    first = k * int(step)
    last = first + int(step) - 1
    text = year_label(first, bc) if first == last else f"{year_label(first, bc)}–{year_label(last, bc)}"
    return first, last, text
