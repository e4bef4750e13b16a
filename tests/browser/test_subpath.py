"""The real timeline served from a GitHub Pages project subpath (/<repo>/) over http."""
from __future__ import annotations

import re
from collections import deque
from collections.abc import Callable
from typing import TYPE_CHECKING
from urllib.parse import urldefrag, urlsplit

import pytest

if TYPE_CHECKING:
    from conftest import Server

pytestmark = pytest.mark.browser

REFERENCES = """() => {
  const found = [];
  const kinds = [['a[href]', 'href'], ['link[href]', 'href'], ['script[src]', 'src'],
                 ['img[src]', 'src'], ['source[src]', 'src']];
  for (const [selector, attribute] of kinds) {
    for (const element of document.querySelectorAll(selector)) {
      const raw = element.getAttribute(attribute);
      found.push({tag: element.localName, rel: element.getAttribute('rel') || '', raw,
                  url: new URL(raw, document.baseURI).href});
    }
  }
  return found;
}"""
XML_LINKS = re.compile(r"<loc>([^<]+)</loc>|<link[^>]*\bhref=\"([^\"]+)\"")


def local(url: str, server: Server) -> str | None:
    """The URL on the test server for a site URL, or None for another site's URL."""
    url = urldefrag(url)[0]
    if url.startswith(server.base_url):
        return server.root + url[len(server.base_url):]
    if urlsplit(url).netloc == urlsplit(server.origin).netloc:
        return url
    return None


def references(page: object, url: str, server: Server) -> list[str]:
    """Local URLs a page refers to; fail on anything but a plain link leaving the site."""
    found = []
    for ref in page.evaluate(REFERENCES):
        if urlsplit(ref["url"]).scheme in ("mailto", "tel", "data"):
            continue
        target = local(ref["url"], server)
        if target is None:
            assert ref["tag"] == "a", f"{url} loads {ref['raw']} from another host"
            continue
        assert target.startswith(server.root), f"{url} links outside the site: {ref['raw']}"
        found.append(target)
    return found


def crawl(page: object, server: Server) -> dict[str, int]:
    """Visit every page and file reachable from the home page; return each URL's status."""
    status: dict[str, int] = {}
    queue = deque([server.root, f"{server.root}sitemap.xml"])  # as a crawler would
    while queue:
        url = queue.popleft()
        if url in status:
            continue
        path = urlsplit(url).path
        if path.endswith("/") or path.endswith(".html"):
            response = page.goto(url)
            status[url] = response.status
            queue.extend(references(page, url, server))
        else:
            response = page.request.get(url)
            status[url] = response.status
            if path.endswith(".xml"):
                links = XML_LINKS.findall(response.text())
                queue.extend(filter(None, (local(a or b, server) for a, b in links)))
    return status


def test_every_page_and_asset_answers_under_the_subpath(page: object, served_site: Server) -> None:
    status = crawl(page, served_site)
    broken = {url: code for url, code in status.items() if code != 200}
    assert not broken, f"broken links: {broken}"
    pages = [url for url in status if url.endswith(".html")]
    expected = {f"{served_site.root}{path.relative_to(served_site.site).as_posix()}"
                for path in served_site.site.rglob("*.html") if path.name != "404.html"}
    assert expected <= set(pages), f"pages nothing links to: {sorted(expected - set(pages))}"
    for name in ("assets/style.css", "assets/search.js", "assets/search-index.js",
                 "assets/register-sw.js", "feed.xml", "sitemap.xml"):
        assert f"{served_site.root}{name}" in status


def test_unknown_address_shows_the_styled_404_page(
        page: object, guard: object, served_site: Server,
        assert_styled: Callable[[object], None]) -> None:
    url = f"{served_site.root}no/such/page.html"
    guard.expect_error("status of 404")
    response = page.goto(url)
    assert response.status == 404
    assert "not found" in page.locator("main h1").inner_text().lower()
    assert_styled(page)
    for target in set(references(page, url, served_site)) - {url}:
        assert page.request.get(target).status == 200, f"404 page links to missing {target}"


def test_search_works_under_the_subpath(page: object, served_site: Server) -> None:
    page.goto(served_site.root)
    box = page.locator("header form[role=search] input[name=q]")
    box.fill("김정은")
    box.press("Enter")
    page.wait_for_url(re.compile(re.escape(served_site.root) + r"search\.html\?q="))
    page.locator("#search-results a").first.click()
    page.wait_for_url(f"{served_site.root}people/kim-jong-un.html")
