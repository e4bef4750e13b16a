"""A large site opened from disk: sharded search gives the whole index's answers; period pages link up."""
from __future__ import annotations

import re
from pathlib import Path

import pytest

from chronicle.render import periods
from chronicle.formats import searchshards
from tests.support import build
from tests.formats.test_search_shards import QUERIES, shard_content

pytestmark = pytest.mark.browser

ANSWER = ("qs => Promise.all(qs.map(q => new Promise(done => window.timelineSearchReady(q,"
          " a => done([a.total, a.results.map(r => r.url)])))))")


@pytest.fixture
def sites(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> tuple[Path, Path]:
    """The same content built whole and (thresholds lowered) sharded and windowed."""
    content = shard_content(tmp_path / "content", 120)  # past ~80 events the phone axis bins them
    assert build(content, tmp_path / "whole").code == 0
    monkeypatch.setattr(searchshards, "SHARD_THRESHOLD", 20)
    monkeypatch.setattr(searchshards, "SHARD_ENTRIES", 5)
    monkeypatch.setattr(periods, "INDEX_WINDOW", 20)
    monkeypatch.setattr(periods, "PERIOD_LIMIT", 12)
    run = build(content, tmp_path / "sharded")
    assert run.code == 0, run.err
    return tmp_path / "whole", tmp_path / "sharded"


def test_sharded_search_answers_exactly_as_the_whole_index(page: object, sites: tuple[Path, Path]) -> None:
    whole, sharded = sites
    page.goto((whole / "search.html").as_uri())
    expected = page.evaluate(ANSWER, QUERIES)
    page.goto((sharded / "search.html").as_uri())
    assert page.evaluate("typeof window.TIMELINE_SEARCH_SHARDS") == "object"
    assert page.evaluate(ANSWER, QUERIES) == expected
    assert any(total for total, _ in expected)


def test_search_page_loads_only_the_shards_a_query_needs(page: object, sites: tuple[Path, Path]) -> None:
    _, sharded = sites
    page.goto((sharded / "search.html").as_uri() + "?q=%EA%B9%80%EC%A0%95%EC%9D%80")  # 김정은
    page.wait_for_selector("#search-results a[href='people/kim.html']")
    loaded = page.evaluate("[...document.scripts].map(s => s.getAttribute('src'))"
                           ".filter(s => /search\\/e\\d+\\.js$/.test(s))")
    assert 0 < len(loaded) < 25  # of 25
    page.fill("#search-input", "eaty")  # an infix of 'treaty': events 0-7, 64-71 and every eighth: 29
    # A locator, not wait_for_function: older Playwright evaluates its text with eval, which the CSP forbids.
    page.locator("#search-results a").nth(28).wait_for()
    assert page.locator("#search-results a").count() == 29
    assert page.locator("#search-status").inner_text() == "29 results."


def test_axis_and_period_links_work_from_disk(page: object, sites: tuple[Path, Path]) -> None:
    _, sharded = sites
    page.goto((sharded / "index.html").as_uri())
    first = page.locator(".period-list a").first
    first.click()
    page.wait_for_url(re.compile(r"/periods/1900-1909\.html$"))
    assert page.locator(".event-list a").count() == 10
    page.locator("a[rel=next]").first.click()
    page.wait_for_url(re.compile(r"/periods/1910-1919\.html$"))
    page.locator("a[rel=prev]").first.click()
    page.wait_for_url(re.compile(r"/periods/1900-1909\.html$"))
    page.goto((sharded / "index.html").as_uri())
    href = page.locator(".axis-narrow a.axis-bin").first.get_attribute("href")
    page.locator(".axis-narrow a.axis-bin").first.dispatch_event("click")
    page.wait_for_url(re.compile(re.escape(href) + "$"))
    assert page.locator(".event-list a").count() > 0
