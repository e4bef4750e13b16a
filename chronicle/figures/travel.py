"""How each leg of a journey looks: travel modes, their line styles and the map legend.

Every mode differs by dash pattern as well as colour, so the map reads in greyscale and for
colour-blind readers; colours keep at least 3:1 contrast on land, sea and the legend, in light
mode here and in dark mode in style.css.
"""
from __future__ import annotations

from typing import Sequence

from .basemap import fmt
from ..language.modes import MODE_NAMES, MODES

LEGEND_H = 30.0
ACCENT, GREY = "#8b1e3f", "#6b6b6b"
# Fallback presentation attributes; any stylesheet rule on the classes overrides them.
LEG_STYLE = {
    "train": f'stroke="{ACCENT}" stroke-width="2"',
    "car": f'stroke="{ACCENT}" stroke-width="3.5" stroke-dasharray="0.1 6" stroke-linecap="round"',
    "plane": f'stroke="{ACCENT}" stroke-width="2" stroke-dasharray="8 5"',
    "ship": 'stroke="#1d5a8a" stroke-width="2.5" stroke-dasharray="16 6"',
    "foot": 'stroke="#2e6b30" stroke-width="2.5" stroke-dasharray="0.1 4" stroke-linecap="round"',
    "horse": 'stroke="#7a4a12" stroke-width="2.5" stroke-dasharray="10 4 2 4"',
    "camel": 'stroke="#7d5700" stroke-width="2.5" stroke-dasharray="6 3 1 3 1 3"',
    "caravan": 'stroke="#5c3d8a" stroke-width="3" stroke-dasharray="12 3 3 3"',
    "other": f'stroke="{GREY}" stroke-width="1.5" stroke-dasharray="4 4"',
}
TIES_STYLE = f'stroke="{ACCENT}" stroke-width="8" stroke-dasharray="1.5 6"'


def present_modes(kinds: Sequence[str]) -> list[str]:
    """The kinds that occur, in legend order."""
    return [k for k in MODES if k in kinds]


def leg_paths(kind: str, d: str) -> str:
    """The path(s) drawing one leg; railways get cross-ties under the line."""
    ties = f'<path class="leg-ties" d="{d}" fill="none" {TIES_STYLE}/>' if kind == "train" else ""
    return f'{ties}<path class="leg-line" d="{d}" fill="none" {LEG_STYLE[kind]}/>'


def legend(kinds: Sequence[str], top: float, width: float, names: dict[str, str] = MODE_NAMES) -> str:
    """A strip under the map listing the travel modes that occur, by `names`."""
    y, x, items = top + LEGEND_H / 2, 10.0, []
    for kind in kinds:
        d = f"M{fmt(x)} {fmt(y + 4)}q14 -10 28 0" if kind == "plane" else f"M{fmt(x)} {fmt(y)}h28"
        items.append(f'<g class="legend-item legend-{kind}">{leg_paths(kind, d)}<text class="legend-label"'
                     f' x="{fmt(x + 34)}" y="{fmt(y + 4)}" font-size="12">{names[kind]}</text></g>')
        x += 52 + sum(12 if ord(c) >= 0x1100 else 7 for c in names[kind])  # Hangul is about 1 em wide
    return (f'<g class="legend"><rect class="legend-bg" y="{fmt(top)}" width="{fmt(width)}" height="{fmt(LEGEND_H)}"'
            f' fill="#fff" stroke="#999"/>{"".join(items)}</g>')
