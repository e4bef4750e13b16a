"""Render stage: Site + layouts -> files, each handed to a sink as soon as it is made.

It touches no output folder itself: the sink (the write stage's Staging.put) does, in whichever
process rendered the file, so no process holds more than one page at a time.
"""
from __future__ import annotations

import os
from collections.abc import Callable, Mapping, Sequence
from dataclasses import dataclass
from typing import Any

import jinja2
from markupsafe import Markup
from urllib.parse import urlsplit

from ..errors import BuildFailed, Problem, display_path
from ..formats.exports import export_files
from ..content.model import Site
from ..parallel import split_map
from .compiled import COMPILED
from .pages import Page, Route, absolute_urls, page_routes
from ..link.urls import absolute, root_of
from ..formats.feeds import feed_context

LATER_FILES = ("assets/search-index.js", "sw.js")  # written by pipeline.render_files, not render_site
from ..options import DEFAULT_LAYOUTS  # noqa: E402 (kept importable from here)


# Takes a file's site path and bytes, writes them, returns what the caller keeps of the file (small;
# a forked render process sends it back through a pipe).
Sink = Callable[[str, bytes], Any]


@dataclass(frozen=True)
class Rendered:
    """What a build produced: the sink's result for each file, in order, and notes for the summary line."""

    written: list
    notes: list[str]
    pages: int


def make_environment(layouts_dir: str | None = None, reload: bool = True) -> jinja2.Environment:
    """Jinja2 with autoescape everywhere; a user's layouts override the defaults one by one.

    reload: check each template's file for changes on every use, as `serve` needs; a build
    reads each template once (three stat calls saved per page).
    """
    folders = [d for d in (layouts_dir, DEFAULT_LAYOUTS) if d]
    return jinja2.Environment(
        loader=jinja2.FileSystemLoader(list(dict.fromkeys(folders))), auto_reload=reload,
        autoescape=True, undefined=jinja2.StrictUndefined,
        trim_blocks=True, lstrip_blocks=True, keep_trailing_newline=True, bytecode_cache=COMPILED,
    )


def render_site(site: Site, env: jinja2.Environment, static_dirs: list[str], bodies: Mapping[str, Markup] | None,
                later: Sequence[str], sink: Sink, workers: int | None = None) -> Rendered:
    """Render every page, feed, export and asset of the site into sink; bodies: HTML by slug, if rendered already.

    sink is called in forked processes for most of the pages, so it must write, not remember.
    workers: processes at once (None: one per available core).

    later: paths the caller writes itself (the search index, the service worker), which no asset
    may take and no theme file replaces.
    """
    routes = page_routes(site, bodies)
    # Each process makes its pages' contexts, renders them and writes them: nothing big travels back.
    written = split_map(lambda part: write_routes(env, site, part, sink), routes, workers)
    paths = [route.path for route in routes]
    extras, notes = extra_files(site, env, paths)
    paths += extras
    written += [sink(path, extras.pop(path)) for path in list(extras)]  # popped: each dropped once written
    taken = set(later)  # the generated file wins over a theme file at its path, as it always did
    copied = copied_sources(site, static_dirs, [*paths, *later])
    written += [sink(path, _read(source)) for path, source in copied.items() if path not in taken]
    return Rendered(written, notes, len(routes))


EXPORT_PATHS = ("timeline.json", "calendar.ics", "places.geojson")  # what export_files makes


def static_dirs(layouts: str) -> list[str]:
    """The theme's static folders, the user's first: their files override the built-in ones."""
    return list(dict.fromkeys([os.path.join(layouts, "static"), os.path.join(DEFAULT_LAYOUTS, "static")]))


def extra_paths(site: Site) -> list[str]:
    """The paths extra_files makes, known without making them."""
    return ["feed.xml", "sitemap.xml", ".nojekyll", *(["CNAME"] if site.config.cname else []), *EXPORT_PATHS,
            *(["bibliography.json"] if site.works else [])]


def extra_files(site: Site, env: jinja2.Environment, page_paths: Sequence[str]) -> tuple[dict[str, bytes], list[str]]:
    """The feed, sitemap and exports (and their notes): files made from the whole site, not one page."""
    files = {"feed.xml": _render(env, "feed.xml", feed_context(site)),
             "sitemap.xml": _render(env, "sitemap.xml", {"urls": absolute_urls(site, page_paths)}),
             ".nojekyll": b""}
    if site.config.cname:
        files["CNAME"] = site.config.cname.encode() + b"\n"
    exported, notes = export_files(site)
    files.update(exported)
    return files, notes


