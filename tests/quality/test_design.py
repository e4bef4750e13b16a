"""Design checks: language tags on native names, skip link, print and dark styles."""
from __future__ import annotations

import itertools
import re

import pytest

from tests.quality.conftest import BuiltSite

NATIVE_LANGS = {"ko", "zh", "vi", "ru"}
EVENT = "events/2019-02-train-to-dong-dang.html"


def media_block(css: str, query: str) -> str:
    """The body of the first @media block whose query contains `query` (braces balanced)."""
    start = css.find("{", css.index(query)) + 1
    depth, end = 1, start
    while depth:
        depth += {"{": 1, "}": -1}.get(css[end], 0)
        end += 1
    return css[start:end - 1]


def test_native_names_carry_their_language(site: BuiltSite) -> None:
    found = set()
    for path in site.pages():
        if path.startswith(("people/", "places/")) and not path.endswith("index.html"):
            found |= set(re.findall(r'<span class="native" lang="([a-z-]+)">', site.read(path)))
    assert NATIVE_LANGS <= found, f"missing lang tags on native names: {NATIVE_LANGS - found}"
    assert '<span class="native" lang="ko">' in site.read("people/kim-jong-un.html")


def test_every_page_has_a_skip_link_to_main(site: BuiltSite) -> None:
    for path in site.pages():
        html = site.read(path)
        body = html[html.index("<body>"):]
        # The links before the first ordinary one are skip links, and one of them goes to #main
        # (timeline.html puts "skip to the chart" first: one Tab reaches the chart, issue 20).
        links = re.findall(r"<a [^>]*>", body)
        skips = list(itertools.takewhile(lambda link: 'class="skip-link"' in link, links))
        assert skips and any('href="#main"' in link for link in skips), f"{path}: {links[:2]}"
        assert html.count('id="main"') == 1, path


def test_print_stylesheet_hides_navigation_and_prints_source_urls(site: BuiltSite) -> None:
    printed = media_block(site.read("assets/style.css"), "@media print")
    assert re.search(r"\.site-header[^{]*\{\s*display:\s*none", printed)
    assert re.search(r"\.print-url\s*\{\s*display:\s*inline", printed)


def test_dark_palette_exists(site: BuiltSite) -> None:
    dark = media_block(site.read("assets/style.css"), "prefers-color-scheme: dark")
    assert "--bg:" in dark and "--fg:" in dark


@pytest.mark.browser
def test_print_and_dark_modes_apply_in_the_browser(site: BuiltSite, browser: object) -> None:
    context = browser.new_context(service_workers="block")
    page = context.new_page()
    try:
        page.goto(site.url + EVENT)
        page.keyboard.press("Tab")
        assert page.evaluate("document.activeElement.getAttribute('href')") == "#main"
        assert page.evaluate("document.activeElement.getBoundingClientRect().top") >= 0, "skip link not shown on focus"
        light = page.evaluate("getComputedStyle(document.body).backgroundColor")
        page.emulate_media(media="print")
        assert not page.locator("nav[aria-label=Main]").is_visible()
        urls = page.locator(".sources .print-url")
        assert urls.count() > 0 and urls.first.is_visible() and "http" in urls.first.inner_text()
        page.emulate_media(media="screen", color_scheme="dark")
        assert page.evaluate("getComputedStyle(document.body).backgroundColor") != light
    finally:
        context.close()
