"""A line of the base map projected onto a view and simplified, touching little of what lies far outside.

What a map shows of a line is what the clipper keeps of it. A run of points wholly beyond one
side of the view leaves no trace but its first and last point (for a border line: and whether
it has three points or more), so the projection may drop the points between. It drops them
only where the result is provably the same, so every map stays byte for byte what projecting
every point would draw.
"""
from __future__ import annotations

from dataclasses import dataclass, field
from typing import Callable

from .mapindex import Box, Group, Pt, Ring, Stretch

PAD = 12.0  # px drawn beyond the view, so polygon edges made by clipping stay out of sight
SIMPLIFY_PX = 1.0  # finer detail is invisible at map size and only costs bytes
EPS = 1e-7  # degrees: far above rounding error, so "wholly beyond" holds for the projected points too
SPAN = 2 + 1e-6  # px: a stretch this wide keeps a point, as not all of it lies within SIMPLIFY_PX of one


@dataclass(frozen=True)
class View:
    """Equirectangular projection (x scaled by cos of the mid-latitude) onto the viewBox."""

    west: float
    north: float
    kx: float  # px per degree of longitude
    ky: float  # px per degree of latitude
    width: float
    height: float

    def xy(self, lon: float, lat: float) -> Pt:
        """SVG coordinates of a point; north is up, east is right."""
        return (lon - self.west) * self.kx, (self.north - lat) * self.ky


def project(ring: Ring, shift: float, view: View) -> list[Pt]:
    """Projected points, dropping those within SIMPLIFY_PX of the last kept one (radial distance)."""
    line = _Line(ring, shift, view, _beyond(view, shift))
    if ring.stretches:
        line.walk(Group(0, len(ring.stretches), ring.tree.box, (ring.tree,)))  # the whole line: one part
    return line.out


@dataclass
class _Line:
    """One line being projected: the points kept so far, and the rules for what may be left out."""

    ring: Ring
    shift: float
    view: View
    beyond: Callable[[Box], int]
    out: list[Pt] = field(default_factory=list)

    def keep(self, i: int, force: bool) -> bool:
        """Keep point i if forced, or if it is the first or last, or SIMPLIFY_PX from the last kept."""
        lon, lat = self.ring.points[i]
        v, out = self.view, self.out
        x, y = (lon + self.shift - v.west) * v.kx, (v.north - lat) * v.ky  # as View.xy, to the last bit
        # The first and last points always stay, so borders meet and rings close.
        if force or not out or i == len(self.ring.points) - 1 \
                or (x - out[-1][0]) ** 2 + (y - out[-1][1]) ** 2 >= SIMPLIFY_PX ** 2:
            out.append((x, y))
            return True
        return False

    def every(self, start: int, end: int) -> None:
        """keep(i, False) for points start..end-1, in a loop of its own: most drawn points pass here."""
        line, out, v, shift = self.ring.points, self.out, self.view, self.shift
        west, north, kx, ky, last, limit = v.west, v.north, v.kx, v.ky, len(line) - 1, SIMPLIFY_PX ** 2
        if not out and start < end:  # the first point of the line
            self.keep(start, True)
            start += 1
        px, py = out[-1] if out else (0.0, 0.0)
        for i in range(start, min(end, last)):
            lon, lat = line[i]
            x, y = (lon + shift - west) * kx, (north - lat) * ky
            if (x - px) ** 2 + (y - py) ** 2 >= limit:
                out.append((x, y))
                px, py = x, y
        if end > last >= start:  # the last point of the line
            self.keep(last, True)

    def thinned(self, stretch: Stretch) -> bool:
        """Whether a stretch is drawn as its first two and last two kept points.

        It lies wholly beyond one side of the view (past the clipping margin) and its steps are
        a pixel or more, so every point after the first kept one would be kept, and clipping
        drops those between without a trace.
        """
        return (0 < stretch.start and stretch.end < len(self.ring.points)
                and stretch.step * min(self.view.kx, self.view.ky) > 1 + 1e-6 and self.beyond(stretch.box) > 0)

    def stretch(self, k: int) -> None:
        """Stretch k, thinned if it may be."""
        stretch = self.ring.stretches[k]
        if not self.thinned(stretch):
            self.every(stretch.start, stretch.end)
            return
        i = stretch.start
        while i < stretch.end and not self.keep(i, False):
            i += 1
        for j in sorted({i + 1, stretch.end - 2, stretch.end - 1}):
            if i < j < stretch.end:
                self.keep(j, True)

    def walk(self, group: Group) -> None:
        """The group's parts; each run of parts beyond one side of the view goes to run()."""
        parts, i = group.parts, 0
        while i < len(parts):
            side, j = self.beyond(parts[i].box), i + 1
            while side and j < len(parts) and self.beyond(parts[j].box) == side:
                j += 1
            if side:
                self.run(parts[i].first, parts[j - 1].end)
            elif parts[i].parts:
                self.walk(parts[i])
            else:
                self.stretch(parts[i].first)
            i = j

    def run(self, a: int, b: int) -> None:
        """Stretches a..b-1, all beyond one side: the first, one point, then the last few.

        The run keeps its first point (stretch a spans SPAN, so keeps a point), its last (the
        stretches after k are drawn as ever, from the same last kept point: the last point of
        stretch k, thinned and spanning SPAN) and three points or more (the last stretch spans
        SPAN too). Clipping, of rings and border lines alike, sees nothing else of such a run.
        """
        stretches, span = self.ring.stretches, lambda k: _span_px(stretches[k].box, self.view) > SPAN
        while a < b and not span(a):
            self.stretch(a)
            a += 1
        z = b - 1
        while z > a and not span(z):
            z -= 1
        k = next((k for k in range(z - 1, a, -1) if span(k) and self.thinned(stretches[k])), None)
        if k is None:
            for m in range(a, b):
                self.stretch(m)
            return
        self.stretch(a)
        self.keep(stretches[k].end - 1, True)
        for m in range(k + 1, b):
            self.stretch(m)


def _span_px(box: Box, view: View) -> float:
    """The larger side, in px, of a box in degrees."""
    return max((box[2] - box[0]) * view.kx, (box[3] - box[1]) * view.ky)


def _beyond(view: View, shift: float) -> Callable[[Box], int]:
    """Which side of the clipping rectangle a box in degrees lies wholly beyond: 1 left, 2 right,
    3 above, 4 below, 0 none.

    Above and below count only within the rectangle's width, so that every point of the box is
    dropped by the same one of the clipper's four steps.
    """
    left, right = view.west - shift - PAD / view.kx, view.west - shift + (view.width + PAD) / view.kx
    top, bottom = view.north + PAD / view.ky, view.north - (view.height + PAD) / view.ky

    def side(box: Box) -> int:
        w, s, e, n = box
        if e < left - EPS or w > right + EPS:
            return 1 if e < left - EPS else 2
        if w > left + EPS and e < right - EPS and (s > top + EPS or n < bottom - EPS):
            return 3 if s > top + EPS else 4
        return 0
    return side
