"""Where time falls on the axis: a piecewise-linear scale that may break empty stretches, and its ticks."""
from __future__ import annotations

import math
from dataclasses import dataclass
from typing import Sequence

from ..language.i18n import YEAR_WORDS, YearWords

ENGLISH = YEAR_WORDS["en"]
MONTHS = ENGLISH.months
SUB_YEAR_STEPS = (1, 2, 3, 6)  # tick steps in months
BREAK_W = 34.0  # px a broken-out stretch of time shrinks to
BREAK_SHARE = 0.3  # an empty stretch longer than this share of the whole span is broken out
MIN_SHARE = 0.2  # a cluster gets at least this share of the mean cluster's room, so short ones stay legible
TICK_PX = 72.0  # about one year label per this many px
MIN_GAP_SHARE = 0.03  # stretches of events closer than this share of the axis (10 px of a phone's) are crowded
MAX_REFINE = 8  # splits of crowded clusters, e.g. aeons, then millennia, then decades
DEEP_YEARS = 10_000  # before this many years BC ticks are whole years: months mean nothing there
DEEP_AGO = 10 ** 6  # from this many years BC on, a year reads as time ago


@dataclass(frozen=True)
class Segment:
    """A stretch of time [lo, hi] drawn over [x0, x1]; `gap` marks a broken-out empty stretch."""

    lo: float
    hi: float
    x0: float
    x1: float
    gap: bool = False
    empty: tuple[int, int] | None = None  # for a gap: the first and last whole year without events


@dataclass(frozen=True)
class Scale:
    """Piecewise-linear map from fractional years to x; one segment is a plain proportional axis."""

    segments: tuple[Segment, ...]

    @property
    def lo(self) -> float:
        return self.segments[0].lo

    @property
    def hi(self) -> float:
        return self.segments[-1].hi

    def x(self, t: float) -> float:
        """x of a time; proportional within a segment, so gaps in time are gaps on screen there."""
        seg = next((s for s in self.segments if t <= s.hi), self.segments[-1])
        return seg.x0 + (t - seg.lo) / (seg.hi - seg.lo) * (seg.x1 - seg.x0)

    @property
    def gaps(self) -> list[Segment]:
        return [s for s in self.segments if s.gap]


def linear_scale(lo: float, hi: float, left: float, right: float) -> Scale:
    """A plain proportional scale."""
    return Scale((Segment(lo, hi, left, right),))


def domain(spans: Sequence[tuple[float, float]], left: float, right: float, breaks: bool) -> Scale:
    """A scale covering every (start, end) span, padded; with `breaks`, long empty stretches shrink."""
    if not spans:
        return linear_scale(2000.0, 2001.0, left, right)
    lo, hi = min(s for s, _ in spans), max(e for _, e in spans)
    widen = max(1.0 - (hi - lo), 0.0) / 2  # at least a year in view, so a lone event has context
    pad = (hi - lo + 2 * widen) * 0.02 + widen
    clusters = _clusters(spans, (hi - lo) * BREAK_SHARE) if breaks else [(lo, hi)]
    if len(clusters) == 1:
        return linear_scale(lo - pad, hi + pad, left, right)
    return _broken(_refine(spans, clusters, pad), pad, left, right)


def _refine(spans: Sequence[tuple[float, float]], clusters: list[tuple[float, float]],
            pad: float) -> list[tuple[float, float]]:
    """Split clusters whose events would be drawn on top of each other, each by its own long gaps.

    One threshold for the whole span cannot serve deep time: beside 13.8 billion years, the
    2,000 years from 44 BC to 1958 are nothing, yet a reader needs them apart.
    """
    for _ in range(MAX_REFINE):
        shares = _shares(clusters, pad)
        for i, (a, b) in enumerate(clusters):
            inside = [s for s in spans if a <= s[0] and s[1] <= b]
            if _crowded(inside, (b - a) / shares[i]):
                parts = _clusters(inside, (b - a) * BREAK_SHARE)
                if len(parts) > 1:
                    clusters = clusters[:i] + parts + clusters[i + 1:]
                    break
        else:
            return clusters
    return clusters


def _crowded(spans: Sequence[tuple[float, float]], years_per_axis: float) -> bool:
    """True when stretches of events more than two years apart would nearly touch."""
    pieces = _clusters(spans, 0.0)
    return any(0 < (c - b) / years_per_axis < MIN_GAP_SHARE for (_, b), (c, _) in zip(pieces, pieces[1:]))


def _pads(clusters: list[tuple[float, float]], pad: float) -> list[float]:
    """Each cluster's padding: the whole axis' unless that dwarfs the cluster (deep time)."""
    return [max(pad if pad <= b - a else (b - a) * 0.02, 0.5) for a, b in clusters]


def _shares(clusters: list[tuple[float, float]], pad: float) -> list[float]:
    """The share of the axis' room each cluster gets: by its length, with a floor."""
    lengths = [b - a + 2 * p for (a, b), p in zip(clusters, _pads(clusters, pad))]
    floor = MIN_SHARE * sum(lengths) / len(lengths)
    weights = [max(n, floor) for n in lengths]
    return [w / sum(weights) for w in weights]


