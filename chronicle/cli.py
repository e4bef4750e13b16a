"""Command line: build (default), check, serve, new, import, init, archive."""
from __future__ import annotations

import argparse
import os
import sys
from typing import TYPE_CHECKING, TextIO

from .errors import BuildFailed, OutputError, display_path
from .options import DEFAULT_LAYOUTS, Options, Summary
from .commands.version import version

if TYPE_CHECKING:
    from .output.manifest import Plan

COMMANDS = ["build", "check", "serve", "new", "import", "init", "archive"]
VALUE_OPTIONS = ("content", "layouts", "output", "base_url", "host", "date", "lat", "lon", "jobs", "endpoint")
EPILOG = """commands:
  build     (the default) load, link, render, write (atomically) into --output
  check     load and link only; report every problem, write nothing; with --links, also ask
            every source URL whether it still answers (network) and name its archived copy
  serve     build, serve on http://HOST:PORT and rebuild when content/ or layouts/ change;
            a broken edit prints its errors and the last good site stays served
  new       new event TITLE --date DATE | new person NAME | new place NAME [--lat N --lon N]
            | new page TITLE: write a skeleton to content/<events|people|places|pages>/<slug>.md
            (never overwrites); the slug is the title in a-z letters, or --slug SLUG
  import    import timelinejs FILE.json|FILE.csv: write Markdown events into --content; relative
            media files beside FILE are copied into content/assets/, or resolved with --media-base URL
  archive   ask the Wayback Machine for a snapshot of every source URL without `archive` and
            write it into the file (network; --capture asks for a new capture when there is none)
  init      init DIR: create a new site (content, Pages workflow) in an empty folder, or in one
            holding only a new repository's .git, README and LICENSE (e.g. `init .`)

content/, layouts/ and site/ are relative to the current folder (build.py: beside it); without a
layouts/ folder the built-in layouts are used.
Problems print as 'path:line: message'; any error exits 1 and leaves the output untouched.
Set SOURCE_DATE_EPOCH to stamp the feed with that time instead of the latest content date."""


def parser(prog: str) -> argparse.ArgumentParser:
    """The argument parser; its --help documents the whole CLI."""
    p = argparse.ArgumentParser(prog=prog, description="Build a static timeline site from Markdown.",
                                epilog=EPILOG, formatter_class=argparse.RawDescriptionHelpFormatter)
    p.add_argument("command", nargs="?", default="build", choices=COMMANDS)
    p.add_argument("args", nargs="*", help="new: KIND TITLE; import: timelinejs FILE; init: DIR")
    p.add_argument("--content", help="content folder (default: content/)")
    p.add_argument("--layouts", help="templates and static files (default: layouts/ if present, else built in)")
    p.add_argument("--output", help="output folder (default: site/)")
    p.add_argument("--drafts", action="store_true", help="include events marked 'draft: true'")
    p.add_argument("--base-url", help="published URL, e.g. https://user.github.io/repo/ (overrides site.yaml)")
    p.add_argument("--jobs", metavar="N", help="build, check: processes at once (default: one per core it may use)")
    p.add_argument("--port", type=port_number, default=8000, help="serve: port, 1-65535 (default 8000)")
    p.add_argument("--host", default="127.0.0.1", help="serve: host (default 127.0.0.1)")
    p.add_argument("--date", help="new event: its date, e.g. 1958-11-28")
    p.add_argument("--lat", help="new place: latitude, e.g. 39.03")
    p.add_argument("--lon", help="new place: longitude, e.g. 125.75")
    p.add_argument("--slug", help="new: the file's slug (default: from the title), e.g. panmunjom")
    p.add_argument("--links", action="store_true", help="check: also check that source URLs still answer (network)")
    p.add_argument("--capture", action="store_true", help="archive: ask for a new capture where there is none")
    p.add_argument("--endpoint", help="archive, check --links: the Wayback availability API "
                                      "(default https://archive.org/wayback/available)")
    p.add_argument("--media-base", metavar="URL", default="",
                   help="import: the address relative media are resolved against, e.g. https://example.org/timeline/")
    p.add_argument("--version", action="store_true", help="print the version and exit")
    return p


def port_number(text: str) -> int:
    """--port as a TCP port: a whole number up to 65535 (the socket layer raises past it); 0 lets the system choose."""
    try:
        number = int(text)
    except ValueError:
        raise argparse.ArgumentTypeError(f"{text[:20]!r} is not a whole number 1-65535") from None
    if not 0 <= number <= 65535:
        raise argparse.ArgumentTypeError(f"{number} is not a port: use 1-65535")
    return number


def options_from(args: argparse.Namespace, project: str, jobs: int | None = None) -> Options:
    """Paths as given, else the defaults inside project; layouts fall back to the built-in ones."""
    layouts = os.path.join(project, "layouts")
    if not os.path.isdir(layouts):
        layouts = DEFAULT_LAYOUTS
    return Options(args.content or os.path.join(project, "content"), args.layouts or layouts,
                   args.output or os.path.join(project, "site"), args.drafts, args.base_url, jobs)


def jobs_from(value: str | None) -> int | None:
    """--jobs N as a number of processes, 1 or more; None when not given. ValueError otherwise."""
    if value is None:
        return None
    if not value.strip().isdigit() or int(value) < 1:
        raise ValueError(f"error: --jobs takes a whole number of processes, 1 or more (got '{value}')")
    return int(value)


