"""`build.py serve`: build, serve, rebuild on change, keep the last good site on errors."""
from __future__ import annotations

import errno
import socket
from typing import TextIO

from .errors import BuildFailed, OutputError
from .outputdir import guard_output
from .pipeline import Options, build


def rebuild(options: Options, out: TextIO, err: TextIO) -> bool:
    """Build once; on errors print them and leave the served site as it was."""
    try:
        summary = build(options, lambda message: print(message, file=err, flush=True))
    except OutputError as failure:
        print(failure.format(), file=err)
        return False
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

    try:
        guard_output(options.output, options.content, options.layouts)  # never serve or replace a foreign folder
    except OutputError as failure:
        print(failure.format(), file=err)
        return 1
    if problem := port_problem(host, port):
        print(f"error: {problem}", file=err)
        return 1
    rebuild(options, out, err)
    server = Server()
    for folder in (options.content, options.layouts):
        server.watch(folder, lambda: rebuild(options, out, err))
    print(f"Serving {options.output} on http://{host}:{port}/ (Ctrl+C to stop)", file=out, flush=True)
    server.serve(root=options.output, host=host, port=port, open_url_delay=None)
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
