"""The build as a list of steps: load -> link -> render -> write."""
from __future__ import annotations

import sys
import time
from dataclasses import dataclass, field, replace
from typing import Callable, Mapping, TextIO

import jinja2

from . import fields
from .bodies import render_bodies
from .cache import BodyCache, body_cache
from .errors import BuildFailed, Problem, errors_in
from .link import link_site
from .bodyscan import BodyScans
from .load import LoadMemo, load_content
from .manifest import Plan, forget_build, plan_build, record_build
from .model import Site
from .offline import SW_PATH, service_worker_js
from .outputdir import guard_output, locked_output
from .progress import Progress
from .render import make_environment, render_site, static_dirs, template_problem
from .searchshards import search_files
from .options import Options, Summary  # noqa: F401 (also imported from here)
from .write import StagedFiles, Staging, Written, staged_site


@dataclass
class Memory:
    """What `serve` keeps between its builds: rendered bodies by key, and the files last written.

    Mutable on purpose: one long-running process hands the same Memory to every rebuild.
    """

    bodies: dict[str, str] = field(default_factory=dict)
    files: dict[str, bytes] = field(default_factory=dict)


def check(options: Options, memo: LoadMemo | None = None,
          scans: BodyScans | None = None) -> tuple[Site, list[Problem]]:
    """Load and link; raise BuildFailed with every problem if any is an error.

    memo and scans: records and body scans `serve` kept from its last load, so only changed
    files are read and scanned again.
    """
    content, problems = load_content(options.content, memo)
    if options.base_url:  # '' means no base URL, as when site.yaml leaves it out
        try:
            fields.url(options.base_url)
        except fields.FieldError as exc:
            problems.append(Problem("--base-url", 0, str(exc)))
    if options.base_url is not None:
        base_url = options.base_url if options.base_url.endswith("/") or not options.base_url else options.base_url + "/"
        content = replace(content, config=replace(content.config, base_url=base_url))
    site, link_problems = link_site(content, include_drafts=options.drafts, scans=scans)
    problems = sorted(problems + link_problems)
    if errors_in(problems):
        raise BuildFailed(problems)
    return site, problems


def render_files(site: Site, layouts: str, staging: Staging,
                 cache: BodyCache | None = None) -> tuple[list[Written], list[str], int]:
    """Render everything the site folder will hold into staging, the search index and service worker included.

    Every file is written as soon as it is made, by the process that made it; what comes back is
    one small Written per file (with its bytes only when staging keeps them).
    """
    env = make_environment(layouts, reload=False)
    search = search_files(site)  # first: an asset must not take one of its paths
    later = [*search, SW_PATH]
    written = [staging.put(path, search.pop(path)) for path in later[:-1]]  # popped: each dropped once written
    try:
        bodies = render_bodies(site, cache or BodyCache(None))
        rendered = render_site(site, env, static_dirs(layouts), bodies, later, staging.put)
    except jinja2.TemplateError as exc:
        raise BuildFailed([template_problem(exc, layouts)]) from None
    del bodies  # before the service worker reads the site back
    written += rendered.written
    worker = service_worker_js(_files_of(staging, written))  # last: its manifest lists every other file
    written.append(staging.put(SW_PATH, worker))
    return list({w.path: w for w in written}.values()), rendered.notes, rendered.pages


def _files_of(staging: Staging, written: list[Written]) -> Mapping[str, bytes]:
    """The files written so far by path: the kept bytes, or else read back from staging when asked."""
    if staging.keep:
        return {w.path: w.data for w in written}
    return StagedFiles(staging, [w.path for w in written])


def print_to_stderr(message: str) -> None:
    """Where build() says it is waiting for another build, by default."""
    print(message, file=sys.stderr, flush=True)


def build(options: Options, notify: Callable[[str], None] = print_to_stderr,
          memory: Memory | None = None, status: TextIO | None = None, plan: Plan | None = None) -> Summary:
    """Build the site into options.output; raise BuildFailed and leave it untouched on errors.

    Content problems come first; then the output is checked before anything is touched
    (OutputError if it is not ours to replace), and one build at a time writes it, telling
    `notify` when it has to wait.
    """
    started = time.perf_counter()
    if plan is None and memory is None:  # serve keeps its own memory between builds; cli may have planned
        plan = plan_build(options)
    if plan and plan.unchanged is not None:  # nothing changed since the recorded build: its output stands
        return Summary(**plan.unchanged, seconds=time.perf_counter() - started)
    with Progress(status) as progress:  # a status line on builds past 2 s, when status is a terminal
        site, warnings = check(options)
        target = guard_output(options.output, options.content, options.layouts)  # before the cache beside it
        progress.stage = "rendering"
        # The lock is held from the first file written: another build tidying up would delete our folder.
        with body_cache(target, memory.bodies if memory else None) as cache, locked_output(target, notify):
            with staged_site(target, memory.files if memory else None, keep=memory is not None) as staging:
                written, notes, pages = render_files(site, options.layouts, staging, cache)
                progress.stage = "writing"  # the swap, at the end of this block
            summary = Summary(pages, len(written), len(site.events), len(site.people), len(site.places),
                              0.0, tuple(notes), tuple(warnings))
            if plan:  # under the lock, so no other build writes between the swap and the record
                record_build(plan, target, summary)
            else:
                forget_build(options.output)  # a manifest from before no longer describes the output
    if memory:
        memory.files = {w.path: w.data for w in written}
    return replace(summary, seconds=time.perf_counter() - started)
