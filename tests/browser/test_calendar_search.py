"""In Chromium, from disk: search finds a Hijri- and a Juche-dated event by either date and shows
both dates, and finds a place by a name it bore (issue 23's done-when check, as a reader sees it)."""
from __future__ import annotations

from pathlib import Path

import pytest

from tests.render.test_calendars_and_names import FILES, HIJRI, JUCHE
from tests.support import build, write_tree

pytestmark = pytest.mark.browser


@pytest.fixture
def calendar_site(tmp_path: Path) -> Path:
    content = write_tree(tmp_path / "content", {"site.yaml": "title: Calendars\nlanguage: en\n", **FILES})
    run = build(content, tmp_path / "site")
    assert run.code == 0, run.err
    return tmp_path / "site"


def _results(page: object, site: Path, query: str) -> list[str]:
    page.goto((site / "search.html").as_uri())
    page.locator("#search-input").press_sequentially(query)
    page.wait_for_selector("#search-results a")
    return page.locator("#search-results li").all_inner_texts()


@pytest.mark.parametrize("query, title, shown", [
    ("jumada 1377", "Hijri-dated event", HIJRI),
    ("december 1957", "Hijri-dated event", HIJRI),
    ("juche 47", "Juche-dated event", JUCHE),
])
def test_search_shows_and_finds_both_dates(page: object, calendar_site: Path, query, title, shown) -> None:
    results = _results(page, calendar_site, query)
    assert any(title in item and shown in item for item in results), results


def test_search_finds_a_place_by_a_former_name(page: object, calendar_site: Path) -> None:
    results = _results(page, calendar_site, "peking")
    assert any(item.startswith("Beijing") for item in results), results