def _clusters(spans: Sequence[tuple[float, float]], min_gap: float) -> list[tuple[float, float]]:
    """Merge spans into clusters separated by more than min_gap years of nothing."""
    merged: list[list[float]] = []
    for start, end in sorted(spans):
        if merged and start - merged[-1][1] <= max(min_gap, 2.0):
            merged[-1][1] = max(merged[-1][1], end)
        else:
            merged.append([start, end])
    return [(a, b) for a, b in merged]


def _broken(clusters: list[tuple[float, float]], pad: float, left: float, right: float) -> Scale:
    """Clusters side by side with a fixed-width break between them; room grows with a cluster's length."""
    padded = [(a - p, b + p) for (a, b), p in zip(clusters, _pads(clusters, pad))]
    room = right - left - BREAK_W * (len(padded) - 1)
    segments: list[Segment] = []
    x = left
    for i, ((a, b), share) in enumerate(zip(padded, _shares(clusters, pad))):
        if i:
            empty = (math.ceil(clusters[i - 1][1] - 0.01), math.floor(clusters[i][0]) - 1)
            segments.append(Segment(segments[-1].hi, a, x, x + BREAK_W, gap=True, empty=empty))
            x += BREAK_W
        width = room * share
        segments.append(Segment(a, b, x, x + width))
        x += width
    return Scale(tuple(segments))


def step(span: float, target: int, months: Sequence[int] = SUB_YEAR_STEPS) -> float:
    """Smallest nice step (months, then 1, 2, 5 x 10^n years) giving at most `target` steps."""
    for m in months:
        if span * 12 / m <= target:
            return m / 12
    s = 1
    while True:
        # 2.5 only from 25 up (25, 250...): it keeps the step ratio <= 2, hence >= target/2 ticks.
        for c in (s, 2 * s, s * 5 // 2 if s >= 10 else s, 5 * s):
            if span / c <= target:
                return float(c)
        s *= 10


def ticks(scale: Scale, bc: bool, target: int = 12, words: YearWords = ENGLISH) -> list[tuple[float, str]]:
    """Tick times and labels: one step for a plain axis, one per segment (by its room) for a broken one."""
    if len(scale.segments) == 1:
        return tick_times(scale.lo, scale.hi, step(scale.hi - scale.lo, target), bc, words)
    out: list[tuple[float, str]] = []
    for seg in scale.segments:
        if not seg.gap:
            n = max(1, int((seg.x1 - seg.x0) / TICK_PX))
            months = () if seg.lo < -DEEP_YEARS else SUB_YEAR_STEPS
            found = tick_times(seg.lo, seg.hi, step(seg.hi - seg.lo, n, months), bc, words)
            # A year or two of deep time has ticks that all read '13.8 billion years ago': say it once.
            out += [(t, text) for k, (t, text) in enumerate(found) if not k or found[k - 1][1] != text]
    return out


def tick_times(lo: float, hi: float, stride: float, bc: bool,
               words: YearWords = ENGLISH) -> list[tuple[float, str]]:
    """Tick positions and labels; BC ticks fall on round BC years, AD ticks on round AD years."""
    if stride < 1:
        n = round(stride * 12)
        first, last = math.ceil(lo * 12 / n), math.floor(hi * 12 / n)
        out = []
        for k in range(first, last + 1):
            year, month = divmod(k * n, 12)
            # January shows the year alone; the first tick names its year too.
            label = year_label(year, bc, words)
            text = words.months[month] if month and k != first else (
                words.month_year.format(m=words.months[month], y=label) if month else label)
            out.append((year + month / 12, text))
        return out
    s = int(stride)
    ad = [(float(k * s), year_label(k * s, bc, words)) for k in range(max(1, math.ceil(lo / s)), math.floor(hi / s) + 1)]
    # Astronomical year t is (1 - t) BC, so BC multiples of the step sit at t = 1 - k*s.
    bce = [(float(1 - k * s), year_label(1 - k * s, words=words)) for k in range(max(1, math.ceil((1 - min(hi, 0)) / s)),
                                                                     math.floor((1 - lo) / s) + 1)]
    # Without a year 0 the ticks either side of it are 2*step - 1 apart; AD 1 fills the hole.
    first_ad = [(1.0, year_label(1, bc, words))] if bce and ad and s >= 5 else []
    return sorted(bce + first_ad + ad)


def year_label(year: int, ad_prefix: bool = False, words: YearWords = ENGLISH) -> str:
    """'1958', 'AD 10' (when BC years are in view) or '44 BC'; there is no year 0.

    A million years or more ago reads as time ago, to three decimals: '66 million years ago',
    '13.8 billion years ago' (nine-digit BC years cannot be read at a glance).
    """
    n = year if year > 0 else 1 - year
    if year <= 0 and n >= DEEP_AGO:
        size, text = next((size, text) for size, text in words.ago if n >= size)
        return text.format(v=f"{n / size:.3f}".rstrip("0").rstrip("."))
    text = f"{n:,}" if n >= 10000 else str(n)
    if year <= 0:
        return words.bc.format(y=text)
    return words.ad.format(y=text) if ad_prefix else text


def fmt(v: float) -> str:
    """A coordinate rounded to one decimal, without a useless '.0' or '-0'."""
    s = f"{v:.1f}".removesuffix(".0")
    return "0" if s == "-0" else s
