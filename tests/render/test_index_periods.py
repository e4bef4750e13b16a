"""Period pages: past INDEX_WINDOW events, index.html lists periods and each period has its page."""
from __future__ import annotations

import re
from pathlib import Path

import pytest

from chronicle.render import periods
from tests.support import build

YEARS = [1900 + 2 * n for n in range(60)]  # 1900 .. 2018: six events in each decade


def event_files(years: list[int], month: str = "03") -> dict[str, str]:
    """One short event per year given; the axis bins them once there are more than ~80."""
    return {f"events/e{n:03d}.md": f"---\ntitle: Event {n}\ndate: \"{year}-{month}-01\"\n---\nBody {n}.\n"
            for n, year in enumerate(years)}


@pytest.fixture
def windowed_site(content, tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    """120 events, with the thresholds lowered so they make a windowed index of decade pages."""
    monkeypatch.setattr(periods, "INDEX_WINDOW", 20)
    monkeypatch.setattr(periods, "PERIOD_LIMIT", 12)
    files = {**event_files(YEARS), **{f"events/f{n:03d}.md": f"---\ntitle: Later {n}\ndate: \"{year}-09-01\"\n---\n"
                                      for n, year in enumerate(YEARS)}}
    run = build(content(files), tmp_path / "site")
    assert run.code == 0, run.err
    return tmp_path / "site"


def listed(html: str) -> list[str]:
    """The event links of the page's event lists (not the axis marks)."""
    lists = re.findall(r'<ol class="event-list">(.*?)</ol>', html, re.S)
    return [h for part in lists for h in re.findall(r'<a href="([^"]+)">', part)]


def hrefs(html: str, pattern: str) -> list[str]:
    """Every href in the page that matches pattern."""
    return [h for h in re.findall(r'href="([^"]+)"', html) if re.fullmatch(pattern, h)]


def test_small_index_keeps_every_event_and_makes_no_period_pages(content, tmp_path: Path) -> None:
    run = build(content(event_files(YEARS)), tmp_path / "site")
    assert run.code == 0, run.err
    html = (tmp_path / "site" / "index.html").read_text()
    assert listed(html) == [f"events/e{n:03d}.html" for n in range(60)]
    assert not (tmp_path / "site" / "periods").exists()


def test_windowed_index_lists_decades_with_counts_and_no_events(windowed_site: Path) -> None:
    html = (windowed_site / "index.html").read_text()
    rows = re.findall(r'<li><a href="(periods/[^"]+)">([^<]+)</a> <span class="count">([^<]+)</span>', html)
    assert rows[0] == ("periods/1900-1909.html", "1900 – 1909", "10 events")
    assert [path for path, _, _ in rows] == [f"periods/{d}-{d + 9}.html" for d in range(1900, 2020, 10)]
    assert sum(int(count.split()[0]) for _, _, count in rows) == 120
    assert listed(html) == []


def test_period_page_lists_its_events_with_neighbours(windowed_site: Path) -> None:
    html = (windowed_site / "periods" / "1950-1959.html").read_text()
    assert listed(html) == [f"../events/{k}{n:03d}.html" for n in range(25, 30) for k in "ef"]
    assert 'rel="prev" href="../periods/1940-1949.html"' in html
    assert 'rel="next" href="../periods/1960-1969.html"' in html
    assert '<a href="../years/1950.html">1950</a>' in html
    first = (windowed_site / "periods" / "1900-1909.html").read_text()
    assert 'rel="prev"' not in first and 'rel="next" href="../periods/1910-1919.html"' in first


def test_axis_bins_lead_to_period_pages(windowed_site: Path) -> None:
    html = (windowed_site / "index.html").read_text()
    bins = re.findall(r'<a class="axis-bin" href="([^"]+)"', html)
    assert bins and all(re.fullmatch(r"periods/\d{4}-\d{4}\.html", href) for href in bins)
    assert all((windowed_site / href).exists() for href in bins)


@pytest.mark.parametrize(("years", "unit"), [
    ([1900 + n % 100 for n in range(30)], 1000),  # 30 events in one millennium fit
    ([1000 + 40 * n for n in range(30)], 100),  # two or three a century
    (YEARS, 10),
    ([2019] * 12, 1),  # more than a decade may hold, even in one year: single years
])
def test_unit_is_the_coarsest_that_keeps_pages_small(years: list[int], unit: int,
                                                    monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(periods, "PERIOD_LIMIT", 30 if unit == 1000 else 8)
    class Start:  # only the start year matters to the choice
        def __init__(self, year: int) -> None:
            self.year = year
    class Fake:
        def __init__(self, year: int) -> None:
            self.start = Start(year)
    class Site:
        events = [Fake(year) for year in years]
    assert periods.period_unit(Site()) == unit
