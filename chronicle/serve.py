"""`build.py serve`: build, serve, rebuild on change, keep the last good site on errors.

Rebuilds run in a background thread on file-system events, reusing the previous build's bodies
and files (Memory), while the server keeps answering from the last good site.
"""
from __future__ import annotations

import errno
import socket
from typing import TextIO

from .errors import BuildFailed, OutputError
from .outputdir import guard_output
from .overlay import BuildStatus, overlay_handler
from .pipeline import Memory, Options, build
from .watch import EventWatcher, reload_browsers, watch_in_background


def rebuild(options: Options, out: TextIO, err: TextIO, status: BuildStatus | None = None,
            memory: Memory | None = None) -> bool:
    """Build once; on errors print them (and keep them in status for the overlay), leave the site as it was."""
    status = status if status is not None else BuildStatus()
    try:
        summary = build(options, lambda message: print(message, file=err, flush=True), memory)
    except OutputError as failure:
        print(failure.format(), file=err)
        status.lines = [failure.format()]
        return False
    except BuildFailed as failure:
        status.lines = [problem.format() for problem in failure.problems]
        for line in status.lines:
            print(line, file=err)
        print("build failed: still serving the last good site", file=err)
        return False
    status.lines = []
    for warning in summary.warnings:
        print(warning.format(), file=err)
    print(summary.line(options.output), file=out, flush=True)
    return True


def serve(options: Options, host: str, port: int, out: TextIO, err: TextIO) -> int:
    """Serve options.output with live reload; rebuild in the background when content or layouts change."""
    from livereload import Server
    from tornado.ioloop import IOLoop

    try:
        guard_output(options.output, options.content, options.layouts)  # never serve or replace a foreign folder
    except OutputError as failure:
        print(failure.format(), file=err)
        return 1
    if problem := port_problem(host, port):
        print(f"error: {problem}", file=err)
        return 1
    status, memory = BuildStatus(), Memory()
    rebuild(options, out, err, status, memory)
    server = Server(watcher=EventWatcher())
    server.SFH = overlay_handler(server.SFH, status)  # errors shown in the browser until a good build
    loop = IOLoop.current()
    watching = watch_in_background([options.content, options.layouts],
                                   lambda: rebuild(options, out, err, status, memory),
                                   lambda: loop.add_callback(reload_browsers))
    print(f"Serving {options.output} on http://{host}:{port}/ (Ctrl+C to stop)", file=out, flush=True)
    try:
        server.serve(root=options.output, host=host, port=port, open_url_delay=None)
    finally:
        watching.set()
    return 0


def port_problem(host: str, port: int) -> str | None:
    """Why the server could not listen on host:port, or None; checked before saying "Serving"."""
    try:
        family = socket.getaddrinfo(host, port, type=socket.SOCK_STREAM)[0][0]
        with socket.socket(family, socket.SOCK_STREAM) as probe:
            probe.setsockopt(socket.SOL_SOCKET, socket.SO_REUSEADDR, 1)  # as the server does
            probe.bind((host, port))
    except OSError as exc:
        if exc.errno == errno.EADDRINUSE:
            return f"port {port} is in use; try --port {port + 1}"
        return f"cannot listen on {host}:{port}: {exc.strerror or exc}"
    return None
