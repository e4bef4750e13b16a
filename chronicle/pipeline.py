"""The build as a list of steps: load -> link -> render -> write."""
from __future__ import annotations

import sys
import time
from dataclasses import replace
from typing import Callable, TextIO

import jinja2

from .content import fields
from .bodies.rendered import render_bodies
from .bodies.cache import BodyCache, body_cache
from .formats.cite import format_works
from .errors import BuildFailed, Problem, errors_in
from .link.site import NO_BASE_URL, link_site
from .content.bodyscan import BodyScans
from .content.load import LoadMemo, load_content
from .output.manifest import Plan, forget_build, plan_build, record_build
from .content.model import Site
from .formats.offline import SW_PATH, service_worker_js
from .output.outputdir import guard_output, locked_output
from .output.progress import Progress
from .render.render import make_environment, render_site, static_dirs, template_problem
from .formats.searchshards import search_files
from .options import Options, Summary  # noqa: F401 (also imported from here)
from .output.write import StagedFiles, Staging, Written, staged_site


def _base_url_refused(problems: list[Problem], config_path: str) -> bool:
    """True if site.yaml's base_url or --base-url was given but refused (an error already names it)."""
    return any(not p.warning and (p.path == "--base-url" or
                                  (p.path == config_path and p.message.startswith("base_url:"))) for p in problems)


def check(options: Options, memo: LoadMemo | None = None,
          scans: BodyScans | None = None) -> tuple[Site, list[Problem]]:
    """Load and link; raise BuildFailed with every problem if any is an error.

    memo and scans: records and body scans `serve` kept from its last load, so only changed
    files are read and scanned again.
    """
    content, problems = load_content(options.content, memo, options.jobs)
    if options.base_url:  # '' means no base URL, as when site.yaml leaves it out
        try:
            fields.url(options.base_url)
        except fields.FieldError as exc:
            problems.append(Problem("--base-url", 0, str(exc)))
    if options.base_url is not None:
        base_url = options.base_url if options.base_url.endswith("/") or not options.base_url else options.base_url + "/"
        content = replace(content, config=replace(content.config, base_url=base_url))
    site, link_problems = link_site(content, include_drafts=options.drafts, scans=scans)
    if _base_url_refused(problems, content.config_path):  # its one error says it all: not 'no base_url' too
        link_problems = [p for p in link_problems if not p.message.startswith(NO_BASE_URL)]
    problems = sorted(problems + link_problems)
    if errors_in(problems):
        raise BuildFailed(problems)
    return site, problems


def render_files(site: Site, layouts: str, staging: Staging, cache: BodyCache | None = None,
                 workers: int | None = None) -> tuple[list[Written], list[str], int]:
    """Render everything the site folder will hold into staging, the search index and service worker included.

    Every file is written as soon as it is made, by the process that made it; what comes back is
    one small Written per file. workers: processes at once (None: one per available core).
    """
    env = make_environment(layouts, reload=False)
    search = search_files(site, workers=workers)  # first: an asset must not take one of its paths
    later = [*search, SW_PATH]
    written = [staging.put(path, search.pop(path)) for path in later[:-1]]  # popped: each dropped once written
    try:
        bodies = render_bodies(site, cache or BodyCache(None), workers)
        format_works(site.works, site.style_path, cache)  # once, before the render processes fork
        rendered = render_site(site, env, static_dirs(layouts), bodies, later, staging.put, workers)
    except jinja2.TemplateError as exc:
        raise BuildFailed([template_problem(exc, layouts)]) from None
    del bodies  # before the service worker reads the site back
    written += rendered.written
    # Last: its manifest lists every other file, read back one at a time (never all in memory).
    worker = service_worker_js(StagedFiles(staging, [w.path for w in written]))
    written.append(staging.put(SW_PATH, worker))
    return list({w.path: w for w in written}.values()), rendered.notes, rendered.pages


def print_to_stderr(message: str) -> None:
    """Where build() says it is waiting for another build, by default."""
    print(message, file=sys.stderr, flush=True)


def build(options: Options, notify: Callable[[str], None] = print_to_stderr,
          status: TextIO | None = None, plan: Plan | None = None) -> Summary:
    """Build the site into options.output; raise BuildFailed and leave it untouched on errors.

    Content problems come first; then the output is checked before anything is touched
    (OutputError if it is not ours to replace), and one build at a time writes it, telling
    `notify` when it has to wait.
    """
    started = time.perf_counter()
    if plan is None:  # the command line plans first, to stop before importing all this
        plan = plan_build(options)
    if plan and plan.unchanged is not None:  # nothing changed since the recorded build: its output stands
        return Summary(**plan.unchanged, seconds=time.perf_counter() - started)
    with Progress(status) as progress:  # a status line on builds past 2 s, when status is a terminal
        site, warnings = check(options)
        target = guard_output(options.output, options.content, options.layouts)  # before the cache beside it
        progress.stage = "rendering"
        # The lock is held from the first file written: another build tidying up would delete our folder.
        with body_cache(target) as cache, locked_output(target, notify):
            with staged_site(target) as staging:
                written, notes, pages = render_files(site, options.layouts, staging, cache, options.jobs)
                progress.stage = "writing"  # the swap, at the end of this block
            summary = Summary(pages, len(written), len(site.events), len(site.people), len(site.places),
                              0.0, tuple(notes), tuple(warnings))
            if plan:  # under the lock, so no other build writes between the swap and the record
                record_build(plan, target, summary)
            else:
                forget_build(options.output)  # a manifest from before no longer describes the output
    return replace(summary, seconds=time.perf_counter() - started)
