"""What keeps `serve` alive and private: no thread dies silently, and only its own host names are answered.

Every thread of `serve` (the watcher, the update it runs, the warm-up, the background build of
site/) reports an unexpected exception the way a broken build is reported: one line in the
terminal and in the browser's overlay. Then it goes on, so fixing the file updates the page.

A page of another site can make a browser send requests here under its own host name (DNS
rebinding) and read the answers; requests whose Host header is not this server's are refused.
"""
from __future__ import annotations

import ipaddress
import threading
from typing import Callable, TextIO, TypeVar

from .overlay import BuildStatus

T = TypeVar("T")
LOCAL_NAMES = ("localhost", "127.0.0.1", "[::1]")
_WILDCARDS = ("", "0.0.0.0", "::")  # listening on every interface: reached by any of its addresses


def crash_line(what: str, exc: BaseException) -> str:
    """One line naming the step that failed and the exception (a bug in chronicle: worth reporting)."""
    message = " ".join(str(exc).split())[:300] or "no message"
    return f"error: serve: {what} failed ({type(exc).__name__}: {message}); still watching; please report this"


def report_crash(what: str, exc: BaseException, status: BuildStatus, err: TextIO) -> None:
    """Show the failure in the overlay and the terminal."""
    line = crash_line(what, exc)
    status.lines = [line]
    print(line, file=err, flush=True)


def guarded(what: str, step: Callable[..., T], status: BuildStatus, err: TextIO,
            failed: T = None) -> Callable[..., T]:
    """step, reporting any exception (and returning failed) instead of ending the thread that runs it."""
    def run(*args: object) -> T:
        try:
            return step(*args)
        except Exception as exc:  # noqa: BLE001 (any bug: reported, and the thread goes on)
            report_crash(what, exc, status, err)
            return failed
    return run


def host_allowed(header: str, host: str, port: int) -> bool:
    """True if a Host header names this server: its bound name, a local name or (on every interface) an IP."""
    name, given_port = _split_host(header.strip().lower())
    if given_port != str(port) and not (given_port == "" and port == 80):
        return False
    bound = f"[{host.lower()}]" if ":" in host else host.lower()
    if name in (bound, *LOCAL_NAMES):
        return True
    return host in _WILDCARDS and _is_ip(name)  # a rebinding attack needs a name, never an address


def _split_host(header: str) -> tuple[str, str]:
    """('name', 'port') from 'name:port', '[::1]:port' or a bare name ('' for a missing port)."""
    if header.startswith("["):
        close = header.find("]") + 1
        name, rest = header[:close], header[close:]
        return (name, rest[1:]) if rest.startswith(":") or not rest else ("", "?")
    name, _, given_port = header.partition(":")
    return name, given_port


def _is_ip(name: str) -> bool:
    try:
        ipaddress.ip_address(name.removeprefix("[").removesuffix("]"))
    except ValueError:
        return False
    return True


def report_thread_crashes(status: BuildStatus, err: TextIO) -> None:
    """The last resort for an exception no guard caught: one line, no traceback, in the overlay too."""
    def hook(args: threading.ExceptHookArgs) -> None:
        if not issubclass(args.exc_type, SystemExit):
            what = args.thread.name if args.thread else "a thread"
            report_crash(what, args.exc_value or args.exc_type(), status, err)
    threading.excepthook = hook
