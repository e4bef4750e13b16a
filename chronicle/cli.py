"""Command line: build (default), check, serve, import."""
from __future__ import annotations

import argparse
import os
import sys
from typing import TextIO

from .errors import BuildFailed, OutputError, display_path
from .pipeline import Options, build, check

HERE = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))
EPILOG = """commands:
  (none)    build the site: load, link, render, write (atomically) into --output
  check     load and link only; report every problem, write nothing
  serve     build, serve on http://HOST:PORT and rebuild when content/ or layouts/ change;
            a broken edit prints its errors and the last good site stays served
  import    import timelinejs FILE.json|FILE.csv: write Markdown events into --content

Problems print as 'path:line: message'; any error exits 1 and leaves the output untouched.
Set SOURCE_DATE_EPOCH to stamp the feed with that time instead of the latest content date."""


def parser() -> argparse.ArgumentParser:
    """The argument parser; its --help documents the whole CLI."""
    p = argparse.ArgumentParser(prog="build.py", description="Build a static timeline site from Markdown.",
                                epilog=EPILOG, formatter_class=argparse.RawDescriptionHelpFormatter)
    p.add_argument("command", nargs="?", default="build", choices=["build", "check", "serve", "import"])
    p.add_argument("args", nargs="*", help="for import: the format (timelinejs) and the FILE")
    p.add_argument("--content", default=os.path.join(HERE, "content"), help="content folder (default: content/)")
    p.add_argument("--layouts", default=os.path.join(HERE, "layouts"), help="templates and static files (default: layouts/)")
    p.add_argument("--output", default=os.path.join(HERE, "site"), help="output folder (default: site/)")
    p.add_argument("--drafts", action="store_true", help="include events marked 'draft: true'")
    p.add_argument("--base-url", help="published URL, e.g. https://user.github.io/repo/ (overrides site.yaml)")
    p.add_argument("--port", type=int, default=8000, help="serve: port (default 8000)")
    p.add_argument("--host", default="127.0.0.1", help="serve: host (default 127.0.0.1)")
    return p


def main(argv: list[str] | None = None, out: TextIO = sys.stdout, err: TextIO = sys.stderr) -> int:
    """Run the CLI; return the exit code."""
    args = parser().parse_args(argv)
    options = Options(args.content, args.layouts, args.output, args.drafts, args.base_url)
    if args.command == "import":
        return run_import(args.args, args.content, out, err)
    if args.command == "serve":
        from .serve import serve  # livereload is only needed here
        return serve(options, args.host, args.port, out, err)
    if args.args:
        print(f"build.py: unexpected argument '{args.args[0]}'", file=err)
        return 2
    return run_check(options, out, err) if args.command == "check" else run_build(options, out, err)


def run_build(options: Options, out: TextIO, err: TextIO) -> int:
    """Build once and print the problems or the summary."""
    try:
        summary = build(options)
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
    try:
        site, warnings = check(options)
    except BuildFailed as failure:
        return report_failure(failure, err)
    for warning in warnings:
        print(warning.format(), file=err)
    print(f"OK: {len(site.events)} events, {len(site.people)} people, {len(site.places)} places", file=out)
    return 0


def report_failure(failure: BuildFailed, err: TextIO) -> int:
    """Print every problem, sorted, then a count; exit code 1."""
    for problem in failure.problems:
        print(problem.format(), file=err)
    errors = sum(not p.warning for p in failure.problems)
    print(f"build failed: {errors} error{'s' if errors != 1 else ''}; nothing was written", file=err)
    return 1


def run_import(args: list[str], content_dir: str, out: TextIO, err: TextIO) -> int:
    """`import timelinejs FILE`: write events from a TimelineJS file into the content folder."""
    if len(args) != 2 or args[0] != "timelinejs":
        print("usage: build.py import timelinejs FILE.json|FILE.csv [--content DIR]", file=err)
        return 2
    from .importer import run_import as import_timelinejs
    return import_timelinejs(args[0], args[1], content_dir, out, err)