def copied_sources(site: Site, static_dirs: list[str], generated: Sequence[str]) -> dict[str, str]:
    """{site path: file} for theme files and content/assets; BuildFailed where an asset would replace one."""
    theme = static_sources(static_dirs)
    owners = {**{path: "a generated file" for path in [*generated, *LATER_FILES]},
              **{path: f"the theme file {_theme_name(source)}" for path, source in theme.items()}}
    return {**theme, **asset_sources(site, owners)}


def write_routes(env: jinja2.Environment, site: Site, routes: Sequence[Route], sink: Sink) -> list:
    """Make, render and hand to sink each route's page, one at a time; a template error becomes a BuildFailed."""
    try:
        return [sink(route.path, render_page(env, site, route.page())) for route in routes]
    except jinja2.TemplateError as exc:
        raise BuildFailed([template_problem(exc, env)]) from None


def template_problem(exc: jinja2.TemplateError, env: jinja2.Environment | str) -> Problem:
    """A template error as a Problem: the template's file and line, and Jinja's message."""
    folder = env if isinstance(env, str) else (getattr(env.loader, "searchpath", None) or [""])[0]
    name = getattr(exc, "filename", None) or getattr(exc, "name", None)
    line = getattr(exc, "lineno", 0) or 0
    if not line:  # an error while rendering (an undefined value) carries no place: its traceback does
        name, line = _template_frame(exc) or (name, 0)
    return Problem(name or folder, line, f"template error: {exc.message or exc}")


def _template_frame(exc: BaseException) -> tuple[str, int] | None:
    """The innermost template file and line in exc's traceback (Jinja rewrites it to point at templates)."""
    found, frame = None, exc.__traceback__
    while frame is not None:
        if "__jinja_exception__" in frame.tb_frame.f_globals:  # a frame jinja2.debug made for a template line
            found = (frame.tb_frame.f_code.co_filename, frame.tb_lineno)
        frame = frame.tb_next
    return found


def render_page(env: jinja2.Environment, site: Site, page: Page) -> bytes:
    """Render one page: a pure function of the site, the page spec and the templates."""
    root = root_of(page.path)
    canonical = absolute(site.config.base_url, page.path) if site.config.base_url else ""
    if page.path == "404.html":
        # Served at any depth of any URL: only paths from the site's root path work there.
        root, canonical = urlsplit(site.config.base_url).path or "/", ""
    context = {
        "site": site.config, "page": page, "root": root, "canonical": canonical,
        "description": page.description or site.config.description,
        **page.context,
    }
    return _render(env, page.template, context)


def _theme_name(source: str) -> str:
    """A theme file as the user knows it: its path, or 'built-in static/...' for the default theme."""
    builtin = os.path.join(os.path.realpath(DEFAULT_LAYOUTS), "")
    real = os.path.realpath(source)
    if real.startswith(builtin):
        return "built-in " + os.path.relpath(real, builtin).replace(os.sep, "/")
    return display_path(source)


def static_sources(static_dirs: list[str]) -> dict[str, str]:
    """{site path: theme file} for everything under the static folders; earlier folders win."""
    sources: dict[str, str] = {}
    for folder in reversed(static_dirs):
        for path in _walk(folder):
            sources["assets/" + os.path.relpath(path, folder).replace(os.sep, "/")] = path
    return sources


def asset_sources(site: Site, owners: dict[str, str]) -> dict[str, str]:
    """{site path: file in content/assets}; raise BuildFailed where one would replace a file in owners.

    owners maps a site path to what writes it ("the theme file layouts/static/style.css"); paths
    compare without case, since a site copied to macOS or Windows would clash there.
    """
    taken = {path.casefold(): owner for path, owner in owners.items()}
    copied = {"assets/" + os.path.relpath(p, site.assets_root).replace(os.sep, "/"): p for p in site.assets}
    clashes = [Problem(source, 0, f"clashes with {taken[path.casefold()]}: both would be {path} "
                                  "in the site; rename or move it")
               for path, source in copied.items() if path.casefold() in taken]
    if clashes:
        raise BuildFailed(clashes)
    return copied


def _render(env: jinja2.Environment, template: str, context: dict) -> bytes:
    return env.get_template(template).render(context).encode("utf-8")


def _walk(folder: str) -> list[str]:
    found = []
    for parent, dirs, names in os.walk(folder):
        dirs.sort()
        found += [os.path.join(parent, n) for n in sorted(names) if not n.startswith(".")]
    return found


def _read(path: str) -> bytes:
    with open(path, "rb") as handle:
        return handle.read()
