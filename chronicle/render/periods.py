"""Period pages: a large timeline's index split by decade, century or millennium.

Up to INDEX_WINDOW events, index.html lists them all, as it always has. Past it a phone would
download every event at once (27 MB at 100,000), so index.html keeps the whole-history axis and
lists the periods with their counts, and each period gets `periods/<first>-<last>.html` (years
astronomical and signed as in year pages, e.g. `periods/1950-1959.html`, `periods/-0099--0000.html`)
listing its events by year, with links to the periods before and after. One unit serves the whole
site: the coarsest whose busiest period holds at most PERIOD_LIMIT events (single years if even a
decade holds more).
"""
from __future__ import annotations

from collections import Counter
from dataclasses import dataclass

from ..content.model import Event, Site

INDEX_WINDOW = 2_000  # events up to which index.html lists every event itself
PERIOD_LIMIT = 2_000  # events a period page should hold at most
UNITS = (1000, 100, 10, 1)  # millennium, century, decade, year: coarsest first


@dataclass(frozen=True)
class Period:
    """A run of `unit` years starting at `first` (astronomical), and its events in order."""

    first: int
    last: int
    events: tuple[Event, ...]

    @property
    def path(self) -> str:
        """'periods/1950-1959.html'; signed four-digit years as in year pages."""
        return f"periods/{_year(self.first)}-{_year(self.last)}.html"


def windowed(site: Site) -> bool:
    """Whether the site is large enough that index.html lists periods instead of events."""
    return len(site.events) > INDEX_WINDOW


def period_unit(site: Site) -> int:
    """The coarsest unit in years whose busiest period holds at most PERIOD_LIMIT events."""
    for unit in UNITS:
        counts = Counter(event.start.year // unit for event in site.events)
        if max(counts.values(), default=0) <= PERIOD_LIMIT:
            return unit
    return UNITS[-1]


def site_periods(site: Site) -> list[Period]:
    """Every period that has events, in time order; empty for a site that is not windowed."""
    if not windowed(site):
        return []
    unit = period_unit(site)
    groups: dict[int, list[Event]] = {}
    for event in site.events:  # already in time order; start years never decrease along it
        groups.setdefault(event.start.year // unit * unit, []).append(event)
    return [Period(first, first + unit - 1, tuple(events)) for first, events in sorted(groups.items())]


def period_href(periods: list[Period]):
    """A function from a year to the path of the period page that holds it (None if none does)."""
    unit = periods[0].last - periods[0].first + 1 if periods else 1
    paths = {period.first: period.path for period in periods}
    return lambda year: paths.get(year // unit * unit)


def _year(year: int) -> str:
    """'1958', '-0043': the signed, zero-padded form year page paths use."""
    return f"{'-' if year < 0 else ''}{abs(year):04d}"
