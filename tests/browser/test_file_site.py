"""The real timeline opened from disk (file://): links, styles and search, no network."""
from __future__ import annotations

import re
import json
from collections.abc import Callable
from pathlib import Path

import pytest

pytestmark = pytest.mark.browser

def follow(page: object, selector: str, expect: str) -> str:
    """Click the first link matching selector; check the new URL; return it."""
    link = page.locator(selector).first
    link.click()
    page.wait_for_url(re.compile(expect))
    page.wait_for_load_state("load")
    assert page.locator("main h1").first.inner_text().strip(), f"{page.url} has no heading"
    return page.url


def back_to(page: object, url: str) -> None:
    """Go back one page and check where we landed."""
    page.go_back()
    page.wait_for_load_state("load")
    assert page.url == url


def well_linked_event(site: Path) -> str:
    """The first event page (by name) that links to people, places and tags."""
    for path in sorted((site / "events").glob("*.html")):
        html = path.read_text(encoding="utf-8")
        if all(re.search(rf'href="\.\./{kind}/(?!index\.html)', html)
               for kind in ("people", "places", "tags")):
            return f"events/{path.name}"
    raise AssertionError("no event names people, places and tags")


def test_browses_index_event_person_place_tag_and_year(
        page: object, file_site: Path, assert_styled: Callable[[object], None]) -> None:
    index = (file_site / "index.html").as_uri()
    page.goto(index)
    assert_styled(page)
    href = well_linked_event(file_site)
    event = follow(page, f"main a[href='{href}']", re.escape(href) + "$")
    assert_styled(page)
    for kind in ("people", "places", "tags"):
        follow(page, f"main a[href^='../{kind}/']:not([href$='index.html'])",
               rf"/{kind}/[a-z0-9-]+\.html$")
        assert_styled(page)
        back_to(page, event)
    back_to(page, index)
    year = follow(page, "main a[href^='years/']", r"/years/-?\d+\.html$")
    assert_styled(page)
    follow(page, "main a[href^='../events/']", r"/events/[a-z0-9-]+\.html$")
    back_to(page, year)
    back_to(page, index)


def search_from_header(page: object, query: str) -> list[str]:
    """Submit the header search box; return the hrefs of the results shown."""
    box = page.locator("header form[role=search] input[name=q]")
    box.fill(query)
    box.press("Enter")
    page.wait_for_url(re.compile(r"/search\.html\?q="))
    page.wait_for_selector("#search-results a")
    assert page.locator("#search-input").input_value() == query
    return page.locator("#search-results a").evaluate_all("links => links.map(a => a.getAttribute('href'))")


@pytest.mark.parametrize("query", ["Ha Noi", "ha noi", "Hà Nội", "HA NOI", "hanoi"])
def test_header_search_finds_hanoi_spelled_any_way(page: object, file_site: Path, query: str) -> None:
    page.goto((file_site / "index.html").as_uri())
    hrefs = search_from_header(page, query)
    assert hrefs[0] == "places/hanoi.html"  # the title, spaces and accents aside


def test_native_script_search_leads_to_the_person(page: object, file_site: Path) -> None:
    page.goto(sorted((file_site / "events").glob("*.html"))[0].as_uri())
    hrefs = search_from_header(page, "김정은")
    assert hrefs[0] == "people/kim-jong-un.html"
    page.locator("#search-results a").first.click()
    page.wait_for_url(re.compile(r"/people/kim-jong-un\.html$"))
    assert page.locator("main h1").inner_text() == "Kim Jong Un"


def test_results_follow_typing_and_the_keyboard(page: object, file_site: Path) -> None:
    page.goto((file_site / "search.html").as_uri())
    status = page.locator("#search-status")
    page.locator("#search-input").press_sequentially("pyongy")
    page.wait_for_selector("#search-results a")
    assert re.search(r"\d+ results?", status.inner_text())
    page.keyboard.press("ArrowDown")
    first = page.evaluate("document.activeElement.getAttribute('href')")
    assert first == page.locator("#search-results a").first.get_attribute("href")
    page.keyboard.press("ArrowDown")
    second = page.evaluate("document.activeElement.getAttribute('href')")
    assert second != first
    page.keyboard.press("ArrowUp")
    assert page.evaluate("document.activeElement.getAttribute('href')") == first
    page.keyboard.press("Enter")
    page.wait_for_url(re.compile(re.escape(first) + "$"))


def test_search_says_when_nothing_matches(page: object, file_site: Path) -> None:
    page.goto((file_site / "search.html").as_uri() + "?q=zzqxj")
    assert page.locator("#search-results li").count() == 0
    assert "No results" in page.locator("#search-status").inner_text()


def test_javascript_and_python_normalise_alike(page: object, file_site: Path) -> None:
    from chronicle.formats.search import normalise

    samples = ["Hà Nội", "Đồng Đăng", "김정은 (金正恩)", "Straße", "İstanbul", "Kim Jong-un",
               "ΣΊΣΥΦΟΣ", "ﬁne\u00a0x\ty", "Ǆemal", "㎒", "“quoted”", "ピョンヤン", "Nguyễn Phú Trọng"]
    page.goto((file_site / "search.html").as_uri())
    assert page.evaluate("s => s.map(window.timelineNormalise)", samples) == [
        normalise(text) for text in samples]


def test_search_agrees_with_a_plain_scan_while_typing_and_deleting(
        page: object, file_site: Path) -> None:
    from chronicle.formats.search import normalise

    script = (file_site / "assets" / "search-index.js").read_text(encoding="utf-8")
    entries = json.loads(script[script.index("["):script.rindex("]") + 1])
    typed = ["k", "ki", "kim", "kim ", "kim j", "kim jo", "kim j", "kim ", "kim x", "kim",
             "h", "ha", "ha n", "ha no", "ha noi", "ha no", "ha", "hanoi", "김", "김정은", ""]
    page.goto((file_site / "search.html").as_uri())
    answers = page.evaluate("qs => qs.map(q => { const a = window.timelineSearch(q);"
                            " return [a.total, a.results.map(r => r.url)]; })", typed)
    for query, (total, urls) in zip(typed, answers):
        words = normalise(query).split()
        expected = [e["url"] for e in entries if words and all(w in e["h"] for w in words)]
        assert total == len(expected), query
        assert len(urls) == min(total, 50) and set(urls) <= set(expected), query
