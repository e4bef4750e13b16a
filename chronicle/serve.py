"""`build.py serve`: build, serve, rebuild on change, keep the last good site on errors."""
from __future__ import annotations

from typing import TextIO

from .errors import BuildFailed
from .pipeline import Options, build


def rebuild(options: Options, out: TextIO, err: TextIO) -> bool:
    """Build once; on errors print them and leave the served site as it was."""
    try:
        summary = build(options)
    except BuildFailed as failure:
        for problem in failure.problems:
            print(problem.format(), file=err)
        print("build failed: still serving the last good site", file=err)
        return False
    for warning in summary.warnings:
        print(warning.format(), file=err)
    print(summary.line(options.output), file=out, flush=True)
    return True


def serve(options: Options, host: str, port: int, out: TextIO, err: TextIO) -> int:
    """Serve options.output with live reload while watching content and layouts."""
    from livereload import Server

    rebuild(options, out, err)
    server = Server()
    for folder in (options.content, options.layouts):
        server.watch(folder, lambda: rebuild(options, out, err))
    print(f"Serving {options.output} on http://{host}:{port}/ (Ctrl+C to stop)", file=out, flush=True)
    server.serve(root=options.output, host=host, port=port, open_url_delay=None)
    return 0
