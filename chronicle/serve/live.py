"""`serve`'s site in memory: each page made when a browser asks for it, from the newest good Site.

After an edit, only the changed files are read again (LoadMemo) and the whole site is linked
again, which takes milliseconds; no page is rendered until it is asked for, and a rendered page
is kept until the next edit. So an edit reaches the browser in the time of one load, one link and
one page, at any size of site, and every page that lists the edited entry is new too: none is
kept from before the edit. A request never waits for an update: it is answered from the snapshot
that was current when it arrived, and an update swaps in its snapshot in one assignment.
"""
from __future__ import annotations

import gc
import threading
from collections.abc import Iterable, Iterator, Mapping
from dataclasses import dataclass, field

import jinja2
from markupsafe import Markup

from ..bodies.rendered import ROOT, body_key
from ..content.bodyscan import BodyScans
from ..errors import BuildFailed, Problem
from ..content.load import LoadMemo
from ..bodies.markup import Converters, body_html
from ..content.model import Site
from ..formats.offline import service_worker_js
from ..render.pages import Route, page_routes
from ..pipeline import Options, check
from ..render.render import (LATER_FILES, copied_sources, extra_files, extra_paths, make_environment, render_page,
                     static_dirs, template_problem)
from ..formats.search import SearchMemo
from ..formats.searchshards import SHARD_FOLDER, search_files

SEARCH_INDEX, SERVICE_WORKER = LATER_FILES[0], "sw.js"


class Bodies(Mapping):
    """Body HTML by slug, rendered on first use and kept by content key across snapshots.

    known is shared by every snapshot of one `serve`: an unchanged body is never rendered twice.
    """

    def __init__(self, site: Site, known: dict[str, str], converters: Converters) -> None:
        self._site, self._known, self._converters = site, known, converters

    def __getitem__(self, slug: str) -> Markup:
        site = self._site
        entry = site.entry(slug)
        if entry is None:
            raise KeyError(slug)
        key = body_key(site, entry)
        if key not in self._known:
            self._known[key] = str(body_html(entry, site, ROOT, self._converters))
        return Markup(self._known[key])

    def __iter__(self) -> Iterator[str]:
        site = self._site
        return iter([*site.events_by_slug, *site.people, *site.places, *site.pages])

    def __len__(self) -> int:
        return len(self._site.events_by_slug) + len(self._site.people) + len(self._site.places) + len(self._site.pages)


@dataclass
class Snapshot:
    """One good Site and the files made from it so far. Mutable on purpose: pages are added as asked for."""

    site: Site
    warnings: list[Problem]
    routes: dict[str, Route]
    copied: dict[str, str]  # theme files and content/assets: site path -> file
    extra: frozenset[str]  # feed, sitemap and exports: made together on first use
    env: jinja2.Environment
    search_memo: SearchMemo | None = None  # the LiveSite's: unchanged entries' search records kept
    made: dict[str, bytes] = field(default_factory=dict)
    search: dict[str, bytes] | None = None
    search_lock: threading.Lock = field(default_factory=threading.Lock)

    def paths(self) -> list[str]:
        """Every file the site holds, in the order a build writes them."""
        return [*self.routes, *extra_paths(self.site), *self.copied, *self._search(), SERVICE_WORKER]

    def file(self, path: str) -> bytes | None:
        """The file's bytes, made now if not made yet; None if the site has no such file.

        Raises BuildFailed for a template error, naming the template's file and line.
        """
        if path not in self.made:
            made = self._make(path)
            if made is None:
                return None
            self.made[path] = made
        return self.made[path]

    def _make(self, path: str) -> bytes | None:
        try:
            if path in self.routes:
                return render_page(self.env, self.site, self.routes[path].page())
            if path in self.extra:
                files, _ = extra_files(self.site, self.env, list(self.routes))
                self.made.update(files)
                return files[path]
        except jinja2.TemplateError as exc:
            raise BuildFailed([template_problem(exc, self.env)]) from None
        if path in self.copied:
            with open(self.copied[path], "rb") as handle:
                return handle.read()
        if path == SEARCH_INDEX or path.startswith(SHARD_FOLDER):
            self.made.update(self._search())
            return self.made.get(path)
        if path == SERVICE_WORKER:
            return service_worker_js({p: self.file(p) for p in self.paths() if p != SERVICE_WORKER})
        return None

    def _search(self) -> dict[str, bytes]:
        """The search index and its shards, made together on first use (by one thread at a time)."""
        with self.search_lock:
            if self.search is None:
                self.search = search_files(self.site, self.search_memo)
        return self.search

    def all_files(self) -> dict[str, bytes]:
        """Every file, as a cold build would write it: for tests and for writing site/."""
        return {path: self.file(path) for path in self.paths()}


class LiveSite:
    """The newest good snapshot of a site, updated after each edit.

    Mutable on purpose: one long-running `serve` updates it from its watcher thread and reads it
    from its request thread. Updates take a lock; reads take the current snapshot and keep it.
    """

    def __init__(self, options: Options) -> None:
        self.options = options
        self.current: Snapshot | None = None
        self._memo, self._scans, self._search_memo = LoadMemo(), BodyScans(), SearchMemo()
        self._bodies: dict[str, str] = {}
        self._converters = Converters()
        self._env = make_environment(options.layouts)  # reloads a template whose file changed
        self._lock = threading.Lock()

    def update(self, changed: Iterable[str] = (), complete: bool = False) -> Snapshot:
        """Load (changed files only) and link again, and make the result current.

        complete: changed names every file that changed (a file-system watcher's report), so the
        others are not even looked at; otherwise each file's size, mtime and inode are checked.

        Raises BuildFailed, leaving the current snapshot as it was, if the content has errors.
        """
        with self._lock:
            if complete:
                self._memo.trust_events(changed)
            else:
                self._memo.forget(changed)
            site, warnings = check(self.options, self._memo, self._scans)
            if len(self._bodies) > 4 * (len(site.events) + len(site.people) + len(site.places) + 100):
                self._bodies.clear()  # old versions of edited bodies: keep memory bounded
            routes = page_routes(site, Bodies(site, self._bodies, self._converters))
            paths = [route.path for route in routes]
            # Search shards are named only once made: an asset a shard would replace is reported by
            # the build of site/, not here.
            copied = copied_sources(site, static_dirs(self.options.layouts), [*paths, *extra_paths(site)])
            snapshot = Snapshot(site, warnings, {route.path: route for route in routes}, copied,
                                frozenset(extra_paths(site)), self._env, self._search_memo)
            self.current = snapshot
        # A full collection walks every object of the site: after an edit that cost more than the
        # link itself. Objects alive now are moved out of the collector's sight; the next update's
        # garbage is freed by reference counting (the model holds no cycles).
        gc.freeze()
        return snapshot

    def warm(self) -> None:
        """Make the search index now, filling the search memo, so the first search after an edit is quick."""
        snapshot = self.current
        if snapshot:
            snapshot.file(SEARCH_INDEX)

    def file(self, path: str) -> bytes | None:
        """A file of the current snapshot (see Snapshot.file); None before the first good update."""
        snapshot = self.current
        return snapshot.file(path) if snapshot else None


def request_path(url_path: str) -> str:
    """The site file a URL path names: '' and 'x/' mean their index.html."""
    path = url_path.lstrip("/")
    return path + "index.html" if path == "" or path.endswith("/") else path