def main(argv: list[str] | None = None, out: TextIO = sys.stdout, err: TextIO = sys.stderr,
         project: str | None = None, prog: str = "chronicle") -> int:
    """Run the CLI with defaults inside project (None: the current folder); return the exit code."""
    args = parser(prog).parse_args(argv)
    if args.version:
        print(f"chronicle {version()}", file=out)
        return 0
    if flag := next((f for f in VALUE_OPTIONS if isinstance(getattr(args, f), list)), None):
        print(f"{prog}: --{flag.replace('_', '-')}: '--' is not a value", file=err)  # argparse turns it into []
        return 2
    try:
        jobs = jobs_from(args.jobs)
    except ValueError as bad:
        print(bad, file=err)
        return 2
    options = options_from(args, project or os.curdir, jobs)
    if args.layouts is not None and not os.path.isdir(args.layouts):  # else the built-in layouts, silently
        what = "is not a folder" if os.path.exists(args.layouts) else "no such folder"
        print(f"{display_path(args.layouts)}: --layouts: {what}", file=err)
        return 1
    if args.command in ("new", "import", "init"):
        return run_writer(args, options.content, prog, out, err)
    if not os.path.isdir(options.content):  # most likely a new user outside any site
        print(f"error: no content folder {display_path(options.content)}/ here; run `chronicle init DIR` to "
              "create a site (or `chronicle init .`), or cd into one", file=err)
        return 1
    if args.command == "serve":
        from .serve.server import serve  # livereload is only needed here
        return serve(options, args.host, args.port, out, err)
    if args.args:
        print(f"{prog}: unexpected argument '{args.args[0]}'", file=err)
        return 2
    if args.command == "archive":
        from .commands.archive import run_archive  # the network, only when asked for
        return run_archive(options.content, args.endpoint, args.capture, out, err)
    if args.command == "check":
        code = run_check(options, out, err)
        if code == 0 and args.links:
            from .commands.archive import run_link_check
            return run_link_check(options.content, out, err)
        return code
    return run_build(options, out, err)


def run() -> int:
    """The installed `chronicle` script and `python -m chronicle`: paths relative to the current folder."""
    return main(prog="chronicle")


def run_build(options: Options, out: TextIO, err: TextIO) -> int:
    """Build once and print the problems or the summary."""
    try:
        summary, plan = unchanged_build(options)
        if summary is None:
            from .pipeline import build
            summary = build(options, status=err, plan=plan)  # a status line on long builds, if a terminal
    except OutputError as failure:  # the output folder, not the content: one line, nothing to count
        print(failure.format(), file=err)
        return 1
    except BuildFailed as failure:
        return report_failure(failure, err)
    for warning in summary.warnings:
        print(warning.format(), file=err)
    for note in summary.notes:
        print(note, file=out)
    print(summary.line(display_path(options.output)), file=out)
    return 0


def run_check(options: Options, out: TextIO, err: TextIO) -> int:
    """Load and link only."""
    from .pipeline import check
    try:
        site, warnings = check(options)
    except BuildFailed as failure:
        return report_failure(failure, err)
    for warning in warnings:
        print(warning.format(), file=err)
    print(f"OK: {len(site.events)} events, {len(site.people)} people, {len(site.places)} places", file=out)
    return 0


def unchanged_build(options: Options) -> tuple[Summary | None, Plan | None]:
    """(the recorded summary, the plan) when nothing changed since the last build, else (None, the
    plan for the full build). Found without importing the generator (Markdown, Jinja2, the page
    makers), whose imports were most of a no-change run's time."""
    import time

    from .output.manifest import plan_build
    started = time.perf_counter()
    plan = plan_build(options)
    if plan is None or plan.unchanged is None:
        return None, plan
    return Summary(**plan.unchanged, seconds=time.perf_counter() - started), plan


def report_failure(failure: BuildFailed, err: TextIO) -> int:
    """Print every problem, sorted, then a count; exit code 1."""
    for problem in failure.problems:
        print(problem.format(), file=err)
    errors = sum(not p.warning for p in failure.problems)
    print(f"build failed: {errors} error{'s' if errors != 1 else ''}; nothing was written", file=err)
    return 1


def run_writer(args: argparse.Namespace, content_dir: str, prog: str, out: TextIO, err: TextIO) -> int:
    """The commands that write source files: new, import, init."""
    from .commands import scaffold
    if args.command == "new":
        if len(args.args) != 2 or args.args[0] not in scaffold.KIND_FOLDERS:
            print(f"usage: {prog} new event TITLE --date DATE | person NAME | place NAME [--lat N --lon N]"
                  " | page TITLE [--slug SLUG]", file=err)
            return 2
        new = scaffold.NewOptions(args.args[0], args.args[1], args.date, args.lat, args.lon, args.slug)
        return scaffold.run_new(content_dir, new, out, err)
    if args.command == "init":
        if len(args.args) != 1:
            print(f"usage: {prog} init DIR", file=err)
            return 2
        if problem := init_name_problem(args.args[0]):
            print(f"{prog} init: {problem}", file=err)
            return 2
        return scaffold.run_init(args.args[0], out, err)
    return run_import(args.args, content_dir, prog, out, err, args.media_base)


def init_name_problem(name: str) -> str | None:
    """Why init cannot take this folder name, or None: the site's title is made from it."""
    from .content.fields import FieldError, show, text
    if not name.strip():  # '' would mean the current folder
        return "the folder name is empty; give one, e.g. chronicle init my-timeline"
    try:
        text(name)
    except FieldError as exc:
        return f"the folder name {show(name)} {exc.args[0]}"
    return None



def run_import(args: list[str], content_dir: str, prog: str, out: TextIO, err: TextIO, media_base: str = "") -> int:
    """`import timelinejs FILE`: write events from a TimelineJS file into the content folder."""
    if len(args) != 2 or args[0] != "timelinejs":
        print(f"usage: {prog} import timelinejs FILE.json|FILE.csv [--content DIR]", file=err)
        return 2
    from .importing.command import run_import as import_timelinejs
    return import_timelinejs(args[0], args[1], content_dir, out, err, media_base)
