"""Issue 18, point 1 in Chromium: script from content/assets never runs in the site's origin, and
script that did get in cannot make the offline worker serve its own bytes on later visits."""
from __future__ import annotations

import shutil
from collections.abc import Callable
from pathlib import Path
from typing import TYPE_CHECKING

import pytest

from tests.support import build as run_build, write_tree

if TYPE_CHECKING:
    from conftest import Guard, Server

PlaywrightError = pytest.importorskip("playwright.sync_api").Error

pytestmark = pytest.mark.browser

# The issue's reproducer, word for word.
ANNEX = ('<script>caches.keys().then(n=>caches.open(n[0])).then(c=>c.put(new URL("register-sw.js",location).href,'
         'new Response("alert(1)",{headers:{"Content-Type":"text/javascript"}})))</script>')
EVENT = "---\ntitle: A\ndate: 2000\n---\n[annex](assets/a.html)\n"
# What script in the origin could write: the site's own script and pages replaced by an alert.
POISON = """async () => {
  const [name] = await caches.keys();
  const cache = await caches.open(name);
  const script = {headers: {"Content-Type": "text/javascript"}};
  const page = {headers: {"Content-Type": "text/html"}};
  await cache.put(new URL("assets/register-sw.js", document.baseURI).href, new Response("alert(1)", script));
  await cache.put(new URL("assets/search.js", document.baseURI).href, new Response("alert(2)", script));
  for (const path of ["index.html", "search.html", "timeline.html", "404.html"]) {
    await cache.put(new URL(path, document.baseURI).href, new Response("<script>alert(3)</script>", page));
  }
  return name;
}"""
CONTROLLED = "navigator.serviceWorker.ready.then(() => navigator.serviceWorker.controller !== null)"


def dialogs_of(page: object) -> list[str]:
    """Every dialog the page opens, dismissed and recorded."""
    seen: list[str] = []
    page.on("dialog", lambda dialog: (seen.append(f"{page.url}: {dialog.message}"), dialog.dismiss()))
    return seen


def install(page: object, root: str) -> None:
    page.goto(root)
    page.evaluate("navigator.serviceWorker.ready.then(() => true)")
    page.reload()
    assert page.evaluate(CONTROLLED), "the service worker does not control the page"


def test_issue_reproducer_is_refused_and_its_link_runs_nothing(
        new_context: Callable[..., object], guard: Guard, serve: Callable[[Path], Server], tmp_path: Path) -> None:
    content = write_tree(tmp_path / "content", {"site.yaml": "title: T\nlanguage: en\n", "events/a.md": EVENT})
    site = tmp_path / "www" / "repo-name"
    assert run_build(content, site).code == 0  # the link alone is only a warning: no such asset
    before = sorted(p.relative_to(site).as_posix() for p in site.rglob("*"))
    write_tree(content, {"assets/a.html": ANNEX})
    run = run_build(content, site)
    assert (run.code, [line for line in run.error_lines if "base_url" not in line]) == (1, [
        "content/assets/a.html: a .html file in assets/ could run script as part of the site, so it is not "
        "published: turn it into a page in content/pages/ or link a copy hosted elsewhere"])
    assert sorted(p.relative_to(site).as_posix() for p in site.rglob("*")) == before
    server = serve(tmp_path / "www")
    guard.expect_error("404")  # the annex link leads nowhere
    page = guard.watch(new_context(service_workers="allow").new_page())
    dialogs = dialogs_of(page)
    install(page, server.root)
    for _ in range(2):  # the first visit and a later one
        page.goto(f"{server.root}events/a.html")
        page.click("main a[href$='assets/a.html']")
        page.wait_for_load_state("load")
        for path in ("index.html", "events/a.html", "search.html?q=a", "timeline.html"):
            page.goto(server.root + path)
            page.wait_for_timeout(100)
    assert dialogs == []


@pytest.mark.parametrize("offline", [False, True], ids=["online", "offline"])
def test_an_attacker_written_cache_entry_is_never_served(
        new_context: Callable[..., object], guard: Guard, serve: Callable[[Path], Server], tmp_path: Path,
        served_site: Server, offline: bool) -> None:
    shutil.copytree(served_site.site, tmp_path / "www" / "repo-name")  # this test's own origin and caches
    server = serve(tmp_path / "www")
    guard.expect_error("")  # offline, the dropped entries fail to load: that is the point
    context = new_context(service_workers="allow")
    page = guard.watch(context.new_page())
    dialogs = dialogs_of(page)
    install(page, server.root)
    name = page.evaluate(POISON)
    context.set_offline(offline)
    event = f"events/{sorted((server.site / 'events').glob('*.html'))[0].name}"
    shown = {path: visit(page, server.root + path)
             for path in ("", "index.html", "search.html?q=hanoi", "timeline.html", "no/such/page.html", event)}
    assert dialogs == []
    assert page.evaluate(CONTROLLED), "the worker stopped controlling the site"
    assert shown[""] and shown[event], "pages nobody forged must still be served"
    if offline:  # a forged page has no true copy left offline: nothing is shown rather than it
        assert not any(shown[path] for path in ("index.html", "timeline.html", "no/such/page.html"))
        return
    assert all(shown.values())  # online, the forged entries are replaced by the build's bytes
    served = page.evaluate("""async ([name, root]) => {
      const url = new URL("assets/register-sw.js", root).href;
      const fetched = await (await fetch(url)).text();
      const kept = await (await caches.open(name)).match(url);
      return [fetched, kept ? await kept.text() : null];
    }""", [name, server.root])
    genuine = (server.site / "assets" / "register-sw.js").read_text(encoding="utf-8")
    assert served == [genuine, genuine]


def visit(page: object, url: str) -> bool:
    """Open url and let its scripts run; False when nothing could be loaded (offline, no true copy)."""
    for attempt in range(4):  # offline, the error page of the last failed visit may still be committing
        try:
            page.goto(url)
            break
        except PlaywrightError as error:
            if "interrupted by another navigation" in str(error) and attempt < 3:
                page.wait_for_load_state()
                page.wait_for_timeout(100)
                continue
            if "ERR_FAILED" not in str(error) and "ERR_INTERNET_DISCONNECTED" not in str(error):
                raise
            return False
    page.wait_for_load_state("load")
    page.wait_for_timeout(150)
    return page.locator("main h1").count() > 0


INSTALLED = """async () => {
  const registration = await navigator.serviceWorker.getRegistration();
  const names = await caches.keys();
  const kept = names.length ? (await (await caches.open(names[0])).keys()).length : 0;
  return [Boolean(registration && registration.active), kept > 0];
}"""


def installed(page: object, root: str) -> list[bool]:
    """[a worker is active, its cache holds files], once that is so or after 5 s."""
    page.goto(root)
    for _ in range(50):
        if page.evaluate(INSTALLED)[0]:
            break
        page.wait_for_timeout(100)
    return page.evaluate(INSTALLED)


def test_the_worker_installs_nothing_when_a_file_is_not_the_builds(
        new_context: Callable[..., object], guard: Guard, serve: Callable[[Path], Server], tmp_path: Path,
        served_site: Server) -> None:
    site = Path(shutil.copytree(served_site.site, tmp_path / "www" / "repo-name"))
    with (site / "assets" / "search.js").open("a", encoding="utf-8") as script:
        script.write("alert(1);\n")  # changed on the server after the build listed its hash
    server = serve(tmp_path / "www")
    guard.expect_error("integrity")
    assert installed(new_context(service_workers="allow").new_page(), served_site.root) == [True, True]  # as built
    assert installed(new_context(service_workers="allow").new_page(), server.root) == [False, False]
